import pytest

from beliefupdate.cli import main


@pytest.fixture
def cli_run(tmp_path, capsys):
    """``run(*argv, db=...)`` -> (exit code, stdout, stderr): the command as typed, on a journal in tmp_path."""
    default = tmp_path / "j.sqlite3"

    def run(*argv, db=default):
        code = main(["--db", str(db), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
