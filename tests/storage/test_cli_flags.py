"""``export flags``, and flags in ``export person``, ``export summary`` and ``keys rotate``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from storage.crypto import ENV_VAR, TextCipher, generate_key
from tests.storage.concern_records import CHAIR, CLERK, COUNCILLOR, OFFICER
from tests.storage.test_cli_admin import KEY, _environment, council_file, invoke  # noqa: F401 - autouse fixture
from tests.storage.test_flag_repository import EXCERPT, about_clerk, flag, make_repo


@pytest.fixture
def flagged(engine: Engine) -> Engine:
    """F-1 about an officer (the Clerk reviews it), F-2 about the Clerk (the Chair), F-3 with a formula."""
    repo = make_repo(engine)
    repo.add(flag("m1"), nudge_unless_nudged_since=None)
    repo.add(about_clerk("m2"), nudge_unless_nudged_since=None)
    repo.add(flag("m3", excerpt="=HYPERLINK(\"x\") Robert never answers"), nudge_unless_nudged_since=None)
    return engine


def test_the_clerk_exports_all_but_flags_about_the_clerk(flagged: Engine, database_url: str,
                                                         tmp_path: Path) -> None:
    council = str(council_file(tmp_path))
    code, output = invoke("export", "flags", "--council", council, "--as", CLERK, "--db", database_url)
    assert code == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [r["ref"] for r in rows] == ["F-1", "F-3"]
    assert rows[0]["excerpt"] == EXCERPT and rows[0]["officer"] == OFFICER and rows[0]["author"] == COUNCILLOR
    assert rows[1]["excerpt"].startswith("'=HYPERLINK")  # a spreadsheet shows it as text
    code, output = invoke("export", "flags", "--council", council, "--as", CHAIR, "--format", "json",
                          "--db", database_url)
    data = json.loads(output)
    assert [f["ref"] for f in data] == ["F-2"] and data[0]["officer"] == CLERK and data[0]["excerpt"] == EXCERPT
    entries = make_repo(flagged).audit.entries("brookfield", action="export")
    assert [(e.actor, e.detail) for e in entries] == [(CLERK, "as=clerk flags=2"), (CHAIR, "as=chair flags=1")]


def test_anyone_else_gets_an_empty_export(flagged: Engine, database_url: str, tmp_path: Path) -> None:
    code, output = invoke("export", "flags", "--council", str(council_file(tmp_path)), "--as", COUNCILLOR,
                          "--format", "json", "--db", database_url)
    assert code == 0 and json.loads(output) == []
    code, output = invoke("export", "flags", "--council", str(council_file(tmp_path)), "--as", "Mallory",
                          "--db", database_url)
    assert code == 1 and "Mallory is not on the roster" in output


def test_subject_access_export_holds_flags(flagged: Engine, database_url: str, tmp_path: Path) -> None:
    council = str(council_file(tmp_path))
    code, output = invoke("export", "person", COUNCILLOR, "--council", council, "--db", database_url)
    assert code == 0, output
    data = json.loads(output)
    assert [f["ref"] for f in data["flags_written"]] == ["F-1", "F-2", "F-3"]
    assert data["flags_written"][0]["excerpt"] == EXCERPT
    code, output = invoke("export", "person", CLERK, "--council", council, "--db", database_url)
    data = json.loads(output)
    assert [f["ref"] for f in data["flags_about"]] == ["F-2"] and EXCERPT not in output and COUNCILLOR not in output


def test_the_annual_summary_counts_flags_without_names(flagged: Engine, database_url: str, tmp_path: Path) -> None:
    code, output = invoke("export", "summary", "--council", str(council_file(tmp_path)), "--db", database_url,
                          "--year", "2025")
    assert code == 0, output
    assert "Messages flagged: 3; authors nudged: 3." in output and "Capability: 3" in output
    for private in (COUNCILLOR, OFFICER, CLERK, "Quokka", "HYPERLINK"):
        assert private not in output
    code, output = invoke("export", "summary", "--council", str(council_file(tmp_path)), "--db", database_url,
                          "--year", "2025", "--json")
    assert json.loads(output)["flags"]["flagged"] == 3


def test_keys_rotate_re_encrypts_flags_too(flagged: Engine, database_url: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    new = generate_key()
    monkeypatch.setenv(ENV_VAR, f"{new},{KEY}")
    code, output = invoke("keys", "rotate", "--db", database_url)
    assert code == 0, output
    assert "brookfield: 6 values re-encrypted" in output  # 3 flags x (excerpt, reason)
    got = make_repo(flagged, TextCipher([new])).get("brookfield", 1, CLERK)
    assert got is not None and got.excerpt == EXCERPT
