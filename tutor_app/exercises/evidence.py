"""What an answer really does: facts from its parsed code and from the engine's tape.

Checkers decide on this evidence, never on raw text: a comment that mentions ``.T`` uses no
transpose, a variable called ``cost`` calls no ``cos``, and a gradient assigned by hand was
not produced by a backward pass.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

import numpy as np

_BINOPS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div",
           ast.FloorDiv: "floordiv", ast.Mod: "mod", ast.Pow: "pow", ast.MatMult: "matmul"}
_CMPOPS = {ast.Eq: "eq", ast.NotEq: "ne", ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt",
           ast.GtE: "ge"}


@dataclass(frozen=True)
class CodeFacts:
    """The parsed answer: which functions, attributes, names and operators it uses."""

    functions: frozenset[str] = frozenset()   # called or referenced: torch.cos, x.cos(), cos
    attributes: frozenset[str] = frozenset()  # every attribute read: T, grad, shape
    names: frozenset[str] = frozenset()       # every name read
    stored: frozenset[str] = frozenset()      # every name assigned
    operators: frozenset[str] = frozenset()   # add, div, matmul, eq, ...
    raises: bool = False                      # a raise or assert statement
    grad_assigned: bool = False               # ``something.grad = ...``
    loops: bool = False                       # if/for/while anywhere
    catches: bool = False                     # a try/except
    strings: tuple[str, ...] = ()             # every string literal

    def writes(self, text: str) -> bool:
        """Some string literal in the code contains ``text`` (a message typed by hand)."""
        return any(text in literal for literal in self.strings)

    def uses(self, token: str) -> bool:
        """``fn:cos``, ``attr:T``, ``name:x``, ``op:div``, ``stmt:raise``."""
        kind, _, what = token.partition(":")
        return {
            "fn": lambda: what in self.functions,
            "attr": lambda: what in self.attributes,
            "name": lambda: what in self.names,
            "op": lambda: what in self.operators,
            "stmt": lambda: what == "raise" and self.raises,
        }.get(kind, lambda: False)()


def parse(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def code_facts(code: str) -> CodeFacts | None:
    """Facts of ``code``, or None when it does not parse (comments are never seen)."""
    tree = parse(code)
    if tree is None:
        return None
    functions, attributes, names, stored, operators = set(), set(), set(), set(), set()
    raises = grad_assigned = loops = catches = False
    strings: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if isinstance(node.ctx, ast.Load):
                attributes.add(node.attr)
                functions.add(node.attr)
        elif isinstance(node, ast.Assign | ast.AugAssign) and _writes_a_gradient(node):
            grad_assigned = True
        elif isinstance(node, ast.Name):
            (names if isinstance(node.ctx, ast.Load) else stored).add(node.id)
            if isinstance(node.ctx, ast.Load):
                functions.add(node.id)
        elif isinstance(node, ast.BinOp | ast.AugAssign):
            operators.add(_BINOPS.get(type(node.op), "other"))
        elif isinstance(node, ast.Compare):
            operators.update(_CMPOPS.get(type(op), "other") for op in node.ops)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            operators.add("neg")
        elif isinstance(node, ast.Raise | ast.Assert):
            raises = True
        elif isinstance(node, ast.If | ast.For | ast.While | ast.IfExp):
            loops = True
        elif isinstance(node, ast.Try):
            catches = True
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings.append(node.value)
        elif isinstance(node, ast.FunctionDef | ast.Lambda):
            if isinstance(node, ast.FunctionDef):
                stored.add(node.name)
    return CodeFacts(frozenset(functions), frozenset(attributes), frozenset(names),
                     frozenset(stored), frozenset(operators), raises, grad_assigned, loops,
                     catches, tuple(strings))


def _writes_a_gradient(node: ast.Assign | ast.AugAssign) -> bool:
    """``x.grad = value`` puts a gradient in by hand; clearing it (``x.grad = None``,
    ``x.grad *= 0``) does not."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if not any(isinstance(t, ast.Attribute) and t.attr == "grad" for t in targets):
        return False
    value = node.value
    clears = isinstance(value, ast.Constant) and (
        value.value is None or (value.value == 0 and isinstance(node, ast.AugAssign)
                                and isinstance(node.op, ast.Mult)))
    return not clears


