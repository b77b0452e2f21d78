"""The `beliefupdate` command driven in-process the way a user types it: the one driver the
command-line tests (and the window tests that compare against the command) share."""

from __future__ import annotations

from beliefupdate.cli import main


class Cli:
    """``cli(*argv)`` -> (exit code, stdout, stderr) on the journal it was made for (``db=`` for another)."""

    def __init__(self, db, capsys):
        self.db = str(db)
        self.capsys = capsys

    def __call__(self, *argv: str, db=None) -> tuple[int, str, str]:
        # Whatever an earlier step printed is not this command's output.
        self.capsys.readouterr()
        code = main(["--db", self.db if db is None else str(db), *argv])
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err

    def ok(self, *argv: str, db=None) -> str:
        code, out, err = self(*argv, db=db)
        assert code == 0, err
        assert err == ""
        return out

    def fails(self, *argv: str, db=None) -> str:
        """A user error: exit 2, exactly one line on stderr, nothing on stdout."""
        code, out, err = self(*argv, db=db)
        assert code == 2, (out, err)
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("beliefupdate: error: "), err
        return err

    def on(self, db) -> Cli:
        """The same driver on another journal."""
        return Cli(db, self.capsys)
