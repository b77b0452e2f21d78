"""Several programs on one journal at once lose nothing and never say "database is locked".

On both backends: a SQLite file, and one database on a PostgreSQL server that every
process (a "device") writes to at the same time.

Three command-line writers run side by side (each command opens and closes the
journal, as separate invocations do), next to a long-lived process that holds
the journal open and writes now and then, as the app does, and a reader that
lists while they write. Every record is counted at the end.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from beliefupdate.store.journal import Journal

WRITERS = 3
ROUNDS = 15  # each round: log a conversation, check in, add a proposition
APP_CHECK_INS = 30
READS = 20

WRITER = textwrap.dedent(
    """
    import sys
    from beliefupdate.cli import main
    db, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(rounds):
        for argv in (
            ["log", f"{name} talk {i}", "--with", name, "--credence", "1", "20%", "30%", "--credence", "2", "40%", "50%"],
            ["checkin", "3", "55%", "--note", f"{name} {i}"],
            ["add", f"{name} proposition {i}", "--tag", name],
        ):
            code = main(["--db", db, *argv])
            if code != 0:
                sys.exit(code)
    """
)

APP = textwrap.dedent(
    """
    import sys
    from beliefupdate.store.journal import Journal
    db, n = sys.argv[1], int(sys.argv[2])
    journal = Journal.open(db)
    pid = journal.find_proposition("3").id
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(n):
        journal.check_in(pid, 0.6, note=f"app {i}")
        journal.summaries()
        journal.conversations()
    journal.close()
    """
)

READER = textwrap.dedent(
    """
    import io, json, sys
    from contextlib import redirect_stdout
    from beliefupdate.cli import main
    db, n = sys.argv[1], int(sys.argv[2])
    print("ready", flush=True)
    sys.stdin.readline()
    seen = []
    for _ in range(n):
        for command, key in (("list", "propositions"), ("conversations", "conversations")):
            buffer = io.StringIO()
            with redirect_stdout(buffer):
                code = main(["--db", db, command, "--json"])
            if code != 0:
                sys.exit(code)
            seen.append((command, len(json.loads(buffer.getvalue())[key])))
    print(json.dumps(seen))
    """
)


def start(script: str, *args) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout.readline() == "ready\n", proc.stderr.read()
    return proc


def test_writers_side_by_side_lose_nothing(journal_db):
    path = journal_db
    with Journal.open(path) as j:
        for text in ("Working at a large lab is my best option", "AI safety is one hard problem", "A PhD is worth it"):
            j.add_proposition(text)

    procs = [start(WRITER, path, f"w{n}", ROUNDS) for n in range(WRITERS)]
    procs.append(start(APP, path, APP_CHECK_INS))
    procs.append(start(READER, path, READS))
    for proc in procs:  # all at once
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [(proc.communicate(timeout=240), proc.returncode) for proc in procs]

    for (_out, err), code in results:
        assert "locked" not in err and "busy" not in err, err
        assert code == 0 and err == "", err
    seen = json.loads(results[-1][0][0])
    for command in ("list", "conversations"):
        counts = [n for c, n in seen if c == command]
        assert counts == sorted(counts), f"{command} went backwards: {counts}"

    with Journal.open(path) as j:
        data = j.export_data()
        assert len(data.propositions) == 3 + WRITERS * ROUNDS
        assert len(data.conversations) == WRITERS * ROUNDS
        assert len(data.credences) == WRITERS * ROUNDS * (4 + 1) + APP_CHECK_INS
        assert len(data.people) == WRITERS
        notes = {c.note for c in data.credences if c.phase.value == "check-in"}
        assert notes == {f"w{n} {i}" for n in range(WRITERS) for i in range(ROUNDS)} | {
            f"app {i}" for i in range(APP_CHECK_INS)
        }
        # Numbers were handed out once each, whoever asked first.
        assert sorted(c.handle for c in data.conversations) == list(range(1, WRITERS * ROUNDS + 1))
        assert sorted(p.handle for p in data.propositions) == list(range(1, 3 + WRITERS * ROUNDS + 1))


# The race that lost writes on a server: devices logging conversations at once, all with
# the same person and each with a new one, numbered from the same highest number.
LOGGER = textwrap.dedent(
    """
    import sys
    from beliefupdate.domain.types import CredenceEntry
    from beliefupdate.store.journal import Journal
    db, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    journal = Journal.open(db)
    pids = [p.id for p in journal.propositions()]
    print("ready", flush=True)
    sys.stdin.readline()
    handles = []
    for i in range(n):
        person = "Bob" if i % 2 else f"{name} friend {i % 5}"
        c = journal.log_conversation(f"{name} chat {i}", [CredenceEntry(pids[i % 2], 0.2, 0.3)], person=person)
        handles.append(c.handle)
    journal.close()
    print(" ".join(map(str, handles)))
    """
)
DEVICES = 4
EACH = 40


def test_devices_logging_at_once_get_every_conversation_saved_once_with_its_own_number(journal_db):
    with Journal.open(journal_db) as j:
        j.add_proposition("AI safety is one hard problem")
        j.add_proposition("I should work at a large lab")
    procs = [start(LOGGER, journal_db, f"d{n}", EACH) for n in range(DEVICES)]
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [(proc.communicate(timeout=240), proc.returncode) for proc in procs]
    acknowledged = []
    for (out, err), code in results:
        assert code == 0 and err == "", err
        acknowledged += [int(h) for h in out.split()]

    with Journal.open(journal_db) as j:
        data = j.export_data()
    titles = sorted(c.title for c in data.conversations)
    assert titles == sorted(f"d{n} chat {i}" for n in range(DEVICES) for i in range(EACH))  # each once
    handles = [c.handle for c in data.conversations]
    assert sorted(handles) == sorted(acknowledged) == list(range(1, DEVICES * EACH + 1))
    assert len(data.credences) == DEVICES * EACH * 2
    names = sorted(p.name for p in data.people)
    assert names == sorted(["Bob", *(f"d{n} friend {k}" for n in range(DEVICES) for k in range(5))])
