"""The JSON export (format version 1): round trips, idempotent import, strict refusal."""

import copy
import json
from datetime import UTC

import pytest

from beliefupdate.domain.errors import InvalidInput
from beliefupdate.interchange.exchange import from_dict, read_json, to_dict, write_json
from beliefupdate.store.journal import Journal


@pytest.fixture
def other(tmp_path):
    j = Journal.open(tmp_path / "other.sqlite3")
    yield j
    j.close()


@pytest.fixture
def exported(rich_journal, tmp_path):
    path = tmp_path / "export.json"
    write_json(rich_journal.export_data(), path)
    return path


def test_export_file_shape(exported):
    obj = json.loads(exported.read_text(encoding="utf-8"))
    assert (obj["format"], obj["version"]) == ("beliefupdate", 1)
    assert [len(obj[k]) for k in ("propositions", "people", "conversations", "credences")] == [4, 2, 4, 13]
    assert set(obj["propositions"][0]) == {
        "id", "handle", "text", "notes", "tags", "created_at", "archived", "resolution", "resolved_at"}
    assert set(obj["people"][0]) == {"id", "name"}
    assert set(obj["conversations"][0]) == {"id", "handle", "title", "person_id", "kind", "occurred_at", "notes", "pre", "post"}
    assert set(obj["credences"][0]) == {
        "id", "proposition_id", "conversation_id", "phase", "probability", "recorded_at", "note", "expected_after"}
    assert obj["propositions"][0]["created_at"] == "2026-10-27T17:30:00+00:00"
    assert "Übermorgen" in exported.read_text(encoding="utf-8")  # written as UTF-8, not \\u escapes
    assert exported.read_text(encoding="utf-8").endswith("}\n")


def test_round_trip_through_an_empty_journal_is_identical(rich_journal, other, exported, tmp_path):
    result = other.import_data(read_json(exported))
    assert result.added == {"propositions": 4, "people": 2, "conversations": 4, "credences": 13}
    again = tmp_path / "again.json"
    write_json(other.export_data(), again)
    assert again.read_bytes() == exported.read_bytes()
    # What users see is the same too: numbers, summaries, histories, conversations.
    assert other.summaries(include_archived=True) == rich_journal.summaries(include_archived=True)
    assert other.conversations() == rich_journal.conversations()
    for p in rich_journal.propositions():
        assert other.history(p.id) == rich_journal.history(p.id)


def test_importing_twice_changes_nothing_the_second_time(other, exported, tmp_path):
    data = read_json(exported)
    other.import_data(data)
    first = other.export_data()
    result = other.import_data(data)
    assert result.added == {"propositions": 0, "people": 0, "conversations": 0, "credences": 0}
    assert result.skipped == {"propositions": 4, "people": 2, "conversations": 4, "credences": 13}
    assert other.export_data() == first


def test_import_into_itself_changes_nothing(rich_journal, exported):
    before = rich_journal.export_data()
    rich_journal.import_data(read_json(exported))
    assert rich_journal.export_data() == before


def test_import_merges_people_by_name(other, exported):
    other.add_proposition("Something of my own")
    ana = other.log_conversation("Mine", [], person="Dr. Ana")
    other.import_data(read_json(exported))
    assert sorted(p.name for p in other.people()) == ["Dr. Ana", "Sam"]
    advisor = next(s for s in other.conversations() if s.conversation.title == "Call with an advisor")
    assert advisor.conversation.person_id == ana.person_id


def test_imported_names_and_tags_are_cleaned_like_typed_ones(other, exported):
    obj = json.loads(exported.read_text(encoding="utf-8"))
    obj["people"] = [{"id": "p-1", "name": "  Sam   Altmann "}]
    obj["propositions"][0]["tags"] = ["Career", "AI  safety", "career"]
    data = from_dict(obj)
    assert data.people[0].name == "Sam Altmann"
    assert data.propositions[0].tags == ("career", "ai-safety")
    obj["conversations"], obj["credences"] = [], []
    other.import_data(from_dict(obj))
    # Logging with the name as one would type it finds the imported person.
    p = other.propositions()[0]
    conv = other.log_conversation("Talk", [], person="sam altmann")
    assert conv.person_id == "p-1" and len(other.people()) == 1
    assert p.tags == ("career", "ai-safety")


def test_import_after_own_entries_numbers_after_them(other, exported):
    mine = other.add_proposition("Something of my own")
    other.import_data(read_json(exported))
    assert mine.handle == 1
    assert sorted(p.handle for p in other.propositions()) == [1, 2, 3, 4, 5]


def test_export_of_an_empty_journal(journal, tmp_path):
    path = tmp_path / "empty.json"
    write_json(journal.export_data(), path)
    data = read_json(path)
    assert (data.propositions, data.people, data.conversations, data.credences) == ((), (), (), ())


