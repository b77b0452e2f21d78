import os
from pathlib import Path

# Before anything imports Qt: no display is needed or used by the suite, and the
# axis labels of charts must not depend on the machine's time zone.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TZ"] = "Europe/Berlin"
os.environ.pop("BELIEFUPDATE_DB", None)

import time

time.tzset()

import pytest

from tests import backends


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """The user's cache folder (where journals that passed their integrity check are remembered)
    is each test's own, beside its tmp_path rather than in it: tests compare a folder's files."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


class FileDialogs:
    """What a person picks in the app's file dialogs, none of them shown: ``answer(path)`` is what every
    dialog from then on returns ("" is Cancel); ``asked`` holds (kind, title, start, filters) of each."""

    def __init__(self):
        self.path = ""
        self.asked: list[tuple[str, str, str, str]] = []
        self.offered: list[str] = []  # the filters of each, in the same order

    def answer(self, path) -> "FileDialogs":
        self.path = str(path)
        return self

    def open_file_name(self, _parent, title, folder, filters):
        self.asked.append(("open", title, folder, filters))
        self.offered.append(filters)
        return self.path

    def save_file_name(self, _parent, title, suggested, filters, selected="", confirm_overwrite=True):
        self.asked.append(("save", title, suggested, filters))
        self.offered.append(filters)
        return self.path


@pytest.fixture
def file_dialog(monkeypatch):
    """The app's file dialogs answered without a modal loop (charts/file_dialogs.py is where all of them are asked)."""
    from beliefupdate.charts import file_dialogs

    answers = FileDialogs()
    monkeypatch.setattr(file_dialogs, "open_file_name", answers.open_file_name)
    monkeypatch.setattr(file_dialogs, "save_file_name", answers.save_file_name)
    return answers


@pytest.fixture
def journal_path(tmp_path):
    """The journal's file: a test that asks for it is about SQLite files and runs on SQLite only."""
    return tmp_path / "journal.sqlite3"


# Window tests are about what the window does with a journal, which the Journal makes the same on
# both backends (the store's and the command's tests hold it to that): they run on SQLite only,
# unless they are about a journal on a server (marked ``server``) or about others' writes, which a
# window hears from a server by LISTEN/NOTIFY and from a file by looking (``written_elsewhere``).
WINDOW_TESTS = Path(__file__).resolve().parent / "ui"
BOTH = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def pytest_generate_tests(metafunc):
    if "backend" not in metafunc.fixturenames:
        return
    window = WINDOW_TESTS in Path(str(metafunc.definition.path)).resolve().parents
    about_the_server = any(metafunc.definition.get_closest_marker(m) for m in ("server", "written_elsewhere"))
    metafunc.parametrize("backend", BOTH if about_the_server or not window else ["sqlite"], indirect=True)


@pytest.fixture
def backend(request):
    if request.param == "postgresql":
        only = request.node.get_closest_marker("sqlite_only")
        if only is not None:
            pytest.skip(f"SQLite only: {only.args[0] if only.args else only.kwargs['reason']}")
        if "journal_path" in request.fixturenames:
            pytest.skip("SQLite only: the test works on the journal's file")
        if backends.admin_url() is None:
            pytest.skip(backends.why_no_server())
    return request.param


@pytest.fixture
def journal_db(backend, tmp_path, monkeypatch):
    """What --db names: a SQLite file in tmp_path, or an empty journal database on the test server."""
    if backend == "sqlite":
        yield str(tmp_path / "journal.sqlite3")
        return
    # A server journal's backups go to the data folder, which must be the test's own (it may be already).
    if not os.environ.get("XDG_DATA_HOME", "").startswith(str(tmp_path)):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    yield backends.journal_database()


@pytest.fixture(scope="session", autouse=True)
def _widgets_application(qapp):
    """The QApplication windows need, made before any test: drawing a chart in-process (the chart
    command) makes a bare QGuiApplication when there is none, and a window test after it could then
    have no QApplication at all. Which test comes first in a process depends on how pytest-xdist
    shares them out."""
    return qapp


@pytest.fixture(scope="session", autouse=True)
def _drop_the_reused_database():
    yield
    if backends.admin_url() is not None:
        backends.drop_reused()


@pytest.fixture
def cli(journal_db, capsys):
    """The command as typed, on the test's journal (a file in tmp_path, or a database on the test
    server): ``cli(*argv)`` -> (code, out, err), ``cli.ok``, ``cli.fails``, ``cli.on(other)``."""
    from tests.command import Cli

    return Cli(journal_db, capsys)


@pytest.fixture
def journal(journal_db):
    from beliefupdate.store.journal import Journal

    j = Journal.open(journal_db)
    yield j
    j.close()


def pytest_terminal_summary(terminalreporter):
    # Never silently green: say plainly when the PostgreSQL half did not run.
    if backends.admin_url() is None:
        terminalreporter.write_line(f"PostgreSQL half of the suite skipped: {backends.why_no_server()}", yellow=True)


@pytest.fixture
def server_db():
    """The URL of a fresh database on the test server, for tests of what only a server has."""
    if backends.admin_url() is None:
        pytest.skip(backends.why_no_server())
    with backends.database() as url:
        yield url
