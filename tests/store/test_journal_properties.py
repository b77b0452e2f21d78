"""Whatever a user does, the journal stays consistent with itself and survives export and import."""

import contextlib
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beliefupdate.domain.errors import UserError
from beliefupdate.domain.types import CredenceEntry
from beliefupdate.interchange.exchange import from_dict, to_dict
from beliefupdate.store.journal import Journal

T0 = datetime(2026, 1, 1, tzinfo=UTC)

probability = st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), st.floats(0, 1))
# Few distinct instants, so that ties in time (the hard case for ordering) are common.
instant = st.integers(0, 4).map(lambda h: T0 + timedelta(hours=h))
step = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(["Alpha claim", "beta claim", "ALPHA CLAIM", "Gamma"])),
    st.tuples(st.just("checkin"), st.integers(0, 5), st.floats(0, 1), instant),
    st.tuples(st.just("log"), st.lists(st.tuples(st.integers(0, 5), probability, probability), max_size=3),
              st.sampled_from([None, "Sam", "sam", "Ana"]), instant),
    st.tuples(st.just("finish"), st.integers(0, 5), st.integers(0, 5), st.floats(0, 1), instant),
    st.tuples(st.just("archive"), st.integers(0, 5), st.booleans()),
    st.tuples(st.just("delete"), st.integers(0, 5)),
    st.tuples(st.just("delete-conversation"), st.integers(0, 5)),
)


def apply(j: Journal, action) -> None:
    props = j.propositions()
    convs = [s.conversation for s in j.conversations()]
    pick = lambda seq, i: seq[i % len(seq)] if seq else None
    kind = action[0]
    if kind == "add":
        j.add_proposition(action[1])
    elif kind == "checkin" and props:
        j.check_in(pick(props, action[1]).id, action[2], at=action[3])
    elif kind == "log" and props:
        entries = [CredenceEntry(pick(props, i).id, b, a) for i, b, a in action[1]]
        j.log_conversation("Talk", entries, person=action[2], occurred_at=action[3])
    elif kind == "finish" and props and convs:
        j.finish_conversation(pick(convs, action[1]).id, [CredenceEntry(pick(props, action[2]).id, None, action[3])],
                              at=action[4])
    elif kind == "archive" and props:
        j.set_archived(pick(props, action[1]).id, action[2])
    elif kind == "delete" and props:
        j.delete_proposition(pick(props, action[1]).id)
    elif kind == "delete-conversation" and convs:
        j.delete_conversation(pick(convs, action[1]).id)


def check_consistent(j: Journal) -> None:
    props = j.propositions()
    assert len({p.handle for p in props}) == len(props)
    live = [p.text.casefold() for p in props if not p.archived]
    assert len(set(live)) == len(live)
    for summary in j.summaries(include_archived=True):
        history = [h.credence for h in j.history(summary.proposition.id)]
        assert summary.credence_count == len(history)
        if history:
            assert summary.current == history[-1].probability
            assert summary.current_at == history[-1].recorded_at
            assert summary.previous == (history[-2].probability if len(history) > 1 else None)
        else:
            assert (summary.current, summary.previous) == (None, None)
        times = [c.recorded_at for c in history]
        assert times == sorted(times)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, max_size=12))
def test_any_sequence_of_edits_stays_consistent_and_round_trips(actions):
    with tempfile.TemporaryDirectory() as folder, Journal.open(Path(folder) / "a.sqlite3") as j:
        for action in actions:
            with contextlib.suppress(UserError):  # refused as a whole: what follows must still hold
                apply(j, action)
        check_consistent(j)
        exported = to_dict(j.export_data())
        with Journal.open(Path(folder) / "b.sqlite3") as other:
            other.import_data(from_dict(exported))
            assert to_dict(other.export_data()) == exported
            check_consistent(other)
            # The export carries no numbers, so a gap left by a deletion closes up in the
            # copy; everything else must be the same.
            assert seen(other) == seen(j)


def seen(j: Journal):
    """What a user sees of a journal, leaving out the numbers."""
    return [
        (s.proposition.id, s.current, s.previous, s.current_at, s.credence_count,
         [(h.credence, h.conversation and h.conversation.id) for h in j.history(s.proposition.id)])
        for s in j.summaries(include_archived=True)
    ]
