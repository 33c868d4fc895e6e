"""Writing exports: CSV that spreadsheets read safely, JSON, and the file-or-stdout choice."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

import typer

from bot.cli_support import fail


def inert(value: Any) -> Any:
    """A CSV cell value that a spreadsheet will not run as a formula (``=``, ``+``, ``-``, ``@`` …)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """``rows`` as CSV with a header of ``columns``; every cell made inert."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: inert(v) for k, v in row.items()})
    return buffer.getvalue()


def json_text(data: Any) -> str:
    """``data`` as indented JSON, UTF-8 text kept as it is."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def emit(text: str, output: Path | None, done: str) -> None:
    """Print ``text``, or write it to ``output`` and say ``done`` on stderr; a clear error if it cannot."""
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        fail(f"Cannot write {output}: {exc.strerror or exc}; choose another path with -o.")
    typer.echo(f"{done} to {output}", err=True)
