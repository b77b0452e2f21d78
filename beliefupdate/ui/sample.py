"""The sample journal: a fresh copy built from the shipped JSON export, never over the user's journal."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


def samples_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("beliefupdate", appauthor=False)) / "samples"


def create_sample_copy(folder: Path | None = None) -> Path:
    """Write a new journal holding the sample records and return its path."""
    from beliefupdate.interchange.exchange import from_dict
    from beliefupdate.store.copy_to import new_journal_file
    from beliefupdate.ui.resources import sample_journal_dict

    folder = folder or samples_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"sample-journal-{stamp}.sqlite3"
    n = 2
    while path.exists():
        path = folder / f"sample-journal-{stamp}-{n}.sqlite3"
        n += 1
    # Never half there: a window closed while it is made leaves no empty sample to open.
    new_journal_file(path, from_dict(sample_journal_dict()))
    return path


def is_sample(path: Path | None) -> bool:
    # The name first: asking for the data folder loads platformdirs, which a window opening the
    # user's own journal at start-up has no need of.
    return path is not None and path.name.startswith("sample-journal-") and path.parent == samples_dir()
