"""The everyday loop on a real X server, by keyboard alone: add four propositions, log a conversation
with befores only, quit, start again, finish it, and find the afters in the journal.

Screenshots of each step go to $BELIEFUPDATE_SHOTS when it is set, for a person to look at.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.desktop import App, Display, missing_tools

pytestmark = pytest.mark.skipif(bool(missing_tools()), reason=f"needs {' and '.join(missing_tools())} "
                                "(apt-get install xvfb xdotool; scripts/test installs them when run as root)")

PROPOSITIONS = [
    ("AI safety is one hard problem rather than many moderate ones", "50%"),
    ("I should work at a large lab", "30%"),
    ("Coworkers matter a lot for where I would learn fastest", "40%"),
    ("There are fewer people seriously working on safety than I assume", "45%"),
]


@pytest.fixture
def display():
    d = Display()
    yield d
    d.close()


@pytest.fixture
def start(display, tmp_path):
    """Start the app on the display; whatever still runs at the end is stopped."""
    apps = []

    def run(*args):
        apps.append(App(display, tmp_path / "home", *args))
        return apps[-1].shown()

    yield run
    for app in apps:
        app.stop()


def shot(app: App, name: str) -> None:
    folder = os.environ.get("BELIEFUPDATE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        app.screenshot(Path(folder) / f"{name}.png")


def cli(db: Path, *args: str):
    done = subprocess.run([sys.executable, "-m", "beliefupdate", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_the_whole_loop_by_keyboard(start, tmp_path):
    db = tmp_path / "journal.sqlite3"

    app = start("--db", str(db))
    shot(app, "01-first-run")
    for text, credence in PROPOSITIONS:
        app.keys("ctrl+n")
        app.window("New proposition")
        app.type(text)
        app.keys("alt+c")
        app.type(credence)
        app.keys("Return")
        app.gone("New proposition")
        app.focus(app.main)
    shot(app, "02-four-propositions")

    app.keys("ctrl+l")
    app.window("Log a conversation")
    app.type("Coffee with Sam about safety roles")
    for handle in ("#1", "#2", "#3"):  # the last one added is selected, so it is in already
        app.keys("alt+a")
        app.type(handle)
        app.keys("Return")
    shot(app, "03-befores")
    app.keys("ctrl+Return")
    app.gone("Log a conversation")
    app.quit()

    waiting = cli(db, "conversations", "--json")["conversations"]
    assert len(waiting) == 1 and len(waiting[0]["shifts"]) == 4
    assert all(s["after"] is None for s in waiting[0]["shifts"])

    app = start("--db", str(db))
    shot(app, "04-restarted")
    app.keys("ctrl+shift+l")
    app.window("Finish a conversation")
    for after in ("35%", "60%", "70%", "55%"):
        app.type(after)
        app.keys("Tab", "Tab")  # past the reason to the next after
    shot(app, "05-afters")
    app.keys("ctrl+Return")
    app.gone("Finish a conversation")
    app.focus(app.main)
    app.keys("ctrl+2")
    shot(app, "06-finished")
    app.quit()

    done = cli(db, "conversations", "--json")["conversations"][0]
    assert sorted(s["after"] for s in done["shifts"]) == [0.35, 0.55, 0.6, 0.7]
