"""Reading a write-up back as a reader's browser would: the HTML parsed, the Markdown rendered by a
real CommonMark renderer (markdown-it-py, with the pipe tables it publishes with)."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt


class Page(HTMLParser):
    """The elements a page holds, each table's cells row by row, and the text under each heading."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: dict[str, list[dict[str, str | None]]] = {}
        self.rows: list[list[str]] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.setdefault(tag, []).append(dict(attrs))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h1", "h2", "h3"):
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            # A reader sees a no-break space as a space; it only keeps a number with its unit.
            self.rows[-1].append("".join(self._cell).replace("\xa0", " ").strip())
            self._cell = None
        elif tag in ("h1", "h2", "h3") and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


def rendered_markdown(text: str) -> Page:
    # Raw HTML on, as CommonMark has it: the post itself must keep a tag in a reason from being one.
    return Page(MarkdownIt("commonmark").enable("table").render(text))
