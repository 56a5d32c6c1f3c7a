"""Rewrite a checked tree so that every risky operation goes through a run-time guard.

After ``checker.check`` accepted the tree, this transformer turns

- ``a.b``            into ``__sb_getattr(a, 'b')``, ``a.b = v`` into ``__sb_setattr(a, 'b', v)``;
- ``a[i]``           into ``__sb_getitem(a, i)``, ``a[i] = v`` into ``__sb_setitem(a, i, v)``;
- ``a + b`` etc.     into ``__sb_binop('+', a, b)`` (sizes checked before computing);
- ``a < b``          into ``__sb_compare(...)``;  ``x += y`` into guarded in-place forms;
- loops, comprehensions and functions get a ``__sb_tick()`` step counter;
- ``def f`` / ``lambda`` are wrapped by ``__sb_func`` (depth cap); f-string fields by
  ``__sb_format``; top-level expression statements by ``__sb_echo`` (REPL echo);
- ``import torch`` into ``torch = __sb_module('torch')``, and
  ``from torch.a import B`` into ``B = __sb_import('torch.a', 'B')`` (read through the
  same guards as ``torch.a.B``).

The learner cannot name any ``__sb_*`` helper: the checker refuses names starting with '_'.
"""

from __future__ import annotations

import ast

from tutor_app.sandbox.policy import IMPORTABLE

BINOP_SYMBOLS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/", ast.Mod: "%",
    ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^",
    ast.BitAnd: "&", ast.FloorDiv: "//",
}
COMPARE_SYMBOLS = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}


def _helper(name: str, *args: ast.expr) -> ast.Call:
    return ast.Call(func=ast.Name(id=f"__sb_{name}", ctx=ast.Load()), args=list(args),
                    keywords=[])


def _tick() -> ast.Expr:
    return ast.Expr(value=_helper("tick"))


def _index_expr(node: ast.expr) -> ast.expr:
    """A subscript index as an ordinary expression (``1:2`` -> ``slice(1, 2, None)``)."""
    if isinstance(node, ast.Slice):
        parts = [p if p is not None else ast.Constant(value=None)
                 for p in (node.lower, node.upper, node.step)]
        return ast.copy_location(_helper("slice", *parts), node)
    if isinstance(node, ast.Tuple):
        return ast.copy_location(
            ast.Tuple(elts=[_index_expr(e) for e in node.elts], ctx=ast.Load()), node)
    return node


