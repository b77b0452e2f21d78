"""A conversation as a post: what a reader sees once the Markdown or the HTML is rendered."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from beliefupdate.domain.types import CredenceEntry
from beliefupdate.interchange.writeup import Chart, markdown_text, to_html, to_markdown
from tests.writeup_pages import Page, rendered_markdown

LAB = "Working directly on AI safety at a large lab is my highest-impact option"
HOSTILE = "a | b <script>alert('x')</script> *not emphasis* [not](a link) `no code` &amp; \\ end"


@pytest.fixture
def chat(journal):
    lab = journal.add_proposition(LAB)
    hard = journal.add_proposition("AI safety is one genuinely hard problem")
    calm = journal.add_proposition("Nothing moves this one")
    c = journal.log_conversation(
        "Chat with a friend on a lab safety team",
        [CredenceEntry(lab.id, 0.3, 0.55, note=HOSTILE), CredenceEntry(hard.id, 0.6, 0.5, note="fewer smart people"),
         CredenceEntry(calm.id, 0.5, 0.5)],
        person="Sam", occurred_at=datetime(2026, 3, 14, 12, 0, tzinfo=UTC),
        pre="My gut answer is **no**.\n\n- big applicant pools\n- fun technical problems",
        post="I came away updated *towards* working at a lab.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    )
    return journal.conversation(c.id)


def test_the_markdown_table_reads_back_cell_for_cell_whatever_the_reason_holds(chat):
    page = rendered_markdown(to_markdown([chat], Chart(file_name="lab chat-chart.png")))
    header, lab, hard, calm = page.rows[:4]
    assert header == ["Proposition", "Before", "After", "Shift", "Evidence", "Reason"]
    assert lab == [f"#1 {LAB}", "30%", "55%", "+25 pp", "+1.5 bits", " ".join(HOSTILE.split())]
    assert hard == ["#2 AI safety is one genuinely hard problem", "60%", "50%", "−10 pp", "−0.6 bits",
                    "fewer smart people"]
    assert calm[1:5] == ["50%", "50%", "±0 pp", "±0 bits"]
    # The reason's markup stayed text: no script, emphasis, link or code came out of it.
    assert "script" not in page.tags and "a" not in page.tags
    assert page.tags.count("em") == 1 + 1  # the byline and the Post's own *towards*


def test_the_markdown_post_has_title_byline_pre_table_post_and_chart_in_that_order(chat):
    text = to_markdown([chat], Chart(file_name="lab chat-chart.png"))
    page = rendered_markdown(text)
    assert page.headings == ["Chat with a friend on a lab safety team", "Pre", "What moved", "Post"]
    body = "".join(page.text)
    assert body.index("Conversation with Sam · 14 March 2026") < body.index("My gut answer")
    assert body.index("My gut answer") < body.index("+25 pp") < body.index("I came away")
    # The user's Markdown is theirs: its list, bold and table render as they wrote them.
    assert page.tags.count("li") == 2 and "strong" in page.tags and ["1", "2"] in page.rows
    assert page.attrs["img"] == [{"src": "lab%20chat-chart.png", "alt": "How my credences moved"}]
    assert text.rstrip().endswith("![How my credences moved](lab%20chat-chart.png)")


def test_the_html_page_escapes_every_journal_text_and_runs_nothing(journal):
    p = journal.add_proposition("<img src=x onerror=alert(1)> is harmless")
    c = journal.log_conversation("</title><script>alert(1)</script>", [CredenceEntry(p.id, 0.2, 0.9, note=HOSTILE)],
                                 person="<b>Eve</b>", pre="<script>alert(2)</script> and [a](javascript:alert(3))",
                                 post="<iframe src=x></iframe>")
    chart = Chart(svg='<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="10" height="10"><title>t</title></svg>')
    page = Page(to_html([journal.conversation(c.id)], chart))
    assert {"script", "iframe", "img", "b"}.isdisjoint(page.tags)
    assert all("javascript" not in (a.get("href") or "") for a in page.attrs.get("a", []))
    assert page.headings[0] == "</title><script>alert(1)</script>"
    assert page.rows[1][0] == "#1 <img src=x onerror=alert(1)> is harmless"
    assert page.rows[1][5] == HOSTILE
    text = "".join(page.text)
    assert "<script>alert(2)</script>" in text and "<iframe src=x></iframe>" in text
    # One self-contained page: the chart is inside it, as the root element of the SVG.
    assert page.tags.count("svg") == 1 and "DOCTYPE svg" not in to_html([journal.conversation(c.id)], chart)


def test_a_chart_file_name_is_linked_whatever_it_holds(chat):
    page = rendered_markdown(to_markdown([chat], Chart(file_name="Café (März) #1-chart.png")))
    assert page.attrs["img"][0]["src"] == "Caf%C3%A9%20%28M%C3%A4rz%29%20%231-chart.png"


def test_a_run_of_conversations_is_one_post_oldest_first(journal):
    p = journal.add_proposition(LAB)
    later = journal.log_conversation("Second chat", [CredenceEntry(p.id, 0.55, 0.7)],
                                     occurred_at=datetime(2026, 3, 20, 12, tzinfo=UTC))
    first = journal.log_conversation("First chat", [CredenceEntry(p.id, 0.3, 0.55)], pre="before the first",
                                     occurred_at=datetime(2026, 3, 14, 12, tzinfo=UTC))
    summaries = [journal.conversation(later.id), journal.conversation(first.id)]
    page = rendered_markdown(to_markdown(summaries, None))
    assert page.headings == ["2 conversations, 14 March 2026 to 20 March 2026", "First chat", "Pre", "What moved",
                             "Second chat", "What moved"]
    assert [r[1:3] for r in page.rows if r[0] != "Proposition"] == [["30%", "55%"], ["55%", "70%"]]
    assert Page(to_html(summaries, None)).headings == page.headings


@pytest.mark.parametrize("text", ["# not a heading", "- not a list", "1. not a list", "> no quote", "a#", "x\ny"])
def test_journal_text_stays_literal_inline(text):
    page = rendered_markdown(f"# {markdown_text(text)}\n\n| {markdown_text(text)} |\n| --- |\n| {markdown_text(text)} |\n")
    flat = " ".join(text.split())
    assert page.headings == [flat]
    assert page.rows == [[flat], [flat]]


def test_a_belief_born_in_the_conversation_is_new_in_both_tables(journal):
    from beliefupdate.domain.types import NewBelief

    lab = journal.add_proposition(LAB)
    c = journal.log_conversation("Chat", [CredenceEntry(lab.id, 0.3, 0.55)],
                                 occurred_at=datetime(2026, 3, 14, tzinfo=UTC),
                                 new_beliefs=[NewBelief("Coworkers matter for where I'd learn fastest", 0.8,
                                                        "an oversight")])
    summary = journal.conversation(c.id)
    md = rendered_markdown(to_markdown([summary], None))
    born = next(r for r in md.rows if r[0].startswith("#2 "))
    assert born[1:] == ["new", "80%", "—", "—", "an oversight"]
    html = Page(to_html([summary], None))
    assert next(r for r in html.rows if r[0].startswith("#2 "))[1:3] == ["new", "80%"]
