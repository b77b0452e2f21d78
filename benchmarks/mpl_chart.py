"""Baseline for chart export: plain matplotlib drawing the same series from the same journal file.

Reads the journal with the sqlite3 module (no beliefupdate code), draws one step line per
proposition and writes PNG, SVG or PDF at the same size as `beliefupdate chart`; matplotlib
picks the format from OUT's suffix.
Usage: python mpl_chart.py JOURNAL OUT WIDTH HEIGHT HANDLE...
"""

import sqlite3
import sys
from datetime import datetime, timezone

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(argv):
    journal, out, width, height, *handles = argv
    conn = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    dpi = 100
    fig, ax = plt.subplots(figsize=(int(width) / dpi, int(height) / dpi), dpi=dpi)
    for handle in handles:
        text, pid = conn.execute("SELECT text, id FROM propositions WHERE handle = ?", (int(handle),)).fetchone()
        rows = conn.execute(
            "SELECT recorded_at, probability FROM credences WHERE proposition_id = ? "
            "ORDER BY recorded_at, CASE phase WHEN 'before' THEN 0 WHEN 'check-in' THEN 1 ELSE 2 END",
            (pid,),
        ).fetchall()
        xs = [datetime.fromisoformat(t).replace(tzinfo=timezone.utc) for t, _ in rows]
        ys = [p * 100 for _, p in rows]
        ax.step(xs, ys, where="post", label=text[:40])
    ax.set_ylim(0, 100)
    ax.set_ylabel("Credence (%)")
    ax.set_xlabel("Date")
    ax.set_title("Belief history")
    ax.legend(fontsize="small", loc="upper left")
    fig.savefig(out)


if __name__ == "__main__":
    main(sys.argv[1:])
