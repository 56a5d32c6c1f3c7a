"""The builtins the console offers. Anything that iterates does so step by step, so the
step budget and the stop button reach it."""

from __future__ import annotations

import builtins

from tutor_app.sandbox import sizes
from tutor_app.sandbox.guards import BuiltinType, SafeType, guarded_getattr, unwrap
from tutor_app.sandbox.messages import what
from tutor_app.sandbox.operators import UserFunction, binop
from tutor_app.sandbox.runtime import active
from tutor_app.sandbox.text import bounded_repr, bounded_str

_SIZED = (list, tuple, dict, str, range, set, frozenset)
_NO_DEFAULT = object()


def ticking(iterable):
    """Iterate ``iterable``, one step of the budget per item."""
    runtime = active()
    for item in iterable:
        runtime.tick()
        yield item


def _bounded(iterable):
    """A sized builtin container is copied at C speed after a size check; others tick."""
    if isinstance(iterable, _SIZED):
        active().check_items(len(iterable), what("collection"))
        return iterable
    shape = sizes.shape_of(iterable) if sizes.is_array_like(iterable) else None
    if shape:  # each row becomes a Python object: count them as items
        active().check_items(shape[0], what("collection"))
    return ticking(iterable)


def star(iterable):
    """``*x`` in a call, a display or an assignment: bounded like ``list(x)``."""
    return _bounded(iterable)


def _list(iterable=()):
    return list(_bounded(iterable))


def _tuple(iterable=()):
    return tuple(_bounded(iterable))


def _set(iterable=()):
    return set(_bounded(iterable))


def _dict(*args, **kwargs):
    if args and not isinstance(args[0], dict):
        args = (_bounded(args[0]), *args[1:])
    return dict(*args, **kwargs)


def _range(*args):
    return range(*args)


def _sum(iterable, /, start=0):
    total = start
    for item in ticking(iterable):
        total = binop("+", total, item)
    return total


def _min_max(pick, args, key, default):
    values = args[0] if len(args) == 1 else args
    items = list(ticking(values))
    if not items:
        if default is _NO_DEFAULT:
            raise ValueError(f"{pick.__name__}() arg is an empty sequence")
        return default
    return pick(items, key=key) if key is not None else pick(items)


def _min(*args, key=None, default=_NO_DEFAULT):
    return _min_max(min, args, key, default)


def _max(*args, key=None, default=_NO_DEFAULT):
    return _min_max(max, args, key, default)


def show_repr(value) -> str:
    """``repr`` within the output budget (see ``text``)."""
    runtime = active()
    return bounded_repr(value, runtime.limits.max_output, runtime.tick)


def show_str(value) -> str:
    """``str`` within the output budget (see ``text``)."""
    runtime = active()
    return bounded_str(value, runtime.limits.max_output, runtime.tick)


def _print(*args, sep=" ", end="\n", flush=False):
    active().write(show_str(sep).join(show_str(a) for a in args) + show_str(end))


def _str(value="", *args):
    return str(value, *args) if args else show_str(value)


def _getattr(obj, name, *default):
    """``getattr`` with the dot's guards: a refused attribute stays refused."""
    if len(default) > 1:
        raise TypeError(f"getattr expected at most 3 arguments, got {2 + len(default)}")
    try:
        return guarded_getattr(obj, name)
    except AttributeError:
        if default:
            return default[0]
        raise


def _hasattr(obj, name):
    """``hasattr`` with the dot's guards (``hasattr(x, '__len__')`` is refused like
    ``x.__len__``)."""
    try:
        guarded_getattr(obj, name)
    except AttributeError:
        return False
    return True


def _isinstance(value, kinds):
    if isinstance(kinds, tuple):
        kinds = tuple(unwrap(k) for k in kinds)
    else:
        kinds = unwrap(kinds)
    return isinstance(value, kinds)


def _type(value):
    """``type(x)`` as Python shows it: the console's own wrappers (a learner function, a
    class handed out by ``type`` itself) read as the builtin kinds they stand for."""
    if isinstance(value, UserFunction):
        return SafeType(type(value), shown_as="function")
    if isinstance(value, SafeType | BuiltinType) or isinstance(unwrap(value), type):
        return SafeType(type(value), shown_as="type")
    return SafeType(type(value))


def _zip(*iterables, strict=False):
    return ticking(zip(*iterables, strict=strict))


def _enumerate(iterable, start=0):
    return ticking(enumerate(iterable, start))


def _map(fn, *iterables):
    return ticking(map(fn, *iterables))


def _filter(fn, iterable):
    return ticking(filter(fn, iterable))


def _sorted(iterable, /, *, key=None, reverse=False):
    return sorted(_bounded(iterable), key=key, reverse=reverse)


def _any(iterable):
    return any(ticking(iterable))


def _all(iterable):
    return all(ticking(iterable))


_EXCEPTIONS = ("Exception", "ArithmeticError", "AssertionError", "AttributeError",
               "IndexError", "KeyError", "LookupError", "NameError", "NotImplementedError",
               "OverflowError", "RuntimeError", "StopIteration", "TypeError", "ValueError",
               "ZeroDivisionError")


def safe_builtins() -> dict:
    """A fresh ``__builtins__`` dict for a run."""
    table = {
        "len": len, "abs": abs, "round": round, "id": id, "repr": show_repr,
        "divmod": divmod, "getattr": _getattr, "hasattr": _hasattr,
        "print": _print, "isinstance": _isinstance, "type": _type, "sum": _sum,
        "min": _min, "max": _max, "zip": _zip, "enumerate": _enumerate, "map": _map,
        "filter": _filter, "sorted": _sorted, "reversed": reversed, "any": _any, "all": _all,
        "list": BuiltinType(list, _list), "tuple": BuiltinType(tuple, _tuple),
        "dict": BuiltinType(dict, _dict), "set": BuiltinType(set, _set),
        "range": BuiltinType(range, _range), "slice": BuiltinType(slice, slice),
        "int": BuiltinType(int, int), "float": BuiltinType(float, float),
        "bool": BuiltinType(bool, bool), "str": BuiltinType(str, _str),
        "complex": BuiltinType(complex, complex),
        "True": True, "False": False, "None": None,
    }
    table.update({name: getattr(builtins, name) for name in _EXCEPTIONS})
    return table
