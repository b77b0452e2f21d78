"""The whole journal as plain records, read in whatever transaction the caller holds:
an export, a copy to another journal, or a server backup taken in one snapshot."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from beliefupdate.domain.types import JournalData, Person
from beliefupdate.store.cruxes import links_of
from beliefupdate.store.models import ConversationRow, PersonRow, PropositionRow
from beliefupdate.store.queries import TIME_ORDER, credence_rows, tags_of
from beliefupdate.store.records import conversation_of, credence_of, proposition_of


def journal_data(s: Session) -> JournalData:
    props = s.scalars(select(PropositionRow).order_by(PropositionRow.handle)).all()
    tags = tags_of(s, [p.id for p in props])
    names = {p.id: p.name for p in s.scalars(select(PersonRow))}
    return JournalData(
        propositions=tuple(proposition_of(p, tags[p.id]) for p in props),
        people=tuple(Person(i, n) for i, n in sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0]))),
        conversations=tuple(
            conversation_of(c, names.get(c.person_id) if c.person_id else None)
            for c in s.scalars(select(ConversationRow).order_by(ConversationRow.handle))
        ),
        credences=tuple(credence_of(c) for c in s.execute(credence_rows().order_by(*TIME_ORDER))),
        crux_links=(links := links_of(s))[0],
        crux_credences=links[1],
    )
