"""Static check: refuse, before anything runs, every construct the console does not allow."""

from __future__ import annotations

import ast

from tutor_app.sandbox.errors import Refused
from tutor_app.sandbox.policy import (
    ALLOWED_NODES,
    FORBIDDEN_ATTRS,
    FORBIDDEN_NAMES,
    IMPORTABLE,
    NODE_REASONS,
)


def _refuse(node: ast.AST, key: str, **fields: object) -> None:
    raise Refused(key, getattr(node, "lineno", None), **fields)


def check_name(node: ast.AST, name: str) -> None:
    """Refuse dunder names (the sandbox's own helpers are ``__sb_*``) and names of
    dangerous builtins or modules. ``_`` and ``_tmp`` are ordinary names, as in Python."""
    if name.startswith("__"):
        _refuse(node, "dunder_name", name=repr(name))
    if name in FORBIDDEN_NAMES:
        _refuse(node, "forbidden_name", name=repr(name))


def check_attr(node: ast.AST, attr: str) -> None:
    if attr.startswith("_"):
        _refuse(node, "private_attr", attr=attr)
    if attr in FORBIDDEN_ATTRS:
        _refuse(node, "forbidden_attr", attr=attr)


def _reads_a_type_name(node: ast.Attribute) -> bool:
    """``type(x).__name__``, read as written: the one dunder the console allows, because a
    learner prints it and PyTorch answers "Tensor". Only this form passes here (not
    ``t = type(x); t.__name__``, not ``torch.__name__``), and at run time the guard gives
    ``__name__`` only on what the console's ``type`` returned (guards.SafeType): a learner
    who rebinds ``type`` gets the usual refusal."""
    value = node.value
    return (node.attr == "__name__" and isinstance(node.ctx, ast.Load)
            and isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
            and value.func.id == "type" and len(value.args) == 1 and not value.keywords)


def _check_import(node: ast.Import) -> None:
    for alias in node.names:
        wanted = IMPORTABLE.get(alias.name)
        bound = alias.asname or alias.name
        if wanted is None or bound != wanted:
            _refuse(node, "import", module=alias.name)


def _check_import_from(node: ast.ImportFrom) -> None:
    """``from torch.distributions.multinomial import Multinomial`` (D2L §2.6): only from
    the console's own modules, never ``*`` or relative; every dotted part and imported
    name is then read through the same guards as ``torch.distributions.multinomial``."""
    parts = (node.module or "").split(".")
    if node.level or parts[0] not in IMPORTABLE or any(a.name == "*" for a in node.names):
        _refuse(node, "import_from")
    for part in (*parts[1:], *(a.name for a in node.names)):
        check_attr(node, part)
    for alias in node.names:
        check_name(node, alias.asname or alias.name)


def _check_target(node: ast.AST, target: ast.AST, simple_ok: bool) -> None:
    """Attribute targets are allowed only as a plain ``x.name = value``."""
    for sub in ast.walk(target):
        if isinstance(sub, ast.Attribute) and (not simple_ok or sub is not target):
            if isinstance(sub.ctx, ast.Store | ast.Del):
                _refuse(node, "attr_target")


def _check_handler(handler: ast.ExceptHandler) -> None:
    kinds = handler.type
    names = kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]
    for kind in names:
        if kind is None or not isinstance(kind, ast.Name) or kind.id == "BaseException":
            _refuse(handler, "bare_except")


def _walk_with_lines(tree: ast.AST):
    """Like ``ast.walk`` but gives nodes without a line (comprehension, withitem) their
    parent's line, so every refusal names a line."""
    stack = [(tree, 1)]
    while stack:
        node, line = stack.pop()
        line = getattr(node, "lineno", line)
        yield node, line
        stack.extend((child, line) for child in reversed(list(ast.iter_child_nodes(node))))


def check(tree: ast.AST) -> None:
    """Walk the whole tree; raise ``Refused`` (with the line) at the first forbidden node."""
    for node, line in _walk_with_lines(tree):
        try:
            _check_node(node)
        except Refused as exc:
            if exc.line is None:
                exc.line = line
            raise


def _check_node(node: ast.AST) -> None:
    """Refuse one node if the policy forbids it."""
    kind = type(node)
    if kind not in ALLOWED_NODES:
        key = NODE_REASONS.get(kind)
        if key is None:
            _refuse(node, "node", kind=kind.__name__)
        _refuse(node, key)
    if isinstance(node, ast.Name):
        check_name(node, node.id)
    elif isinstance(node, ast.Attribute) and not _reads_a_type_name(node):
        check_attr(node, node.attr)
    elif isinstance(node, ast.Import):
        _check_import(node)
    elif isinstance(node, ast.ImportFrom):
        _check_import_from(node)
    elif isinstance(node, ast.FunctionDef | ast.Lambda):
        args = node.args
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg,
                    args.kwarg):
            if arg is not None:
                check_name(node, arg.arg)
        if isinstance(node, ast.FunctionDef):
            check_name(node, node.name)
    elif isinstance(node, ast.keyword) and node.arg is not None:
        check_name(node, node.arg)
    elif isinstance(node, ast.Global | ast.Nonlocal):
        for name in node.names:
            check_name(node, name)
    elif isinstance(node, ast.ExceptHandler):
        _check_handler(node)
        if node.name:
            check_name(node, node.name)
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            _check_target(node, target, simple_ok=len(node.targets) == 1)
    elif isinstance(node, ast.AugAssign):
        _check_target(node, node.target, simple_ok=True)
    elif isinstance(node, ast.For | ast.comprehension):
        _check_target(node, node.target, simple_ok=False)
    elif isinstance(node, ast.withitem) and node.optional_vars is not None:
        _check_target(node, node.optional_vars, simple_ok=False)
    elif isinstance(node, ast.Delete):
        for target in node.targets:
            _check_target(node, target, simple_ok=False)
