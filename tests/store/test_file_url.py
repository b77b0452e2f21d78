"""A journal file's URL is built without SQLAlchemy, exactly as SQLAlchemy would build it."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import URL, make_url

from beliefupdate.store.location import file_url, resolve

names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=30)


@given(st.lists(names, min_size=1, max_size=4))
def test_the_url_of_any_file_name_is_the_one_sqlalchemy_renders(parts):
    path = Path("/", *parts)
    assert file_url(path) == URL.create("sqlite", database=str(path)).render_as_string()
    assert make_url(file_url(path)).database == str(path)


def test_a_name_with_url_syntax_in_it_names_that_file(tmp_path):
    path = tmp_path / "a?b#c%d@e:f.sqlite3"
    location, _ = resolve(str(path))
    assert make_url(location.url).database == str(path)
