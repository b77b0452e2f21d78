"""Unexpected errors are logged and shown with copyable details; the app keeps running."""

from PySide6.QtWidgets import QApplication

from beliefupdate.ui.crash import CrashHandler, setup_logging


def boom():
    try:
        raise RuntimeError("the chart could not be drawn")
    except RuntimeError as e:
        return type(e), e, e.__traceback__


def test_an_unhandled_error_is_logged_and_shown(qtbot, tmp_path):
    import logging

    log_file = setup_logging(tmp_path / "logs")
    handler = CrashHandler(log_file)
    try:
        handler(*boom())
        dialog = handler.dialogs[0]
        qtbot.addWidget(dialog)
        assert dialog.isVisible() and not dialog.isModal()
        assert "RuntimeError: the chart could not be drawn" in dialog.details.toPlainText()
        dialog.copy_details()
        assert "Traceback" in QApplication.clipboard().text()
        for h in logging.getLogger("beliefupdate").handlers:
            h.flush()
        assert "the chart could not be drawn" in log_file.read_text()
        dialog.reject()
        assert handler.dialogs == []
    finally:
        for h in list(logging.getLogger("beliefupdate").handlers):
            logging.getLogger("beliefupdate").removeHandler(h)
            h.close()


def test_install_and_uninstall(qapp):
    import sys

    before = sys.excepthook
    handler = CrashHandler(None)
    handler.install()
    assert sys.excepthook is handler
    handler.uninstall()
    assert sys.excepthook is before
