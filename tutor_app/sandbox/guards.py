"""Run-time attribute guard and the wrappers that hand engine callables to learner code.

Safe by construction: learner code only ever sees values that came through here, and
``guarded_getattr`` allows an attribute only for a known kind of object:

- the console's ``torch``/``np`` namespaces (public names of the engine / a NumPy subset);
- objects and classes defined by ``tutor_app.engine`` (public attributes);
- NumPy arrays and scalars (a read-only whitelist);
- a short whitelist of methods of list, dict, str, ... values.

Every callable handed out is wrapped in ``Guarded``, which estimates the size of what the
call would allocate before calling it.
"""

from __future__ import annotations

import builtins
import re
import types
from numbers import Integral

import numpy as np

from tutor_app.sandbox import sizes
from tutor_app.sandbox.errors import Refused
from tutor_app.sandbox.messages import what
from tutor_app.sandbox.policy import (
    FORBIDDEN_ATTRS,
    NUMPY_ARRAY_ATTRS,
    NUMPY_NAMES,
    SAFE_METHODS,
    SETTABLE_TENSOR_ATTRS,
)
from tutor_app.sandbox.runtime import active

ENGINE = "tutor_app.engine"
# PyTorch's public sub-namespaces; a set limits one to PyTorch's own public names (the
# engine's autograd module also holds its internals).
SUBNAMESPACES: dict[str, frozenset[str] | None] = {
    "linalg": None, "nn": None, "functional": None, "func": None,
    "autograd": frozenset({"backward", "grad", "Function", "no_grad", "enable_grad",
                           "set_grad_enabled", "inference_mode", "is_grad_enabled",
                           "functional", "forward_ad"}),
    # D2L §2.6 draws dice with torch.distributions.multinomial.Multinomial
    "distributions": frozenset({"Categorical", "Multinomial", "Distribution",
                                "categorical", "multinomial"}),
    "multinomial": frozenset({"Multinomial"}),
    "categorical": frozenset({"Categorical"}),
}
# The one dunder learner code may read, and only on what ``type(x)`` returned.
TYPE_NAME = "__name__"
HIDDEN_ENGINE_NAMES = frozenset({"OPS", "annotations", "Tape", "Counters"})
_DANGEROUS_TYPES = (types.ModuleType, types.FrameType, types.CodeType, types.TracebackType)
# Defence in depth: even if some object exposed one of these, learner code never gets it.
_DANGEROUS_BUILTINS = frozenset(id(getattr(builtins, n)) for n in (
    "open", "eval", "exec", "compile", "getattr", "setattr", "delattr", "__import__",
    "globals", "locals", "vars", "input", "breakpoint", "memoryview", "dir"))
_DANGEROUS_MODULES = ("os", "posix", "nt", "sys", "subprocess", "io", "_io", "shutil",
                      "pathlib", "pickle", "_pickle", "importlib", "ctypes", "_ctypes",
                      "socket", "marshal", "code", "inspect", "gc", "threading")


def type_name(value: object) -> str:
    return type(value).__name__


def is_engine_object(value: object) -> bool:
    return type(value).__module__.startswith(ENGINE)


def is_engine_class(value: object) -> bool:
    return isinstance(value, type) and value.__module__.startswith(ENGINE)


def _op_names() -> frozenset:
    """The op table's entry names (read once, when the first engine call is checked)."""
    global _OP_NAMES
    if _OP_NAMES is None:
        import importlib
        _OP_NAMES = frozenset(importlib.import_module(f"{ENGINE}.ops").OPS)
    return _OP_NAMES


_OP_NAMES: frozenset | None = None


