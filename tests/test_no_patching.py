"""Nothing in the app is patched after import: read from the source (ast), every module.

Two patterns are refused: ``<imported module>.<name> = …`` at a module's top level (one
module rewiring another's globals, as ``core.Tensor = Tensor`` once did), and
``SomeClass.attr = …`` anywhere outside that class's body (methods or reprs attached from
outside, as ``MaxResult.__repr__ = …`` once was). ``setattr`` with such a target counts
too. A reader then finds every class complete in its body and every module's globals
set by the module itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "tutor_app"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


def _absolute(base: str | None, level: int, here: str, is_package: bool) -> str:
    if not level:
        return base or ""
    package = here if is_package else here.rsplit(".", 1)[0]
    parts = package.split(".")
    parts = parts[: len(parts) - level + 1]
    return ".".join(parts + ([base] if base else []))


def _top_level_classes(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.ClassDef)}


def _bindings(path: Path, tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names bound to imported modules, names bound to classes) in one module."""
    here = _module_name(path)
    modules: set[str] = set()
    classes = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, here, path.name == "__init__.py")
            for alias in node.names:
                name = alias.asname or alias.name
                full = f"{base}.{alias.name}"
                if full in MODULES:
                    modules.add(name)
                elif base in MODULES and alias.name in _top_level_classes(MODULES[base]):
                    classes.add(name)
                elif alias.name[:1].isupper() and not alias.name.isupper():
                    classes.add(name)  # a CapWords name: a class (made by type() or elsewhere)
    return modules, classes


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return [t for target in node.targets for t in _flatten(target)]
    if isinstance(node, ast.AugAssign | ast.AnnAssign):
        return [node.target]
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
            and isinstance(node.value.func, ast.Name) and node.value.func.id == "setattr" \
            and node.value.args:
        return [ast.Attribute(value=node.value.args[0], attr="?", ctx=ast.Store())]
    return []


def _flatten(target: ast.expr) -> list[ast.expr]:
    if isinstance(target, ast.Tuple | ast.List):
        return [t for item in target.elts for t in _flatten(item)]
    return [target]


def _owner(target: ast.expr) -> str | None:
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
        return target.value.id
    return None


def patches(path: Path, source: str | None = None) -> list[str]:
    """Every assignment in ``path`` (or in ``source`` standing for it) that patches another
    module or a class from outside."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    modules, classes = _bindings(path, tree)
    found = []

    def visit(node: ast.AST, top_level: bool, class_name: str | None) -> None:
        for target in _targets(node):
            owner = _owner(target)
            if owner is None:
                continue
            if top_level and owner in modules:
                found.append(f"{path.name}:{node.lineno}: {owner}.{target.attr} = … "
                             "(another module's global)")
            elif owner in classes and owner != class_name:
                found.append(f"{path.name}:{node.lineno}: {owner}.{target.attr} = … "
                             "(a class patched outside its body)")
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, False, child.name)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, False, class_name)
            else:
                visit(child, top_level, class_name)

    visit(tree, True, None)
    return found


def test_no_module_or_class_is_patched_after_import():
    found = [p for path in sorted(ROOT.rglob("*.py")) for p in patches(path)]
    assert found == []


def test_the_scan_sees_both_kinds_of_patch():
    """The scan is not vacuous: it reports the two patterns it exists to refuse, and lets
    a class set its own attributes in its body."""
    source = ("from . import core\nfrom .functional import MaxResult\n"
              "class Box:\n    size = 1\n"
              "    def grow(self):\n        Box.size = 2\n"
              "core.Tensor = object\n"
              "Box.__repr__ = lambda self: 'box'\n"
              "def later():\n    setattr(MaxResult, 'size', 2)\n")
    found = patches(ROOT / "engine" / "sample.py", source)
    assert len(found) == 3, found
    assert "another module's global" in found[0]
    assert all("outside its body" in f for f in found[1:])
