"""Writing a write-up: the post (Markdown or HTML) and the history chart of what it moved.

The Markdown post links a chart written beside it (OUT-chart.png or .svg); the HTML page holds
its chart inline, so it is one file to publish. Everything is rendered before anything is
written, so a refusal leaves no file behind.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from beliefupdate.charts.export import ensure_gui, render, write
from beliefupdate.charts.page import PrintOptions, window_room
from beliefupdate.charts.series import load
from beliefupdate.domain.errors import InvalidInput
from beliefupdate.domain.types import ConversationSummary
from beliefupdate.interchange.writeup import Chart, to_html, to_markdown
from beliefupdate.store.reader import JournalReader

POST_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
CHART_FORMATS = ("png", "svg")
CHART_SIZE = (960, 540)


@dataclass(frozen=True)
class Written:
    post: Path
    chart: Path | None  # beside the post; None when inlined or when nothing was drawn


def post_format(path: str | os.PathLike[str]) -> str:
    """'markdown' or 'html' from the file name, or InvalidInput."""
    suffix = Path(path).suffix.lower()
    if suffix not in POST_FORMATS:
        shown = f"'{suffix}'" if suffix else "no extension"
        raise InvalidInput(
            f"cannot tell the write-up format from {os.fspath(path)!r} ({shown}); end the name in .md or .html"
        )
    return POST_FORMATS[suffix]


def chart_path(post: Path, fmt: str) -> Path:
    return post.with_name(f"{post.stem}-chart.{fmt}")


def charted(summaries: Sequence[ConversationSummary]) -> list[str]:
    """The propositions the conversations moved; when none moved, every one they touched."""
    moved = [sh.proposition_id for s in summaries for sh in s.shifts if sh.change]
    touched = [sh.proposition_id for s in summaries for sh in s.shifts]
    return list(dict.fromkeys(moved or touched))


def write_up(
    journal: JournalReader, summaries: Sequence[ConversationSummary], out: str | os.PathLike[str], chart_format: str | None = None
) -> Written:
    """Write the post for ``summaries`` to ``out``; ``chart_format`` 'png' or 'svg' (default: PNG
    beside a Markdown post, SVG inside an HTML one)."""
    if not summaries:
        raise InvalidInput("no conversation to write up")
    out = Path(out)
    kind = post_format(out)
    if chart_format is not None and chart_format not in CHART_FORMATS:
        raise InvalidInput(f"chart format {chart_format!r} is not one of {', '.join(CHART_FORMATS)}")
    fmt = chart_format or ("png" if kind == "markdown" else "svg")
    picture = _chart(journal, summaries, fmt)
    beside = chart_path(out, fmt) if picture is not None and kind == "markdown" else None
    if picture is None:
        chart = None
    elif kind == "markdown":
        chart = Chart(file_name=chart_path(out, fmt).name)
    elif fmt == "svg":
        chart = Chart(svg=picture.decode("utf-8"))
    else:
        chart = Chart(png_data=base64.b64encode(picture).decode("ascii"))
    text = to_markdown(summaries, chart) if kind == "markdown" else to_html(summaries, chart)
    for target in (out, beside):
        # Both or neither: a post that cannot be written must not leave its chart behind.
        if target is not None and target.is_dir():
            raise InvalidInput(f"cannot write {os.fspath(target)!r}: it is a folder")
    if beside is not None and picture is not None:
        write(beside, picture)
    write(out, text.encode("utf-8"))
    return Written(out, beside)


def _chart(journal: JournalReader, summaries: Sequence[ConversationSummary], fmt: str) -> bytes | None:
    ids = charted(summaries)
    if not ids:
        return None
    ensure_gui()
    options = PrintOptions(*CHART_SIZE)
    data = load(journal, ids, **window_room(options, len(ids)))
    if not data.has_data:
        return None
    return render(data, fmt, options)