def _sized_by_the_engine(name: str, fn) -> bool:
    """An engine function that runs the op-table entry of its name (``torch.matmul``,
    ``x.expand``, ``torch.cat`` …): the engine sizes it from that entry before it
    allocates (runner.py installs the run's budgets as its op budget), so no first
    estimate is made here. Creation functions are sized by the engine too, by the size
    they declare (``hooks.sized``); sizes.py's estimate of their operands is only a first
    figure, None for sizes given as numbers."""
    module = getattr(fn, "__module__", None) or ""
    return module.startswith(ENGINE) and name in _op_names()


class Guarded:
    """A callable from the engine, NumPy or a builtin method, checked before each call."""

    __slots__ = ("name", "fn", "owner")

    def __init__(self, name: str, fn, owner: object = None):
        self.name = name
        self.fn = fn
        self.owner = owner

    def __call__(self, *args, **kwargs):
        runtime = active()
        runtime.tick()
        # Classes travel unwrapped (np.zeros(3, dtype=np.float32), x.to(float)).
        args = tuple(_unwrap_class(a) for a in args)
        kwargs = {k: _unwrap_class(v) for k, v in kwargs.items()}
        _refuse_long_ranges(args, kwargs)
        _refuse_wide_dtypes(args, kwargs)
        elements, flops = (None, 0) if _sized_by_the_engine(self.name, self.fn) else \
            sizes.estimate(self.name, self.fn, self.owner, args, kwargs)
        if flops:
            runtime.check_flops(flops)
        if self.name == "tolist" and elements is not None:
            # one Python object per element
            runtime.check_items(elements, what("call", name="tolist"))
        else:
            runtime.check_size(elements, what("call", name=self.name))
        if isinstance(self.owner, str):
            args = _check_str_method(self.name, self.owner, args)
        elif isinstance(self.owner, list | dict | set) and self.name in ("extend", "update"):
            extra = sum(len(a) for a in args if hasattr(a, "__len__"))
            runtime.check_items(len(self.owner) + extra, what("call", name=self.name))
        calling, runtime.calling = runtime.calling, self.name
        try:
            result = self.fn(*args, **kwargs)
        finally:
            runtime.calling = calling
        runtime.check_clock()  # a loop of slow engine calls stops between two of them
        if sizes.is_array_like(result) and elements is None:
            runtime.check_size(sizes.numel(sizes.shape_of(result) or ()),
                               what("call", name=self.name))
        return result

    def __repr__(self) -> str:
        if isinstance(self.fn, type):  # a class prints as a class: <class 'torch.Tensor'>
            return class_repr(self.fn)
        return f"<built-in function {self.name}>"


_WIDE_DTYPE = re.compile(r"^\s*[<>|=]?\s*(U|S|V|a|O|M|m|str|bytes|object|void)", re.I)


def _refuse_wide_dtypes(args: tuple, kwargs: dict) -> None:
    """NumPy string/void/object dtypes ('U100000000') make one element as big as you like."""
    for value in (*args, *kwargs.values()):
        wide = isinstance(value, str) and _WIDE_DTYPE.match(value)
        wide = wide or isinstance(value, np.dtype) and (value.itemsize > 16 or value.hasobject)
        if wide:
            raise Refused("wide_dtype", dtype=repr(value))


def _unwrap_class(value: object) -> object:
    if isinstance(value, Guarded) and isinstance(value.fn, type):
        return value.fn
    if isinstance(value, BuiltinType):
        return value.real
    return value


def _refuse_long_ranges(args: tuple, kwargs: dict) -> None:
    limit = active().limits.max_elements
    for value in (*args, *kwargs.values()):
        if isinstance(value, range) and len(value) > limit:
            active().check_items(len(value), what("range"))


def _check_str_method(name: str, text: str, args: tuple) -> tuple:
    """Refuse string methods whose result would be huge; returns the (materialised) args."""
    runtime = active()
    if name == "join" and len(args) == 1:
        runtime.check_size(len(args[0]) if hasattr(args[0], "__len__") else None, what("text"))
        items = list(args[0])
        total = sum(len(i) for i in items if isinstance(i, str)) + len(text) * len(items)
        runtime.check_size(total, what("joined_text"))
        return (items,)
    if name == "replace" and len(args) >= 2 and isinstance(args[1], str):
        runtime.check_size(len(text) + (len(text) + 1) * len(args[1]), what("string"))
    for arg in args:
        if isinstance(arg, Integral) and not isinstance(arg, bool):
            runtime.check_size(int(arg), what("string"))
    return args


