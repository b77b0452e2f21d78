"""`stats`: how much each conversation moved you, who moves you, drift, predictions, reaction, scores."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from beliefupdate.cli_commands import args as A
from beliefupdate.cli_commands import output as out
from beliefupdate.cli_commands.cruxes import line as crux_line
from beliefupdate.domain.credence import format_credence
from beliefupdate.domain.measures.decomposition import decomposition_text
from beliefupdate.domain.measures.evidence import format_evidence
from beliefupdate.domain.measures.plain import to_plain
from beliefupdate.domain.measures.report import Filter, InsightReport, build_report

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beliefupdate.cli_commands.args import Subparsers
    from beliefupdate.domain.measures.sources import SourceInfluence
    from beliefupdate.domain.measures.truth import TruthScore
    from beliefupdate.store.journal import Journal


IMPLIED = "implied likelihood ratio "


DESCRIPTION = """\
How your conversations moved you: evidence in bits and the implied likelihood
ratio (what a move amounts to if it was Bayesian), who moves you, drift,
predicted updates, over- or under-reaction, scores and calibration. Archived
propositions count in every measure. Formulas: docs/measures.md.

Filters choose what is measured. --since and --person keep only those
conversations (and, for drift and reaction, only the credences from then on or
from those conversations). Resolution scores and calibration are always scored
by every credence you held: a later check-in is still your credence at the
resolution. --person scores the propositions that person's conversations
touched, and the time-weighted score runs from the first of those
conversations; --since scores propositions resolved from then on, and the
time-weighted score runs from then. --tag keeps only propositions with the tag.
"""


def register(sub: Subparsers) -> None:
    p = sub.add_parser("stats", help="how conversations moved you: bits, who moves you, drift, calibration",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="machine-readable output (see README)")
    p.add_argument("--since", metavar="WHEN",
                   help="only conversations and credences from then on; scores from then on, by every credence")
    p.add_argument("--person", metavar="NAME",
                   help="only conversations with this person; scores the propositions they touched, from then on")
    p.add_argument("--tag", metavar="T", help="only propositions with this tag")
    p.set_defaults(handler=cmd_stats)


def report_for(args: argparse.Namespace, journal: Journal) -> InsightReport:
    since = A.when(args.since) if args.since else None
    if args.person and not any(p.name.casefold() == args.person.strip().casefold() for p in journal.people()):
        from beliefupdate.domain.errors import NotFound

        names = ", ".join(p.name for p in journal.people()[:8]) or "none yet"
        raise NotFound(f"no person named {args.person!r} (people: {names})")
    return build_report(journal.export_data(), journal.conversations(), Filter(since, args.person, args.tag))


def cmd_stats(args: argparse.Namespace, journal: Journal) -> int:
    report = report_for(args, journal)
    if args.json:
        out.emit_json("stats", to_plain(report))
        return 0
    _print_report(report)
    return 0


def _print_report(r: InsightReport) -> None:
    print("How each conversation moved you (newest first)")
    if not r.conversations:
        print("  no conversations with both a before and an after yet")
    for c in r.conversations[:20]:
        who = f" with {c.person_name}" if c.person_name else ""
        line = f"  #{c.handle} {out.when(c.occurred_at)[:10]} {c.title}{who}: {c.moved}/{c.updates} moved, {c.total_bits:.1f} bits"
        if c.infinite:
            line += f" + {c.infinite} to or from certainty"
        if c.new_beliefs:
            line += f", {_new_beliefs(c.new_beliefs)}"
        if c.biggest:
            b = c.biggest.size
            line += (
                f"; most: #{c.biggest.proposition_handle} {format_credence(b.before)} -> {format_credence(b.after)}"
                f" ({out.change(b.change)}, {format_evidence(b.before, b.after, ratio_prefix=IMPLIED)})"
            )
        print(line)
    if len(r.conversations) > 20:
        print(f"  … and {len(r.conversations) - 20} earlier (see --json)")

    print("\nWho moves you most (average bits per conversation)")
    _sources(r.people)
    print("\nBy kind of source")
    _sources(r.kinds)

    _print_truth(r)

    print("\nCoherence of your cruxes (largest gap first)")
    if not r.coherence:
        print("  no cruxes yet: beliefupdate crux add B --on A --if-true X --if-false Y")
    for k in r.coherence:
        print(f"  #{k.proposition.handle} on #{k.on.handle}: {crux_line(k)}")

    d = r.drift_summary
    print("\nDrift between conversations")
    if d.segments and d.mean_abs_drift is not None:  # the mean is None only without segments
        retained = f"{d.retained * 100:.0f}% of updates stuck" if d.retained is not None else "no updates to compare"
        print(f"  {d.segments} stretches, mean |drift| {d.mean_abs_drift * 100:.1f} pp; {retained}")
    else:
        print("  nothing yet: drift needs a conversation followed by a later credence on the same proposition")

    p = r.prediction_summary
    print("\nPredicted updates")
    if p.predictions:
        noun = "prediction" if p.predictions == 1 else "predictions"
        print(f"  {p.predictions} {noun}, {p.flagged} expected a move (a move you could have made before talking)")
        if p.mean_abs_gap is not None:
            print(f"  mean gap between expected and actual after: {p.mean_abs_gap * 100:.1f} pp")
    else:
        print("  none yet: enter an expected after when you log a before")

    print("\nOver- or under-reaction")
    print(f"  {r.reaction.explanation}")
    s, direction = r.serial, r.drift_direction
    corr = f"{s.correlation:+.2f}" if s.correlation is not None else "—"
    print(f"  successive changes: correlation {corr} over {s.pairs} pairs: {s.reading}")
    mean = direction.mean_along_update
    along = f"{mean * 100:+.1f} pp" if mean is not None else "—"
    print(f"  drift along the last update: {along} over {direction.segments} stretches: {direction.reading}")

    _print_scores(r)


def _print_truth(r: InsightReport) -> None:
    print("\nToward the truth (moves on propositions that resolved true or false)")
    if r.truth.scored:
        print(f"  all: {_truth(r.truth)}")
        for s in r.people:
            if s.truth is not None and s.truth.scored:
                print(f"  {s.label}: {_truth(s.truth)}")
        for row in r.truth_by_tag:
            print(f"  tag {row.label}: {_truth(row.truth)}")
    else:
        print("  nothing yet: it needs conversations on propositions that resolved true or false")


def _print_scores(r: InsightReport) -> None:
    s = r.scores
    print("\nResolved propositions")
    if s.forecasts:
        brier = f"{s.mean_brier:.3f}" if s.mean_brier is not None else "—"
        log = f"{s.mean_log:.2f} bits" if s.mean_log is not None else "—"
        if s.log_infinite:
            # The mean is over the finite scores only: say what it leaves out.
            log += f", plus {s.log_infinite} certain miss{'es' * (s.log_infinite != 1)} (−∞)"
        print(f"  {s.forecasts} scored: mean Brier {brier} (0 is perfect), mean log score {log}")
        print(f"  {decomposition_text(r.decomposition)}")
        for b in r.calibration:
            # Empty bins (no count) have no frequency or interval, and are left out.
            if b.count and b.observed is not None and b.low is not None and b.high is not None:
                print(
                    f"  {b.lower * 100:3.0f}-{b.upper * 100:3.0f}%: {b.count:3d} forecasts at {out.pct(b.mean_forecast):>5},"
                    f" {b.observed * 100:4.0f}% came true (95% CI {b.low * 100:.0f}-{b.high * 100:.0f}%)"
                )
    else:
        print("  none resolved yet: mark propositions true or false to score your credences")


def _truth(t: TruthScore) -> str:
    """'+1.00 bits, Brier +0.313, 1 of 1 moves the right way', the log score's change first."""
    finite = t.scored > t.log_gain_infinite
    text = f"{_signed(t.log_gain, 2)} bits" if finite else ""
    if t.log_gain_infinite:
        text += f"{' + ' if text else ''}{t.log_gain_infinite} to or from a certain miss"
    return f"{text}, Brier {_signed(t.brier_gain, 3)}, {t.right} of {t.moved} moves the right way"


def _signed(x: float, digits: int) -> str:
    text = f"{x:+.{digits}f}"
    return "±" + text[1:] if float(text) == 0 else text


def _sources(rows: Sequence[SourceInfluence]) -> None:
    if not rows:
        print("  no complete conversations yet")
    for s in rows[:10]:
        mean = f"{s.mean_bits:.2f}" if s.mean_bits is not None else "—"
        consistency = f", pushes one way {s.consistency * 100:.0f}% of the time" if s.consistency is not None else ""
        born = f", {_new_beliefs(s.new_beliefs)}" if s.new_beliefs else ""
        print(f"  {s.rank:2d}. {s.label}: {s.conversations} conversation(s), {mean} bits each{consistency}{born}")


def _new_beliefs(n: int) -> str:
    return f"{n} new belief{'s' if n != 1 else ''} formed"
