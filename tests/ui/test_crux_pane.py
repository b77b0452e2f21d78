"""The proposition pane shows a crux's stated and implied P(B), and says when they differ."""

from PySide6.QtCore import Qt

from beliefupdate.ui.models.propositions import PropositionsModel
from beliefupdate.ui.session import What
from tests.ui.person import click_row, row_of

TEXT = PropositionsModel.TEXT

LAB = "My highest-impact option is to work on AI safety at a large lab"
HARD = "AI safety is one genuinely hard problem"


def test_the_sample_crux_is_shown_coherent_then_flagged_with_its_arithmetic(qtbot, window, journal, prop):
    lab, hard = prop(LAB), prop(HARD)
    view = window.props_view
    click_row(qtbot, view, row_of(view, TEXT, "My highest-impact"))
    pane = window.prop_details.cruxes
    qtbot.waitUntil(lambda: pane.isVisibleTo(window))
    text = pane.lines.text()
    assert f"Depends on #{hard.handle} {HARD}" in text
    assert "Stated 42%, implied 40.8%: P(B) = 25% × 55% + 60% × 45% = 40.8%; you say 42% (+1.3 pp)." in text
    assert "differ" not in text

    journal.check_in(lab.id, 0.7)
    window.session.written(What.ALL)
    qtbot.waitUntil(lambda: "They differ by more than 10 pp." in pane.lines.text())
    assert "you say 70% (+29.2 pp)" in pane.lines.text()
    # A larger threshold, set in the pane, keeps quiet about it.
    pane.threshold.setFocus()
    pane.threshold.selectAll()
    qtbot.keyClicks(pane.threshold, "30")
    qtbot.keyClick(pane.threshold, Qt.Key.Key_Tab)
    assert "differ" not in pane.lines.text()

    click_row(qtbot, view, row_of(view, TEXT, HARD))
    qtbot.waitUntil(lambda: f"#{lab.handle} {LAB} depends on this." in pane.lines.text())


def test_deleting_or_archiving_says_what_becomes_of_the_links_and_undo_restores_them(qtbot, window, journal, prop):
    from tests.ui.person import key, show

    show(qtbot, window)
    hard = prop(HARD)
    links = journal.cruxes()
    click_row(qtbot, window.props_view, row_of(window.props_view, TEXT, HARD))
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "its crux link stays and is still checked" in window.statusBar().currentMessage()
    assert journal.cruxes() == links
    window.session.undo_stack.undo()

    click_row(qtbot, window.props_view, row_of(window.props_view, TEXT, HARD))
    key(qtbot, Qt.Key.Key_Delete)
    assert all(p.id != hard.id for p in journal.propositions())
    assert "with its history and its crux link. Undo (Ctrl+Z) brings it back." in window.statusBar().currentMessage()
    assert journal.cruxes().crux_links == ()
    window.session.undo_stack.undo()
    assert journal.cruxes() == links
