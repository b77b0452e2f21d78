"""A conversation (or a run of them) as a post to publish: Markdown or one self-contained HTML page.

A post has, for each conversation, its title, who it was with and when, the Pre, a table of
each proposition's before -> after with the shift in points and in bits and the reason, and the
Post; then the history chart of the propositions it moved, which the caller draws.

The Pre and the Post are the user's own Markdown. The Markdown file carries them as written;
the HTML page renders them as CommonMark with pipe tables and shows any HTML tag in them as
text, so nothing in a journal runs in a reader's browser. Every other text from the journal
(titles, names, propositions, reasons) is escaped as literal text in both.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from markdown_it import MarkdownIt

from beliefupdate.domain.credence import format_change, format_credence
from beliefupdate.domain.measures.evidence import bits, format_bits
from beliefupdate.domain.times import to_local
from beliefupdate.domain.types import KIND_NAMES, ConversationSummary, Shift

COLUMNS = ("Proposition", "Before", "After", "Shift", "Evidence", "Reason")
# Numbers read down a column when they line up on the right.
RIGHT = {"Before", "After", "Shift", "Evidence"}
NONE = "—"
NEW = "new"
NBSP = "\u00a0"
CHART_ALT = "How my credences moved"

# Backslash escapes make these literal in CommonMark inline text and in a pipe-table cell: emphasis,
# code, links and images, raw HTML and autolinks, entities, strikethrough and the cell separator.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&!])")


@dataclass(frozen=True)
class Chart:
    """The history chart as the post refers to it: a file beside the post, or inline."""

    file_name: str | None = None  # beside the post, linked from the Markdown (or from HTML for a PNG)
    svg: str | None = None  # inlined in the HTML page
    png_data: str | None = None  # base64, inlined in the HTML page as a data URI


def quote(file_name: str) -> str:
    """A file name as a relative link: every byte but letters, digits and -._~ percent-encoded."""
    return "".join(
        c if (c.isascii() and c.isalnum()) or c in "-._~" else "".join(f"%{b:02X}" for b in c.encode("utf-8"))
        for c in file_name
    )


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline text on one line: nothing in it formats, links or splits a cell."""
    one_line = " ".join(text.split())
    # Never at the start of a line, so nothing here can begin a block (a heading, list or quote).
    return _MARKDOWN_ACTIVE.sub(r"\\\1", one_line)


def markdown_heading(level: str, text: str) -> str:
    # A heading's closing run of #s is not part of it: a title ending in # keeps its #.
    escaped = markdown_text(text)
    return f"{level} {escaped[:-1]}\\#" if escaped.endswith("#") else f"{level} {escaped}"


def when(at: datetime) -> str:
    local = to_local(at)
    return f"{local.day} {local:%B %Y}"


def byline(summary: ConversationSummary) -> str:
    """'Conversation with Sam · 14 March 2026' (plain text)."""
    c = summary.conversation
    kind = KIND_NAMES[c.kind]
    what = kind[:1].upper() + kind[1:]
    who = f"{what} with {c.person_name}" if c.person_name else what
    return f"{who} · {when(c.occurred_at)}"


def post_title(summaries: Sequence[ConversationSummary]) -> str:
    if len(summaries) == 1:
        return summaries[0].conversation.title
    first, last = (s.conversation.occurred_at for s in (summaries[0], summaries[-1]))
    span = when(first) if when(first) == when(last) else f"{when(first)} to {when(last)}"
    return f"{len(summaries)} conversations, {span}"


def cells(shift: Shift) -> tuple[str, ...]:
    """One table row as plain text, in COLUMNS order."""
    # A belief formed in the conversation had no before: it is new, not an update from some value.
    before = format_credence(shift.before) if shift.before is not None else NEW if shift.new else NONE
    after = format_credence(shift.after) if shift.after is not None else NONE
    if shift.before is not None and shift.after is not None:
        change, evidence = format_change(shift.after - shift.before), format_bits(bits(shift.before, shift.after))
    else:
        change = evidence = NONE
    # A number stays on one line with its unit, in any renderer's narrow column.
    change, evidence = change.replace(" ", NBSP), evidence.replace(" ", NBSP)
    return (f"#{shift.proposition_handle} {shift.proposition_text}", before, after, change, evidence, shift.note)


def in_order(summaries: Sequence[ConversationSummary]) -> list[ConversationSummary]:
    """Oldest first, as a reader follows a story."""
    return sorted(summaries, key=lambda s: (s.conversation.occurred_at, s.conversation.handle))


# -- Markdown -------------------------------------------------------------------------------


