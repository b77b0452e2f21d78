import pytest
from PySide6.QtCore import QSettings

from beliefupdate.interchange.exchange import from_dict
from beliefupdate.ui.resources import sample_journal_dict
from beliefupdate.ui.settings import UiSettings

# The headless platform says it cannot do what only a real screen does (raise a window, grab
# the keyboard for a completer popup); these are not problems of the app.
OFFSCREEN_NOISE = ("This plugin does not support",)


def pytest_collection_modifyitems(items):
    here = __file__.rsplit("/", 1)[0]
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Platform folders (samples, logs, settings) inside the test's own tmp folder. The cache folder is
    the suite's private_cache (tests/conftest.py), the same for every test: set here too, it was a
    second one that silently replaced the first for the window tests."""
    for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
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


# Often enough that a test waits for the other program's write and not for the clock; rarely enough
# that the event loop still has time for everything else.
QUICK_POLL_MS = 10


@pytest.fixture
def poll_ms(request):
    """How often the window's watcher looks at a journal file for other programs' writes: the app's own
    interval (None), or QUICK_POLL_MS for a test marked ``written_elsewhere``, which waits for one."""
    return QUICK_POLL_MS if request.node.get_closest_marker("written_elsewhere") else None


@pytest.fixture
def make_window(qtbot, settings, poll_ms):
    from beliefupdate.ui.main_window import MainWindow

    def make(journal, ui_settings=None):
        window = MainWindow(journal, ui_settings or settings, poll_ms=poll_ms)
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
