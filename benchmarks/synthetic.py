"""Synthetic journals, deterministic from a seed, at the sizes the benchmark uses."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from beliefupdate.domain.types import (
    Conversation,
    Credence,
    JournalData,
    Kind,
    Person,
    Phase,
    Proposition,
    Resolution,
)


@dataclass(frozen=True)
class Size:
    name: str
    propositions: int
    conversations: int
    per_conversation: int  # credences per conversation side: ~5 propositions, before + after each


SIZES = {
    "small": Size("small", 20, 50, 5),
    "medium": Size("medium", 200, 2_000, 5),
    "large": Size("large", 1_000, 10_000, 5),
    # Ten times large: 1,000,000 credences. Only on request (--sizes ...,huge): generating it takes minutes.
    "huge": Size("huge", 10_000, 100_000, 5),
}
DEFAULT_SIZES = ("small", "medium", "large")

TOPICS = [
    "AI safety is one hard problem rather than many moderate ones",
    "Working directly on AI safety at a large lab is my highest-impact option",
    "Interpretability will matter for alignment within five years",
    "Governance work is more neglected than technical work",
    "I can get an evals role within six months",
    "Most published safety papers do not reduce risk",
    "Coworkers matter more than the project",
]
PEOPLE = ["Sam", "Priya", "Alex", "Jordan", "Mei", "an AI assistant", "Chris", "Dana", "Noor", "Eli"]


def generate(size: Size, seed: int = 1) -> JournalData:
    rng = random.Random(seed)
    uid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    start = datetime(2022, 1, 1, tzinfo=timezone.utc)
    props = []
    for i in range(size.propositions):
        text = f"{TOPICS[i % len(TOPICS)]} (#{i + 1})"
        props.append(
            Proposition(
                id=uid(), handle=0, text=text, notes="", tags=(f"topic-{i % 7}",),
                created_at=start, resolution=Resolution.OPEN,
            )
        )
    people = [Person(uid(), name) for name in PEOPLE]
    span = timedelta(days=4 * 365)
    step = span / max(size.conversations, 1)
    current = {p.id: rng.uniform(0.05, 0.95) for p in props}
    convs, creds = [], []
    for i in range(size.conversations):
        when = start + step * i + timedelta(minutes=rng.randrange(0, 60))
        person = rng.choice(people)
        conv = Conversation(
            id=uid(), handle=0, title=f"Conversation {i + 1} with {person.name}", person_id=person.id,
            kind=Kind.AI if person.name == "an AI assistant" else Kind.CONVERSATION, occurred_at=when,
        )
        convs.append(conv)
        for prop in rng.sample(props, min(size.per_conversation, len(props))):
            before = current[prop.id]
            after = min(0.99, max(0.01, before + rng.gauss(0, 0.08)))
            current[prop.id] = min(0.99, max(0.01, after + rng.gauss(0, 0.02)))
            for phase, value in ((Phase.BEFORE, before), (Phase.AFTER, after)):
                creds.append(
                    Credence(uid(), prop.id, conv.id, phase, round(value, 4), when)
                )
    return JournalData(tuple(props), tuple(people), tuple(convs), tuple(creds))
