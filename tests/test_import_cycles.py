"""No module of the package imports another in a cycle, even through an import inside a function.

A cycle hidden in a function works until someone moves the import to the top, and then
the package fails to load depending on which module is imported first. Imports under
``if TYPE_CHECKING:`` are for the type checker only and never run: they do not count.
"""

import ast

from tests.test_layers import PACKAGE, imports_of, module_name


def _type_checking_lines(path) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def import_graph(folder):
    """Module -> the modules under ``folder`` it imports when it runs, read from the source (ast)."""
    modules = {module_name(p): p for p in sorted(folder.rglob("*.py")) if "migrations" not in p.parts}
    graph = {}
    for m, p in modules.items():
        skip = _type_checking_lines(p)
        graph[m] = sorted({n for line, n in imports_of(p) if n in modules and n != m and line not in skip})
    return graph


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for target in graph[module]:
            if state.get(target) == "open":
                found.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module)
    return found


def test_no_module_imports_another_in_a_cycle():
    graph = import_graph(PACKAGE)
    assert len(graph) > 100, "no modules found"
    assert [" -> ".join(c) for c in cycles(graph)] == []


def test_the_cycle_finder_finds_one_made_by_an_import_inside_a_function(tmp_path, monkeypatch):
    fake = tmp_path / "beliefupdate" / "charts"
    fake.mkdir(parents=True)
    (fake.parent / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "a.py").write_text("from beliefupdate.charts.b import thing\n")
    (fake / "b.py").write_text("def thing():\n    from beliefupdate.charts import a\n")
    import tests.test_layers as layers

    monkeypatch.setattr(layers, "PACKAGE", fake.parent)
    assert cycles(import_graph(fake)) == [["beliefupdate.charts.a", "beliefupdate.charts.b", "beliefupdate.charts.a"]]


def test_an_import_for_the_type_checker_only_makes_no_cycle(tmp_path, monkeypatch):
    fake = tmp_path / "beliefupdate" / "ui"
    fake.mkdir(parents=True)
    (fake.parent / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "window.py").write_text("from beliefupdate.ui.layout import lay_out\n")
    (fake / "layout.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from beliefupdate.ui.window import Window\n")
    import tests.test_layers as layers

    monkeypatch.setattr(layers, "PACKAGE", fake.parent)
    assert cycles(import_graph(fake)) == []
