"""The desktop entry and AppStream metainfo validate with the platform's own tools."""

import shutil
import subprocess
from importlib import resources

import pytest

from beliefupdate.ui.resources import APP_ID


def resource(name: str):
    return resources.files("beliefupdate") / "resources" / name


def test_resources_are_in_the_package():
    for name in (f"{APP_ID}.svg", f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml", "sample-journal.json"):
        assert resource(name).is_file(), name


def test_desktop_entry_validates():
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian/Ubuntu: apt-get install desktop-file-utils)")
    done = subprocess.run([tool, str(resource(f"{APP_ID}.desktop"))], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower()


def test_metainfo_validates():
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli is not installed (Debian/Ubuntu: apt-get install appstream)")
    done = subprocess.run([tool, "validate", "--no-net", str(resource(f"{APP_ID}.metainfo.xml"))],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_sample_journal_is_a_valid_export():
    from beliefupdate.interchange.exchange import from_dict
    from beliefupdate.ui.resources import sample_journal_dict

    data = from_dict(sample_journal_dict())
    assert len(data.propositions) >= 8 and len(data.conversations) >= 4
    kinds = {c.kind.value for c in data.conversations}
    assert {"conversation", "ai"} <= kinds
