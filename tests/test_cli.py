"""The ``protocol-bot`` command-line contracts (SPEC.md) and its error messages.

Most tests run the installed script; a few run the app in-process to stand in
for a search result or an OS error. None asserts which clause the search ranks first.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from protocol.search import LookupResult

import bot.cli
from bot.cli import app

REPO = Path(__file__).parents[1]
SEEDS = REPO / "tests" / "fixtures" / "seeds"
SEED = SEEDS / "002_8001939cabd30e81.txt"
EXAMPLE = REPO / "examples" / "brookfield.yaml"
EXAMPLE_PACK = REPO / "examples" / "brookfield-protocol.yaml"
SCRIPT = Path(sys.executable).parent / "protocol-bot"

needs_seeds = pytest.mark.skipif(not SEED.exists(), reason="tests/fixtures/seeds is missing")


def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COUNCIL_FILE", "DATABASE_URL")}
    return subprocess.run([str(SCRIPT), *map(str, args)], input=input, capture_output=True, text=True,
                          timeout=120, env={**env, "COLUMNS": "200"})


def invoke(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in this process; return (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as done:
        app(args, prog_name="protocol-bot")
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


def assert_user_error(code: int, stdout: str, stderr: str, *words: str) -> None:
    """A non-zero exit, one line on stderr starting with Error:, no traceback."""
    assert code != 0
    assert "Traceback" not in stderr + stdout
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    for word in words:
        assert word in lines[0]


def clause_ids(pack_path: Path) -> list[str]:
    return [c["id"] for c in yaml.safe_load(pack_path.read_text(encoding="utf-8"))["clauses"]]


# ---------------------------------------------------------------- import


@needs_seeds
def test_import_json_prints_every_clause_in_document_order() -> None:
    done = run("import", SEED, "--json")
    assert done.returncode == 0, done.stderr
    clauses = json.loads(done.stdout)
    assert isinstance(clauses, list) and len(clauses) > 5
    for clause in clauses:
        assert {"id", "heading", "text"} <= clause.keys()
    ids = [c["id"] for c in clauses]
    assert len(ids) == len(set(ids))
    assert json.loads(run("import", SEED, "--json").stdout) == clauses  # stable across re-imports


@needs_seeds
def test_import_prints_the_pack_yaml_by_default() -> None:
    done = run("import", SEED)
    assert done.returncode == 0, done.stderr
    pack = yaml.safe_load(done.stdout)
    assert [c["id"] for c in pack["clauses"]] == [c["id"] for c in json.loads(run("import", SEED, "--json").stdout)]


@needs_seeds
def test_import_to_a_pack_file_prints_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "pack.yaml"
    done = run("import", SEED, "-o", out)
    assert done.returncode == 0, done.stderr
    count = len(clause_ids(out))
    council = yaml.safe_load(out.read_text(encoding="utf-8"))["council"] or "unknown"
    assert done.stdout == f"Imported {count} clauses from {SEED} (council: {council}) to {out}\n"


@needs_seeds
def test_import_with_output_and_json_does_both(tmp_path: Path) -> None:
    out = tmp_path / "pack.yaml"
    done = run("import", SEED, "-o", out, "--json")
    assert done.returncode == 0, done.stderr
    assert [c["id"] for c in json.loads(done.stdout)] == clause_ids(out)


def test_import_errors(tmp_path: Path) -> None:
    done = run("import", tmp_path / "missing.txt")
    assert_user_error(done.returncode, done.stdout, done.stderr, "missing.txt")
    done = run("import", tmp_path)
    assert_user_error(done.returncode, done.stdout, done.stderr)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    done = run("import", empty)
    assert_user_error(done.returncode, done.stdout, done.stderr, "empty.txt")


@needs_seeds
def test_import_output_errors(tmp_path: Path) -> None:
    done = run("import", SEED, "-o", tmp_path / "no" / "such" / "dir" / "pack.yaml")
    assert_user_error(done.returncode, done.stdout, done.stderr, "does not exist")
    done = run("import", SEED, "-o", tmp_path)
    assert_user_error(done.returncode, done.stdout, done.stderr, "is a folder")


def test_permission_denied_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"

    def denied(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(locked))

    monkeypatch.setattr(bot.cli, "import_file", denied)
    monkeypatch.setattr(bot.cli, "load_protocol", denied)
    assert_user_error(*invoke(["import", str(locked)], capsys), "Permission denied", "locked.txt")
    assert_user_error(*invoke(["lookup", "--protocol", str(locked), "press"], capsys), "Permission denied")


@needs_seeds
def test_permission_denied_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_text", denied)
    code, out, err = invoke(["import", str(SEED), "-o", str(tmp_path / "pack.yaml")], capsys)
    assert_user_error(code, out, err, "Cannot write", "permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Councillors and officers.", encoding="utf-8")
    locked.chmod(0)
    done = run("import", locked)
    assert_user_error(done.returncode, done.stdout, done.stderr, "locked.txt")


# ---------------------------------------------------------------- lookup


def test_lookup_by_id_gives_a_one_element_array() -> None:
    first = clause_ids(EXAMPLE_PACK)[0]
    done = run("lookup", "--protocol", EXAMPLE_PACK, "--json", first)
    assert done.returncode == 0, done.stderr
    [hit] = json.loads(done.stdout)
    assert hit["id"] == first and {"heading", "text", "score"} <= hit.keys()


def test_lookup_free_text_is_an_array_of_clauses_best_first() -> None:
    done = run("lookup", "--protocol", EXAMPLE_PACK, "--limit", "3", "--json",
               "can", "I", "speak", "to", "the", "press?")
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert isinstance(hits, list) and len(hits) <= 3
    ids = clause_ids(EXAMPLE_PACK)
    for hit in hits:
        assert {"id", "heading", "text", "score"} <= hit.keys() and hit["id"] in ids
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


@needs_seeds
def test_lookup_imports_a_raw_document_on_the_fly() -> None:
    first = json.loads(run("import", SEED, "--json").stdout)[0]["id"]
    done = run("lookup", "--protocol", SEED, "--json", first)
    assert done.returncode == 0, done.stderr
    assert [h["id"] for h in json.loads(done.stdout)] == [first]


def test_lookup_text_output() -> None:
    first = clause_ids(EXAMPLE_PACK)[0]
    done = run("lookup", "--protocol", EXAMPLE_PACK, first)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(first + "  ")


def test_lookup_none_prints_an_empty_array_and_a_hint(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.cli.ClauseIndex, "lookup",
                        lambda self, q, limit=3: LookupResult(q, "none", (), ("press", "complaints")))
    code, out, err = invoke(["lookup", "--protocol", str(EXAMPLE_PACK), "--json", "zebra", "crossing"], capsys)
    assert (code, json.loads(out)) == (0, [])
    assert 'No clause matches "zebra crossing"' in err and "press, complaints" in err


def test_lookup_unknown_id_is_an_error_with_the_nearest_ids(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.cli.ClauseIndex, "lookup",
                        lambda self, q, limit=3: LookupResult(q, "unknown_id", (), ("10.3", "10.4")))
    code, out, err = invoke(["lookup", "--protocol", str(EXAMPLE_PACK), "--json", "10.9"], capsys)
    assert_user_error(code, out, err, "There is no clause 10.9", "10.3, 10.4")
    assert out == ""


def test_lookup_errors(tmp_path: Path) -> None:
    done = run("lookup", "--protocol", tmp_path / "nope.yaml", "--json", "press")
    assert_user_error(done.returncode, done.stdout, done.stderr, "nope.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("clauses: [unclosed\n", encoding="utf-8")
    done = run("lookup", "--protocol", broken, "--json", "press")
    assert_user_error(done.returncode, done.stdout, done.stderr)


def test_usage_errors_stay_typers_own() -> None:
    done = run("lookup", "--json", "press")
    assert done.returncode == 2
    assert "--protocol" in done.stderr and "Traceback" not in done.stderr


# ---------------------------------------------------------------- check and console


def test_check_ok() -> None:
    done = run("check", "--council", EXAMPLE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: Brookfield Town Council, 9 people (clerk: Nadia Kowalski), 3 committees;")


def test_check_lists_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8")
                   .replace("role: clerk", "role: clark")
                   .replace("slack_id: U02OWEN", "slack_id: U01NADIA")
                   .replace("protocol: brookfield-protocol.yaml", "protocol: missing.yaml"), encoding="utf-8")
    done = run("check", "--council", bad)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{bad} has 4 problems" in done.stderr
    assert "people[0].role: 'clark' is not a role" in done.stderr
    assert "people[1].slack_id: U01NADIA is also Nadia Kowalski's slack_id" in done.stderr
    assert "protocol: there is no file at" in done.stderr
    assert "people: no one has role clerk" in done.stderr


def test_check_reports_a_protocol_that_will_not_import(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("", encoding="utf-8")
    council = tmp_path / "c.yaml"
    council.write_text(EXAMPLE.read_text(encoding="utf-8").replace("brookfield-protocol.yaml", "p.txt"),
                       encoding="utf-8")
    done = run("check", "--council", council)
    assert_user_error(done.returncode, done.stdout, done.stderr, "protocol:")


def test_check_and_console_with_a_missing_council_file(tmp_path: Path) -> None:
    for command in ("check", "console"):
        done = run(command, "--council", tmp_path / "nope.yaml", input="")
        assert_user_error(done.returncode, done.stdout, done.stderr, "nope.yaml")


def test_the_council_file_can_come_from_the_environment() -> None:
    env = {**os.environ, "COUNCIL_FILE": str(EXAMPLE)}
    done = subprocess.run([str(SCRIPT), "check"], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0 and done.stdout.startswith("OK: ")
