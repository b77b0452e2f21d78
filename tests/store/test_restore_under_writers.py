"""A restore while another program keeps writing loses no acknowledged write.

Every check-in whose commit returned must end up in the journal or in one of
the copies saved before each restore, never in neither.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

from beliefupdate.cli import main
from beliefupdate.store.backups import BackupKind
from beliefupdate.store.files import backup as B
from beliefupdate.store.journal import Journal

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from beliefupdate.domain.errors import UserError
    from beliefupdate.store.journal import Journal

    path, proposition = Path(sys.argv[1]), sys.argv[2]
    stop = path.with_name("stop")
    with Journal.open(path) as journal:
        for i in range(20000):
            if stop.exists():
                break
            try:
                journal.check_in(proposition, 0.5, note=f"w{i}")
            except UserError as e:  # busy past its timeout: not acknowledged, and said so
                print("failed", i, repr(str(e)), flush=True)
                continue
            print("ok", f"w{i}", flush=True)
    print("done", flush=True)
    """
)

RESTORES = 5
WRITES_BETWEEN = 25


def notes(path) -> set[str]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT note FROM credences")}
    finally:
        conn.close()


def test_every_acknowledged_write_survives_repeated_restores(tmp_path, capsys):
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as j:
        proposition = j.add_proposition("Restores keep what was written").id
        made = j.back_up()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), proposition], stdout=subprocess.PIPE, text=True
    )
    acknowledged: list[str] = []

    def read_writes(n: int) -> None:
        target = len(acknowledged) + n
        while len(acknowledged) < target:
            line = writer.stdout.readline()
            assert line.startswith(("ok ", "failed ")), line  # a write may fail, but clearly
            if line.startswith("ok "):
                acknowledged.append(line.split()[1])

    def restore() -> None:
        # On a loaded machine the writer may hold the journal past the busy timeout: the restore
        # then says so and changes nothing, and is tried again, as a person would.
        for _ in range(10):
            if main(["--db", str(path), "restore", str(made), "--yes"]) == 0:
                capsys.readouterr()
                return
            err = capsys.readouterr().err
            assert "busy" in err, err
        raise AssertionError("the journal stayed busy")

    try:
        read_writes(WRITES_BETWEEN)
        for _ in range(RESTORES):
            # The writer does not wait for the restore: it keeps committing throughout.
            restore()
            read_writes(WRITES_BETWEEN)
        (tmp_path / "stop").touch()
        # Read through the same buffered reader as the lines before: communicate() would read the
        # pipe underneath it and miss what that reader already holds, cutting a line in two.
        rest = writer.stdout.read()
    finally:
        (tmp_path / "stop").touch()
        writer.wait(timeout=60)
        writer.stdout.close()
    for line in rest.split("\n"):  # lines as the writer printed them: an error text may hold other breaks
        if not line:
            continue
        assert line.startswith(("ok ", "failed ", "done")), repr(rest[-2000:])
        if line.startswith("ok "):
            acknowledged.append(line.split()[1])

    saved = [b.path for b in B.list_backups(path) if b.kind is BackupKind.BEFORE_RESTORE]
    assert len(saved) == RESTORES
    kept = notes(path).union(*(notes(p) for p in saved))
    lost = [n for n in acknowledged if n not in kept]
    assert lost == [], f"{len(lost)} of {len(acknowledged)} acknowledged writes are nowhere"
