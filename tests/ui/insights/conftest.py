import pytest

from tests.ui.insights.reading import Small, make_small, open_insights


@pytest.fixture
def small(journal) -> Small:
    return make_small(journal)


@pytest.fixture
def insights(qtbot, make_window, small, journal):
    return open_insights(qtbot, make_window(journal))
