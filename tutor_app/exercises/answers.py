"""Read answers typed as text — numbers, axes, shapes, choices — the way learners write them.

Nothing here executes anything: a typed shape or a sentence is parsed, never run. Each
parser returns ``None`` when the text is not of its kind, so a checker can fall back to
treating the answer as code.
"""

from __future__ import annotations

import re
import unicodedata

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_EN_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_EN_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4}
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def normalise(text: str) -> str:
    """Full-width forms to ASCII (（３，４）→ (3,4)), × to x, lower case, trimmed."""
    text = unicodedata.normalize("NFKC", text or "")
    for wide, narrow in (("×", "x"), ("✕", "x"), ("⨯", "x"), ("、", ","), ("，", ","),
                         ("；", ";"), ("−", "-"), ("–", "-"), ("。", "."), ("：", ":")):
        text = text.replace(wide, narrow)
    return text.strip().lower()


def _strip_sentence(text: str) -> str:
    """Drop framing words learners add around a short answer ("答：", "it is", a full stop)."""
    text = re.sub(r"^(答案?|answer|ans|结果|输出|result|output)\s*[:=是为]?\s*", "", text)
    text = re.sub(r"^(yes|no|对|是的|不是|it\s+is|it's|is|the\s+answer\s+is|是|为)[\s,.!]*",
                  "", text)
    return text.strip().rstrip(".!。")


def _without_asides(text: str) -> str:
    """Remarks in brackets at the end are the learner's explanation, not the answer:
    ``2（第 0 轴的长度）`` → ``2``."""
    return re.sub(r"\s*[\(\[][^\(\)\[\]]*[a-z\u4e00-\u9fff][^\(\)\[\]]*[\)\]]\s*$", "",
                  text).strip()


_SAYS = r"==|=|→|->|是|为|等于|\bis\b|\breturns\b|\bgives\b|输出|:"


def parse_number(text: str) -> float | None:
    """A number as learners write it: ``7``, ``7.0``, ``-4``, ``答：7``, ``tensor(7.)``,
    ``七``, ``2（第 0 轴的长度）``, ``len(X) = 2``, ``it returns 2``."""
    t = _strip_sentence(normalise(text))
    for candidate in (t, _without_asides(t), re.split(_SAYS, _without_asides(t))[-1]):
        number = _plain_number(_strip_sentence(candidate.strip()))
        if number is not None:
            return number
    unit = re.fullmatch(rf"({_NUMBER})\s*(?:[a-z]{{2,}}|[\u4e00-\u9fff])[^\d+\-*/=<>]*", t)
    if unit:  # "6 ops", "6 个", "7 blocks"
        return float(unit.group(1))
    label = re.fullmatch(
        rf"(?:[a-z]{{2,}}|[\u4e00-\u9fff])[^\d+\-*/=<>()]{{0,20}}?\s*({_NUMBER})", t)
    if label:  # "area 5", "面积 5"
        return float(label.group(1))
    grouped = re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", t)
    return float(t.replace(",", "")) if grouped else None  # 5,505,024


def _plain_number(t: str) -> float | None:
    t = re.sub(r"^tensor\((.*)\)$", r"\1", t).strip()
    if re.fullmatch(_NUMBER, t):
        return float(t)
    fraction = re.fullmatch(rf"({_NUMBER})\s*/\s*({_NUMBER})", t)  # 1/4, -3/2
    if fraction and float(fraction.group(2)) != 0:
        return float(fraction.group(1)) / float(fraction.group(2))
    if t in _EN_WORDS:
        return float(_EN_WORDS[t])
    if len(t) == 1 and t in _CN_DIGITS:
        return float(_CN_DIGITS[t])
    return None


def parse_pair(text: str) -> tuple[float, ...] | None:
    """Numbers separated by commas/spaces, in brackets or not, maybe labelled:
    ``(4, -4)``, ``4，-4``, ``k=4, b=-4``, or a line ``y = 4x - 4`` read as ``(k, b)``."""
    t = _strip_sentence(normalise(text))
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        return None  # 5,505,024 is one number with its thousands marked
    line = parse_line(t)
    if line is not None:
        return line
    t = re.sub(r"\b[a-z]\w*\s*[=:]\s*", " ", t)  # k=4, b=-4
    t = re.sub(r"^\s*(tensor\(|\(|\[)|(\)|\])\s*$", "", t).strip()
    t = re.sub(r"^(tensor\(|\(|\[)|(\)|\])$", "", t).strip()
    parts = [p for p in re.split(r"[,;\s]+", t) if p]
    if len(parts) < 2 or not all(re.fullmatch(_NUMBER, p) for p in parts):
        return None
    return tuple(float(p) for p in parts)


def parse_line(text: str) -> tuple[float, float] | None:
    """A straight line written as an equation: ``y = 4x - 4``, ``y=4*x-4`` → ``(4, -4)``."""
    t = normalise(text).replace(" ", "")
    m = re.fullmatch(rf"y=({_NUMBER}|[-+]?)\*?x(?:([-+])({_NUMBER[3:]}))?", t)
    if not m:
        return None
    slope = {"": 1.0, "+": 1.0, "-": -1.0}.get(m.group(1))
    k = float(m.group(1)) if slope is None else slope
    b = 0.0 if m.group(2) is None else float(m.group(2) + m.group(3))
    return k, b


