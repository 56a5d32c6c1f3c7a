"""The caption of every kind of step, in zh and en (data, not logic).

Each template is formatted with named fields; ``caption(kind, **fields)`` returns both
languages so a frame can be shown in either and switched at run time.
"""

from __future__ import annotations

from collections.abc import Mapping

TEMPLATES: dict[str, dict[str, str]] = {
    "start": {
        "en": "The graph of {output}: {n} op(s). Leaves hold their values; step forward to "
              "evaluate one op at a time.",
        "zh": "{output} 的计算图：共 {n} 个运算。叶子节点已有值；单步前进，一次计算一个运算。",
    },
    "formula": {
        "en": "Explicit construction: the formula for {output} comes first — {n} op(s), every "
              "node a placeholder, no value anywhere yet.",
        "zh": "显式构造：先给出 {output} 的公式——{n} 个运算，每个节点都只是占位符，还没有任何值。",
    },
    "feed": {
        "en": "Now the values are fed in: the inputs get numbers, and the same graph is "
              "evaluated op by op.",
        "zh": "现在才给值：输入得到数值，再沿着同一张图逐个运算求值。",
    },
    "record": {
        "en": "Implicit construction (PyTorch): there is no graph yet, only the inputs. Each "
              "op adds its node while it computes — {n} op(s) will build the graph of {output}.",
        "zh": "隐式构造（PyTorch 的方式）：一开始没有图，只有输入。每个运算在计算的同时把自己的节点"
              "加进图里——{n} 个运算会搭出 {output} 的计算图。",
    },
    "fm_start": {
        "en": "Forward mode: {n} pass(es), one per input. Each pass carries a tangent ṫ = "
              "∂t/∂xᵢ forward with the values; nothing is stored for a backward pass.",
        "zh": "前向模式：共 {n} 次遍历，每个输入一次。每次遍历把切向量 ṫ = ∂t/∂xᵢ 和值一起向前推，"
              "不需要为反向保存任何东西。",
    },
    "fm_seed": {
        "en": "Pass {i}/{n}: seed ẋ = 1 on {name}, 0 on the other inputs.",
        "zh": "第 {i}/{n} 次遍历：在 {name} 上置 ẋ = 1，其余输入为 0。",
    },
    "fm_op": {
        "en": "Pass {i}: {expr} → {out} = {value}; its tangent (chain rule forward) "
              "ṫ = {tangent}.",
        "zh": "第 {i} 次遍历：{expr} → {out} = {value}；它的切向量（链式法则向前）ṫ = {tangent}。",
    },
    "fm_done": {
        "en": "Pass {i} done: column {i} of the Jacobian, {column}.",
        "zh": "第 {i} 次遍历完成：雅可比矩阵的第 {i} 列，{column}。",
    },
    "empty": {
        "en": "{output} was not computed by any op: it is a leaf, a graph of one node.",
        "zh": "{output} 不是由运算得到的：它是叶子节点，整张图只有这一个节点。",
    },
    "forward": {
        "en": "Forward {i}/{n}: {expr}  ({formula})  →  {out} = {value}",
        "zh": "前向 {i}/{n}：{expr}（{formula}）→ {out} = {value}",
    },
    "cut": {
        "en": "  ✂ {out} does not require grad: no gradient flows back through here "
              "(detach() or no_grad()).",
        "zh": "  ✂ {out} 不需要梯度：梯度不会从这里往回传（detach() 或 no_grad()）。",
    },
    "cut_detach": {
        "en": "  ✂ {out} = {src}.detach(): the same values, but cut from the graph — no "
              "gradient flows back from {out} to {src}.",
        "zh": "  ✂ {out} = {src}.detach()：值相同，但已从计算图上剪断——梯度不会从 {out} "
              "传回 {src}。",
    },
    "seed": {
        "en": "Backward pass {p}: start at {root} with ∂{root}/∂{root} = {seed}.",
        "zh": "第 {p} 次反向传播：从 {root} 出发，∂{root}/∂{root} = {seed}。",
    },
    "seed_accumulate": {
        "en": " {leaves} already hold a gradient from an earlier backward(): the new one "
              "will be added to it.",
        "zh": " {leaves} 里已有上一次 backward() 留下的梯度：新的梯度会累加上去。",
    },
    "backward": {
        "en": "Backward: {grad_fn} receives upstream ∂{root}/∂{out} = {upstream}. {parts}",
        "zh": "反向：{grad_fn} 收到上游梯度 ∂{root}/∂{out} = {upstream}。{parts}",
    },
    "part": {
        "en": "{local}, times upstream {upstream} = {product}",
        "zh": "{local}，乘以上游 {upstream} = {product}",
    },
    "part_none": {
        "en": "{arg} does not require grad: nothing is sent",
        "zh": "{arg} 不需要梯度：不传梯度",
    },
    "reduce": {
        "en": "Broadcasting: the product for {name} has shape {before} but {name} has shape "
              "{after}, so it is summed over the broadcast dimensions → {value}.",
        "zh": "广播：传给 {name} 的乘积形状是 {before}，而 {name} 的形状是 {after}，"
              "所以沿被广播的维度求和 → {value}。",
    },
    "accumulate": {
        "en": "{name} is used more than once: its gradients add up, {old} + {new} = {total}.",
        "zh": "{name} 被使用了不止一次：梯度相加，{old} + {new} = {total}。",
    },
    "accumulate_grad": {
        "en": "{name}.grad already held {old} from an earlier backward(): it adds up, "
              "{old} + {new} = {total}.",
        "zh": "{name}.grad 里已有上一次 backward() 的 {old}：梯度累加，{old} + {new} = {total}。",
    },
    "done": {
        "en": "Backward pass {p} done: {grads}.",
        "zh": "第 {p} 次反向传播完成：{grads}。",
    },
    "failed": {
        "en": "Backward pass {p} from {root} failed — the engine raised: {error} "
              "Nothing was added to any .grad: the gradients stay as they were.",
        "zh": "从 {root} 出发的第 {p} 次反向传播失败——引擎报错：{error} "
              "没有任何 .grad 被累加：梯度保持原样。",
    },
    "failed_start": {
        "en": "Backward pass {p} failed before it started — the engine raised: {error} "
              "The gradients stay as they were.",
        "zh": "第 {p} 次反向传播还没开始就失败了——引擎报错：{error} 梯度保持原样。",
    },
    "done_accumulated": {
        "en": " {name}.grad accumulated: {before} (before) + {delta} (this pass). Call "
              "{name}.grad.zero_() to start from zero.",
        "zh": " {name}.grad 累积了：{before}（之前）+ {delta}（本次）。调用 {name}.grad.zero_() "
              "可清零。",
    },
}

