from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from beliefupdate.domain.types import CredenceEntry, Kind, Proposition


@dataclass
class Holder:
    """What the chart reads from (the window's session, in the app): whatever journal it holds now."""

    journal: object = None


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=UTC)


@dataclass
class Career:
    """A journal like the seed's: should I work at a large AI lab, over ten weeks."""

    lab: Proposition
    impact: Proposition
    timelines: Proposition
    hired: Proposition


def build_career(journal) -> Career:
    lab = journal.add_proposition(
        "I should take a job at a large AI lab", ["career"], created_at=at("2026-02-01")
    )
    impact = journal.add_proposition(
        "Interpretability work inside a lab has more impact than independent research",
        ["career", "research"],
        created_at=at("2026-02-01"),
    )
    timelines = journal.add_proposition(
        "Transformative AI arrives before 2035", ["timelines"], created_at=at("2026-02-01")
    )
    hired = journal.add_proposition(
        "I can land a research role within six months", ["career"], created_at=at("2026-02-01")
    )
    log = journal.log_conversation
    log("First chat about lab safety teams", [CredenceEntry(lab.id, 0.45, 0.60), CredenceEntry(impact.id, 0.50, 0.62)],
        person="Sam", occurred_at=at("2026-02-03", 18))
    journal.check_in(lab.id, 0.58, "slept on it", at=at("2026-02-10", 8))
    log("Steelman staying independent", [CredenceEntry(lab.id, 0.58, 0.50), CredenceEntry(impact.id, 0.60, 0.52)],
        person="AI assistant", kind=Kind.AI, occurred_at=at("2026-02-12", 21))
    log("Read a lab's safety team org chart", [CredenceEntry(impact.id, 0.52, 0.58)],
        kind=Kind.READING, occurred_at=at("2026-02-20", 10))
    log("Coffee with Sam about team culture", [CredenceEntry(lab.id, 0.52, 0.68), CredenceEntry(hired.id, 0.30, 0.45)],
        person="Sam", occurred_at=at("2026-03-02", 16))
    log("Timelines debate", [CredenceEntry(timelines.id, 0.40, 0.48)],
        person="AI assistant", kind=Kind.AI, occurred_at=at("2026-03-09", 20))
    log("Call with a former lab researcher", [CredenceEntry(lab.id, 0.68, 0.61), CredenceEntry(impact.id, 0.60, 0.55),
                                              CredenceEntry(hired.id, 0.45, 0.40)],
        person="Priya", occurred_at=at("2026-03-18", 17))
    journal.check_in(timelines.id, 0.52, at=at("2026-03-30", 9))
    log("Mock interview", [CredenceEntry(hired.id, 0.40, 0.58), CredenceEntry(lab.id, 0.62, 0.70)],
        person="Sam", occurred_at=at("2026-04-06", 15))
    log("Reflection after the literature review", [CredenceEntry(impact.id, 0.55, 0.64), CredenceEntry(timelines.id, 0.52, 0.57)],
        kind=Kind.REFLECTION, occurred_at=at("2026-04-15", 19))
    return Career(lab, impact, timelines, hired)


@pytest.fixture
def career(journal) -> Career:
    return build_career(journal)
