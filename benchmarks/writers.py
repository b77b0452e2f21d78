"""Several devices logging at once: conversations per second and p95 commit latency.

1, 2 and 4 writer processes each log conversations into one journal for a few
seconds, on a SQLite file and on a PostgreSQL database (the server scripts/bench
starts, or $BELIEFUPDATE_TEST_POSTGRES). Each figure is shown beside the same
backend's single writer measured in the same run: the ratio is what counts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import uuid
from pathlib import Path

WRITER = textwrap.dedent(
    """
    import json, sys, time
    from beliefupdate.domain.types import CredenceEntry
    from beliefupdate.store.journal import Journal
    db, name, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    journal = Journal.open(db)
    pids = [p.id for p in journal.propositions()]
    print("ready", flush=True)
    sys.stdin.readline()
    latencies, end, i = [], time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        t = time.perf_counter()
        journal.log_conversation(f"{name} chat {i}", [CredenceEntry(pids[i % 2], 0.4, 0.6)],
                                 person="Bob" if i % 2 else name)
        latencies.append(time.perf_counter() - t)
        i += 1
    journal.close()
    print(json.dumps(latencies))
    """
)
COUNTS = (1, 2, 4)


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def _run(db: str, writers: int, seconds: float) -> dict[str, float]:
    from beliefupdate.store.journal import Journal

    with Journal.open(db) as j:
        if not j.propositions():
            j.add_proposition("AI safety is one hard problem")
            j.add_proposition("I should work at a large lab")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, db, f"w{n}", str(seconds)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for n in range(writers)
    ]
    for p in procs:
        if p.stdout.readline() != "ready\n":
            raise RuntimeError(f"a writer did not start: {p.stderr.read()[-2000:]}")
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    latencies: list[float] = []
    for p in procs:
        out, err = p.communicate(timeout=seconds + 120)
        if p.returncode != 0:
            raise RuntimeError(f"a writer failed: {err[-2000:]}")
        latencies += json.loads(out.strip().splitlines()[-1])
    return {"per_second": len(latencies) / seconds, "p95_ms": _p95(latencies) * 1000}


def _postgres_database(admin: str) -> tuple[str, object]:
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return admin.rsplit("/", 1)[0] + "/" + name, drop


def measure(seconds: float = 5.0) -> dict[str, float]:
    """Figures named like ``sqlite_4_writers_per_s``, ``..._ratio`` (to one writer) and ``..._p95_ms``."""
    fig: dict[str, float] = {}
    backends: list[str] = ["sqlite"]
    admin = os.environ.get("BELIEFUPDATE_TEST_POSTGRES")
    if admin:
        backends.append("postgresql")
    else:
        why = os.environ.get("BELIEFUPDATE_TEST_POSTGRES_MISSING", "no server")
        print(f"concurrent writers on PostgreSQL not measured: {why}", file=sys.stderr)
    for backend in backends:
        for n in COUNTS:
            with tempfile.TemporaryDirectory() as tmp:
                if backend == "sqlite":
                    db, drop = str(Path(tmp) / "writers.sqlite3"), None
                else:
                    db, drop = _postgres_database(admin or "")
                try:
                    got = _run(db, n, seconds)
                finally:
                    if drop is not None:
                        drop()  # type: ignore[operator]
            fig[f"{backend}_{n}_writers_per_s"] = got["per_second"]
            fig[f"{backend}_{n}_writers_p95_ms"] = got["p95_ms"]
            fig[f"{backend}_{n}_writers_ratio"] = got["per_second"] / fig[f"{backend}_1_writers_per_s"]
    return fig


def print_table(fig: dict[str, float]) -> None:
    print(f"\n{'concurrent writers':24}{'logged/s':>12}{'vs 1 writer':>14}{'p95 commit ms':>16}")
    for key in fig:
        if key.endswith("_per_s"):
            stem = key[: -len("_per_s")]
            print(f"{stem:24}{fig[key]:12.1f}{fig[stem + '_ratio']:14.2f}{fig[stem + '_p95_ms']:16.1f}")


if __name__ == "__main__":
    figures = measure(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0)
    print_table(figures)
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))
