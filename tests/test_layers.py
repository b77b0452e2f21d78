"""Dependencies point one way: ui -> charts -> store -> domain, ui -> operations -> store, and
interchange -> store -> domain. The command line uses operations and charts as the window does.

File formats (interchange) read and write plain records: the store must not
know them, and they must not know the window, the charts or the command line.

Checked on the source text (ast), so an import hidden in a function or behind
a condition counts, and nothing has to be imported to find out.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import beliefupdate

PACKAGE = Path(beliefupdate.__file__).resolve().parent

QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy", "pyqtgraph")
FORBIDDEN = {
    "domain": (*QT, "sqlalchemy", "alembic", "beliefupdate.store", "beliefupdate.operations", "beliefupdate.interchange", "beliefupdate.charts", "beliefupdate.ui", "beliefupdate.cli", "beliefupdate.cli_commands"),
    "store": (*QT, "beliefupdate.operations", "beliefupdate.interchange", "beliefupdate.charts", "beliefupdate.ui", "beliefupdate.cli", "beliefupdate.cli_commands"),
    "interchange": (*QT, "beliefupdate.operations", "beliefupdate.charts", "beliefupdate.ui", "beliefupdate.cli", "beliefupdate.cli_commands"),
    "charts": ("beliefupdate.ui", "beliefupdate.operations", "beliefupdate.cli", "beliefupdate.cli_commands"),
    # What a person does, for the window and the command line alike: neither of them, nor Qt.
    "operations": (*QT, "beliefupdate.interchange", "beliefupdate.charts", "beliefupdate.ui", "beliefupdate.cli", "beliefupdate.cli_commands"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path):
    """(line, imported module) for every import statement in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            yield node.lineno, target
            for alias in node.names:  # "from beliefupdate import ui" imports beliefupdate.ui
                yield node.lineno, f"{target}.{alias.name}"


def is_under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, name in imports_of(path):
            for banned in FORBIDDEN[layer]:
                if is_under(name, banned):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_point_one_way(layer):
    assert list((PACKAGE / layer).rglob("*.py")), f"no sources found for {layer}"
    assert violations(layer) == []


def test_the_checker_sees_relative_and_nested_imports(tmp_path, monkeypatch):
    # A checker that finds nothing must be shown able to find something.
    fake = tmp_path / "beliefupdate"
    (fake / "domain" / "sub").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "domain" / "__init__.py").write_text("")
    (fake / "domain" / "sub" / "__init__.py").write_text("")
    (fake / "domain" / "sub" / "bad.py").write_text(
        "from ...store import journal\n"
        "def later():\n"
        "    import PySide6.QtCore\n"
        "    from beliefupdate import ui\n"
        "from .. import text\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    found = violations("domain")
    assert found == [
        "beliefupdate/domain/sub/bad.py:1 imports beliefupdate.store",
        "beliefupdate/domain/sub/bad.py:1 imports beliefupdate.store.journal",
        "beliefupdate/domain/sub/bad.py:3 imports PySide6.QtCore",
        "beliefupdate/domain/sub/bad.py:4 imports beliefupdate.ui",
    ]


def _loaded_after(code: str) -> set[str]:
    """Top-level packages loaded by running ``code`` in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"],
        capture_output=True, text=True, check=True,
    )
    return set(out.stdout.split())


def test_importing_the_journal_does_not_import_alembic():
    loaded = _loaded_after("import beliefupdate.store.journal")
    assert "alembic" not in loaded
    assert not loaded & set(QT)


def test_opening_an_up_to_date_journal_does_not_import_alembic(journal_db):
    from beliefupdate.store.journal import Journal

    Journal.open(journal_db).close()
    loaded = _loaded_after(
        f"from beliefupdate.store.journal import Journal\nj = Journal.open({journal_db!r})\nj.summaries()\nj.close()"
    )
    assert "alembic" not in loaded


def test_the_domain_loads_without_the_database_or_qt():
    modules = sorted(
        module_name(p) for p in (PACKAGE / "domain").rglob("*.py") if p.name != "__init__.py"
    )
    loaded = _loaded_after("\n".join(f"import {m}" for m in modules))
    assert not loaded & {"sqlalchemy", "alembic", *QT}
