"""Per-council counters (``R-1``, ``C-1`` …) that concurrent writers never share."""

from __future__ import annotations

from sqlalchemy import Connection, Table, bindparam, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.tables import CouncilSequence

SEQUENCES: Table = CouncilSequence.__table__  # type: ignore[attr-defined]
_TAKE_NUMBER = (
    update(SEQUENCES)
    .where(SEQUENCES.c.council == bindparam("where_council"), SEQUENCES.c.name == bindparam("where_name"))
    .values(next_value=SEQUENCES.c.next_value + 1)
    .returning(SEQUENCES.c.next_value)
)


def next_value(connection: Connection, council: str, name: str) -> int:
    """The next number of ``name`` for ``council``; the counter row stays locked until commit."""
    dialect_insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
    connection.execute(
        dialect_insert(SEQUENCES).on_conflict_do_nothing(index_elements=["council", "name"]),
        {"council": council, "name": name, "next_value": 1},
    )
    # UPDATE takes the row lock on PostgreSQL (SQLite's write lock is already held
    # by BEGIN IMMEDIATE), so concurrent adders queue here and never share a number.
    taken = connection.execute(_TAKE_NUMBER, {"where_council": council, "where_name": name}).scalar_one()
    return int(taken) - 1
