"""Operations on crux links: "B depends on A" with P(B | A) and P(B | not A), and taking one away."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from beliefupdate.domain.types import CruxLink, JournalData, Proposition
from beliefupdate.operations.changes import Changes, Done, Operation, What
from beliefupdate.operations.steps import created, removing

if TYPE_CHECKING:
    from beliefupdate.store.journal import Journal


def _changes(b: str, a: str) -> Changes:
    # A link changes what both propositions' panes, hints and coherence checks show.
    return Changes.of(What.PROPOSITIONS | What.CREDENCES, propositions=[b, a], conversations=[])


def set_crux(b: Proposition, a: Proposition, if_true: float, if_false: float,
             at: datetime | None = None) -> Operation[CruxLink]:
    """Link B to A (refusing a cycle), or give an existing link new conditional credences, which
    are recorded with their time; undo removes the link it made, or just the credences it added."""

    def run(j: Journal) -> Done[CruxLink]:
        def work(j: Journal) -> tuple[CruxLink, bool, tuple[str, ...]]:
            had = j.cruxes([b.id])
            link = j.set_crux(b.id, a.id, if_true, if_false, at)
            known = {c.id for c in had.crux_credences}
            added = tuple(c.id for c in j.cruxes([b.id]).crux_credences if c.link_id == link.id and c.id not in known)
            return link, link.id not in {k.id for k in had.crux_links}, added

        link, new, added = j.atomically(work)

        def remove(j: Journal) -> JournalData:
            return j.delete_crux(link.id) if new else j.delete_crux_credences(added)

        label = f"link #{b.handle} to #{a.handle}" if new else f"update the link of #{b.handle} to #{a.handle}"
        return created(label, link, _changes(b.id, a.id), remove, ((link.id,) if new else ()) + added)

    return run


def delete_crux(link: CruxLink, b: Proposition, a: Proposition) -> Operation[JournalData]:
    """Take a link away with its conditional credences; undo brings them all back."""
    return removing(f"unlink #{b.handle} from #{a.handle}", lambda _removed: _changes(b.id, a.id),
                    lambda j: j.delete_crux(link.id))
