"""Operations on propositions: add, edit, check in, archive, resolve, delete."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.times import now_utc
from beliefupdate.domain.types import Credence, JournalData, Proposition, Resolution
from beliefupdate.operations.changes import Changes, Done, Operation, What, short
from beliefupdate.operations.steps import Step, created, removing, stepping

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal

Versions = dict[str, int]


def add_proposition(text: str, tags: Sequence[str] = (), notes: str = "",
                    credence: float | None = None) -> Operation[Proposition]:
    """A new proposition, with where the person stands on it now if they said."""

    def run(j: Journal) -> Done[Proposition]:
        def work(j: Journal) -> Proposition:
            p = j.add_proposition(text, tags, notes)
            if credence is not None:
                j.check_in(p.id, credence)
            return p

        p = j.atomically(work)
        changes = Changes.of(What.PROPOSITIONS | What.CREDENCES, propositions=[p.id], conversations=[])
        return created(f"add proposition #{p.handle}", p, changes, lambda j: j.delete_proposition(p.id), (p.id,))

    return run


def edit_proposition(old: Proposition, *, text: str | None = None, tags: Sequence[str] | None = None,
                     notes: str | None = None,
                     expected_version: int | None = None) -> Operation[Proposition]:
    """Change a proposition's text, tags and notes, as made from ``expected_version`` (the version the
    person saw; None: decided on the spot, as on the command line). A field given as None stays."""

    def there(j: Journal, v: int | None) -> tuple[Proposition, int]:
        p = j.edit_proposition(old.id, text=text, tags=tags, notes=notes, expected_version=v)
        return p, p.version

    def back(j: Journal, v: int | None) -> tuple[Proposition, int]:
        p = j.edit_proposition(old.id, text=old.text, tags=old.tags, notes=old.notes, expected_version=v)
        return p, p.version

    return stepping(f"edit proposition #{old.handle}", Changes.of(What.PROPOSITIONS, propositions=[old.id]),
                    there, back, expected_version)


def check_in(p: Proposition, probability: float, note: str = "", at: datetime | None = None) -> Operation[Credence]:
    """Where the person stands on ``p`` now, outside any conversation."""

    def run(j: Journal) -> Done[Credence]:
        c = j.check_in(p.id, probability, note, at)
        return created(f"check in #{p.handle} at {format_credence(probability)}", c,
                       Changes.of(What.CREDENCES, propositions=[p.id]), lambda j: j.delete_credence(c.id), (c.id,))

    return run


def _label(verb: str, targets: Sequence[Proposition]) -> str:
    return f"{verb} #{targets[0].handle}" if len(targets) == 1 else f"{verb} {len(targets)} propositions"


def set_archived(targets: Sequence[Proposition], archived: bool) -> Operation[list[Proposition]]:
    """Archive (or bring back) several propositions at once: one transaction, one undo step.

    Decided on the spot, not from a copy opened earlier: no version is checked the first
    time; undo and redo check the ones this left."""
    ids = [p.id for p in targets]

    def to(state: bool) -> Step[Versions, list[Proposition]]:
        def step(j: Journal, versions: Versions | None) -> tuple[list[Proposition], Versions]:
            done = [j.set_archived(pid, state, expected_version=None if versions is None else versions[pid])
                    for pid in ids]
            return done, {p.id: p.version for p in done}

        return step

    verb = "archive" if archived else "unarchive"
    return stepping(_label(verb, targets), Changes.of(What.PROPOSITIONS, propositions=ids), to(archived),
                    to(not archived), None)


def resolve(targets: Sequence[Proposition], resolution: Resolution,
            at: datetime | None = None) -> Operation[list[Proposition]]:
    """Mark several propositions resolved (or open) at ``at`` (default: now) at once; undo gives
    each back its own."""
    ids = [p.id for p in targets]
    at = at or now_utc()  # one time for the first write and every redo

    def there(j: Journal, versions: Versions | None) -> tuple[list[Proposition], Versions]:
        done = [j.resolve_proposition(pid, resolution, at, expected_version=None if versions is None else versions[pid])
                for pid in ids]
        return done, {p.id: p.version for p in done}

    def back(j: Journal, versions: Versions | None) -> tuple[list[Proposition], Versions]:
        done = [j.resolve_proposition(p.id, p.resolution, p.resolved_at,
                                      expected_version=None if versions is None else versions[p.id])
                for p in targets]
        return done, {p.id: p.version for p in done}

    return stepping(_label(f"mark {resolution.value}", targets) if len(targets) == 1
                    else f"resolve {len(targets)} propositions",
                    Changes.of(What.PROPOSITIONS, propositions=ids), there, back, None)


def conversations_in(removed: JournalData) -> list[str]:
    """The conversations that held any of the credences in ``removed``."""
    return sorted({k.conversation_id for k in removed.credences if k.conversation_id})


def delete_propositions(targets: Sequence[Proposition]) -> Operation[JournalData]:
    """Delete propositions with their histories and crux links, in one transaction; undo brings all back.

    The conversations that held their credences lose what those moved: they are touched too."""
    ids = [p.id for p in targets]

    def remove(j: Journal) -> JournalData:
        return merged(j.delete_proposition(pid) for pid in ids)

    label = (f"delete #{targets[0].handle} {short(targets[0].text)}" if len(targets) == 1
             else f"delete {len(targets)} propositions")

    def touches(removed: JournalData) -> Changes:
        return Changes.of(What.ALL, propositions=ids, conversations=conversations_in(removed))

    return removing(label, touches, remove)


def merged(parts: Iterable[JournalData]) -> JournalData:
    """Several removals as one JournalData, as Journal.import_data brings them back."""
    out = JournalData()
    for d in parts:
        out = JournalData(
            propositions=out.propositions + d.propositions, people=out.people + d.people,
            conversations=out.conversations + d.conversations, credences=out.credences + d.credences,
            crux_links=out.crux_links + d.crux_links, crux_credences=out.crux_credences + d.crux_credences,
        )
    return out
