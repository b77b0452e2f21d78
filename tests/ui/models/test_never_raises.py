"""Whatever a model's rows hold, Qt's calls into it answer; they never end the process."""

from __future__ import annotations

import os
import subprocess
import sys

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.store.journal import Journal


def fill(path) -> None:
    with Journal.open(path) as j:
        old = j.add_proposition("Scaling alone gets to AGI", tags=["ai"])
        j.add_proposition("I should work at a large lab")
        j.log_conversation("Coffee with Sam", [CredenceEntry(old.id, 0.3, 0.45, "compute curves")], person="Sam")


# A model holding values of the wrong type, shown before the event loop runs as the first paint
# is: an exception in data() used to end the process with a segmentation fault.
PAINT_WRONG_VALUES = """
import dataclasses, sys
from beliefupdate.store.journal import Journal
from beliefupdate.ui import app, snapshot
journal = Journal.open(sys.argv[1])
summaries, timeline = journal.summaries(), journal.conversation_overviews()
journal.close()
bad = [dataclasses.replace(s, current="0.5", recent=("x", None),
                           proposition=dataclasses.replace(s.proposition, text={"a": 1}))
       for s in summaries]
timeline = [dataclasses.replace(o, total_movement="lots", conversation=dataclasses.replace(o.conversation, title=5))
            for o in timeline]
from beliefupdate.store.location import resolve
stand_in = snapshot.SnapshotJournal(resolve(sys.argv[1])[0], snapshot.Snapshot(sys.argv[1], bad, timeline))
qt = app.make_application([])
from beliefupdate.ui.main_window import MainWindow
window = MainWindow(stand_in, opener=lambda w: None)
window.convs_model.set_rows(timeline)
window.resize(1200, 800)
window.grab()
for column in range(window.props_model.columnCount()):
    window.props_view.sortByColumn(column, window.props_view.horizontalHeader().sortIndicatorOrder())
window.grab()
print("painted", window.props_model.rowCount(), window.convs_model.rowCount())
"""


def test_values_of_the_wrong_type_in_a_model_leave_cells_empty_and_never_end_the_process(journal_path):
    fill(journal_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PAINT_WRONG_VALUES, str(journal_path)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "painted 2 1" in done.stdout
    assert "Traceback" not in done.stderr
