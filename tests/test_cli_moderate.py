"""``protocol-bot moderate --council FILE --input MESSAGES.jsonl`` (SPEC.md): one JSON result per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import EXAMPLE, assert_user_error, invoke, needs_seeds, run

pytestmark = needs_seeds


def write_lines(path: Path, *objects: object) -> Path:
    path.write_text("".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects), encoding="utf-8")
    return path


def test_one_result_per_line_in_order(tmp_path: Path) -> None:
    messages = write_lines(
        tmp_path / "in.jsonl",
        {"id": "a", "text": "Nadia is hopeless at keeping us informed.", "channel_type": "public",
         "author": "Priya Nair"},
        {"id": "b", "text": "Thank you Nadia for the clear briefing note.", "channel_type": "public",
         "author": "Priya Nair"},
        {"id": "c", "text": "Nadia is hopeless at keeping us informed.", "channel_type": "dm", "author": "Priya Nair"},
        {"id": "d", "text": "The staff in the office couldn't organise a raffle.", "channel_type": "public",
         "author": "Dennis Wood", "author_slack_id": "U09DENNIS"},
        "",
        {"id": 5, "text": "Owen here: I messed up the minutes, sorry all.", "channel_type": "public",
         "author": "Someone", "author_slack_id": "U02OWEN"},
    )
    done = run("moderate", "--council", EXAMPLE, "--input", messages)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a", "b", "c", "d", 5]
    for r in results:
        assert set(r) == {"id", "flag", "officer", "clause", "reason"} and r["reason"]
    a, b, c, d, e = results
    assert a["flag"] and a["officer"] == "Nadia Kowalski" and a["clause"]
    assert not b["flag"] and b["officer"] is None and b["clause"] is None
    assert not c["flag"]
    assert d["flag"] and d["officer"] is None and d["clause"] == a["clause"]
    assert not e["flag"]  # the Deputy Clerk (by Slack id) criticising themselves


def test_bad_lines_get_a_result_and_an_error(tmp_path: Path) -> None:
    messages = write_lines(tmp_path / "in.jsonl", "{not json", [1, 2],
                           {"id": "x", "text": "Nadia is useless", "channel_type": "lobby"},
                           {"id": "y", "text": "Nadia is useless"})
    done = run("moderate", "--council", EXAMPLE, "--input", messages)
    assert done.returncode == 1
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == 4 and not any(r["flag"] for r in results[:3])
    assert "not valid JSON" in results[0]["reason"] and "channel_type" in results[2]["reason"]
    assert results[3]["flag"]  # channel_type defaults to public
    assert "3 line(s)" in done.stderr and "Traceback" not in done.stderr


def test_reads_standard_input() -> None:
    line = json.dumps({"id": "s", "text": "Bob ignored three of my emails.", "channel_type": "public"})
    done = run("moderate", "--council", EXAMPLE, "--input", "-", input=line + "\n")
    assert json.loads(done.stdout)["officer"] == "Robert Hale"


@pytest.mark.parametrize("problem", ["missing", "folder"])
def test_unreadable_input_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], problem: str) -> None:
    target = tmp_path / "nope.jsonl" if problem == "missing" else tmp_path
    code, out, err = invoke(["moderate", "--council", str(EXAMPLE), "--input", str(target)], capsys)
    assert_user_error(code, out, err)
