"""A file written whole: two writers never share a temporary file, and a link left where one
would go is not followed."""

import os

from beliefupdate.store.atomic import atomic_text


def test_a_link_at_the_old_temporary_name_is_not_written_through(tmp_path):
    target = tmp_path / "export.json"
    elsewhere = tmp_path / "someone-elses.txt"
    elsewhere.write_text("theirs")
    os.symlink(elsewhere, tmp_path / ".export.json.tmp")

    with atomic_text(target) as f:
        f.write("mine")

    assert target.read_text() == "mine" and elsewhere.read_text() == "theirs"
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_two_writers_of_one_file_each_write_a_whole_file(tmp_path):
    target = tmp_path / "export.json"
    with atomic_text(target) as first, atomic_text(target) as second:
        first.write("first " * 1000)
        second.write("second " * 1000)
    assert target.read_text() in ("first " * 1000, "second " * 1000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]