class Namespace:
    """The console's ``torch`` (the engine) or ``np`` (a NumPy subset): public names only."""

    __slots__ = ("_module", "_label", "_allowed")

    def __init__(self, module: types.ModuleType, label: str, allowed: frozenset | None = None):
        self._module = module
        self._label = label
        self._allowed = allowed

    def lookup(self, name: str):
        if self._allowed is not None and name not in self._allowed:
            raise Refused("namespace_name", name=f"{self._label}.{name}")
        try:
            value = getattr(self._module, name)
        except AttributeError:
            raise AttributeError(f"module '{self._label}' has no attribute '{name}'") from None
        if isinstance(value, types.ModuleType | types.SimpleNamespace):
            # Only the public sub-namespaces of PyTorch's API (torch.linalg, torch.nn, ...),
            # never the engine's implementation modules or NumPy's file-reading corners.
            module_name = getattr(value, "__name__", ENGINE)
            if name in SUBNAMESPACES and module_name.startswith((ENGINE, "numpy")):
                # an engine sub-namespace has its own list (torch.autograd.functional is
                # all public); NumPy's keep the names allowed on np
                inherited = self._allowed if not module_name.startswith(ENGINE) else None
                allowed = inherited if inherited is not None else SUBNAMESPACES[name]
                return Namespace(value, f"{self._label}.{name}", allowed)
            raise Refused("namespace_name", name=f"{self._label}.{name}")
        if name in HIDDEN_ENGINE_NAMES:
            raise Refused("namespace_name", name=f"{self._label}.{name}")
        return vet(value, name, None)

    def __repr__(self) -> str:
        return f"<module '{self._label}'>"


def vet(value: object, name: str, owner: object):
    """Check a value about to be handed to learner code; wrap callables."""
    module = getattr(value, "__module__", None) if callable(value) else None
    if (isinstance(value, _DANGEROUS_TYPES) or id(value) in _DANGEROUS_BUILTINS
            or isinstance(module, str) and module.split(".")[0] in _DANGEROUS_MODULES):
        raise Refused("value", name=name)
    if isinstance(value, type):
        if is_engine_class(value) or issubclass(value, np.generic):
            return Guarded(name, value, None)
        raise Refused("value", name=name)
    if callable(value) and not isinstance(value, Guarded | np.ndarray):
        if is_engine_object(value) and not isinstance(value, types.FunctionType):
            return value  # engine objects that are callable, e.g. no_grad() instances
        return Guarded(name, value, owner)
    return value


