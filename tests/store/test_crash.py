"""An acknowledged write survives the process being killed at any moment.

A child process logs conversations in a loop and prints each one once
log_conversation has returned (what the app and the command line call saved).
It is killed with SIGKILL at random moments, again and again; after every kill
the journal passes SQLite's integrity check, every acknowledged conversation is
there with all its credences, and no conversation is there half-written.

Children are forked from one process that has already imported the store, so a
kill costs milliseconds rather than an interpreter start-up.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from beliefupdate.store.journal import Journal

KILLS = 100
PROPOSITIONS = ("Working at a large lab is my best option", "AI safety is one hard problem", "A PhD is worth it for me")

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(os, "mkfifo"), reason="needs fork and FIFOs")

# Reads "SEED FIFO" lines; for each, forks a writer whose output goes to FIFO.
FORK_SERVER = textwrap.dedent(
    """
    import json, os, random, signal, sys
    from beliefupdate.domain.types import CredenceEntry
    from beliefupdate.store.journal import Journal

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system

    def write(path, seed, out):
        out.write(f"pid {os.getpid()}\\n"); out.flush()
        journal = Journal.open(path)
        ids = [p.id for p in journal.propositions()]
        rng = random.Random(seed)
        out.write("ready\\n"); out.flush()
        n = 0
        while True:
            values = {pid: [round(rng.random(), 6), round(rng.random(), 6)] for pid in ids}
            entries = [CredenceEntry(pid, b, a, note=f"reason {seed}-{n}") for pid, (b, a) in values.items()]
            c = journal.log_conversation(f"Talk {seed}-{n}", entries, person=f"Person {n % 4}")
            out.write(json.dumps({"id": c.id, "credences": values}) + "\\n"); out.flush()
            n += 1

    path = sys.argv[1]
    for line in sys.stdin:
        seed, fifo = line.split(" ", 1)
        if os.fork() == 0:
            try:
                write(path, int(seed), open(fifo.strip(), "w"))
            finally:
                os._exit(1)
    """
)


def test_acknowledged_conversations_survive_sigkill(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as j:
        for text in PROPOSITIONS:
            j.add_proposition(text)
    server = subprocess.Popen(
        [sys.executable, "-c", FORK_SERVER, str(path)], stdin=subprocess.PIPE, text=True, cwd=tmp_path
    )
    rng = random.Random(20261126)
    acknowledged: dict[str, dict] = {}
    committed_unacknowledged = 0
    try:
        for round_ in range(KILLS):
            fifo = tmp_path / f"acks-{round_}"
            os.mkfifo(fifo)
            server.stdin.write(f"{round_} {fifo}\n")
            server.stdin.flush()
            with open(fifo) as acks:
                pid = int(acks.readline().split()[1])
                # The moment of the kill: while opening (1 in 8), or after 0-7 saved conversations,
                # with the child already well into its next transaction.
                wait_for = -1 if rng.random() < 1 / 8 else rng.randrange(8)
                if wait_for >= 0:
                    assert acks.readline() == "ready\n", "the writer failed before it was ready"
                    for _ in range(wait_for):
                        line = acks.readline()
                        assert line.endswith("\n"), "the writer stopped by itself"
                        record = json.loads(line)
                        acknowledged[record["id"]] = record["credences"]
                os.kill(pid, signal.SIGKILL)
                for line in acks.read().splitlines(keepends=True):  # up to the kill; a cut-off line is not an acknowledgement
                    if line.endswith("\n") and line.startswith("{"):
                        record = json.loads(line)
                        acknowledged[record["id"]] = record["credences"]
            # A count of the whole journal so far, not of this round alone.
            committed_unacknowledged = check_journal(path, acknowledged)
    finally:
        server.stdin.close()
        server.wait(timeout=60)

    assert len(acknowledged) >= KILLS  # the loop really wrote between the kills
    with Journal.open(path) as j:
        assert len(j.conversations()) == len(acknowledged) + committed_unacknowledged


def check_journal(path, acknowledged: dict[str, dict]) -> int:
    """Assert the journal is whole; returns how many saved conversations were never acknowledged."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored: dict[str, dict] = {}
        for cid, pid, phase, probability in conn.execute(
            "SELECT conversation_id, proposition_id, phase, probability FROM credences WHERE conversation_id IS NOT NULL"
        ):
            stored.setdefault(cid, {}).setdefault(pid, [None, None])[0 if phase == "before" else 1] = probability
        conversations = {cid for (cid,) in conn.execute("SELECT id FROM conversations")}
    finally:
        conn.close()
    for cid, credences in acknowledged.items():
        assert stored.get(cid) == credences, f"acknowledged conversation {cid} is missing or changed"
    for cid in conversations:
        credences = stored.get(cid, {})
        assert len(credences) == len(PROPOSITIONS) and all(None not in v for v in credences.values()), (
            f"conversation {cid} is half-written: {credences}"
        )
    return len(conversations - acknowledged.keys())
