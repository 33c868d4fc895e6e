"""Engine set-up: URLs, SQLite's settings, migrations at start-up, and clear errors when the database is down."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, text

from storage.database import (
    DEFAULT_URL,
    current_revision,
    head_revision,
    make_engine,
    normalise_url,
    open_database,
    ping,
    transaction,
    upgrade,
)
from storage.errors import ConflictError, StorageError, StorageUnavailable
from storage.request_repository import RequestRepository
from storage.tables import RequestEventRow
from tests.storage.records import T0, created, request

UNREACHABLE_PG = "postgresql://postgres:s3cret@127.0.0.1:1/test"  # nothing listens on port 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@db.example:5433/bot", "postgresql+psycopg://u:p@db.example:5433/bot"),
        ("postgresql://u@localhost/bot", "postgresql+psycopg://u@localhost/bot"),
        ("postgresql+psycopg://u@localhost/bot", "postgresql+psycopg://u@localhost/bot"),
        ("sqlite:///protocol-bot.db", "sqlite:///protocol-bot.db"),
    ],
)
def test_urls_are_normalised(url: str, expected: str) -> None:
    assert normalise_url(url).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize("url", ["mysql://u@localhost/bot", "not a url", "oracle://x"])
def test_unsupported_urls_are_refused_clearly(url: str) -> None:
    with pytest.raises(StorageError, match=r"use sqlite:///FILE or postgresql://"):
        make_engine(url)


def test_the_default_is_a_sqlite_file() -> None:
    assert DEFAULT_URL == "sqlite:///protocol-bot.db"
    engine = make_engine()
    assert engine.url.get_backend_name() == "sqlite" and engine.url.database == "protocol-bot.db"
    engine.dispose()


def test_upgrade_is_idempotent_and_reaches_the_head(engine: Engine) -> None:
    assert head_revision() == "0004"
    assert current_revision(engine) == "0004"
    assert upgrade(engine) == "0004"
    assert upgrade(engine) == "0004"


def test_upgrade_keeps_the_data(engine: Engine) -> None:
    repo = RequestRepository(engine)
    stored = repo.add(request(), created())
    upgrade(engine)
    assert repo.get(stored.council, stored.number) == stored


def test_open_database_creates_the_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    engine = open_database(url)
    assert current_revision(engine) == head_revision()
    ping(engine)
    engine.dispose()


def test_a_new_sqlite_database_has_no_revision(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert current_revision(engine) is None
    engine.dispose()


def _sqlite_only(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite setting")


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(engine: Engine) -> None:
    _sqlite_only(engine)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar_one() == 5000


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(ConflictError):
        with transaction(engine, write=True) as connection:
            row = {"request_id": 12345, "kind": "created", "at": T0, "actor": "x", "detail": "", "data": {}}
            connection.execute(insert(RequestEventRow), row)


def test_in_memory_sqlite_works(tmp_path: Path) -> None:
    engine = open_database("sqlite://")
    repo = RequestRepository(engine)
    assert repo.add(request(), created()).number == 1
    assert repo.count("brookfield") == 1
    engine.dispose()


def test_an_unreachable_server_is_unavailable_with_a_clear_message() -> None:
    engine = make_engine(UNREACHABLE_PG, timeout=2)
    with pytest.raises(StorageUnavailable) as caught:
        ping(engine)
    message = str(caught.value)
    assert message.startswith("Cannot connect to the database postgresql+psycopg://postgres:***@127.0.0.1:1/test")
    assert "s3cret" not in message and "refused" in message.lower()
    assert "\n" not in message
    with pytest.raises(StorageUnavailable):
        RequestRepository(engine).get("brookfield", 1)
    with pytest.raises(StorageUnavailable):
        open_database(UNREACHABLE_PG, timeout=2)


def test_an_unopenable_sqlite_file_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(StorageUnavailable, match="Cannot use the SQLite database .*unable to open database file"):
        open_database(f"sqlite:///{tmp_path / 'no-such-folder' / 'bot.db'}")


def test_a_locked_sqlite_database_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    engine = open_database(f"sqlite:///{path}", timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with pytest.raises(StorageUnavailable, match="is busy"):
            RequestRepository(engine).add(request(), created())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert RequestRepository(engine).add(request(), created()).number == 1
    engine.dispose()


def test_a_database_without_the_schema_is_a_storage_error(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bare.db'}")
    with pytest.raises(StorageError):
        RequestRepository(engine).get("brookfield", 1)
    engine.dispose()


def test_a_database_from_a_newer_version_is_a_clear_error(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'newer.db'}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError, match="Cannot migrate the database .*newer version of protocol-bot"):
        upgrade(engine)
    engine.dispose()


# ---------------------------------------------------------------- writers in one process


def _write_rows(engine: Engine, writer: int, rows: int) -> None:
    for n in range(rows):
        with transaction(engine, write=True) as connection:
            connection.execute(text("INSERT INTO council_sequences (council, name, next_value) VALUES (:c, :n, 1)"),
                               {"c": f"writer-{writer}", "n": str(n)})


def _no_busy_wait(engine: Engine) -> Engine:
    """``engine`` with SQLite's busy timeout off: a writer that meets another on SQLite's lock fails at once."""

    @event.listens_for(engine, "connect")
    def _off(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA busy_timeout=0")

    return engine


def test_writers_in_one_process_take_turns_without_waiting_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    engine = _no_busy_wait(make_engine(url))
    second = _no_busy_wait(make_engine(url))  # another engine on the same file: the same turns
    upgrade(engine)
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(writer: int) -> None:
        try:
            start.wait()
            _write_rows(engine if writer % 2 else second, writer, 25)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM council_sequences")).scalar_one() == 8 * 25
    second.dispose()
    engine.dispose()


def test_a_write_held_past_the_timeout_is_unavailable_and_reads_go_on(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'bot.db'}", timeout=0.2)
    holding, done = threading.Event(), threading.Event()

    def hold() -> None:
        with transaction(engine, write=True):
            holding.set()
            done.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)
        started = time.monotonic()
        with pytest.raises(StorageUnavailable, match="is busy .*Try again in a moment"):
            RequestRepository(engine).add(request(), created())
        assert time.monotonic() - started < 5  # the timeout, not forever
        assert RequestRepository(engine).get("brookfield", 1) is None  # readers are not held up by the writer
    finally:
        done.set()
        holder.join()
    assert RequestRepository(engine).add(request(), created()).number == 1
    engine.dispose()
