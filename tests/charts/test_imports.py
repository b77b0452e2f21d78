"""The charts' modules import each other one way: no cycle, even through an import inside a function.

A cycle hidden in a function works until someone moves the import to the top, and then
the package fails to load depending on which module is imported first.
"""

from tests.test_layers import PACKAGE, imports_of, module_name


def import_graph(folder):
    """Module -> the modules of the same folder it imports, read from the source (ast)."""
    modules = {module_name(p): p for p in sorted(folder.rglob("*.py"))}
    return {m: sorted({n for _line, n in imports_of(p) if n in modules and n != m}) for m, p in modules.items()}


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for target in graph[module]:
            if state.get(target) == "open":
                found.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = "done"

    for module in graph:
        if module not in state:
            visit(module)
    return found


def test_no_chart_module_imports_another_in_a_cycle():
    graph = import_graph(PACKAGE / "charts")
    assert len(graph) > 10, "no chart modules found"
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
