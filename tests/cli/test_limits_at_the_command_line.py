"""The limits on what a field holds, at each door of the command line: typed options, import of a
file, copy-to of a journal that holds more (written by an older version). One line, exit 2,
naming the record; nothing stored."""

from __future__ import annotations

import json
import os

from sqlalchemy import text

from beliefupdate.domain.types import MAX_PROSE, MAX_TAGS
from beliefupdate.interchange.exchange import to_dict
from beliefupdate.store.journal import Journal

TOO_LONG = "x" * (MAX_PROSE + 1)


def one_line_error(result) -> str:
    code, out, err = result
    assert (code, out) == (2, "") and err.count("\n") == 1 and "Traceback" not in err, result
    return err


def test_typed_text_over_the_limit_is_refused_in_one_line(cli, journal_db):
    tags = [a for i in range(MAX_TAGS + 1) for a in ("--tag", f"t{i}")]
    err = one_line_error(cli("add", "Working at a lab is my best option", *tags))
    assert f"more than {MAX_TAGS} tags" in err
    assert cli("add", "Working at a lab is my best option", "--notes", "fine")[0] == 0
    err = one_line_error(cli("log", "Coffee with Sam", "--credence", "1", "30%", "40%", "--post", TOO_LONG))
    assert "Post is 1,000,001 characters; the limit is 1,000,000" in err
    err = one_line_error(cli("log", "Coffee with Sam", "--credence", "1", "30%", "40%", "--pre", TOO_LONG))
    assert "Pre is 1,000,001 characters" in err
    err = one_line_error(cli("edit", "1", "--notes", TOO_LONG))
    assert "notes is 1,000,001 characters" in err
    with Journal.open(journal_db) as j:
        assert j.conversations() == [] and [p.notes for p in j.propositions()] == ["fine"]


def test_an_import_over_the_limits_is_refused_naming_the_record(cli, journal_db, tmp_path):
    assert cli("add", "A PhD is worth it")[0] == 0
    with Journal.open(journal_db) as j:
        good = to_dict(j.export_data())
    files = {}
    post = json.loads(json.dumps(good))
    post["conversations"] = [{"id": "c1", "handle": 7, "title": "Long talk", "kind": "conversation",
                              "occurred_at": "2026-03-01T10:00:00+00:00", "post": TOO_LONG}]
    files["conversations[0]: field 'post'"] = post
    tags = json.loads(json.dumps(good))
    tags["propositions"][0]["tags"] = [f"t{i}" for i in range(10**6)]
    files["propositions[0]: field 'tags'"] = tags
    for where, doc in files.items():
        path = tmp_path / "big.json"
        path.write_text(json.dumps(doc))
        err = one_line_error(cli("import", str(path)))
        assert err.count(where) == 1 and ("1,000,000" in err or f"at most {MAX_TAGS}" in err), err
    with Journal.open(journal_db) as j:
        assert to_dict(j.export_data()) == good


def test_copy_to_refuses_a_journal_holding_more_than_a_field_may_and_leaves_no_file(cli, journal_db, tmp_path):
    assert cli("add", "A PhD is worth it")[0] == 0
    assert cli("log", "Coffee with Sam", "--credence", "1", "30%", "40%", "--post", "short")[0] == 0
    with Journal.open(journal_db) as j, j.engine.begin() as conn:  # as an older version could have stored it
        conn.execute(text("UPDATE conversations SET post = :p"), {"p": TOO_LONG})
    new = tmp_path / "moved.sqlite3"
    err = one_line_error(cli("copy-to", str(new)))
    assert "conversations[0]" in err and "Post is 1,000,001 characters" in err
    assert not os.path.lexists(new) and [n for n in os.listdir(tmp_path) if n.startswith(".moved")] == []
