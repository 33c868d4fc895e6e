"""Alembic's environment: runs the migrations on the connection that storage.database hands over.

Run through :func:`storage.database.upgrade`; with no connection given (Alembic's
own command line), it connects to ``DATABASE_URL`` or the default SQLite file.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import storage.tables  # noqa: F401 - registers the tables on SQLModel.metadata
from storage.database import make_engine

TARGET_METADATA = SQLModel.metadata


def run_migrations(connection: Connection) -> None:
    """Run the pending migrations in one transaction."""
    context.configure(
        connection=connection,
        target_metadata=TARGET_METADATA,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """Use the connection handed over, or open one."""
    if context.is_offline_mode():
        raise SystemExit("Offline (--sql) migrations are not supported; run 'protocol-bot db upgrade'.")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    engine = make_engine(os.environ.get("DATABASE_URL") or None)
    try:
        with engine.connect() as connection:
            run_migrations(connection)
            connection.commit()
    finally:
        engine.dispose()


main()
