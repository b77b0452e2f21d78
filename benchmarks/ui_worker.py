"""In-process figures that need a QApplication: filtering, logging, chart redraw, peak memory.

Run as a child of benchmarks.run: prints one JSON object on stdout.
Usage: python -m benchmarks.ui_worker JOURNAL REPEATS
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(journal_path: str, repeats: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from beliefupdate.domain.types import CredenceEntry
    from beliefupdate.store.journal import Journal

    app = QApplication.instance() or QApplication(["bench"])
    journal = Journal.open(journal_path)
    figures: dict[str, float] = {}

    from beliefupdate.ui.main_window import MainWindow

    window = MainWindow(journal)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    chart = window.ensure_chart()  # built right after the first paint in the app; not part of any keystroke
    app.processEvents()

    # Filtering as you type: each keystroke re-filters the proposition list.
    search = window.search
    times = []
    for _ in range(repeats):
        for text in ("A", "AI", "AI ", "AI s", "AI sa", "AI saf", "AI safe", "AI safet", "AI safety", ""):
            t = time.perf_counter()
            search.setText(text)
            app.processEvents()
            times.append(time.perf_counter() - t)
    figures["filter_keystroke_ms"] = statistics.median(times) * 1000
    figures["filter_keystroke_max_ms"] = max(times) * 1000

    # Logging a conversation with five credences, from accept to committed.
    props = journal.propositions(include_archived=False)[:5]
    times = []
    for i in range(repeats * 3):
        entries = [CredenceEntry(p.id, 0.4, 0.6, "bench") for p in props]
        t = time.perf_counter()
        journal.log_conversation(f"Benchmark conversation {i}", entries, person="Bench")
        times.append(time.perf_counter() - t)
    figures["log_conversation_ms"] = statistics.median(times) * 1000
    figures["log_to_shown_ms"] = log_to_shown(app, window, props, repeats)

    # Chart redraw with 20 propositions selected (their histories read once, as the widget caches them).
    ids = [p.id for p in journal.propositions(include_archived=False)[:20]]
    chart.show_propositions(ids)
    app.processEvents()
    times = []
    for _ in range(repeats):
        chart.show_propositions([])
        app.processEvents()
        t = time.perf_counter()
        chart.show_propositions(ids)
        app.processEvents()  # one paint, as a user sees it
        times.append(time.perf_counter() - t)
    figures["chart_redraw_ms"] = statistics.median(times) * 1000

    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    journal.close()
    return figures


def log_to_shown(app, window, props, repeats: int) -> float:
    """From OK in the log dialog (its commit: the write, the undo step, the change told to the
    window) until the list shows the five new credences and the timeline the conversation on top."""
    from datetime import datetime, timezone

    from PySide6.QtCore import QEventLoop, QTimer

    from beliefupdate.domain.types import CredenceEntry, Kind
    from beliefupdate.ui.dialogs.conversation import ConversationDraft

    model, timeline = window.props_model, window.convs_model
    times = []
    for i in range(repeats * 3):
        dialog = window.editor.log_conversation()
        after = 0.61 + (i % 2) * 0.1  # differs from the last run's, so the list must change to show it
        title = f"Benchmark shown {i}"
        draft = ConversationDraft(title=title, person="Bench", kind=Kind.CONVERSATION,
                                  occurred_at=datetime.now(timezone.utc), notes="",
                                  entries=tuple(CredenceEntry(p.id, 0.4, after, "bench") for p in props))

        def shown() -> bool:
            rows = [model.row(model.row_of(p.id)).summary.current for p in props]
            top = timeline.row(0).conversation.title if timeline.rowCount() else None
            return all(r == after for r in rows) and top == title

        t = time.perf_counter()
        dialog.commit(draft)
        while not shown():  # waiting in the event loop, as the app does: the pool's thread runs meanwhile
            loop = QEventLoop()
            QTimer.singleShot(2, loop.quit)
            loop.exec()
        times.append(time.perf_counter() - t)
        dialog.done(0)
        window.session.pool.waitForDone()  # reads the change started (details, history) finish before the next
        app.processEvents()
    return statistics.median(times) * 1000


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))), flush=True)
    # Leave without interpreter teardown: the figures are out, and Qt objects being
    # collected in arbitrary order at exit only adds noise (and crash risk) to a benchmark.
    os._exit(0)
