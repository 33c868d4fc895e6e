"""Shared fixtures: a database for each test, SQLite by default, PostgreSQL when asked.

Set ``TEST_DATABASE_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/test``)
to run the storage tests, and any test that uses ``engine``, on that server: its
tables are dropped and migrated afresh once per session, and every row is deleted
before each test. Without it each test gets its own SQLite file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, text

from storage.database import make_engine, upgrade

SERVER_URL = os.environ.get("TEST_DATABASE_URL") or None


@pytest.fixture(scope="session")
def _server_database() -> Iterator[tuple[Engine, str] | None]:
    """The ``TEST_DATABASE_URL`` database, emptied and migrated once, and a statement that deletes every row."""
    if SERVER_URL is None:
        yield None
        return
    engine = make_engine(SERVER_URL)
    with engine.begin() as connection:
        old = MetaData()
        old.reflect(connection)
        old.drop_all(connection)
    upgrade(engine)
    with engine.connect() as connection:
        tables = MetaData()
        tables.reflect(connection)
    names = ", ".join(f'"{name}"' for name in tables.tables if name != "alembic_version")
    yield engine, f"TRUNCATE {names} RESTART IDENTITY CASCADE"
    engine.dispose()


@pytest.fixture
def database_url(tmp_path: Path, _server_database: tuple[Engine, str] | None) -> str:
    """A URL of an empty database: a fresh SQLite file, or the test server with no rows."""
    if _server_database is None:
        return f"sqlite:///{tmp_path / 'test.db'}"
    engine, truncate = _server_database
    with engine.begin() as connection:
        connection.execute(text(truncate))
    return str(SERVER_URL)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on ``database_url`` with the schema at the newest migration."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _encryption_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed key for concerns' text, as a deployment sets PROTOCOL_BOT_KEYS (tests may change it)."""
    from storage.crypto import fixed_key

    monkeypatch.setenv("PROTOCOL_BOT_KEYS", fixed_key("tests"))
