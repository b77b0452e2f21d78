"""The log dialog applies cruxes: moving A shows what they imply for B, and a button takes it. The user decides."""

from PySide6.QtCore import Qt

LAB = "My highest-impact option is to work on AI safety at a large lab"
HARD = "AI safety is one genuinely hard problem"


def test_moving_a_shows_what_the_crux_implies_for_b_and_takes_it_on_request(qtbot, window, journal, prop):
    lab, hard = prop(LAB), prop(HARD)
    dialog = window.editor.log_conversation()
    qtbot.keyClicks(dialog.title, "Chat about the shape of the problem")
    qtbot.keyClicks(dialog.add_field, f"#{hard.handle}")
    qtbot.keyClick(dialog.add_field, Qt.Key.Key_Return)
    a_row = dialog.rows[0]
    assert not a_row.crux.isVisibleTo(dialog)  # nothing moved yet
    qtbot.keyClicks(a_row.after.edit, "80%")
    # B is not in the conversation: A's row says what the crux implies and offers to add it.
    assert a_row.crux.isVisibleTo(dialog)
    assert a_row.crux.label.text() == (f"#{lab.handle} depends on this: your cruxes imply it ≈ 32% now "
                                       f"(#{hard.handle} at 80%: 25% × 80% + 60% × 20%).")
    qtbot.mouseClick(a_row.crux.button, Qt.MouseButton.LeftButton)
    b_row = dialog.rows[1]
    assert b_row.proposition_id == lab.id and b_row.after.value() is None  # added, the after left to the user
    assert b_row.crux.label.text() == f"Your cruxes imply #{lab.handle} ≈ 32% now (#{hard.handle} at 80%: " \
                                      "25% × 80% + 60% × 20%)."
    assert not a_row.crux.isVisibleTo(dialog)
    qtbot.mouseClick(b_row.crux.button, Qt.MouseButton.LeftButton)
    assert b_row.after.value() == 0.32 and dialog.focusWidget() is b_row.after.edit
    # Moving A again changes what is implied; the after taken stays until the user takes the new one.
    a_row.after.edit.selectAll()
    qtbot.keyClicks(a_row.after.edit, "20%")
    assert "≈ 53% now" in b_row.crux.label.text() and b_row.after.value() == 0.32
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(b_row.after.edit, Qt.Key.Key_Return)
    shifts = {s.proposition_id: s for s in journal.conversations()[0].shifts}
    assert (shifts[hard.id].after, shifts[lab.id].after) == (0.2, 0.32)
