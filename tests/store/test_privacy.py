"""A private journal stays private: no network, no pickles, files only its owner can read."""

from __future__ import annotations

import ast
import os
import socket
import stat
from pathlib import Path

import beliefupdate
from beliefupdate.cli import main

PACKAGE = Path(beliefupdate.__file__).parent
NETWORK = {"socket", "ssl", "http", "urllib", "ftplib", "smtplib", "requests", "httpx", "aiohttp", "websockets"}
TEXT_ONLY = {"urllib.parse"}  # quoting a file name into a URL is string work: it can reach no network
PICKLING = {"pickle", "shelve", "marshal", "dill", "cloudpickle", "joblib"}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_can_reach_the_network_or_unpickle():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in sorted(imported_modules(path))
        if (name.split(".")[0] in NETWORK | PICKLING and not any(name == t or name.startswith(f"{t}.") for t in TEXT_ONLY))
        or "QtNetwork" in name.split(".")
    ]
    assert offenders == []


def test_everyday_commands_open_no_connection(tmp_path, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    db = ["--db", str(tmp_path / "journal.sqlite3")]
    for argv in (
        ["add", "A PhD is worth it for me", "--tag", "career"],
        ["log", "Coffee with Sam", "--with", "Sam", "--credence", "1", "30%", "60%"],
        ["list"], ["history", "1", "--json"], ["conversations"],
        ["export", str(tmp_path / "j.json")], ["export", str(tmp_path / "j.csv"), "--shape", "wide"],
        ["import", str(tmp_path / "j.json")], ["backup"], ["backups"], ["restore", "1", "--yes"],
    ):
        assert main([*db, *argv]) == 0, capsys.readouterr().err


def test_journal_backups_and_their_folder_are_private(tmp_path, capsys):
    db = tmp_path / "journal.sqlite3"
    main(["--db", str(db), "add", "A PhD is worth it for me"])
    main(["--db", str(db), "backup"])
    below = [tmp_path / "backups", *(tmp_path / "backups").rglob("*")]
    modes = {p.relative_to(tmp_path): stat.S_IMODE(os.stat(p).st_mode) for p in [db, *below]}
    assert {mode for p, mode in modes.items() if (tmp_path / p).is_dir()} == {0o700}, modes
    assert {mode for p, mode in modes.items() if not (tmp_path / p).is_dir()} == {0o600}, modes