def _reads_only_library(node: ast.AST) -> bool:
    """True when an expression builds a value from literals and torch/np calls only."""
    return all(n.id in ("torch", "np", "math", "range", "float", "int")
               for n in ast.walk(node) if isinstance(n, ast.Name))


def drop_given_recreation(code: str, givens: set[str]) -> tuple[str, list[str]]:
    """Blank out top-level lines that re-create a given input from scratch.

    A learner who retypes ``x = torch.tensor([1.0, 2, 4, 8])`` before answering has not
    changed the exercise; the checker supplies its own ``x`` (and random ones), so those
    lines are dropped. An assignment that builds a given from other variables (``x = y``)
    is kept, and the check reports that the input was replaced.
    """
    tree = parse(code)
    if tree is None or not givens:
        return code, []
    lines = code.splitlines()
    dropped: list[str] = []
    for statement in tree.body:
        targets = (statement.targets if isinstance(statement, ast.Assign)
                   else [statement.target] if isinstance(statement, ast.AnnAssign) else [])
        if (targets and all(isinstance(t, ast.Name) and t.id in givens for t in targets)
                and statement.value is not None and _reads_only_library(statement.value)):
            dropped.extend(t.id for t in targets)
            for n in range(statement.lineno - 1, statement.end_lineno or statement.lineno):
                lines[n] = ""
    return "\n".join(lines), dropped


# ---- comparison sides ------------------------------------------------------------------
_EQUALITY_CALLS = {"equal", "allclose", "eq", "isclose"}
_UNWRAP_CALLS = {"all", "bool", "item", "print"}


def comparison_sides(expression: ast.expr) -> tuple[ast.expr, ast.expr] | None:
    """The two sides of ``L == R`` (also ``(L == R).all()``, ``torch.equal(L, R)``,
    ``torch.allclose(L, R)``, ``L.eq(R)``, ``bool(...)``); None for anything else."""
    node = expression
    while True:
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _UNWRAP_CALLS:
                if isinstance(func, ast.Attribute) and not node.args:
                    node = func.value  # (L == R).all()
                    continue
                if len(node.args) == 1:
                    node = node.args[0]  # torch.all(L == R), bool(L == R)
                    continue
            if name in _EQUALITY_CALLS:
                if isinstance(func, ast.Attribute) and len(node.args) == 1 and not (
                        isinstance(func.value, ast.Name) and func.value.id == "torch"):
                    return func.value, node.args[0]  # L.eq(R)
                if len(node.args) >= 2:
                    return node.args[0], node.args[1]
            return None
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(
                node.ops[0], ast.Eq):
            return node.left, node.comparators[0]
        return None


# ---- provenance: the expression the engine actually evaluated -----------------------------
_TRANSPOSES = {"permute", "transpose", "t", "mT", "T", "swapaxes", "swapdims"}
_COMMUTATIVE = {"add", "mul"}


@dataclass(frozen=True)
class Expr:
    """A value as the engine computed it: an op over sub-expressions, or a leaf."""

    op: str                                  # op name, or "given:A" / "const" for leaves
    params: tuple = ()
    children: tuple[Expr, ...] = ()
    value: np.ndarray = field(default=None, compare=False, hash=False, repr=False)

    @property
    def family(self) -> str:
        return "transpose" if self.op in _TRANSPOSES else self.op

    def canonical(self) -> tuple:
        """Equal for expressions that differ only by spelling (``A.T``/``A.t()``) or by the
        order of a commutative op's operands."""
        kids = [c.canonical() for c in self.children]
        if self.op in _COMMUTATIVE:
            kids.sort(key=repr)
        if self.op == "const":
            return ("const", tuple(np.shape(self.value)),
                    np.round(np.asarray(self.value, dtype=float), 6).tobytes())
        params = () if self.family == "transpose" else self.params
        return (self.family, params, tuple(kids))

    def ops(self) -> set[str]:
        found = {self.family} if self.children else set()
        for child in self.children:
            found |= child.ops()
        return found

    def leaves(self) -> set[str]:
        if not self.children:
            return {self.op}
        return set().union(*(c.leaves() for c in self.children))


