import os

# Before anything imports Qt: no display is needed or used by the suite, and the
# axis labels of charts must not depend on the machine's time zone.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TZ"] = "Europe/Berlin"
os.environ.pop("BELIEFUPDATE_DB", None)

import time  # noqa: E402

time.tzset()

import pytest  # noqa: E402


@pytest.fixture
def journal_path(tmp_path):
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def journal(journal_path):
    from beliefupdate.store.journal import Journal

    j = Journal.open(journal_path)
    yield j
    j.close()
