"""A virtual X server and the real app on it, driven with xdotool as a person drives it: keys and clicks.

There is no window manager on the virtual server, so each window is focused the way
one would focus it. Every wait is on something the person would see (a window with a
title appearing, the app leaving), bounded by a timeout: no sleeps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

TOOLS = ("Xvfb", "xdotool")
WAIT_S = 60


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


class Display:
    def __init__(self, size: str = "1600x1000"):
        read, write = os.pipe()
        # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
        self.server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            self.server.kill()
            raise RuntimeError("Xvfb did not start")
        self.name = f":{number}"

    def env(self, home: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
        env.update(DISPLAY=self.name, QT_QPA_PLATFORM="xcb", HOME=str(home),
                   XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                   XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
        return env

    def close(self) -> None:
        self.server.terminate()
        self.server.wait(10)


class App:
    def __init__(self, display: Display, home: Path, *args: str):
        self.display = display
        self.env = display.env(home)
        self.process = subprocess.Popen([sys.executable, "-m", "beliefupdate", *args], env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.main = ""  # the main window's id, once it is on screen: see shown()

    def shown(self) -> App:
        self.main = self.window(pid=True)
        return self

    def xdotool(self, *args: str, timeout: float = WAIT_S) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=timeout)
        assert done.returncode == 0, f"xdotool {' '.join(args)}: {done.stderr.strip()}"
        return done.stdout.strip()

    def window(self, title: str | None = None, *, pid: bool = False) -> str:
        """Wait for a visible window of the app (with this exact title), focus it, and return its id."""
        query = ["--pid", str(self.process.pid)] if pid else ["--name", f"^{title}$"]
        for _ in range(20):
            # A search can come back empty-handed, or fail with BadWindow, when a window it
            # saw went away before it was listed (a closing dialog, a completer popup).
            done = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", *query], env=self.env,
                                  capture_output=True, text=True, timeout=WAIT_S)
            found = done.stdout.split()
            if done.returncode == 0 and found:
                self.focus(found[0])
                return found[0]
            if self.process.poll() is not None:
                break
        raise AssertionError(f"no window {title or 'of the app'}; the app said: {self.stop()}")

    def stop(self) -> str:
        """End the app if it still runs; what it wrote to stderr."""
        if self.process.poll() is None:
            self.process.kill()
        _, err = self.process.communicate(timeout=WAIT_S)
        return err.decode(errors="replace")

    def focus(self, wid: str) -> None:
        self.xdotool("windowfocus", "--sync", wid)

    def gone(self, title: str) -> None:
        """Wait until no visible window has this title (the dialog closed)."""
        for _ in range(2000):  # each look is a round trip to the server; bounded, no sleeps
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"], env=self.env,
                                   capture_output=True, text=True, timeout=WAIT_S)
            if found.returncode in (0, 1) and not found.stdout.strip():  # 1: nothing matched
                return
        raise AssertionError(f"the window {title!r} did not close")

    def keys(self, *names: str) -> None:
        self.xdotool("key", "--clearmodifiers", *names)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "20", text)

    def screenshot(self, path: Path) -> None:
        if shutil.which("import"):
            subprocess.run(["import", "-window", "root", str(path)], env=self.env, timeout=WAIT_S, check=False)

    def quit(self) -> str:
        self.focus(self.main)
        self.keys("ctrl+q")
        _, err = self.process.communicate(timeout=WAIT_S)
        assert self.process.returncode == 0, err.decode(errors="replace")
        return err.decode(errors="replace")