def to_markdown(summaries: Sequence[ConversationSummary], chart: Chart | None) -> str:
    summaries = in_order(summaries)
    single = len(summaries) == 1
    out = [markdown_heading("#", post_title(summaries)), ""]
    for s in summaries:
        if not single:
            out += [markdown_heading("##", s.conversation.title), ""]
        out += [f"*{markdown_text(byline(s))}*", ""]
        out += _markdown_body(s, "##" if single else "###")
    if chart is not None and chart.file_name:
        out += [f"![{CHART_ALT}]({quote(chart.file_name)})", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _markdown_body(s: ConversationSummary, level: str) -> list[str]:
    out: list[str] = []
    if s.conversation.pre.strip():
        out += [f"{level} Pre", "", s.conversation.pre.strip(), ""]
    if s.shifts:
        out += [f"{level} What moved", "", _markdown_row(COLUMNS)]
        out.append("| " + " | ".join("---:" if c in RIGHT else "---" for c in COLUMNS) + " |")
        out += [_markdown_row(cells(sh)) for sh in s.shifts]
        out.append("")
    if s.conversation.post.strip():
        out += [f"{level} Post", "", s.conversation.post.strip(), ""]
    return out


def _markdown_row(values: Sequence[str]) -> str:
    return "| " + " | ".join(markdown_text(v) for v in values) + " |"


# -- HTML -----------------------------------------------------------------------------------


def prose_html(markdown: str) -> str:
    """The user's Markdown as HTML: CommonMark with pipe tables; HTML tags in it are shown as text
    and links go only where a browser is safe to follow them."""
    rendered: str = _renderer().render(markdown)
    return rendered


@cache
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


STYLE = """\
body { margin: 0; background: #fdfdfb; color: #222; }
main { max-width: 46rem; margin: 3rem auto 4rem; padding: 0 1.25rem;
  font: 17px/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
h1, h2, h3 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; line-height: 1.25; }
h1 { font-size: 2rem; margin: 0 0 .4rem; }
h2 { font-size: 1.4rem; margin: 2.2rem 0 .6rem; }
h3 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; }
.byline { color: #666; margin: 0 0 1.6rem; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 1.6rem; font-size: .9rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
th, td { padding: .45rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; text-align: left; }
th { border-bottom: 2px solid #999; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.up { color: #1b7f3b; } td.down { color: #b3261e; }
figure { margin: 2rem 0; } figure svg, figure img { width: 100%; height: auto; }
figcaption { color: #666; font-size: .9rem; text-align: center; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid #ccc; color: #444; }
code { font-size: .9em; }
"""


def to_html(summaries: Sequence[ConversationSummary], chart: Chart | None) -> str:
    summaries = in_order(summaries)
    single = len(summaries) == 1
    title = post_title(summaries)
    body = [f"<h1>{html.escape(title)}</h1>"]
    for s in summaries:
        if not single:
            body.append(f"<h2>{html.escape(s.conversation.title)}</h2>")
        body.append(f'<p class="byline">{html.escape(byline(s))}</p>')
        body += _html_body(s, "h2" if single else "h3")
    if chart is not None:
        body.append(_html_chart(chart))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _html_body(s: ConversationSummary, h: str) -> list[str]:
    out: list[str] = []
    if s.conversation.pre.strip():
        out += [f"<{h}>Pre</{h}>", prose_html(s.conversation.pre)]
    if s.shifts:
        out += [f"<{h}>What moved</{h}>", _html_table(s.shifts)]
    if s.conversation.post.strip():
        out += [f"<{h}>Post</{h}>", prose_html(s.conversation.post)]
    return out


def _html_table(shifts: Sequence[Shift]) -> str:
    head = "".join(f'<th{" class=num" if c in RIGHT else ""} scope="col">{c}</th>' for c in COLUMNS)
    rows = []
    for sh in shifts:
        tds = []
        for column, value in zip(COLUMNS, cells(sh), strict=True):
            classes = ["num"] if column in RIGHT else []
            if column in ("Shift", "Evidence") and sh.change:
                classes.append("up" if sh.change > 0 else "down")
            attr = f' class="{" ".join(classes)}"' if classes else ""
            tds.append(f"<td{attr}>{html.escape(value)}</td>")
        rows.append(f"<tr>{''.join(tds)}</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _html_chart(chart: Chart) -> str:
    if chart.svg is not None:
        picture = _inline_svg(chart.svg)
    elif chart.png_data is not None:
        picture = f'<img src="data:image/png;base64,{chart.png_data}" alt="{CHART_ALT}">'
    else:
        picture = f'<img src="{html.escape(quote(chart.file_name or ""))}" alt="{CHART_ALT}">'
    return f"<figure>\n{picture}\n<figcaption>{CHART_ALT}</figcaption>\n</figure>"


def _inline_svg(svg: str) -> str:
    """An SVG file's root element, to stand inside an HTML page (no XML declaration or doctype),
    labelled for screen readers."""
    start = svg.find("<svg")
    root = svg[start:] if start >= 0 else svg
    return root.replace("<svg", f'<svg role="img" aria-label="{CHART_ALT}"', 1)
