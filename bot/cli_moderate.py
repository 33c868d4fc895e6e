"""``protocol-bot moderate``: run the conduct-in-public detector over a file of messages.

Reads one JSON object per line (``{"id", "text", "channel_type", "author",
"author_slack_id"?}``) and prints one JSON object per line, in the same order:
``{"id", "flag", "officer", "clause", "reason"}`` (SPEC.md). A line that cannot be
read still gets its output line (not flagged, the reason says what is wrong), so
the output stays aligned with the input; the command then exits with 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Iterable, Iterator, TextIO

import typer
from protocol.conduct import ConductDetector, public_criticism_clause
from protocol.packfile import load_protocol
from protocol.search import ClauseIndex

from bot.cli_support import CouncilOption, fail, user_errors
from bot.council import Council, load_council
from bot.moderation import detector_for

PLACES = ("public", "private", "dm")
MAX_LINE = 200_000  # characters; a longer line is refused, not read


def register(app: typer.Typer) -> None:
    """Add ``moderate`` to the command line."""
    app.command("moderate")(moderate)


def moderate(
    council: CouncilOption,
    input_file: Annotated[Path, typer.Option("--input", help="Messages, one JSON object per line ('-' for stdin).",
                                             show_default=False)],
) -> None:
    """Check messages for public criticism of officers; print one JSON result per line."""
    with user_errors():
        found = load_council(council)
        pack = load_protocol(found.protocol_path)
    detector = detector_for(found)
    clause = public_criticism_clause(ClauseIndex(pack))
    problems = 0
    with user_errors():
        stream = sys.stdin if str(input_file) == "-" else _open(input_file)
        with stream:
            for result in check_lines(stream, found, detector, clause):
                problems += "error" in result
                result.pop("error", None)
                typer.echo(json.dumps(result, ensure_ascii=False))
    if problems:
        typer.echo(f"Error: {problems} line(s) of {input_file} could not be read; their results say why.", err=True)
        raise typer.Exit(1)


def _open(path: Path) -> TextIO:
    if path.is_dir():
        fail(f"{path} is a folder: give a .jsonl file of messages.")
    return path.open(encoding="utf-8-sig", errors="replace")


def check_lines(lines: Iterable[str], council: Council, detector: ConductDetector,
                clause: str | None) -> Iterator[dict[str, Any]]:
    """One result per non-blank line, in order."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        message, problem = _parse(line, number)
        if problem:
            yield {"id": message.get("id"), "flag": False, "officer": None, "clause": None, "reason": problem,
                   "error": True}
            continue
        author = _author(council, message)
        finding = detector.check(str(message.get("text") or ""), message.get("channel_type", "public"), author)
        yield {"id": message.get("id"), "flag": finding.flag, "officer": finding.officer,
               "clause": clause if finding.flag else None, "reason": finding.reason}


def _parse(line: str, number: int) -> tuple[dict[str, Any], str | None]:
    if len(line) > MAX_LINE:
        return {}, f"line {number} is longer than {MAX_LINE:,} characters: not read"
    try:
        message = json.loads(line)
    except json.JSONDecodeError as exc:
        return {}, f"line {number} is not valid JSON ({exc.msg}): write one JSON object per line"
    if not isinstance(message, dict):
        return {}, f"line {number} is not a JSON object: write one object per line, with \"id\" and \"text\""
    if not isinstance(message.get("text", ""), str):
        return message, f"line {number}: \"text\" must be a string"
    place = message.get("channel_type", "public")
    if place not in PLACES:
        return message, f"line {number}: channel_type must be one of {', '.join(PLACES)}, not {place!r}"
    return message, None


def _author(council: Council, message: dict[str, Any]) -> str | None:
    """The roster name of the writer, by Slack id or name (None if not on the roster)."""
    slack_id = message.get("author_slack_id")
    if isinstance(slack_id, str) and slack_id:
        person = council.person_by_platform_id("slack", slack_id)
        if person is not None:
            return person.name
    name = message.get("author")
    if isinstance(name, str) and name:
        person = council.find_person(name)
        return person.name if person is not None else name
    return None