def test_write_json_replaces_atomically(rich_journal, tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old")
    write_json(rich_journal.export_data(), path)
    assert json.loads(path.read_text())["format"] == "beliefupdate"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".json" or p.name.startswith(".")) == ["out.json"]


# -- refusals ----------------------------------------------------------------


def _mutations():
    """(id, change to the export dict, words the message must contain)."""

    def set_(section, i, field, value):
        def apply(obj):
            obj[section][i][field] = value
        return apply

    def drop(section, i, field):
        def apply(obj):
            del obj[section][i][field]
        return apply

    def top(key, value):
        def apply(obj):
            obj[key] = value
        return apply

    def dup(section):
        def apply(obj):
            obj[section][1]["id"] = obj[section][0]["id"]
        return apply

    def last(section, field, value):
        def apply(obj):
            obj[section][-1][field] = value
        return apply

    return [
        ("negative-probability", set_("credences", 2, "probability", -0.1), ["credences[2]", "probability"]),
        ("probability-above-1", set_("credences", 2, "probability", 1.5), ["credences[2]", "probability"]),
        ("probability-string", set_("credences", 2, "probability", "0.5"), ["credences[2]", "probability"]),
        ("probability-bool", set_("credences", 2, "probability", True), ["credences[2]", "probability"]),
        ("missing-probability", drop("credences", 2, "probability"), ["credences[2]", "probability"]),
        ("missing-text", drop("propositions", 1, "text"), ["propositions[1]", "text"]),
        ("empty-text", set_("propositions", 1, "text", "  "), ["propositions[1]", "text"]),
        ("long-text", set_("propositions", 1, "text", "x" * 501), ["propositions[1]", "text"]),
        ("missing-phase", drop("credences", 0, "phase"), ["credences[0]", "phase"]),
        ("unknown-phase", set_("credences", 0, "phase", "during"), ["credences[0]", "phase"]),
        ("unknown-kind", set_("conversations", 0, "kind", "podcast"), ["conversations[0]", "kind"]),
        ("unknown-resolution", set_("propositions", 0, "resolution", "maybe"), ["propositions[0]", "resolution"]),
        ("time-without-offset", set_("conversations", 1, "occurred_at", "2026-11-26T18:30"),
         ["conversations[1]", "occurred_at"]),
        ("time-garbage", set_("propositions", 0, "created_at", "last tuesday"), ["propositions[0]", "created_at"]),
        ("tags-not-strings", set_("propositions", 0, "tags", ["ok", 3]), ["propositions[0]", "tags"]),
        ("tag-too-long", set_("propositions", 0, "tags", ["ok", "t" * 61]), ["propositions[0]", "tags"]),
        ("name-too-long", set_("people", 0, "name", "n" * 201), ["people[0]", "name"]),
        ("name-empty", set_("people", 0, "name", "  "), ["people[0]", "name"]),
        ("archived-not-bool", set_("propositions", 0, "archived", "yes"), ["propositions[0]", "archived"]),
        ("missing-id", drop("people", 0, "id"), ["people[0]", "id"]),
        ("record-not-object", top("people", ["Sam"]), ["people[0]"]),
        ("section-not-list", top("credences", {}), ["credences"]),
        ("duplicate-proposition-id", dup("propositions"), ["propositions[1]", "id"]),
        ("duplicate-credence-id", dup("credences"), ["credences[1]", "id"]),
        ("unknown-proposition", last("credences", "proposition_id", "00000000-0000-0000-0000-000000000000"),
         ["credences[12]", "proposition_id"]),
        ("unknown-conversation", last("credences", "conversation_id", "00000000-0000-0000-0000-000000000000"),
         ["credences[12]", "conversation_id"]),
        ("unknown-person", last("conversations", "person_id", "00000000-0000-0000-0000-000000000000"),
         ["person_id"]),
        ("wrong-format", top("format", "something-else"), ["format"]),
        ("wrong-version", top("version", 2), ["version"]),
        ("version-as-bool", top("version", True), ["version"]),
        ("version-as-string", top("version", "1"), ["version"]),
    ]


MUTATIONS = _mutations()


@pytest.mark.parametrize("change, words", [m[1:] for m in MUTATIONS], ids=[m[0] for m in MUTATIONS])
def test_invalid_file_is_refused_whole_naming_record_and_field(rich_journal, other, exported, tmp_path, change, words):
    other.add_proposition("Already here")
    before = other.export_data()
    obj = json.loads(exported.read_text(encoding="utf-8"))
    change(obj)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        other.import_data(read_json(bad))
    message = str(info.value)
    for word in words:
        assert word in message
    assert "\n" not in message
    assert other.export_data() == before


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_probability_is_refused_naming_record_and_field(other, exported, tmp_path, constant):
    obj = json.loads(exported.read_text(encoding="utf-8"))
    obj["credences"][3]["probability"] = "PLACEHOLDER"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj).replace('"PLACEHOLDER"', constant), encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        read_json(bad)
    assert "credences[3]" in str(info.value) and "probability" in str(info.value)
    assert other.is_empty()


