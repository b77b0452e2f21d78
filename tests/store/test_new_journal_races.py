"""Several programs creating the same new journal file at once (two windows, a window and a
command) all open the one journal that got there first."""

import multiprocessing

from beliefupdate.store.journal import Journal


def _open_and_add(path: str, n: int, barrier, results) -> None:
    barrier.wait()
    try:
        with Journal.open(path) as j:
            j.add_proposition(f"From program {n}")
        results.put(("ok", n))
    except Exception as e:  # what a person would see
        results.put(("error", f"{type(e).__name__}: {e}"))


def test_programs_creating_one_new_journal_at_once_all_open_it(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    for round_ in range(3):
        path = tmp_path / f"journal-{round_}.sqlite3"
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_and_add, args=(str(path), n, barrier, results)) for n in range(4)]
        for p in procs:
            p.start()
        got = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        assert sorted(got) == [("ok", n) for n in range(4)]
        with Journal.open(path) as j:
            assert sorted(p.text for p in j.propositions()) == [f"From program {n}" for n in range(4)]
        assert sorted(f.name for f in tmp_path.iterdir() if f.name.startswith(".")) == []


def test_a_creation_cut_short_leaves_nothing_at_the_name(tmp_path, monkeypatch):
    import pytest

    from beliefupdate.store.files import opening

    path = tmp_path / "journal.sqlite3"

    def fail(_engine):
        raise KeyboardInterrupt  # as a person pressing Ctrl+C while the tables are made

    monkeypatch.setattr(opening, "_create", fail)
    with pytest.raises(KeyboardInterrupt):
        Journal.open(path)
    assert list(tmp_path.iterdir()) == []
