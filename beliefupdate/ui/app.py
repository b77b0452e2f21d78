"""Starting the desktop app: QApplication, the journal (or why it cannot be opened), the main window."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nothing of Qt or the store is loaded before the first paint needs it
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from beliefupdate.store.journal import Journal
    from beliefupdate.ui.main_window import MainWindow
    from beliefupdate.ui.snapshot import SnapshotJournal

STARTED = time.perf_counter()  # first-paint time is measured from here (or from the CLI's own mark)

QUIT_AFTER_PAINT = "BELIEFUPDATE_QUIT_AFTER_PAINT"


def _started() -> float:
    cli = sys.modules.get("beliefupdate.cli")
    mark = getattr(cli, "STARTED", None)
    return mark if isinstance(mark, float) and mark < STARTED else STARTED


def open_journal_interactively(spec: str | None, before_asking: Callable[[], object] | None = None) -> Journal | None:
    """Journal.open(spec); while it fails, say why and let the user pick another file, a new one, or quit.

    Returns the Journal, or None if the user chose to quit. A file that cannot be
    opened is never written to. ``before_asking()`` is called before the first dialog.
    """
    from beliefupdate.charts import file_dialogs
    from beliefupdate.domain.errors import JournalUnavailable, ServerUnavailable
    from beliefupdate.store.location import resolve
    from beliefupdate.ui.dialogs.unavailable import JournalUnavailableDialog
    from beliefupdate.ui.files import JOURNAL_FILTER, ask_new_journal_path
    from beliefupdate.ui.opening import open_journal

    while True:
        try:
            journal = open_journal(spec)
            if journal is not None:
                return journal
            reason, server = f"no password was given for {resolve(spec)[0].display}", True
        except JournalUnavailable as e:
            reason, server = str(e), isinstance(e, ServerUnavailable)
        if before_asking is not None:
            before_asking()
            before_asking = None
        choice = JournalUnavailableDialog(reason, retry=server).exec()
        if choice == JournalUnavailableDialog.RETRY:
            continue
        folder = os.path.expanduser("~")
        path: str | None
        if choice == JournalUnavailableDialog.OPEN_OTHER:
            path = file_dialogs.open_file_name(None, "Open journal", folder, JOURNAL_FILTER)
        elif choice == JournalUnavailableDialog.CREATE_NEW:
            path = ask_new_journal_path(None, folder)
        else:
            return None
        if path:
            spec = path


def make_application(argv: list[str]) -> QApplication:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from beliefupdate import __version__
    from beliefupdate.ui.resources import APP_ID, app_icon

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(["beliefupdate", *argv])
    if not isinstance(app, QApplication):
        raise RuntimeError("the desktop app needs a QApplication; this process made a QCoreApplication")
    QCoreApplication.setOrganizationName("beliefupdate")
    QCoreApplication.setApplicationName("beliefupdate")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def run(db: str | None, argv: list[str]) -> int:
    """Run the desktop app on the journal ``db`` (None: $BELIEFUPDATE_DB or the default); returns the exit code."""
    stand_in = _stand_in(db)
    if stand_in is None:
        _import_the_store_before_qt()
    from beliefupdate.ui.crash import CrashHandler, route_qt_messages, setup_logging

    crash = CrashHandler(setup_logging())
    crash.install()
    route_qt_messages()
    try:
        app = make_application(argv)
        journal: Journal | SnapshotJournal | None
        opener: Callable[[QWidget], Journal | None] | None = None
        if stand_in is not None:
            # Painted from what the window showed last time; the journal is opened (and every
            # view read from it again) right after the first paint.
            journal = stand_in
            opener = lambda window: open_journal_interactively(db, before_asking=window.hide)
        else:
            journal = open_journal_interactively(db)
            if journal is None:
                return 1
        from beliefupdate.ui.main_window import MainWindow

        window = MainWindow(journal, timeline_after_paint=True, opener=opener)
        window.gave_up.connect(lambda: app.exit(1))
        # Measuring Insights on the read pool builds a few hundred thousand objects, and each
        # full pass of the cyclic collector walks every object in the process while holding the
        # interpreter lock, so the window stalls for as long as a pass takes. (This, not anything
        # Qt or SQLAlchemy does on the pool thread, is what a process-wide gc.disable() used to
        # hide.) The start-up heap (Qt, SQLAlchemy, pyqtgraph, numpy) lives until exit; frozen
        # once start-up is over, the passes skip it: on the medium benchmark journal the longest
        # pause fell from ~105 to ~50 ms. On the large one the measures' own objects dominate.
        window.settled.connect(gc.freeze)
        if os.environ.get(QUIT_AFTER_PAINT) == "1":
            _quit_after_first_paint(window, app)
        window.show()
        code: int = app.exec()
        window.session.reader.close()  # the stand-in, when no journal was opened after all
        return code
    finally:
        crash.uninstall()


def _stand_in(db: str | None) -> SnapshotJournal | None:
    """A stand-in for the journal file ``db`` painted from its snapshot (ui.snapshot), or None:
    no snapshot, or not a file (a server's journal is opened first, as it may ask for a password)."""
    from beliefupdate.store.location import ENV_VAR, resolve
    from beliefupdate.ui import snapshot

    spec = db or os.environ.get(ENV_VAR) or None
    if spec is not None and "://" in str(spec):
        return None
    try:
        location, _ = resolve(spec)
    except Exception:
        return None
    shown = snapshot.read(location.reopen_spec)
    return None if shown is None else snapshot.SnapshotJournal(location, shown)


def _import_the_store_before_qt() -> None:
    """Load SQLAlchemy and the journal before PySide6: once PySide6 is loaded, each module imported
    after it is examined by its import hook, which for SQLAlchemy's few hundred modules added
    about 0.15 s to the first paint (whole process, median of 9, on a 2-core machine)."""
    import sqlalchemy.dialects.sqlite  # noqa: F401  (what a journal file's engine loads)

    import beliefupdate.store.journal
    import beliefupdate.store.opening  # noqa: F401


def _quit_after_first_paint(window: MainWindow, app: QApplication) -> None:
    """For the benchmark: print when the window first painted and when it was ready (the journal
    open, the list and the timeline read from it, the chart built), then close it as a person would."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    def ms() -> str:
        return f"{(time.perf_counter() - _started()) * 1000:.1f}"

    class FirstPaint(QObject):
        done = False
        waiting: set[str]

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                # Measured once this paint has been handled.
                QTimer.singleShot(0, lambda: print(f"first-paint-ms {ms()}", flush=True))
            return False

        def arrived(self, what: str) -> None:
            self.waiting.discard(what)
            if not self.waiting:
                print(f"ready-ms {ms()}", flush=True)
                QTimer.singleShot(0, window.close)

    watcher = FirstPaint(window)
    watcher.waiting = {"settled", "timeline"}
    window.installEventFilter(watcher)
    window.settled.connect(lambda: watcher.arrived("settled"))
    window.timeline_loaded.connect(lambda: watcher.arrived("timeline"))
