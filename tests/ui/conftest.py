import pytest
from PySide6.QtCore import QSettings

from beliefupdate.store.exchange import from_dict
from beliefupdate.ui.resources import sample_journal_dict
from beliefupdate.ui.settings import UiSettings


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Platform folders (samples, logs) inside the test's own tmp folder."""
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / var.lower()
        folder.mkdir()
        monkeypatch.setenv(var, str(folder))
    return tmp_path


@pytest.fixture
def settings(tmp_path):
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def sample(journal):
    """The journal filled with the shipped sample records."""
    journal.import_data(from_dict(sample_journal_dict()))
    return journal


@pytest.fixture
def make_window(qtbot, settings):
    from beliefupdate.ui.main_window import MainWindow

    def make(journal, ui_settings=None):
        window = MainWindow(journal, ui_settings or settings)
        qtbot.addWidget(window)
        return window

    return make


@pytest.fixture
def window(make_window, sample):
    return make_window(sample)


@pytest.fixture
def prop(journal):
    """The proposition whose text starts with the given words."""
    return lambda start: next(p for p in journal.propositions() if p.text.startswith(start))