def test_text_that_duplicates_a_live_proposition_is_refused(other, exported):
    other.add_proposition("a phd is worth it for ME")
    before = other.export_data()
    with pytest.raises(InvalidInput, match=r"propositions\[1\].*#1"):
        other.import_data(read_json(exported))
    assert other.export_data() == before


def test_a_check_in_with_a_conversation_is_refused(other, exported, tmp_path):
    obj = json.loads(exported.read_text(encoding="utf-8"))
    check_in = next(i for i, c in enumerate(obj["credences"]) if c["phase"] == "check-in")
    obj["credences"][check_in]["conversation_id"] = obj["conversations"][0]["id"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(InvalidInput, match=rf"credences\[{check_in}\].*conversation_id"):
        other.import_data(read_json(bad))
    assert other.is_empty()


@pytest.mark.parametrize(
    "content, words",
    [
        (b'{"format": "beliefupdate", "version": 1, "propositions": [', ["malformed JSON", "line 1"]),
        (b"", ["malformed JSON"]),
        (b"[1, 2, 3]", ["not a beliefupdate export"]),
        (b'"just a string"', ["not a beliefupdate export"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["not a text file"]),
        (b'{"format": "beliefupdate", "version": 1, "people": [{"id": "a", "name": "\xff"}]}', ["UTF-8"]),
    ],
    ids=["truncated", "empty", "list", "string", "png", "latin-1"],
)
def test_files_that_are_not_exports(other, tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as info:
        read_json(path)
    for word in words:
        assert word in str(info.value)
    assert str(path) in str(info.value) or "not a beliefupdate export" in str(info.value)
    assert other.is_empty()


def test_missing_file(tmp_path):
    with pytest.raises(InvalidInput, match="no such file"):
        read_json(tmp_path / "nope.json")


def test_deeply_nested_json_is_refused_not_a_crash(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100000 + "]" * 100000)
    with pytest.raises(InvalidInput):
        read_json(path)


def test_from_dict_does_not_change_its_input(exported):
    obj = json.loads(exported.read_text(encoding="utf-8"))
    snapshot = copy.deepcopy(obj)
    data = from_dict(obj)
    assert obj == snapshot
    assert to_dict(data) == snapshot


def test_a_field_added_to_a_record_is_exported_without_touching_the_format_code():
    """The file's fields come from the domain dataclasses, so a new field cannot be dropped silently."""
    import dataclasses
    from datetime import datetime

    from beliefupdate.domain.types import Proposition
    from beliefupdate.interchange.exchange import record

    Widened = dataclasses.make_dataclass(
        "Proposition", [("confidence_note", str, dataclasses.field(default=""))], bases=(Proposition,), frozen=True
    )
    p = Widened("id-1", 3, "A test proposition", "", ("a",), datetime(2026, 1, 2, tzinfo=UTC),
                confidence_note="gut feeling")
    assert record(p) == {
        "id": "id-1", "handle": 3, "text": "A test proposition", "notes": "", "tags": ["a"],
        "created_at": "2026-01-02T00:00:00+00:00", "archived": False, "resolution": "open", "resolved_at": None,
        "confidence_note": "gut feeling",
    }


def test_write_ups_travel_through_export_and_import(journal, other, tmp_path):
    from beliefupdate.domain.types import CredenceEntry

    p = journal.add_proposition("Working at a large lab is my highest-impact option")
    pre = "## Pre\n\nMy gut says *no*: | pipes | and <script>alert(1)</script> stay text.\n"
    c = journal.log_conversation("Chat with a friend at a lab", [CredenceEntry(p.id, 0.3, 0.55)],
                                 pre=pre, post="Coworkers matter.")
    path = tmp_path / "export.json"
    write_json(journal.export_data(), path)
    assert json.loads(path.read_text(encoding="utf-8"))["conversations"][0]["post"] == "Coworkers matter."
    other.import_data(read_json(path))
    got = other.find_conversation(str(c.handle))
    assert (got.pre, got.post) == (pre.strip(), "Coworkers matter.")


def test_an_export_without_write_ups_reads_as_empty_ones(rich_journal, exported):
    obj = json.loads(exported.read_text(encoding="utf-8"))
    for c in obj["conversations"]:
        del c["pre"], c["post"]
    assert all((c.pre, c.post) == ("", "") for c in from_dict(obj).conversations)
    obj["conversations"][0]["pre"] = 3
    with pytest.raises(InvalidInput, match=r"conversations\[0\]: field 'pre' has the wrong type"):
        from_dict(obj)
