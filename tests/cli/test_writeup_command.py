"""`beliefupdate writeup`: a conversation as a post, from the command line."""

from __future__ import annotations

import pytest

from tests.writeup_pages import Page, rendered_markdown

LAB = "Working directly on AI safety at a large lab is my highest-impact option"


@pytest.fixture
def logged(cli, tmp_path):
    ok = cli.ok
    ok("add", LAB)
    ok("add", "AI safety is one genuinely hard problem")
    ok("log", "Chat with a friend | lab safety", "--with", "Sam", "--at", "2026-03-14T17:00",
       "--credence", "1", "30%", "-", "--credence", "2", "60%", "-", "--pre", "My gut answer is **no**.")
    ok("finish", "1", "--credence", "1", "55%", "--credence", "2", "50%", "--post", "Coworkers *matter*.")
    ok("log", "A later read", "--at", "2026-03-20T09:00", "--credence", "1", "55%", "60%")
    return ok


def test_a_markdown_post_with_its_chart_beside_it(logged, tmp_path):
    out = logged("writeup", "1", str(tmp_path / "post.md"))
    assert out == f"wrote {tmp_path / 'post.md'} and {tmp_path / 'post-chart.png'} (1 conversation)\n"
    page = rendered_markdown((tmp_path / "post.md").read_text(encoding="utf-8"))
    assert page.headings == ["Chat with a friend | lab safety", "Pre", "What moved", "Post"]
    assert page.rows[1][:5] == [f"#1 {LAB}", "30%", "55%", "+25 pp", "+1.5 bits"]
    assert "strong" in page.tags and "em" in page.tags
    assert page.attrs["img"][0]["src"] == "post-chart.png"
    assert (tmp_path / "post-chart.png").read_bytes().startswith(b"\x89PNG")


def test_an_html_post_is_one_file_with_the_chart_inside(logged, tmp_path):
    assert logged("writeup", "Chat with", str(tmp_path / "post.html")) == \
        f"wrote {tmp_path / 'post.html'} (1 conversation)\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("post")) == ["post.html"]
    page = Page((tmp_path / "post.html").read_text(encoding="utf-8"))
    assert page.tags.count("svg") == 1 and "img" not in page.tags
    assert page.rows[2][:5] == ["#2 AI safety is one genuinely hard problem", "60%", "50%", "−10 pp", "−0.6 bits"]


def test_an_svg_chart_and_a_range_of_conversations(logged, tmp_path):
    logged("writeup", str(tmp_path / "march.md"), "--since", "2026-03-01", "--until", "2026-04-01", "--chart", "svg")
    page = rendered_markdown((tmp_path / "march.md").read_text(encoding="utf-8"))
    assert page.headings[:2] == ["2 conversations, 14 March 2026 to 20 March 2026", "Chat with a friend | lab safety"]
    assert b"<svg" in (tmp_path / "march-chart.svg").read_bytes()


@pytest.mark.parametrize("argv, words", [
    (["1", "post.txt"], "end the name in .md or .html"),
    (["9", "post.md"], "no conversation"),
    (["post.md"], "name the CONVERSATION"),
    (["1", "post.md", "--since", "2026-01-01"], "not both"),
    (["post.md", "--since", "2027-01-01"], "no conversation between"),
    (["1", "missing/post.md"], "does not exist"),
    (["1", "post-dir.md"], "is a folder"),
])
def test_refusals_write_nothing(logged, cli, tmp_path, argv, words):
    (tmp_path / "post-dir.md").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = cli("writeup", *[str(tmp_path / a) if a.startswith(("post", "missing")) else a for a in argv])
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and words in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_sample_journal_publishes_the_coffee_with_sam(cli, tmp_path):
    from importlib.resources import files

    sample = files("beliefupdate") / "resources" / "sample-journal.json"
    assert cli("import", str(sample))[0] == 0
    code, _out, err = cli("writeup", "Coffee with Sam", str(tmp_path / "sam.html"))
    assert (code, err) == (0, "")
    page = Page((tmp_path / "sam.html").read_text(encoding="utf-8"))
    assert page.headings == ["Coffee with Sam about safety roles at the lab", "Pre", "What moved", "Post"]
    assert "coworkers" in "".join(page.text) and page.tags.count("svg") == 1
