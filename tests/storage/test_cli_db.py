"""``protocol-bot db upgrade`` and ``db current``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli_db import db_app

runner = CliRunner()
UNREACHABLE = "postgresql://postgres:s3cret@127.0.0.1:1/test"  # nothing listens on port 1


@pytest.fixture(autouse=True)
def _no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)


def test_upgrade_through_the_main_command(database_url: str) -> None:
    from bot.cli import app

    result = runner.invoke(app, ["db", "upgrade", "--db", database_url])
    assert result.exit_code == 0, result.output
    assert "is at revision 0004 (the newest)" in result.output


def test_upgrade_then_current(database_url: str) -> None:
    first = runner.invoke(db_app, ["upgrade", "--db", database_url])
    again = runner.invoke(db_app, ["upgrade", "--db", database_url])
    current = runner.invoke(db_app, ["current", "--db", database_url])
    for result in (first, again, current):
        assert result.exit_code == 0, result.output
        assert "at revision 0004 (the newest)" in result.output


def test_the_url_comes_from_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    result = runner.invoke(db_app, ["upgrade"])
    assert result.exit_code == 0, result.output
    assert str(path) in result.output and path.exists()


def test_the_default_is_protocol_bot_db_here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(db_app, ["upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "protocol-bot.db").exists()


def test_current_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    result = runner.invoke(db_app, ["current", "--db", f"sqlite:///{path}"])
    assert result.exit_code == 0
    assert "no database" in result.output and "protocol-bot db upgrade" in result.output
    assert not path.exists()


@pytest.mark.parametrize(
    ("command", "url", "says"),
    [
        ("upgrade", UNREACHABLE, "Cannot connect to the database postgresql+psycopg://"),
        ("current", UNREACHABLE, "Cannot connect to the database postgresql+psycopg://"),
        ("upgrade", "mysql://u@localhost/bot", "Unsupported database"),
        ("current", "mysql://u@localhost/bot", "Unsupported database"),
        ("upgrade", "sqlite:////no/such/folder/bot.db", "Cannot use the SQLite database"),
    ],
)
def test_errors_are_one_line_without_a_traceback(command: str, url: str, says: str) -> None:
    result = runner.invoke(db_app, [command, "--db", url])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and says in lines[0], result.output
    assert "Traceback" not in result.output and "s3cret" not in result.output