JOINER = {"en": "; ", "zh": "；"}
LANGS = ("en", "zh")


class Lazy:
    """A caption field computed only when a caption is first shown (thousands are never)."""

    __slots__ = ("fn", "args", "_text")

    def __init__(self, fn, *args):
        self.fn, self.args, self._text = fn, args, None

    def __str__(self) -> str:
        if self._text is None:
            self._text = str(self.fn(*self.args))
        return self._text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class Caption(Mapping):
    """Both languages of a caption, formatted on first use: ``cap["zh"]``, ``cap.get("en")``."""

    __slots__ = ("_parts", "_sep", "_done")

    def __init__(self, parts: tuple, sep: dict[str, str] | None = None):
        self._parts, self._sep, self._done = parts, sep, {}

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        text = self._done.get(lang)
        if text is None:
            pieces = [p[lang] if isinstance(p, Mapping) else TEMPLATES[p[0]][lang].format(**p[1])
                      for p in self._parts]
            text = (self._sep[lang] if self._sep else "").join(pieces)
            self._done[lang] = text
        return text

    def __iter__(self):
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)


def caption(kind: str, **fields: object) -> Caption:
    """Both languages of one caption (fields may be ``Lazy``)."""
    return Caption(((kind, fields),))


def join(parts: list, sep: dict[str, str] | None = None) -> Caption:
    """Concatenate captions language by language."""
    return Caption(tuple(parts), sep)
