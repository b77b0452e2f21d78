import pytest

from beliefupdate.cli import main


@pytest.fixture
def cli_run(journal_db, capsys):
    """``run(*argv, db=...)`` -> (exit code, stdout, stderr): the command as typed, on the test's journal
    (a file in tmp_path, or a database on the test server)."""
    default = journal_db

    def run(*argv, db=default):
        code = main(["--db", str(db), *argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