def expression_of(tape, uid: int, given_uids: dict[int, str]) -> Expr:
    """The expression that produced value ``uid`` on ``tape``; leaves are givens or constants."""
    producers = {op.output: op for op in tape.ops}

    def build(uid: int, depth: int) -> Expr:
        record = tape.values.get(uid)
        value = None if record is None else record.value
        if uid in given_uids:
            return Expr(f"given:{given_uids[uid]}", value=value)
        producer = producers.get(uid)
        if producer is None or depth > 200:
            return Expr("const", value=value)
        children = tuple(build(i, depth + 1) for i in producer.inputs)
        params = tuple(sorted((k, repr(v)) for k, v in producer.params.items()))
        return Expr(producer.op, params, children, value)

    return build(uid, 0)


def _params(expr: Expr) -> dict:
    try:
        return {k: ast.literal_eval(v) for k, v in expr.params}
    except (ValueError, SyntaxError):
        return {}


_REPLAYABLE = {
    "add": lambda a, b, p: a + b, "sub": lambda a, b, p: a - b,
    "rsub": lambda a, b, p: a - b, "mul": lambda a, b, p: a * b,
    "div": lambda a, b, p: a / b, "rdiv": lambda a, b, p: a / b,
    "mm": lambda a, b, p: a @ b, "matmul": lambda a, b, p: a @ b,
    "mv": lambda a, b, p: a @ b, "dot": lambda a, b, p: a @ b,
}
_REPLAYABLE_UNARY = {
    "neg": lambda a, p: -a, "abs": lambda a, p: np.abs(a), "exp": lambda a, p: np.exp(a),
    "sqrt": lambda a, p: np.sqrt(np.abs(a)), "clone": lambda a, p: a.copy(),
    "pow": lambda a, p: a ** p.get("exponent", 1),
    "sum": lambda a, p: np.sum(a),
    "sum_dim": lambda a, p: np.sum(a, axis=p.get("dim"), keepdims=p.get("keepdim", False)),
    "view": lambda a, p: a.reshape(p["shape"]),
    "reshape": lambda a, p: a.reshape(p["shape"]),
    "transpose": lambda a, p: np.transpose(a, p["dims"]),
}


def replay(expr: Expr, perturbed: str) -> np.ndarray | None:
    """Recompute ``expr`` with every op of family ``perturbed`` followed by ``+ 1``.

    An identity that truly rests on that operation stops holding; a tautology such as
    ``A.T == A.T`` (or one that never used it) still holds. None when an op on the way
    cannot be replayed.
    """
    if not expr.children:
        return None if expr.value is None else np.asarray(expr.value, dtype=float)
    inputs = [replay(c, perturbed) for c in expr.children]
    if any(i is None for i in inputs):
        return None
    params = _params(expr)
    try:
        with np.errstate(all="ignore"):
            if expr.family == "transpose":
                out = np.transpose(inputs[0], params.get("dims")) if "dims" in params \
                    else inputs[0].T
            elif len(inputs) == 2 and expr.op in _REPLAYABLE:
                out = _REPLAYABLE[expr.op](inputs[0], inputs[1], params)
            elif len(inputs) == 1 and expr.op in _REPLAYABLE_UNARY:
                out = _REPLAYABLE_UNARY[expr.op](inputs[0], params)
            else:
                return None
    except (KeyError, ValueError, TypeError):
        return None
    out = np.asarray(out, dtype=float)
    return out + 1.0 if expr.family == perturbed else out
