"""Shared pieces of the command line: the ``--council`` option, the ``run`` group and user-facing errors.

User-facing errors are one sentence on stderr and a non-zero exit.

Every command runs its work inside ``user_errors()``; errors a person can fix
(a wrong path, a bad council file, an unreadable document) become one line saying
what to do, never a traceback. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, NoReturn

import typer
import yaml
from protocol.errors import ProtocolError

from bot.council import CouncilFileError

CouncilOption = Annotated[
    Path, typer.Option("--council", envvar="COUNCIL_FILE", help="The council file (YAML).", show_default=False)
]


def run_group(app: typer.Typer) -> typer.Typer:
    """The ``run`` group that every adapter adds its ``run PLATFORM`` command to (made by the first one)."""
    found = next((g.typer_instance for g in app.registered_groups if g.name == "run"), None)
    if found is None:
        found = typer.Typer(help="Run the bot on a chat platform.", no_args_is_help=True)
        app.add_typer(found, name="run")
    return found


def describe(exc: BaseException) -> str | None:
    """The message for an error the user can fix, or None if it is a bug."""
    from storage.errors import StorageError  # SQLAlchemy loads only when storage was in use

    if isinstance(exc, (ProtocolError, CouncilFileError, StorageError)):
        return str(exc)
    name = getattr(exc, "filename", None)
    if isinstance(exc, FileNotFoundError):
        return f"There is no file at {name}: check the path and try again."
    if isinstance(exc, IsADirectoryError):
        return f"{name} is a folder, not a file: give the path of a file."
    if isinstance(exc, PermissionError):
        return f"Permission denied for {name}: check the file's permissions, or use a copy you can read."
    if isinstance(exc, UnicodeDecodeError):
        return "The file is not UTF-8 text: save it as UTF-8, or give the PDF or Word document instead."
    if isinstance(exc, yaml.YAMLError):
        return "The pack file is not valid YAML: make it again with 'protocol-bot import FILE -o PACK.yaml'."
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc} ({name}): check the path and try again."
    return None


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` on stderr and exit with ``code``."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def user_errors(prefix: str = "") -> Iterator[None]:
    """Turn errors the user can fix into :func:`fail` (``prefix`` + message); let bugs through."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # noqa: BLE001 - sorted by describe(); bugs are re-raised
        message = describe(exc)
        if message is None:
            raise
        fail(prefix + message)
