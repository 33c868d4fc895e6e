"""``protocol-bot keys``, ``audit verify``, ``purge``, ``export person`` and ``export concerns``."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from bot.cli import app
from storage.crypto import ENV_VAR, TextCipher, fixed_key, generate_key
from tests.storage.concern_records import CHAIR, CLERK, COUNCILLOR, about_clerk, closing, concern, make_repo, message

runner = CliRunner()
REPO = Path(__file__).parents[2]
KEY = fixed_key("tests")
LONG_AGO = datetime(2015, 3, 2, 10, 0, tzinfo=UTC)
ROSTER = """\
people:
  - {name: Nadia Kowalski, role: clerk}
  - {name: Grace Adeyemi, role: chair}
  - {name: Robert Hale, role: officer}
  - {name: Priya Nair, role: councillor}
"""


def council_file(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "council.yaml"
    protocol = REPO / "examples" / "brookfield-protocol.yaml"
    path.write_text(f"name: Brookfield Town Council\nid: brookfield\nprotocol: {protocol}\n{ROSTER}{extra}",
                    encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("COUNCIL_FILE", raising=False)
    monkeypatch.setenv(ENV_VAR, KEY)


@pytest.fixture
def stored(engine: Engine) -> Engine:
    """C-1 (closed long ago), C-2 about the Clerk (the Chair handles it), C-3 open."""
    repo = make_repo(engine)
    old = repo.add(concern(created_at=LONG_AGO, summary="=HYPERLINK(\"x\") the old one"), COUNCILLOR,
                   message(0, COUNCILLOR, "Old words"))
    repo.update(closing(old, LONG_AGO + timedelta(days=5)), CLERK, "status")
    repo.add(about_clerk(), COUNCILLOR)
    repo.add(concern(), COUNCILLOR)
    return engine


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_keys_generate_prints_a_fernet_key_first(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = invoke("keys", "generate")
    key = output.splitlines()[0]
    assert code == 0 and Fernet(key) and "PROTOCOL_BOT_KEYS=" in output and "keys rotate" in output


def test_keys_rotate_re_encrypts_with_the_first_key(stored: Engine, database_url: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    new = generate_key()
    monkeypatch.setenv(ENV_VAR, f"{new},{KEY}")
    code, output = invoke("keys", "rotate", "--db", database_url)
    assert code == 0, output
    assert "brookfield: 8 values re-encrypted" in output and TextCipher([new]).fingerprint in output
    assert make_repo(stored, TextCipher([new])).get(  # type: ignore[union-attr]
        "brookfield", 2, CHAIR).summary == about_clerk().summary


@pytest.mark.parametrize("value", [None, "", "not-a-key"])
def test_missing_or_bad_keys_are_one_line(stored: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch,
                                          value: str | None) -> None:
    if value is None:
        monkeypatch.delenv(ENV_VAR)
    else:
        monkeypatch.setenv(ENV_VAR, value)
    code, output = invoke("keys", "rotate", "--db", database_url)
    assert code == 1 and output.startswith("Error: ") and output.count("\n") == 1
    assert "protocol-bot keys generate" in output and "Traceback" not in output
    assert (value or "") == "" or value not in output


def test_a_wrong_key_is_one_line(stored: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch,
                                 tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, generate_key())
    code, output = invoke("export", "concerns", "--council", str(council_file(tmp_path)), "--as", CLERK,
                          "--db", database_url)
    assert code == 1 and "add the old key back" in output and output.count("\n") == 1


def test_audit_verify_ok_then_tampered(stored: Engine, database_url: str, tmp_path: Path) -> None:
    code, output = invoke("audit", "verify", "--db", database_url)
    assert code == 0 and output.startswith("OK: 4 entries, chain intact"), output
    code, output = invoke("audit", "verify", "--db", database_url, "--council", str(council_file(tmp_path)))
    assert code == 0 and output.startswith("OK: 4 entries, chain intact")
    with stored.begin() as connection:
        bad = connection.execute(text("SELECT min(id) + 1 FROM audit_log")).scalar_one()
        connection.execute(text("UPDATE audit_log SET actor = 'Someone' WHERE id = :id"), {"id": bad})
    code, output = invoke("audit", "verify", "--db", database_url)
    assert code == 1 and f"Audit entry {bad} of brookfield" in output and output.count("\n") == 1


def test_purge_dry_run_then_for_real(stored: Engine, database_url: str, tmp_path: Path) -> None:
    council = str(council_file(tmp_path))
    code, output = invoke("purge", "--council", council, "--db", database_url, "--dry-run")
    assert code == 0, output
    assert "Would delete the text of 1 concerns" in output and "(6 years)" in output
    assert "C-1  raised 2015-03-02  closed 2015-03-07  officer_conduct" in output and "Nothing was changed" in output
    assert make_repo(stored).get_for_system("brookfield", 1).summary  # type: ignore[union-attr]
    code, output = invoke("purge", "--council", council, "--db", database_url)
    assert code == 0 and "Deleted the text of 1 concerns" in output
    assert make_repo(stored).get_for_system("brookfield", 1).purged_at is not None  # type: ignore[union-attr]
    code, output = invoke("purge", "--council", council, "--db", database_url)
    assert "Deleted the text of 0 concerns" in output


def test_purge_years_from_the_option_or_the_council_file(stored: Engine, database_url: str, tmp_path: Path) -> None:
    code, output = invoke("purge", "--council", str(council_file(tmp_path)), "--db", database_url, "--dry-run",
                          "--years", "50")
    assert code == 0 and "of 0 concerns" in output and "(50 years)" in output
    council = council_file(tmp_path, "concerns:\n  retention_years: 30\n")
    code, output = invoke("purge", "--council", str(council), "--db", database_url, "--dry-run")
    assert code == 0 and "(30 years)" in output


def test_purge_needs_no_keys(stored: Engine, database_url: str, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR)
    code, output = invoke("purge", "--council", str(council_file(tmp_path)), "--db", database_url)
    assert code == 0 and "of 1 concerns" in output


def test_export_person_is_json_and_audited(stored: Engine, database_url: str, tmp_path: Path) -> None:
    out = tmp_path / "sar.json"
    code, output = invoke("export", "person", CLERK, "--council", str(council_file(tmp_path)), "--db", database_url,
                          "-o", str(out))
    assert code == 0, output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"] == CLERK and [c["ref"] for c in data["about"]] == ["C-2"]
    assert about_clerk().summary not in out.read_text(encoding="utf-8")
    code, output = invoke("export", "person", COUNCILLOR, "--council", str(council_file(tmp_path)),
                          "--db", database_url)
    assert [c["ref"] for c in json.loads(output)["raised"]] == ["C-1", "C-2", "C-3"]
    entries = make_repo(stored).audit.entries("brookfield", action="export")
    assert [e.item for e in entries] == [f"person:{CLERK}"] * 2 + [f"person:{COUNCILLOR}"] * 2  # concerns, flags


def test_export_concerns_holds_only_what_the_handler_handles(stored: Engine, database_url: str,
                                                             tmp_path: Path) -> None:
    council = str(council_file(tmp_path))
    code, output = invoke("export", "concerns", "--council", council, "--as", CLERK, "--db", database_url)
    assert code == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [r["ref"] for r in rows] == ["C-1", "C-3"]
    assert rows[0]["summary"].startswith("'=HYPERLINK") and rows[0]["status"] == "resolved_informally"
    code, output = invoke("export", "concerns", "--council", council, "--as", CHAIR, "--format", "json",
                          "--db", database_url)
    data = json.loads(output)
    assert [c["ref"] for c in data] == ["C-2"] and data[0]["summary"] == about_clerk().summary
    assert make_repo(stored).audit.entries("brookfield", action="export")[-1].actor == CHAIR


def test_export_concerns_refuses_a_name_off_the_roster(stored: Engine, database_url: str, tmp_path: Path) -> None:
    code, output = invoke("export", "concerns", "--council", str(council_file(tmp_path)), "--as", "Mallory",
                          "--db", database_url)
    assert code == 1 and "Mallory is not on the roster" in output


def test_the_cli_starts_without_storage() -> None:
    import subprocess
    import sys

    probe = ("import sys, bot.cli; "
             "print(sorted(m for m in ('sqlalchemy', 'cryptography', 'storage') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.strip() == "[]"

