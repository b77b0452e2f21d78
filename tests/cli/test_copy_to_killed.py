"""copy-to killed part-way leaves no file under the new journal's name, so a second copy-to,
and every other command, finds the name free (not "another program's SQLite database")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from beliefupdate.cli import main
from beliefupdate.domain.types import CredenceEntry
from beliefupdate.interchange.exchange import to_dict
from beliefupdate.store.journal import Journal

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

# The copy runs as typed in a child that kills itself, without warning, where KILL_AT is entered:
# a fixed moment inside the copy, so the test needs no timing.
KILLED_COPY = textwrap.dedent(
    """
    import importlib, os, signal, sys
    module, name = sys.argv[1].rsplit(".", 1)
    owner = importlib.import_module(module)
    def killed(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)
    setattr(owner, name, killed)
    from beliefupdate.cli import main
    sys.exit(main(["--db", sys.argv[2], "copy-to", sys.argv[3]]))
    """
)

MOMENTS = {
    "file-just-created": "beliefupdate.store.files.opening._create",  # the file exists, still empty
    "tables-made-records-not": "beliefupdate.store.merge._merge_conversations",  # mid-import, in its transaction
    "records-in-before-rename": "beliefupdate.store.copy_to._rename_new",  # all written, not yet in place
}


def content(db) -> dict:
    with Journal.open(db) as j:
        return to_dict(j.export_data())


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_killed_copy_to_leaves_the_name_free_and_a_second_copy_succeeds(capsys, tmp_path, moment):
    source = tmp_path / "laptop.sqlite3"
    with Journal.open(source) as j:
        lab = j.add_proposition("Working at a lab is my best option", tags=["career"])
        j.log_conversation("Coffee with Sam", [CredenceEntry(lab.id, 0.25, 0.45)], person="Sam")
    new = tmp_path / "new" / "moved.sqlite3"
    new.parent.mkdir()

    child = subprocess.run(
        [sys.executable, "-c", KILLED_COPY, MOMENTS[moment], str(source), str(new)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr

    assert not os.path.lexists(new)
    assert main(["--db", str(source), "copy-to", str(new)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("copied ")
    assert content(new) == content(source)
    assert [n for n in os.listdir(new.parent) if n.startswith(".")] == []  # what the killed copy left is gone