class Rewriter(ast.NodeTransformer):
    """See the module docstring. Only module-level expression statements echo: every one
    when ``echo_all`` (a single line, as a REPL), else only a final one (as a notebook)."""

    def __init__(self, echo_all: bool = True):
        super().__init__()
        self.echo_all = echo_all

    # ---- statements -------------------------------------------------------------------
    def visit_Module(self, node: ast.Module) -> ast.Module:
        body = []
        last = node.body[-1] if node.body else None
        for stmt in node.body:
            if isinstance(stmt, ast.Expr) and (self.echo_all or stmt is last):
                value = self.visit(stmt.value)
                body.append(ast.copy_location(ast.Expr(value=_helper("echo", value)), stmt))
            else:
                body.extend(self._as_list(self.visit(stmt)))
        node.body = body
        return node

    @staticmethod
    def _as_list(result) -> list:
        return result if isinstance(result, list) else [result]

    def visit_Import(self, node: ast.Import) -> list[ast.stmt]:
        return [ast.copy_location(ast.Assign(
            targets=[ast.Name(id=IMPORTABLE[a.name], ctx=ast.Store())],
            value=_helper("module", ast.Constant(value=a.name))), node) for a in node.names]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> list[ast.stmt]:
        """``from torch.a.b import C as D`` into ``D = torch.a.b.C`` read through the
        guards (the checker allowed only the console's modules)."""
        module = ast.Constant(value=node.module)
        return [ast.copy_location(ast.Assign(
            targets=[ast.Name(id=a.asname or a.name, ctx=ast.Store())],
            value=_helper("import", module, ast.Constant(value=a.name))), node)
            for a in node.names]

    def visit_FunctionDef(self, node: ast.FunctionDef) -> list[ast.stmt]:
        self.generic_visit(node)
        decorators, node.decorator_list = node.decorator_list, []
        wrapped: ast.expr = _helper("func", ast.Name(id=node.name, ctx=ast.Load()))
        for deco in reversed(decorators):
            wrapped = ast.Call(func=deco, args=[wrapped], keywords=[])
        rebind = ast.Assign(targets=[ast.Name(id=node.name, ctx=ast.Store())], value=wrapped)
        return [node, ast.copy_location(rebind, node)]

    def visit_Lambda(self, node: ast.Lambda) -> ast.expr:
        self.generic_visit(node)
        return ast.copy_location(_helper("func", node), node)

    def _loop(self, node: ast.For | ast.While) -> ast.stmt:
        self.generic_visit(node)
        node.body.insert(0, ast.copy_location(_tick(), node))
        return node

    visit_For = _loop
    visit_While = _loop

    def visit_Starred(self, node: ast.Starred) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load):
            node.value = ast.copy_location(_helper("star", node.value), node)
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.stmt:
        self.generic_visit(node)
        if any(isinstance(sub, ast.Starred) for t in node.targets for sub in ast.walk(t)):
            node.value = ast.copy_location(_helper("star", node.value), node)
        if len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Attribute):
                call = _helper("setattr", target.value, ast.Constant(value=target.attr),
                               node.value)
                return ast.copy_location(ast.Expr(value=call), node)
            if isinstance(target, ast.Subscript):
                call = _helper("setitem", target.value, _index_expr(target.slice), node.value)
                return ast.copy_location(ast.Expr(value=call), node)
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.stmt:
        target = node.target
        symbol = ast.Constant(value=BINOP_SYMBOLS[type(node.op)] + "=")
        value = self.visit(node.value)
        if isinstance(target, ast.Name):
            load = ast.Name(id=target.id, ctx=ast.Load())
            new = ast.Assign(targets=[target], value=_helper("binop", symbol, load, value))
        elif isinstance(target, ast.Attribute):
            new = ast.Expr(value=_helper("aug_attr", self.visit(target.value),
                                         ast.Constant(value=target.attr), symbol, value))
        else:  # Subscript
            new = ast.Expr(value=_helper("aug_item", self.visit(target.value),
                                         _index_expr(self.visit(target.slice)), symbol, value))
        return ast.copy_location(new, node)

    # ---- expressions ------------------------------------------------------------------
    def visit_Attribute(self, node: ast.Attribute) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load):
            call = _helper("getattr", node.value, ast.Constant(value=node.attr))
            return ast.copy_location(call, node)
        return node

    def visit_Subscript(self, node: ast.Subscript) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load):
            call = _helper("getitem", node.value, _index_expr(node.slice))
            return ast.copy_location(call, node)
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        self.generic_visit(node)
        symbol = ast.Constant(value=BINOP_SYMBOLS[type(node.op)])
        return ast.copy_location(_helper("binop", symbol, node.left, node.right), node)

    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        self.generic_visit(node)
        if len(node.ops) == 1:
            symbol = ast.Constant(value=COMPARE_SYMBOLS[type(node.ops[0])])
            call = _helper("binop", symbol, node.left, node.comparators[0])
            return ast.copy_location(call, node)
        # a < b < c: evaluate each operand once and lazily, as Python does.
        thunks = [ast.Lambda(args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[],
                                                kw_defaults=[], defaults=[]), body=operand)
                  for operand in (node.left, *node.comparators)]
        symbols = [ast.Constant(value=COMPARE_SYMBOLS[type(op)]) for op in node.ops]
        call = _helper("chain", ast.List(elts=symbols, ctx=ast.Load()),
                       ast.List(elts=thunks, ctx=ast.Load()))
        return ast.copy_location(call, node)

    def visit_comprehension(self, node: ast.comprehension) -> ast.comprehension:
        self.generic_visit(node)
        node.ifs.insert(0, _helper("tick"))
        return node

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.expr:
        self.generic_visit(node)
        spec = node.format_spec if node.format_spec is not None else ast.Constant(value="")
        call = _helper("format", node.value, ast.Constant(value=node.conversion), spec)
        return ast.copy_location(
            ast.FormattedValue(value=call, conversion=-1, format_spec=None), node)


def rewrite(tree: ast.Module, echo_all: bool = True) -> ast.Module:
    """Return the guarded tree (mutates ``tree``), with locations fixed for compile().

    ``echo_all``: echo every top-level expression (a one-line submission, as a REPL does);
    otherwise only the last statement echoes, as a notebook cell does."""
    return ast.fix_missing_locations(Rewriter(echo_all).visit(tree))
