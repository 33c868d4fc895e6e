"""What storage raises: every database failure becomes one of these, never a raw SQLAlchemy error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL


class StorageError(Exception):
    """A database problem; the message is one sentence a person can act on."""


class StorageUnavailable(StorageError):
    """The database is down, unreachable, locked or otherwise cannot be used right now."""


class ConflictError(StorageError):
    """The row changed (or was taken) since it was read: read it again and retry."""


class NotFound(StorageError):
    """There is no such row (in this council)."""


def safe_url(url: URL) -> str:
    """``url`` as text, with any password hidden."""
    return url.render_as_string(hide_password=True)


def _reason(exc: sa_exc.DBAPIError | sa_exc.SQLAlchemyError) -> str:
    """The first line of the driver's own message, without SQLAlchemy's decoration."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return (text.splitlines() or ["unknown error"])[0].rstrip(".")


def describe_unavailable(url: URL, exc: sa_exc.SQLAlchemyError) -> str:
    """A clear sentence for a database that cannot be used."""
    reason = _reason(exc)
    where = safe_url(url)
    if "locked" in reason or "busy" in reason:
        return f"The database {where} is busy (locked by another writer): {reason}. Try again in a moment."
    if url.get_backend_name() == "sqlite":
        return f"Cannot use the SQLite database {where}: {reason}. Check the path and its permissions."
    return (
        f"Cannot connect to the database {where}: {reason}. "
        "Check that the server is running and that DATABASE_URL (or --db) is right."
    )


@contextmanager
def translate_errors(url: URL) -> Iterator[None]:
    """Turn SQLAlchemy errors raised inside into :class:`StorageError` subclasses.

    An error that is not the database's (a value SQLAlchemy cannot bind, say) is a
    bug in the caller: its original exception is raised instead.
    """
    try:
        yield
    except (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.TimeoutError) as exc:
        raise StorageUnavailable(describe_unavailable(url, exc)) from exc
    except sa_exc.IntegrityError as exc:
        raise ConflictError(f"The change conflicts with stored data: {_reason(exc)}.") from exc
    except sa_exc.DBAPIError as exc:
        raise StorageError(f"The database {safe_url(url)} refused the operation: {_reason(exc)}.") from exc
    except sa_exc.StatementError as exc:
        if exc.orig is not None and not isinstance(exc.orig, sa_exc.SQLAlchemyError):
            exc.orig.add_note(f"while running: {exc.statement}")
            raise exc.orig from None
        raise StorageError(f"Could not run the database operation: {_reason(exc)}.") from exc
    except sa_exc.SQLAlchemyError as exc:
        raise StorageError(f"Database error: {_reason(exc)}.") from exc
