from datetime import UTC, datetime, timedelta

import pytest

from beliefupdate.domain.types import CredenceEntry, Kind, Resolution

T0 = datetime(2026, 11, 26, 17, 30, tzinfo=UTC)


def populate(journal):
    """A journal with one of everything a user can make, in an order that is not chronological."""
    lab = journal.add_proposition(
        "Working directly on AI safety at a large lab is my highest-impact option",
        tags=["career", "ai-safety"], notes="From the fellowship application", created_at=T0 - timedelta(days=30),
    )
    phd = journal.add_proposition("A PhD is worth it for me", tags=["career"], created_at=T0 - timedelta(days=29))
    old = journal.add_proposition("Übermorgen regnet es — «sicher»", created_at=T0 - timedelta(days=28))
    journal.set_archived(old.id)
    done = journal.add_proposition("The grant comes through by March", created_at=T0 - timedelta(days=27))
    journal.resolve_proposition(done.id, Resolution.TRUE, at=T0 + timedelta(days=3))

    journal.log_conversation(
        "Coffee with a friend on a lab safety team",
        [CredenceEntry(lab.id, 0.25, 0.45, "they described the day-to-day"), CredenceEntry(phd.id, 0.3, 0.6)],
        person="Sam", occurred_at=T0,
    )
    # Logged afterwards, but it happened earlier: numbers and dates disagree on order.
    journal.log_conversation(
        "Read the 80k career guide", [CredenceEntry(lab.id, 0.2, 0.25)], kind=Kind.READING,
        occurred_at=T0 - timedelta(days=10), notes="chapter 4",
    )
    started = journal.log_conversation(
        "Call with an advisor", [CredenceEntry(lab.id, 0.45, None), CredenceEntry(done.id, 0.5, None)],
        person="dr. ana", kind=Kind.CONVERSATION, occurred_at=T0 + timedelta(days=1),
    )
    journal.finish_conversation(started.id, [CredenceEntry(done.id, None, 0.8)], at=T0 + timedelta(days=1, hours=1))
    journal.log_conversation(
        "Asked a chatbot about PhD outcomes", [CredenceEntry(phd.id, 0.6, 0.55)], person="SAM", kind=Kind.AI,
        occurred_at=T0 + timedelta(days=2),
    )
    journal.check_in(lab.id, 0.5, note="slept on it", at=T0 + timedelta(days=2, hours=3))
    journal.check_in(old.id, 0.123456789, at=T0 - timedelta(days=20))
    return journal


@pytest.fixture
def rich_journal(journal):
    return populate(journal)
