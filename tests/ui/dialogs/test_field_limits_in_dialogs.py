"""A dialog says, in its status line, when a field holds more than the journal takes, and will not
save until it fits; the text a person pasted stays there to be cut down."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beliefupdate.domain.types import MAX_PROSE, MAX_TAGS
from tests.ui.person import focused, key, show, type_text

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


def paste(qtbot, text: str) -> None:
    QApplication.clipboard().setText(text)
    key(qtbot, Qt.Key.Key_V, CTRL)


def test_a_post_pasted_over_the_limit_is_said_inline_and_blocks_saving(qtbot, window, journal):
    show(qtbot, window)
    dialog = show(qtbot, window.editor.log_conversation())
    type_text(qtbot, "Coffee with Sam")
    assert key(qtbot, Qt.Key.Key_O, ALT) is dialog.post.edit
    paste(qtbot, "x" + ("\n" + "x" * 99) * (MAX_PROSE // 100))  # lines, as prose has: one is laid out slowly
    assert dialog.status.text() == "Post is 1,000,001 characters; the limit is 1,000,000"
    assert not dialog.ok_button.isEnabled()
    key(qtbot, Qt.Key.Key_Return, CTRL)  # the keyboard's OK does not save either
    assert dialog.isVisible() and "Coffee with Sam" not in titles(journal)
    key(qtbot, Qt.Key.Key_Backspace)
    assert "limit" not in dialog.status.text() and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return, CTRL)
    conv = next(s.conversation for s in journal.conversations() if s.conversation.title == "Coffee with Sam")
    assert len(conv.post) == MAX_PROSE


def titles(journal) -> list[str]:
    return [s.conversation.title for s in journal.conversations()]


def test_too_many_tags_are_said_inline(qtbot, window, journal):
    show(qtbot, window)
    dialog = show(qtbot, window.editor.new_proposition())
    type_text(qtbot, "Working at a lab is my best option")
    key(qtbot, Qt.Key.Key_T, ALT)
    assert focused() is dialog.tags
    paste(qtbot, ", ".join(f"t{i}" for i in range(MAX_TAGS + 1)))
    assert dialog.status.text() == f"Tags: more than {MAX_TAGS} tags; a proposition can have at most {MAX_TAGS}"
    assert not dialog.ok_button.isEnabled()
    key(qtbot, Qt.Key.Key_Backspace, times=len(f", t{MAX_TAGS}"))
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        key(qtbot, Qt.Key.Key_Return)
    added = next(p for p in journal.propositions() if p.text == "Working at a lab is my best option")
    assert len(added.tags) == MAX_TAGS
