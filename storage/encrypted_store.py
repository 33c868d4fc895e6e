"""What the repositories of encrypted records share: the engine, the cipher (optional), the audit log, a clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine, Table, bindparam, select, update
from sqlalchemy.sql.elements import ColumnElement

from storage.audit import AuditLog
from storage.crypto import ENV_VAR, GENERATE_HINT, KeyProblem, TextCipher
from storage.database import transaction


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


class EncryptedStore:
    """A repository whose records hold encrypted text (concerns, flags); ``TEXT`` names that text in errors."""

    TEXT = "the stored text"

    def __init__(self, engine: Engine, cipher: TextCipher | None, audit: AuditLog,
                 clock: Callable[[], datetime] = utcnow) -> None:
        """``cipher`` may be None for work that needs no text (lists, counts, purge, the annual summary)."""
        self.engine = engine
        self._cipher_or_none = cipher
        self.audit = audit
        self.clock = clock

    @property
    def cipher(self) -> TextCipher:
        """The cipher; :class:`KeyProblem` when the repository was made without keys."""
        if self._cipher_or_none is None:
            raise KeyProblem(f"{ENV_VAR} is not set, and this needs {self.TEXT}: {GENERATE_HINT}.")
        return self._cipher_or_none

    def rotate_columns(self, table: Table, columns: Sequence[str], scope: ColumnElement[bool], batch: int) -> int:
        """Re-encrypt ``columns`` of the rows of ``table`` in ``scope`` with the primary key, ``batch`` rows per
        transaction; return how many values changed. Values already under the primary key are left alone."""
        cipher = self.cipher
        rewrite = update(table).where(table.c.id == bindparam("where_id"))
        rotated, after = 0, 0
        while True:
            with transaction(self.engine, write=True) as connection:
                rows = connection.execute(
                    select(table.c.id, *(table.c[name] for name in columns))
                    .where(scope, table.c.id > after).order_by(table.c.id).limit(batch).with_for_update()
                ).mappings().all()
                if not rows:
                    return rotated
                changes = []
                for row in rows:
                    stale = {name: cipher.rotate(row[name]) for name in columns
                             if row[name] is not None and not cipher.is_current(row[name])}
                    if stale:
                        rotated += len(stale)
                        changes.append({**{name: row[name] for name in columns}, **stale, "where_id": row["id"]})
                if changes:
                    connection.execute(rewrite, changes)
                after = rows[-1]["id"]
