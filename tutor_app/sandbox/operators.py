"""Guards for operators, indexing, f-strings, echo and learner functions.

``rewrite.py`` turns the learner's syntax into calls of the ``__sb_*`` helpers defined
here (see ``HELPERS``). Each checks sizes against the run's budgets *before* computing.
"""

from __future__ import annotations

import math
import operator
import re
from numbers import Integral

from tutor_app.sandbox import sizes
from tutor_app.sandbox.errors import Refused
from tutor_app.sandbox.guards import guarded_getattr, guarded_setattr, is_engine_object
from tutor_app.sandbox.messages import Phrase, say, what
from tutor_app.sandbox.runtime import active
from tutor_app.sandbox.text import bounded_repr, bounded_str

BINARY = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "@": operator.matmul,
    "/": operator.truediv, "%": operator.mod, "**": operator.pow, "<<": operator.lshift,
    ">>": operator.rshift, "|": operator.or_, "^": operator.xor, "&": operator.and_,
    "//": operator.floordiv,
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge, "is": operator.is_, "is not": operator.is_not,
    "in": lambda a, b: a in b, "not in": lambda a, b: a not in b,
}
INPLACE = {
    "+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "@=": operator.imatmul,
    "/=": operator.itruediv, "%=": operator.imod, "**=": operator.ipow,
    "<<=": operator.ilshift, ">>=": operator.irshift, "|=": operator.ior,
    "^=": operator.ixor, "&=": operator.iand, "//=": operator.ifloordiv,
}
_SEQUENCES = (str, bytes, list, tuple)
_BIG_NUMBER = re.compile(r"\d{5,}|\*")


def _is_int(value: object) -> bool:
    return isinstance(value, Integral) and not isinstance(value, bool)


def _check_ints(symbol: str, a: int, b: int) -> None:
    limit = active().limits.max_int_bits
    bits = 0
    if symbol == "**" and b > 0 and abs(a) > 1:
        bits = b * math.log2(abs(a))
    elif symbol == "<<":
        bits = a.bit_length() + max(b, 0)
    elif symbol == "*":
        bits = a.bit_length() + b.bit_length()
    if bits > limit:
        raise ArithmeticError(say("budget.int_bits", active().lang, bits=int(bits),
                                  limit=limit))


def _check_length(sequence: object, length: int, about: Phrase) -> None:
    runtime = active()
    if isinstance(sequence, str | bytes):
        runtime.check_size(length, about)  # characters are cheap
    else:
        runtime.check_items(length, about)


def _check_sequences(symbol: str, a: object, b: object) -> None:
    if symbol == "*":
        seq, count = (a, b) if isinstance(a, _SEQUENCES) else (b, a)
        if isinstance(seq, _SEQUENCES) and _is_int(count):
            _check_length(seq, len(seq) * max(int(count), 0), what("repeated"))
    elif symbol == "+" and isinstance(a, _SEQUENCES) and isinstance(b, _SEQUENCES):
        _check_length(a, len(a) + len(b), what("joined"))
    elif symbol == "%" and isinstance(a, str):
        if _BIG_NUMBER.search(a):
            raise Refused("percent_width")
        _show(bounded_repr, b)  # '%s' % nested_list walks it in C: measure it first


def _check_arrays(symbol: str, a: object, b: object) -> None:
    if not (sizes.is_array_like(a) or sizes.is_array_like(b)):
        return
    shape_a, shape_b = sizes.shape_of(a), sizes.shape_of(b)
    if shape_a is None or shape_b is None:
        return
    runtime = active()
    if symbol in ("@", "@="):
        cost = sizes.matmul_cost(shape_a, shape_b)
        if cost is not None:
            runtime.check_flops(cost[1])
            runtime.check_size(cost[0])
        return
    joined = sizes.broadcast_shape([shape_a, shape_b])
    if joined is not None:
        runtime.check_size(sizes.numel(joined))


_NUMBERS = frozenset({int, float, bool, complex})
_INTS = frozenset({int, bool})
_INT_GROWTH = frozenset({"**", "<<", "*", "**=", "<<=", "*="})


