"""The charts read a journal only through what store.reader.JournalReader lists: anything that
offers those reads (the window's snapshot stand-in, one day) can be charted."""

import pytest

from beliefupdate.charts import series
from beliefupdate.charts.page import PrintOptions
from beliefupdate.charts.widget import HistoryChart
from beliefupdate.charts.writeup import write_up
from beliefupdate.store.reader import JournalReader

from .conftest import Holder, at

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

READS = sorted(name for name in vars(JournalReader) if not name.startswith("_"))


class OnlyReads:
    """A journal cut down to the reader protocol: any other attribute is missing."""

    def __init__(self, journal):
        self._journal = journal

    def __getattr__(self, name):
        if name not in READS:
            raise AttributeError(f"the charts read {name!r}, which JournalReader does not list")
        return getattr(self._journal, name)


def test_the_protocol_lists_the_reads():
    assert READS == ["cruxes", "histories", "history", "location", "proposition", "proposition_ids"]


def test_a_chart_on_screen_and_exported_needs_no_more_than_the_reader(qtbot, journal, career, tmp_path):
    journal.set_crux(career.lab.id, career.timelines.id, 0.8, 0.3, at=at("2026-02-01"))
    reader = OnlyReads(journal)
    chart = HistoryChart(Holder(reader))
    qtbot.addWidget(chart)
    chart.resize(900, 500)
    chart.show()
    chart.set_show_implied(True)
    chart.show_propositions([career.lab.id, career.hired.id])
    chart.refresh()
    assert [s.track.id for s in chart.data.series] == [career.lab.id, career.hired.id]
    assert len(chart.data.implied) == 1
    assert chart.export_to(tmp_path / "chart.svg", PrintOptions(log_odds=True)) == "svg"
    data = series.load(reader, [career.lab.id])
    assert data.has_data and series.load_implied(reader, [career.lab.id])
    written = write_up(reader, journal.conversations(), tmp_path / "post.md")
    assert written.chart is not None and written.chart.stat().st_size > 0
