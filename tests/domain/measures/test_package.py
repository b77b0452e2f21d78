"""The measures package loads each measure's module only when one of its names is asked for."""

import subprocess
import sys

import pytest

import beliefupdate.domain.measures as measures


def test_every_name_the_package_offers_is_there():
    for name in measures.__all__:
        assert getattr(measures, name).__module__.startswith("beliefupdate.domain.measures.")


def test_asking_for_one_name_loads_only_its_module():
    code = ("import sys; from beliefupdate.domain.measures import format_evidence; "
            "print(sorted(m for m in sys.modules if m.startswith('beliefupdate.domain.measures.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['beliefupdate.domain.measures.evidence']"


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_measure"):
        measures.no_such_measure  # noqa: B018

def test_the_type_checker_sees_every_name_from_the_module_it_is_loaded_from():
    # mypy cannot see through __getattr__: without its TYPE_CHECKING imports every name would be an object to it.
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(measures))
    seen = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                for alias in imp.names:
                    assert alias.asname == alias.name, "re-exported under its own name"
                    seen[alias.name] = imp.module.removeprefix("beliefupdate.domain.measures.")
    assert seen == measures._MODULE_OF
