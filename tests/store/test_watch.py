"""store.watch.DataVersion: how the app notices what other processes wrote."""

from beliefupdate.store.journal import Journal
from beliefupdate.store.watch import DataVersion


def test_a_commit_elsewhere_changes_the_data_version(tmp_path):
    path = tmp_path / "odd #name?%.sqlite3"  # characters that a raw file: URI would cut short
    with Journal.open(path) as journal:
        watch = DataVersion.open(path)
        assert watch is not None
        first = watch.current()
        assert watch.current() == first
        journal.add_proposition("Something changed")
        assert watch.current() != first
        watch.close()
        assert watch.current() is None
    # nothing was opened (or created) under a name cut short at '#' or '?'
    assert all(p.name.startswith("odd #name?%.sqlite3") for p in tmp_path.iterdir() if p.is_file())


def test_a_missing_file_is_not_created(tmp_path):
    assert DataVersion.open(tmp_path / "missing.sqlite3") is None
    assert list(tmp_path.iterdir()) == []


def test_a_restore_by_another_program_changes_the_data_version(tmp_path):
    from beliefupdate.store.restore import restore_backup

    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.add_proposition("Before the backup")
        made = journal.back_up()
        journal.add_proposition("After the backup")
        watch = DataVersion.open(path)
        first = watch.current()
        restore_backup(path, made)  # as `beliefupdate restore` does, from another process
        assert watch.current() != first
        assert [p.text for p in journal.propositions()] == ["Before the backup"]
        watch.close()
