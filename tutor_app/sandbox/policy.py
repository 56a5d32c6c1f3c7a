"""What the console language allows: AST node types, names, attributes, limits.

Everything not listed here is refused. The lists are data so that a reviewer can read
the whole policy in one place.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

ALLOWED_NODES: frozenset[type] = frozenset({
    # statements
    ast.Module, ast.FunctionDef, ast.Return, ast.Delete, ast.Assign, ast.AugAssign,
    ast.For, ast.While, ast.If, ast.With, ast.Raise, ast.Try, ast.Assert,
    ast.Global, ast.Nonlocal, ast.Expr, ast.Pass, ast.Break, ast.Continue,
    ast.Import,  # only ``import torch`` / ``import numpy as np`` (checked by name)
    # expressions
    ast.BoolOp, ast.NamedExpr, ast.BinOp, ast.UnaryOp, ast.Lambda, ast.IfExp, ast.Dict,
    ast.Set, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Call,
    ast.FormattedValue, ast.JoinedStr, ast.Constant, ast.Attribute, ast.Subscript,
    ast.Starred, ast.Name, ast.List, ast.Tuple, ast.Slice, ast.Compare,
    # helpers
    ast.Load, ast.Store, ast.Del, ast.comprehension, ast.arguments, ast.arg, ast.keyword,
    ast.alias, ast.ImportFrom, ast.withitem, ast.ExceptHandler,
    ast.And, ast.Or, ast.Add, ast.Sub, ast.Mult, ast.MatMult, ast.Div, ast.Mod, ast.Pow,
    ast.LShift, ast.RShift, ast.BitOr, ast.BitXor, ast.BitAnd, ast.FloorDiv,
    ast.Invert, ast.Not, ast.UAdd, ast.USub,
    ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Is, ast.IsNot, ast.In, ast.NotIn,
})

# Message keys (``refused.*`` in resources/i18n/sandbox.toml) of refused node types.
NODE_REASONS: dict[type, str] = {
    ast.ClassDef: "class_def",
    ast.AsyncFunctionDef: "async", ast.AsyncFor: "async", ast.AsyncWith: "async",
    ast.Await: "async", ast.Yield: "yield", ast.YieldFrom: "yield", ast.Match: "match",
}

# Modules the learner may "import": they bind the console's own safe namespaces.
IMPORTABLE = {"torch": "torch", "numpy": "np"}

FORBIDDEN_NAMES: frozenset[str] = frozenset({
    "open", "eval", "exec", "compile", "setattr", "delattr", "vars",
    "globals", "locals", "dir", "input", "breakpoint", "help", "memoryview", "object",
    "super", "classmethod", "staticmethod", "property", "exit", "quit", "license",
    "credits", "copyright", "format", "iter", "next", "callable", "bytearray", "bytes",
    "frozenset", "issubclass", "hash", "os", "sys", "subprocess", "importlib", "builtins",
    "ctypes", "pickle", "shutil", "pathlib", "io", "socket", "inspect", "gc", "types",
    "code", "codeop", "marshal", "threading", "multiprocessing", "signal", "resource",
})

# Attributes refused anywhere, statically and at run time (besides every name with "_").
FORBIDDEN_ATTRS: frozenset[str] = frozenset({
    # frames, code, generators, coroutines, tracebacks, functions
    "gi_frame", "gi_code", "gi_yieldfrom", "gi_running", "gi_suspended",
    "cr_frame", "cr_code", "cr_await", "cr_running", "cr_origin",
    "ag_frame", "ag_code", "ag_await", "ag_running",
    "f_globals", "f_locals", "f_builtins", "f_back", "f_code", "f_trace", "f_lasti",
    "f_lineno", "tb_frame", "tb_next", "tb_lasti", "tb_lineno",
    "func_globals", "func_code", "func_closure", "func_defaults", "im_func", "im_self",
    "mro", "with_traceback",
    # string formatting that can walk attributes ("{0.__class__}".format(x))
    "format", "format_map",
    # memory and the file system through numpy / tensors
    "ctypes", "tofile", "fromfile", "tobytes", "frombuffer", "dump", "dumps", "load",
    "loads", "save", "savez", "savez_compressed", "savetxt", "loadtxt", "genfromtxt",
    "memmap", "data_ptr", "storage", "untyped_storage", "share_memory_", "pin_memory",
    "set_", "apply_", "map_", "register_hook", "register_post_accumulate_grad_hook",
    "setflags", "resize", "resize_", "base", "flags", "lib", "ctypeslib", "testing",
    "distutils", "f2py", "random_state", "get_include", "show_config",
})

# Tensor attributes the learner may assign (``x.grad = None``).
SETTABLE_TENSOR_ATTRS = frozenset({"grad", "requires_grad"})

# Methods of plain Python values the console exposes.
SAFE_METHODS: dict[type, frozenset[str]] = {
    list: frozenset({"append", "extend", "pop", "insert", "remove", "index", "count", "sort",
                     "reverse", "copy", "clear"}),
    dict: frozenset({"keys", "values", "items", "get", "pop", "update", "setdefault", "copy",
                     "clear", "popitem"}),
    set: frozenset({"add", "discard", "remove", "pop", "union", "intersection",
                    "difference", "issubset", "issuperset", "copy", "clear", "update"}),
    tuple: frozenset({"count", "index"}),
    str: frozenset({"upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "join",
                    "replace", "startswith", "endswith", "find", "rfind", "count", "isdigit",
                    "isalpha", "isspace", "title", "capitalize", "ljust", "rjust", "center",
                    "zfill", "splitlines", "index"}),
    int: frozenset({"real", "imag", "bit_length", "conjugate"}),
    float: frozenset({"real", "imag", "is_integer", "conjugate"}),
    bool: frozenset({"real", "imag"}),
    complex: frozenset({"real", "imag", "conjugate"}),
    range: frozenset({"start", "stop", "step", "count", "index"}),
    slice: frozenset({"start", "stop", "step"}),
}

# Read-only attributes and methods of NumPy arrays and scalars (from ``x.numpy()``).
NUMPY_ARRAY_ATTRS = frozenset({
    "shape", "dtype", "ndim", "size", "T", "tolist", "item", "sum", "mean", "max", "min",
    "argmax", "argmin", "reshape", "astype", "copy", "transpose", "flatten", "ravel", "std",
    "var", "cumsum", "prod", "dot", "all", "any", "round", "clip", "squeeze", "real", "imag",
    "nbytes", "itemsize", "name", "kind",
})

NUMPY_NAMES = frozenset({
    "pi", "e", "inf", "nan", "sqrt", "exp", "log", "sin", "cos", "tan", "abs", "dot", "array",
    "arange", "linspace", "zeros", "ones", "allclose", "isclose", "array_equal", "float32",
    "float64", "int64", "sum", "mean", "max", "min", "matmul", "outer", "cross", "maximum",
    "minimum", "linalg", "norm", "det", "round", "transpose", "eye", "argmax",
})


@dataclass(frozen=True)
class Limits:
    """Budgets of one run. The defaults keep a run under a few seconds and ~1 GB."""

    max_steps: int = 2_000_000          # loop iterations, function calls, comprehension items
    max_elements: int = 10_000_000      # elements of any one tensor or characters of a string
    max_items: int = 1_000_000          # items of any one list, tuple, set or dict
    max_total_elements: int = 100_000_000  # elements allocated by the run, summed
    max_flops: int = 4_000_000_000      # multiply-adds of one matrix product
    max_depth: int = 100                # nested calls of learner functions
    max_output: int = 200_000           # characters printed
    max_seconds: float = 10.0           # wall clock
    max_int_bits: int = 100_000         # size of a Python integer result