def binop(symbol: str, a: object, b: object):
    """``a <symbol> b`` (also ``x += y`` as ``'+='``), sizes checked first."""
    if type(a) in _NUMBERS and type(b) in _NUMBERS:  # the hot path of learner loops
        if type(a) in _INTS and type(b) in _INTS and symbol in _INT_GROWTH:
            _check_ints(symbol.rstrip("="), int(a), int(b))
        return (INPLACE.get(symbol) or BINARY[symbol])(a, b)
    plain = symbol[:-1] if symbol in INPLACE else symbol
    if _is_int(a) and _is_int(b):
        _check_ints(plain, int(a), int(b))
    else:
        _check_sequences(plain, a, b)
        _check_arrays(plain, a, b)
    result = (INPLACE.get(symbol) or BINARY[symbol])(a, b)
    if sizes.is_array_like(a) or sizes.is_array_like(b):
        active().check_clock()  # a loop of big products stops between two of them
    return result


def chain(symbols: list[str], thunks: list) -> object:
    """``a < b < c``: operands evaluated once, left to right, stopping at the first false."""
    left = thunks[0]()
    result: object = True
    for symbol, thunk in zip(symbols, thunks[1:], strict=True):
        right = thunk()
        result = binop(symbol, left, right)
        if not result:
            return result
        left = right
    return result


def _index_size(obj: object, index: object) -> int | None:
    """Elements of ``obj[index]`` when advanced (tensor/list) indexing could enlarge it."""
    shape = sizes.shape_of(obj)
    if not shape or not sizes.is_array_like(obj):
        return None
    parts = index if isinstance(index, tuple) else (index,)
    advanced = [p for p in parts if sizes.is_array_like(p) or isinstance(p, list)]
    if not advanced:
        return None
    if any("bool" in str(getattr(p, "dtype", "")) for p in advanced):
        return sizes.numel(shape)  # a mask selects at most every element
    biggest = max(sizes.nested_size(p) for p in advanced)
    rest = shape[len(advanced):] if len(advanced) <= len(shape) else ()
    return biggest * sizes.numel(rest)


def getitem(obj: object, index: object):
    active().check_size(_index_size(obj, index), what("indexed"))
    return obj[index]


def setitem(obj: object, index: object, value: object) -> None:
    if isinstance(obj, list) and isinstance(index, slice) and hasattr(value, "__len__"):
        active().check_items(len(obj) + len(value), what("list"))
    obj[index] = value


def aug_item(obj: object, index: object, symbol: str, value: object) -> None:
    setitem(obj, index, binop(symbol, getitem(obj, index), value))


def aug_attr(obj: object, name: str, symbol: str, value: object) -> None:
    guarded_setattr(obj, name, binop(symbol, guarded_getattr(obj, name), value))


def format_field(value: object, conversion: int, spec: str) -> str:
    """One f-string field; refuses huge widths (``f"{x:>999999999}"``)."""
    if _BIG_NUMBER.search(spec):
        raise Refused("fstring_width")
    if conversion == ord("r"):
        value = _show(bounded_repr, value)
    elif conversion == ord("s") or conversion == -1 and not spec and not _zero_d(value):
        value = _show(bounded_str, value)
    elif conversion == ord("a"):
        value = ascii(value)
    text = format(value, spec)
    active().check_size(len(text), what("formatted"))
    return text


def _zero_d(value: object) -> bool:
    """A 0-d tensor formats as its number (``f"{torch.tensor(3)}"`` is "3", as in PyTorch)."""
    return is_engine_object(value) and getattr(value, "ndim", None) == 0


def _show(wording, value: object) -> str:
    runtime = active()
    return wording(value, runtime.limits.max_output, runtime.tick)


def echo(value: object) -> None:
    """A top-level expression statement shows its repr, as in a Python REPL."""
    if value is not None:
        active().write(_show(bounded_repr, value) + "\n")


class UserFunction:
    """A function the learner defined: counts steps and nesting depth on every call."""

    __slots__ = ("fn", "name")

    def __init__(self, fn):
        self.fn = fn
        self.name = getattr(fn, "__name__", "<lambda>")

    def __call__(self, *args, **kwargs):
        runtime = active()
        runtime.enter_call()
        try:
            return self.fn(*args, **kwargs)
        finally:
            runtime.leave_call()

    def __repr__(self) -> str:
        return f"<function {self.name}>"


def tick() -> bool:
    return active().tick()
