"""The engine's floors, and no import circle anywhere in ``tutor_app/``.

Read from the source (ast), so a circle hidden inside a function body counts too: two
modules that import each other, even lazily, cannot be read one after the other.
Floors, bottom to top: ops_table → ops entries → core → backward/graph_backward →
tensor (with its mixins) → the torch-style API (functional, shapes, products, norms,
autograd, func). See ``tutor_app/engine/__init__.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2] / "tutor_app"


def _module(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, known: set[str], module_level_only: bool,
             root: Path = ROOT) -> set[str]:
    name = _module(path, root)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name}


def _graph(module_level_only: bool, under: str = "", root: Path = ROOT) -> nx.DiGraph:
    paths = {_module(p, root): p for p in root.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in paths.items():
        if name.startswith(f"{root.name}{under}"):
            graph.add_node(name)
            for target in _imports(path, set(paths), module_level_only, root):
                graph.add_edge(name, target)
    return graph


def _circles(graph: nx.DiGraph) -> list[list[str]]:
    return [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]


def test_no_module_level_import_circle_in_the_app():
    assert _circles(_graph(module_level_only=True)) == []


def test_no_import_circle_in_the_app_even_inside_functions():
    """App-wide, function-level imports included: a circle closed by an import inside a
    function body is still a circle (the sandbox's session → console_process → keeper →
    session was one, i18n ↔ i18n.pseudo another)."""
    assert _circles(_graph(module_level_only=False)) == []


def _plant(root: Path, files: dict[str, str]) -> Path:
    """A throwaway package ``root`` with these modules (relative path → source)."""
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


def test_the_circle_check_catches_a_circle_closed_inside_a_function(tmp_path):
    """The check above would pass on an empty graph too: prove on a planted package that
    it sees a circle closed lazily (inside a function, relative and absolute imports), the
    one the module-level check misses, and that it names exactly the modules in it."""
    root = _plant(tmp_path / "planted", {
        "__init__.py": "",
        "a.py": "from planted.sub import b\n",
        "sub/__init__.py": "",
        "sub/b.py": "def later():\n    from .. import c\n    return c\n",
        "c.py": "import planted.a\n",
        "d.py": "from planted import c\n",   # leans on the circle, is not in it
    })
    assert _circles(_graph(module_level_only=True, root=root)) == []
    assert _circles(_graph(module_level_only=False, root=root)) == [
        ["planted.a", "planted.c", "planted.sub.b"]]


def test_the_circle_check_passes_a_planted_package_without_a_circle(tmp_path):
    root = _plant(tmp_path / "planted", {
        "__init__.py": "",
        "a.py": "def later():\n    from planted import b\n    return b\n",
        "b.py": "import numpy\n",
    })
    graph = _graph(module_level_only=False, root=root)
    assert list(graph.edges) == [("planted.a", "planted.b")]
    assert _circles(graph) == []


def test_the_op_table_machinery_imports_nothing_of_ours():
    graph = _graph(module_level_only=False, under=".engine")
    assert list(graph.successors("tutor_app.engine.ops_table")) == []
    entries = ("ops_math", "ops_reduce", "ops_shape", "ops_linalg", "ops_backward")
    for name in entries:
        assert set(graph.successors(f"tutor_app.engine.{name}")) == {
            "tutor_app.engine.ops_table"}, name
    core_needs = set(nx.descendants(graph, "tutor_app.engine.core"))
    assert core_needs <= {"tutor_app.engine.ops", "tutor_app.engine.ops_table",
                          "tutor_app.engine.hooks", "tutor_app.engine.tape",
                          "tutor_app.engine.uids",
                          *(f"tutor_app.engine.{n}" for n in entries)}


# --- one place makes nodes, one loop runs them ---------------------------------------------
ENGINE = ROOT / "engine"


def _functions(tree: ast.Module):
    """(qualified name, node) for every function, nested ones included."""
    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                yield name, child
                yield from walk(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")
    yield from walk(tree, "")


def _innermost(path: Path):
    """For each function, the nodes that belong to it and not to a function inside it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for name, fn in _functions(tree):
        own, stack = [], list(ast.iter_child_nodes(fn))
        while stack:
            node = stack.pop()
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            own.append(node)
            stack.extend(ast.iter_child_nodes(node))
        yield name, own


def _mentions(node: ast.AST, word: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == word
               or isinstance(n, ast.Attribute) and n.attr == word for n in ast.walk(node))


def test_one_function_makes_every_node():
    """Nodes are made in ``core.make_result`` only: the fast paths call it too."""
    makers = {f"{path.stem}.{name}"
              for path in ENGINE.glob("*.py") for name, own in _innermost(path)
              for node in own
              if isinstance(node, ast.Call) and _mentions(node.func, "_new")
              and any(_mentions(a, "node_cls") for a in node.args)}
    assert makers == {"core.make_result"}


def test_one_loop_runs_the_vjps():
    """One backward loop: the only function that loops over nodes calling their VJPs
    (recorded with create_graph or not, observed or not) is ``backward._backward_loop``."""
    def calls_a_vjp(node):
        return isinstance(node, ast.Call) and (
            isinstance(node.func, ast.Subscript) and _mentions(node.func.value, "vjps")
            or _mentions(node.func, "recorded_vjp"))

    loops = {f"{path.stem}.{name}"
             for path in ENGINE.glob("*.py") for name, own in _innermost(path)
             if any(isinstance(n, ast.For | ast.While) for n in own)
             and any(calls_a_vjp(n) for n in own)}
    assert loops == {"backward._backward_loop"}
