"""Engine set-up and schema migrations: a SQLite file by default, PostgreSQL when the URL says so.

``open_database(url)`` is what the application calls at start-up: it makes the
engine and brings the schema to the newest migration. SQLite runs in WAL mode with
foreign keys on and a busy timeout; its write transactions start with
``BEGIN IMMEDIATE`` so that concurrent writers queue instead of failing. Writers in
one process (the adapters' worker threads) queue on a lock of their own first:
SQLite's busy handler polls with sleeps of up to 100 ms, which with a few threads
writing at once cost more than the writes themselves. Other processes still queue
on the busy timeout.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import StaticPool

from storage.errors import StorageError, StorageUnavailable, safe_url, translate_errors

DEFAULT_URL = "sqlite:///protocol-bot.db"
DEFAULT_TIMEOUT = 5.0  # seconds: SQLite's busy timeout, PostgreSQL's connect timeout
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_WRITE = "protocol_bot_write"  # execution option: this transaction will write
_MIGRATION_LOCK = 7_202_611  # any fixed number: the PostgreSQL advisory lock taken while migrating
_FILE_LOCKS: dict[str, threading.RLock] = {}  # a SQLite file's writers in this process, by the file's real path
_FILE_LOCKS_GUARD = threading.Lock()
# Re-entrant: a write nested in another on the same thread waits on SQLite's busy timeout, as it would without this.


class _WriteLock:
    """One SQLite database's writers in this process, in turn; waits at most the busy timeout."""

    def __init__(self, lock: threading.RLock, timeout: float, url: URL) -> None:
        self.lock, self.timeout, self.url = lock, timeout, url

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for one write transaction; StorageUnavailable if it stays taken past the timeout."""
        if not self.lock.acquire(timeout=self.timeout):
            raise StorageUnavailable(
                f"The database {safe_url(self.url)} is busy (another write in this process took more than "
                f"{self.timeout:g} s). Try again in a moment.")
        try:
            yield
        finally:
            self.lock.release()


_WRITE_LOCKS: weakref.WeakKeyDictionary[Engine, _WriteLock] = weakref.WeakKeyDictionary()


def normalise_url(url: str) -> URL:
    """``url`` parsed, with ``postgres://`` and ``postgresql://`` using the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url[len(prefix):]
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(
            f"{url!r} is not a database URL: use sqlite:///FILE or postgresql://USER@HOST/DB."
        ) from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StorageError(
            f"Unsupported database {safe_url(parsed)}: use sqlite:///FILE or postgresql://USER@HOST/DB."
        )
    return parsed


def make_engine(url: str | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """An engine for ``url`` (default :data:`DEFAULT_URL`); no connection is made yet."""
    parsed = normalise_url(url or DEFAULT_URL)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed, timeout)
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": max(1, round(timeout))})
    except ImportError as exc:
        raise StorageError(f"The database driver for {safe_url(parsed)} is not installed: {exc}.") from exc


def _sqlite_engine(url: URL, timeout: float) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    options: dict[str, Any] = {"connect_args": {"timeout": timeout, "check_same_thread": False}}
    if in_memory:  # one shared connection, or every connection would see its own empty database
        options["poolclass"] = StaticPool
    engine = create_engine(url, **options)
    _WRITE_LOCKS[engine] = _WriteLock(threading.RLock() if in_memory else _file_lock(url), timeout, url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling would defer BEGIN and could not do
        # BEGIN IMMEDIATE; SQLAlchemy's "begin" event below takes over.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # durable across crashes in WAL mode; far fewer fsyncs
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A deferred transaction that reads and then writes gets SQLITE_BUSY at once
        # when another writer got in between; IMMEDIATE takes the write lock up front.
        immediate = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _file_lock(url: URL) -> threading.RLock:
    """The lock of the SQLite file at ``url``, shared by every engine on that file in this process."""
    path = str(Path(url.database or "").resolve())
    with _FILE_LOCKS_GUARD:
        return _FILE_LOCKS.setdefault(path, threading.RLock())


@contextmanager
def transaction(engine: Engine, *, write: bool = False) -> Iterator[Connection]:
    """A connection in one transaction, committed at the end, rolled back on error.

    ``write=True`` takes SQLite's write lock up front (after this process's own, see
    above). Do not open a write transaction inside another on the same SQLite
    database: the inner one waits for the outer and fails when the timeout runs out.
    Database errors come out as :class:`storage.errors.StorageError` subclasses.
    """
    lock = _WRITE_LOCKS.get(engine) if write else None
    queued: AbstractContextManager[None] = lock.held() if lock is not None else nullcontext()
    with queued, translate_errors(engine.url), engine.connect() as connection:
        if write:
            connection = connection.execution_options(**{_WRITE: True})
        with connection.begin():
            yield connection


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for ``storage/migrations``, built in code (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@contextmanager
def _migration_errors(engine: Engine) -> Iterator[None]:
    """Database errors as StorageError; Alembic's own (an unknown revision, say) too."""
    try:
        with translate_errors(engine.url):
            yield
    except CommandError as exc:
        raise StorageError(
            f"Cannot migrate the database {safe_url(engine.url)}: {exc}. "
            "Was it made by a newer version of protocol-bot?"
        ) from exc


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Bring the schema to ``revision`` (the newest by default); return the revision now current."""
    with _migration_errors(engine), engine.connect() as connection:
        connection = connection.execution_options(**{_WRITE: True})
        if engine.dialect.name == "postgresql":
            # Several processes starting at once on one database: one migrates, the others wait.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        command.upgrade(alembic_config(connection), revision)
        connection.commit()
    return current_revision(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Take the schema back to ``revision`` (``"base"``: no tables); return the revision now current."""
    with _migration_errors(engine), engine.connect() as connection:
        connection = connection.execution_options(**{_WRITE: True})
        command.downgrade(alembic_config(connection), revision)
        connection.commit()
    return current_revision(engine)


def current_revision(engine: Engine) -> str | None:
    """The schema's current migration revision, or None for an empty database."""
    with translate_errors(engine.url), engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest migration revision shipped with this package."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def ping(engine: Engine) -> None:
    """Raise :class:`storage.errors.StorageUnavailable` unless the database answers."""
    with translate_errors(engine.url), engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def open_database(url: str | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Engine:
    """The engine for ``url``, with the schema created or upgraded to the newest revision."""
    engine = make_engine(url, timeout=timeout)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
