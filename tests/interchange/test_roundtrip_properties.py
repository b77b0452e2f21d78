"""Generated journals with arbitrary Unicode survive the JSON round trip exactly and the CSV
export faithfully: RTL scripts, emoji, quotes, newlines, formula-like text, 500-character propositions."""

from __future__ import annotations

import csv
import tempfile
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beliefupdate.domain.text import clean_name, text_key
from beliefupdate.domain.types import Conversation, Credence, JournalData, Kind, Person, Phase, Proposition
from beliefupdate.interchange.csv_export import LONG_COLUMNS, format_probability, unneutralise, write_csv
from beliefupdate.interchange.exchange import read_json, to_dict, write_json
from beliefupdate.store.journal import Journal

SPECIAL = ["שלום עולם", "مرحبا", "👩🏽‍🔬", "🙂", '"', "'", "\n", "\r\n", "\t", ",", ";", "=", "+", "-", "@", "é", "\u200f"]
pieces = st.one_of(st.sampled_from(SPECIAL), st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20))
texts = st.lists(pieces, min_size=1, max_size=30).map("".join)


def clean(max_size: int):
    """Text as the journal keeps it: trimmed, not empty, within the limit (long ones often at it)."""
    long = st.tuples(texts, texts).map(lambda t: (t[0] + "x" * max_size + t[1])[:max_size])
    return st.one_of(texts, long).map(str.strip).filter(bool).map(lambda s: s[:max_size].strip()).filter(bool)


times = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC))
probabilities = st.one_of(st.floats(0, 1, allow_nan=False), st.sampled_from([0.0, 1.0, 0.5, 1e-9, 5e-324]))
tags = st.lists(st.text(st.characters(exclude_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=15), max_size=3)


@st.composite
def journals(draw) -> JournalData:
    n = draw(st.integers(1, 5))
    props = []
    for i, text in enumerate(draw(st.lists(clean(500), min_size=n, max_size=n, unique_by=text_key))):
        props.append(
            Proposition(f"p{i}", 0, text, draw(texts), tuple(draw(tags)), draw(times), draw(st.booleans()))
        )
    # Names as the app keeps them: runs of whitespace, newlines included, become one space.
    names = draw(st.lists(clean(200).map(clean_name).filter(bool), max_size=3, unique_by=str.casefold))
    people = [Person(f"h{i}", name) for i, name in enumerate(names)]
    convs, creds = [], []
    for i in range(draw(st.integers(0, 4))):
        person = draw(st.sampled_from([None, *[p.id for p in people]]))
        at = draw(times)
        convs.append(Conversation(f"c{i}", 0, draw(clean(500)), person, draw(st.sampled_from(list(Kind))), at, draw(texts)))
        for p in draw(st.lists(st.sampled_from(props), unique_by=lambda p: p.id, max_size=3)):
            for phase in draw(st.sampled_from([[Phase.BEFORE], [Phase.AFTER], [Phase.BEFORE, Phase.AFTER]])):
                creds.append(Credence(f"k{len(creds)}", p.id, f"c{i}", phase, draw(probabilities), at, draw(texts)))
    for p in draw(st.lists(st.sampled_from(props), max_size=4)):
        creds.append(Credence(f"k{len(creds)}", p.id, None, Phase.CHECK_IN, draw(probabilities), draw(times), draw(texts)))
    return JournalData(tuple(props), tuple(people), tuple(convs), tuple(creds))


def export_csv(data: JournalData, shape: str):
    """The data as a journal keeps it, where each proposition stands, and its CSV export read back."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Journal.open(folder / "a.sqlite3") as a:
            a.import_data(data)
            stored = a.export_data()
            standing = {s.proposition.id: s.current for s in a.summaries(include_archived=True)}
        write_csv(stored, folder / "a.csv", shape)
        with open(folder / "a.csv", encoding="utf-8-sig", newline="") as f:
            return stored, standing, list(csv.reader(f))


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(journals())
def test_json_export_import_export_is_identical(data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Journal.open(folder / "a.sqlite3") as a:
            a.import_data(data)
            first = a.export_data()
            write_json(first, folder / "a.json")
            # Importing a journal's own export into it changes nothing.
            again = a.import_data(read_json(folder / "a.json"))
            assert sum(again.added.values()) == 0
        with Journal.open(folder / "b.sqlite3") as b:
            b.import_data(read_json(folder / "a.json"))
            second = b.export_data()
        assert to_dict(second) == to_dict(first)
        write_json(second, folder / "b.json")
        assert (folder / "b.json").read_bytes() == (folder / "a.json").read_bytes()


@SETTINGS
@given(journals())
def test_csv_long_export_reads_back_to_the_journal(data):
    stored, _standing, rows = export_csv(data, "long")
    assert tuple(rows[0]) == LONG_COLUMNS
    props = {p.id: p for p in stored.propositions}
    convs = {c.id: c for c in stored.conversations}
    expected = []
    for c in stored.credences:
        conv = convs.get(c.conversation_id)
        expected.append(
            (
                props[c.proposition_id].text, " ".join(props[c.proposition_id].tags),
                conv.title if conv else "", (conv.person_name or "") if conv else "", conv.kind.value if conv else "",
                c.phase.value, c.probability, c.recorded_at, c.note,
            )
        )
    got = []
    for r in rows[1:]:
        text_cells = [unneutralise(cell) for cell in r]
        got.append(
            (
                *text_cells[:6], float(r[6]),
                datetime.fromisoformat(r[7]).replace(tzinfo=UTC), text_cells[8],
            )
        )
    key = lambda row: (row[7], row[0], row[5], row[6])
    assert sorted(got, key=key) == sorted(expected, key=key)


@SETTINGS
@given(journals())
def test_csv_wide_export_ends_with_where_each_proposition_stands(data):
    stored, standing, rows = export_csv(data, "wide")
    assert len(rows[0]) == 1 + len(stored.propositions)
    assert len(set(rows[0])) == len(rows[0])  # every column can be told apart
    if not stored.credences:
        assert len(rows) == 1
        return
    days = [datetime.fromisoformat(r[0]).date() for r in rows[1:]]
    assert all((b - a).days == 1 for a, b in pairwise(days))
    last = rows[-1][1:]
    for p, cell in zip(stored.propositions, last, strict=True):
        assert cell == ("" if standing[p.id] is None else format_probability(standing[p.id]))