def _axis_number(token: str) -> int | None:
    token = token.strip()
    if re.fullmatch(r"-?\d+", token):
        return int(token)
    if token in _EN_WORDS:
        return _EN_WORDS[token]
    if token in _CN_DIGITS:
        return _CN_DIGITS[token]
    return None


_AXIS_WORDS = r"(?:axis|axes|dim|dimension|dimensions|dims)"
_CN_AXIS = r"(?:个?轴|维度?|个维度|号轴)"


def parse_axis(text: str) -> int | None:
    """An axis named as learners name it, in zh or en, alone or inside a sentence.

    Index forms: ``0``, ``axis 0``, ``axis=0``, ``dim 0``, ``第0维``, ``0轴``, ``轴0``,
    ``X.shape[0]``. Ordinal forms (counting from one): ``the first axis``, ``第一个轴``.
    Position words: ``the outermost axis``/``最外层`` (0), ``the last axis``/``最内层`` (-1).
    A sentence naming two different axes is not read; ``False``/``True`` are not axes.
    """
    t = _strip_sentence(normalise(text))
    if t in ("true", "false", ""):
        return None
    whole = re.fullmatch(r"-?\d+", _without_asides(t))
    if whole:
        return int(whole.group(0))
    found = {axis for pattern, read in _AXIS_PATTERNS for axis in _all(pattern, read, t)}
    return found.pop() if len(found) == 1 else None


def _all(pattern: str, read, text: str) -> list[int]:
    return [value for m in re.finditer(pattern, text) if (value := read(m)) is not None]


def _ordinal_cn(m) -> int | None:
    n = _CN_DIGITS.get(m.group(1))
    return None if n is None else max(n - 1, 0)


_AXIS_PATTERNS = [
    (r"outermost|最外层|最外面|最外边|最外的", lambda m: 0),
    (r"innermost|last\s+(?:axis|dim)|最内层|最里层|最后一?个?(?:轴|维)", lambda m: -1),
    (rf"(?<![a-z]){_AXIS_WORDS}\s*[=:]?\s*(-?\d+|{'|'.join(_EN_WORDS)})\b",
     lambda m: _axis_number(m.group(1))),
    (rf"\b({'|'.join(_EN_ORDINALS)})\s+(?:one|{_AXIS_WORDS})\b",
     lambda m: _EN_ORDINALS[m.group(1)]),
    (r"第\s*(-?\d+)\s*(?:个\s*)?(?:轴|维)", lambda m: int(m.group(1))),
    (r"第\s*([零〇一二两三四五六七八九十])\s*(?:个\s*)?(?:轴|维)", _ordinal_cn),
    (r"(?<![\d.])(-?\d+)\s*(?:号)?\s*(?:轴|维)", lambda m: int(m.group(1))),
    (r"(?:轴|维)\s*(-?\d+)", lambda m: int(m.group(1))),
    (r"(?:shape\s*\[|size\s*\()\s*(-?\d+)\s*[\]\)]", lambda m: int(m.group(1))),
]


_SIZE = re.compile(r"torch\.size\(\s*\[([^\]]*)\]\s*\)")
# Words around shapes that carry no shape: "axis 0: (3, 4)", "sum(axis=1) → (2, 4)", "形状是"
_SHAPE_LABELS = (r"[a-z_.]*sum\(\s*(?:axis|dim)\s*=\s*\d\s*\)|(?:along\s+)?(?:axis|dim)\s*=?\s*\d"
                 r"|沿?\s*第?\s*\d\s*(?:个)?\s*(?:轴|维)(?:求和)?|沿?\s*(?:轴|维)\s*\d(?:求和)?|\b(?:shape|shapes|the|is|are"
                 r"|it's)\b|形状|结果|分别|依次|是|为|答案?|[:=→>]|-(?=>)")


def parse_shapes(text: str) -> list[tuple[int, ...]] | None:
    """Shapes typed as text, in order. Accepts ``(3, 4, 2)``, ``（3，4，2）``, ``3×4×2``,
    ``3x4x2``, ``3 4 2``, ``[3,4,2]``, ``torch.Size([3, 4, 2])``, and several shapes separated
    by ``;``, ``/``, ``and``, ``和``, new lines or commas between bracketed groups.
    ``()`` is the shape of a scalar. Returns None when the text is not shapes."""
    t = _strip_sentence(normalise(text))
    if not t:
        return None
    t = _SIZE.sub(lambda m: f"({m.group(1)})", t)
    t = re.sub(_SHAPE_LABELS, " ", t)
    if re.search(r"[a-z_][\w.]*\s*[\(\[]", t):
        return None  # a call or an index: code, not a typed shape
    groups = re.findall(r"[\(\[]([^\(\)\[\]]*)[\)\]]", t)
    if groups:
        rest = re.sub(r"[\(\[][^\(\)\[\]]*[\)\]]", " ", t)
        if re.search(r"\d", rest):
            return None  # numbers outside the brackets: not plain shapes
        shapes = [_dims(g, allow_empty=True) for g in groups]
    else:
        separators = r"\s*(?:;|/|\band\b|和|与|以及|\n" + (r"|,)\s*" if "x" in t else r")\s*")
        pieces = [p for p in re.split(separators, t) if p]
        shapes = [_dims(p, allow_empty=False) for p in pieces]
    if not shapes or any(s is None for s in shapes):
        return None
    return shapes  # type: ignore[return-value]


