"""What hovering over the history chart says: a jump, a record, or what the cruxes imply."""

from __future__ import annotations

from beliefupdate.charts.lines import ImpliedLine, Track
from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.measures.evidence import format_evidence
from beliefupdate.domain.times import format_local
from beliefupdate.domain.types import KIND_NAMES, Conversation, Phase


def jump_text(t: Track, jump: int) -> str:
    """Tooltip for a before -> after jump: proposition, conversation, person, change."""
    entry = t.entries[int(t.jump_after[jump])]
    before, after = float(t.jump_before[jump]), entry.credence.probability
    lines = [t.proposition.text]
    conv = entry.conversation
    if conv is not None:
        lines.append(_conversation_line(conv))
        if conv.person_name:
            lines.append(f"with {conv.person_name}")
    lines.append(f"{format_credence(before)} → {format_credence(after)} ({format_change(after - before)})")
    if after != before:
        lines[-1] += f": {format_evidence(before, after, ratio_prefix='implied likelihood ratio ')}"
    lines.append(format_local(entry.credence.recorded_at))
    if entry.credence.note:
        lines.append(entry.credence.note)
    return "\n".join(lines)


def record_text(t: Track, index: int) -> str:
    """Tooltip for a single record (a check-in, or one side of an unfinished conversation)."""
    entry = t.entries[int(index)]
    c = entry.credence
    lines = [t.proposition.text]
    if entry.conversation is not None:
        lines.append(_conversation_line(entry.conversation))
        if entry.conversation.person_name:
            lines.append(f"with {entry.conversation.person_name}")
        side = "before" if c.phase is Phase.BEFORE else "after"
        if index == 0 and t.born:
            side = "new belief, first thought of here"
        lines.append(f"{side}: {format_credence(c.probability)}")
    else:
        lines.append(f"check-in: {format_credence(c.probability)}")
    if index > 0:
        lines[-1] += f" ({format_change(c.probability - float(t.values[index - 1]))} since the previous record)"
    lines.append(format_local(c.recorded_at))
    if c.note:
        lines.append(c.note)
    return "\n".join(lines)


def implied_text(line: ImpliedLine, step: int) -> str:
    """Tooltip for the dashed line: what the crux implies there, and how."""
    st = line.steps[step]
    return "\n".join((
        line.proposition.text,
        f"implied by your cruxes: {format_credence(st.value)} ({st.arithmetic()})",
        f"depends on #{line.on.handle} {line.on.text}",
        f"from {format_local(st.at)}",
    ))


def _conversation_line(conv: Conversation) -> str:
    return f"{conv.title} ({KIND_NAMES[conv.kind]}, #{conv.handle})"