class BuiltinType:
    """A builtin class (``list``, ``int``...) as the console shows it: callable through a
    checked factory, usable in ``isinstance``, without attributes (no ``str.format``)."""

    __slots__ = ("real", "make")

    def __init__(self, real: type, make):
        self.real = real
        self.make = make

    def __call__(self, *args, **kwargs):
        active().tick()
        return self.make(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<class '{self.real.__name__}'>"


def class_repr(cls: type) -> str:
    """How a class prints in the console, by name (``torch.Tensor``) or as ``type(x)``:
    as the engine's class says (``printing.TorchClass``), else under PyTorch's module for
    the engine's public sub-packages (``torch.distributions.categorical.Categorical``),
    else ``torch.<name>`` for the engine's own, else as Python prints it."""
    if type(cls).__repr__ is not type.__repr__:
        return repr(cls)
    module = cls.__module__
    if module.startswith(f"{ENGINE}.distributions"):
        return f"<class '{module.replace(ENGINE, 'torch', 1)}.{cls.__qualname__}'>"
    if is_engine_class(cls):
        return f"<class 'torch.{cls.__name__}'>"
    prefix = "" if module == "builtins" else f"{module}."
    return f"<class '{prefix}{cls.__qualname__}'>"


class SafeType:
    """What ``type(x)`` returns: prints like the class, compares equal to it, and reads
    ``__name__`` (``type(x).__name__`` is "Tensor" for a tensor, as in PyTorch); nothing
    else (no ``type(x).__init__``, no calling it, no other dunder). ``__name__`` is a plain
    string made here, so it opens no way to the class itself. ``shown_as`` names a console
    wrapper as the builtin kind it stands for ("function" for a learner's function)."""

    __slots__ = ("real", "shown_as")

    def __init__(self, real: type, shown_as: str | None = None):
        self.real = real
        self.shown_as = shown_as

    @property
    def name(self) -> str:
        """``type(x).__name__`` as Python (and PyTorch, for the engine's classes) gives it."""
        return self.shown_as or self.real.__name__

    def __eq__(self, other: object) -> bool:
        other = other.real if isinstance(other, SafeType) else unwrap(other)
        return other is self.real

    def __hash__(self) -> int:
        return hash(self.real)

    def __repr__(self) -> str:
        if self.shown_as is not None:
            return f"<class '{self.shown_as}'>"
        return class_repr(self.real)


def unwrap(value: object) -> object:
    """The class behind a wrapper (for ``isinstance`` and ``type(x) == torch.Tensor``)."""
    if isinstance(value, Guarded):
        return value.fn
    if isinstance(value, BuiltinType):
        return value.real
    return value


def _refuse_attr(obj: object, name: str) -> None:
    if not hasattr(obj, name):  # as Python says it (objects here never run learner code)
        raise AttributeError(f"'{type_name(obj)}' object has no attribute '{name}'")
    raise Refused("no_attr", kind=type_name(obj), name=name)


def check_attr_name(name: object) -> None:
    """The guard every attribute access passes, by the dot or by ``getattr``/``hasattr``."""
    if not isinstance(name, str):
        raise TypeError(f"attribute name must be string, not '{type_name(name)}'")
    if name.startswith("_"):
        raise Refused("private_attr", attr=name)
    if name in FORBIDDEN_ATTRS:
        raise Refused("forbidden_attr", attr=name)


def guarded_getattr(obj: object, name: str):
    """``obj.name`` for learner code."""
    if name == TYPE_NAME and isinstance(obj, SafeType):  # type(x).__name__, see checker.py
        return obj.name
    check_attr_name(name)
    if isinstance(obj, Namespace):
        return obj.lookup(name)
    if isinstance(obj, Guarded):
        if is_engine_class(obj.fn):
            return vet(getattr(obj.fn, name), name, None)
        _refuse_attr(obj, name)
    if is_engine_object(obj):
        return vet(getattr(obj, name), name, obj)
    if isinstance(obj, np.ndarray | np.generic | np.dtype):
        if name not in NUMPY_ARRAY_ATTRS:
            _refuse_attr(obj, name)
        return vet(getattr(obj, name), name, obj)
    allowed = SAFE_METHODS.get(type(obj))
    if allowed is not None and name in allowed:
        return vet(getattr(obj, name), name, obj)
    if isinstance(obj, BaseException) and name == "args":
        return obj.args
    _refuse_attr(obj, name)


def guarded_setattr(obj: object, name: str, value: object) -> None:
    """``obj.name = value``: only ``grad``, ``requires_grad`` and ``data`` of tensors."""
    if name.startswith("_") or name not in SETTABLE_TENSOR_ATTRS or not is_engine_object(obj):
        raise Refused("set_attr", name=name, kind=type_name(obj))
    setattr(obj, name, value)


def numpy_namespace() -> Namespace:
    return Namespace(np, "np", NUMPY_NAMES)