def _dims(text: str, *, allow_empty: bool) -> tuple[int, ...] | None:
    text = text.strip().strip(",")
    if not text:
        return () if allow_empty else None
    parts = [p for p in re.split(r"\s*[,x\s*]\s*", text) if p]
    if not parts or not all(re.fullmatch(r"\d+", p) for p in parts):
        return None
    return tuple(int(p) for p in parts)


_CHOICE_TOKEN = re.compile(r"[a-h]|[1-8]|[①②③④⑤⑥⑦⑧]")
_CIRCLED = "①②③④⑤⑥⑦⑧"


def parse_choices(text: str, n_options: int) -> frozenset[int] | None:
    """Selected options as 0-based indices from ``A, C``, ``ac``, ``1 3``, ``①③``.
    Returns None when the text is not a list of option labels."""
    t = normalise(text)
    t = re.sub(r"^(选|选择|choose|choices?|options?|answer)\s*[:=]?\s*", "", t)
    t = re.sub(r"(?:[\s,;/&+]|和|\band\b)+", " ", t).strip().rstrip(".")
    if not t:
        return None
    spread = re.fullmatch(r"[a-h]+|[1-8]+", t)  # "ac", "13" (① ③ arrive as 1 3)
    tokens = t.split() if " " in t else list(t) if spread else [t]
    chosen = set()
    for token in tokens:
        if not _CHOICE_TOKEN.fullmatch(token):
            return None
        if token in _CIRCLED:
            index = _CIRCLED.index(token)
        elif token.isdigit():
            index = int(token) - 1
        else:
            index = ord(token) - ord("a")
        if not 0 <= index < n_options:
            return None
        chosen.add(index)
    return frozenset(chosen)


def option_label(index: int) -> str:
    return chr(ord("A") + index)


# ---- maths as learners type it -------------------------------------------------------------
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPERSCRIPTS = {"²": "**2", "³": "**3", "ᵀ": ".T"}
_FUNCTIONS = ("sqrt", "exp", "log", "sin", "cos", "tanh", "abs")


def math_to_code(text: str, variables: set[str]) -> str | None:
    """Turn a formula typed as maths into console code, or None if it does not look like one.

    ``[6x₁, 5e^{x₂}]`` → ``torch.stack([6*x[0], 5*torch.exp(x[1])])``;
    ``x/‖x‖`` → ``x/torch.linalg.norm(x)``. Only for answers that are not Python already;
    the result is then checked numerically like any code, so a reading that goes wrong can
    refuse an answer but never accept a wrong one.
    """
    t = unicodedata.normalize("NFC", text).strip().translate(_SUBSCRIPTS)
    t = re.sub(r"^\s*(∇\s*f\s*(\(\s*x\s*\))?|grad\s*f?|f'\s*\(\s*x\s*\)|df/dx)\s*[=:]\s*", "", t)
    for sup, code in _SUPERSCRIPTS.items():
        t = t.replace(sup, code)
    for times in ("·", "×", "⋅", "∗"):
        t = t.replace(times, "*")
    t = t.replace("^", "**").replace("{", "(").replace("}", ")").replace("−", "-")
    t = re.sub(r"‖([^‖]+)‖(?:_?2)?", r"torch.linalg.norm(\1)", t)
    t = re.sub(r"\|\|([^|]+)\|\|(?:_?2)?", r"torch.linalg.norm(\1)", t)
    t = re.sub(r"√\s*\(", "sqrt(", t)
    t = re.sub(r"√\s*(\w+)", r"sqrt(\1)", t)
    t = re.sub(r"(?<![\w.])(\d+(?:\.\d+)?)\s*([A-Za-z(])", r"\1*\2", t)  # 6x → 6*x
    for name in sorted(variables, key=len, reverse=True):
        t = re.sub(rf"\b{name}_?(\d)\b", lambda m, n=name: f"{n}[{int(m.group(1)) - 1}]", t)
    t = re.sub(r"\be\s*\*\*\s*\(", "exp(", t)  # e^(…) — parenthesised exponent
    t = re.sub(r"\be\s*\*\*\s*(\w+(?:\[\d\])?)", r"exp(\1)", t)
    t = re.sub(r"(\))\s*([A-Za-z(])", r"\1*\2", t)
    for fn in _FUNCTIONS:
        t = re.sub(rf"(?<![\w.]){fn}\s*\(", f"torch.{fn}(", t)
    if re.fullmatch(r"\s*[\[(].*,.*[\])]\s*", t) and not t.strip().startswith("torch"):
        t = f"torch.stack([{t.strip()[1:-1]}])"
    return t if t != text.strip() else None
