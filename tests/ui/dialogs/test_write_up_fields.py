"""The Pre and the Post in the log dialog, and File > Export write-up…, as a person uses them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.ui.models.conversations import ConversationsModel
from tests.ui.person import click_row, focused, key, row_of, show, type_text
from tests.writeup_pages import rendered_markdown

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def test_a_pre_and_a_post_are_written_previewed_and_saved(qtbot, window, journal):
    show(qtbot, window)
    dialog = show(qtbot, window.editor.log_conversation())
    type_text(qtbot, "Chat with a friend at a lab")
    assert key(qtbot, Qt.Key.Key_R, ALT) is dialog.pre.edit  # the Pre's label takes you to it
    type_text(qtbot, "My gut answer is **no**.")
    key(qtbot, Qt.Key.Key_V, ALT)  # a button's mnemonic clicks it as it would be pressed, a moment later
    qtbot.waitUntil(dialog.pre.previewing)
    assert dialog.post.previewing()
    assert dialog.pre.preview.toPlainText() == "My gut answer is no."
    bold = [f for f in _fragments(dialog.pre.preview) if f.charFormat().fontWeight() > 400]
    assert [f.text() for f in bold] == ["no"]
    key(qtbot, Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: not dialog.pre.previewing())
    assert key(qtbot, Qt.Key.Key_O, ALT) is dialog.post.edit
    type_text(qtbot, "Coworkers *matter*.")
    qtbot.mouseClick(dialog.add_field, Qt.MouseButton.LeftButton)
    type_text(qtbot, "#1")
    key(qtbot, Qt.Key.Key_Return)
    row = dialog.rows[0]
    row.after.edit.setFocus()
    type_text(qtbot, "70")
    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return)
    conv = next(s.conversation for s in journal.conversations() if s.conversation.title.startswith("Chat with a"))
    assert (conv.pre, conv.post) == ("My gut answer is **no**.", "Coworkers *matter*.")


def _fragments(browser):
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


@pytest.fixture
def started(journal, window, qtbot):
    lab = journal.propositions()[0]
    conv = journal.log_conversation("Reading group", [CredenceEntry(lab.id, 0.3, None)], pre="I expect little.")
    with qtbot.waitSignal(window.timeline_loaded):
        window.session.written()
    return conv


def test_finishing_shows_the_pre_and_writes_the_post_and_undo_takes_it_back(qtbot, window, journal, started):
    show(qtbot, window)
    click_row(qtbot, window.convs_view, row_of(window.convs_view, ConversationsModel.TITLE, "Reading group"))
    dialog = window.editor.open_conversation()
    show(qtbot, dialog)
    assert dialog.mode == "finish" and focused() is dialog.rows[0].after.edit
    assert dialog.pre.text() == "I expect little." and not dialog.pre.isEnabled()
    type_text(qtbot, "55")
    assert key(qtbot, Qt.Key.Key_O, ALT) is dialog.post.edit
    type_text(qtbot, "More than I expected.")
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert journal.find_conversation(str(started.handle)).post == "More than I expected."
    show(qtbot, window)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    again = journal.find_conversation(str(started.handle))
    assert (again.pre, again.post) == ("I expect little.", "")


def test_export_write_up_writes_the_selected_conversation_as_a_post(qtbot, window, journal, tmp_path, file_dialog):
    lab = journal.propositions()[0]
    conv = journal.log_conversation("Lunch | with Kim", [CredenceEntry(lab.id, 0.3, 0.6, note="a <b>good</b> point")],
                                    pre="What I think.", post="What changed.")
    with qtbot.waitSignal(window.timeline_loaded):
        window.session.written()
    show(qtbot, window)
    target = tmp_path / "lunch.md"
    asked = file_dialog.answer(target).asked
    window.actions_["export_writeup"].trigger()
    assert not target.exists()  # nothing selected: it says so instead of asking for a file
    assert asked == []
    click_row(qtbot, window.convs_view, row_of(window.convs_view, ConversationsModel.TITLE, conv.title))
    window.actions_["export_writeup"].trigger()
    assert asked and asked[0][2].endswith("lunch-with-kim.md")
    page = rendered_markdown(target.read_text(encoding="utf-8"))
    assert page.headings == ["Lunch | with Kim", "Pre", "What moved", "Post"]
    assert page.rows[1][1:] == ["30%", "60%", "+30 pp", "+1.8 bits", "a <b>good</b> point"]
    assert (tmp_path / "lunch-chart.png").read_bytes().startswith(b"\x89PNG")
