"""``protocol-bot db``: create or upgrade the database schema, and show its revision.

storage is imported inside the commands so that the other commands do not pay
for loading SQLAlchemy and Alembic at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from bot.cli_support import fail

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        envvar="DATABASE_URL",
        help="The database URL: sqlite:///FILE or postgresql://USER@HOST/DB (default: sqlite:///protocol-bot.db).",
        show_default=False,
    ),
]

db_app = typer.Typer(
    name="db",
    help="The database: create or upgrade its schema, show its revision.",
    no_args_is_help=True,
)


@contextmanager
def _storage_errors() -> Iterator[None]:
    from storage.errors import StorageError

    try:
        yield
    except StorageError as exc:
        fail(str(exc))


def _missing_sqlite_file(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") and not Path(
        url.database
    ).exists()


@db_app.command()
def upgrade(db: DbOption = None) -> None:
    """Create the database's tables, or bring them up to date; print the revision."""
    from storage.database import current_revision, open_database
    from storage.errors import safe_url

    with _storage_errors():
        engine = open_database(db or None)
        try:
            revision = current_revision(engine)
        finally:
            engine.dispose()
    typer.echo(f"Database {safe_url(engine.url)} is at revision {revision} (the newest).")


@db_app.command()
def current(db: DbOption = None) -> None:
    """Print the database's schema revision, and whether it is the newest."""
    from storage.database import current_revision, head_revision, make_engine
    from storage.errors import safe_url

    with _storage_errors():
        engine = make_engine(db or None)
        if _missing_sqlite_file(engine.url):  # connecting would create an empty file
            typer.echo(f"There is no database at {safe_url(engine.url)} yet: run 'protocol-bot db upgrade'.")
            return
        try:
            revision = current_revision(engine)
        finally:
            engine.dispose()
    head = head_revision()
    where = safe_url(engine.url)
    if revision is None:
        typer.echo(f"Database {where} has no schema yet: run 'protocol-bot db upgrade'.")
    elif revision == head:
        typer.echo(f"Database {where} is at revision {revision} (the newest).")
    else:
        typer.echo(f"Database {where} is at revision {revision}; the newest is {head}: run 'protocol-bot db upgrade'.")
