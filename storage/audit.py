"""The audit log: append-only and tamper-evident, one hash chain per council.

Every entry's ``hash`` is SHA-256 over a canonical serialisation of its council,
time, actor, action, item, detail and the previous entry's hash (the first entry
of a council follows :data:`GENESIS`). :meth:`AuditLog.verify` recomputes the chain
and names the first entry that was edited, deleted or moved. A per-council counter
(the ``council_sequences`` row ``"audit"``) is taken with every append: it
serialises appends (a row lock on PostgreSQL; SQLite's write lock is already held)
and lets :meth:`verify` notice entries deleted from the end of the chain.

There is no update or delete. ``detail`` holds ids, counts and statuses only,
never the text of a concern. Anyone who can write to the database and knows this
scheme can rebuild a consistent chain: keep a copy of the head hash that
``verify`` reports somewhere else to detect that too.

Actions used by the bot: :data:`ACTIONS`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, Table, bindparam, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.database import transaction
from storage.sequences import SEQUENCES
from storage.tables import AuditRow

GENESIS = "0" * 64
SEQUENCE = "audit"
ACTIONS = frozenset(
    {"create", "read", "list", "count", "export", "status", "reply", "question", "notify", "purge", "rotate"}
)
MAX_DETAIL = 500
VERIFY_BATCH = 2_000
AUDIT: Table = AuditRow.__table__  # type: ignore[attr-defined]
_INSERT = insert(AUDIT).returning(AUDIT.c.id)
_HEAD = select(AUDIT.c.hash).where(AUDIT.c.council == bindparam("council")).order_by(AUDIT.c.id.desc()).limit(1)
_COUNT = {  # one statement: the council's counter row made on its first entry, else moved on by ``taken``
    dialect: insert_into(SEQUENCES).values(council=bindparam("council"), name=SEQUENCE, next_value=bindparam("first"))
    .on_conflict_do_update(index_elements=["council", "name"],
                           set_={"next_value": SEQUENCES.c.next_value + bindparam("taken")})
    for dialect, insert_into in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}
_ACTION = re.compile(r"[a-z][a-z_]{0,31}")


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the log."""

    id: int
    council: str
    at: datetime
    actor: str
    action: str
    item: str
    detail: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class VerifyResult:
    """What :meth:`AuditLog.verify` found: ``ok``, how many entries it checked, the first bad one."""

    ok: bool
    checked: int
    first_bad_id: int | None
    message: str
    heads: dict[str, str] = field(default_factory=dict)  # council -> hash of its newest entry (when ok)


def entry_hash(council: str, at: datetime, actor: str, action: str, item: str, detail: str, prev_hash: str) -> str:
    """The hash of an entry: SHA-256 of a JSON array of its fields (``at`` as UTC ISO 8601, microseconds)."""
    stamp = at.astimezone(UTC).isoformat(timespec="microseconds")
    canonical = json.dumps([council, stamp, actor, action, item, detail, prev_hash],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditLog:
    """Appends to, lists and verifies the audit log."""

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = _utcnow) -> None:
        self.engine = engine
        self.clock = clock

    def append(
        self,
        council: str,
        actor: str,
        action: str,
        item: str,
        detail: str = "",
        at: datetime | None = None,
        connection: Connection | None = None,
    ) -> AuditEntry:
        """Add an entry at the end of ``council``'s chain.

        With ``connection`` (a write transaction, see :func:`storage.database.transaction`)
        the entry is part of that transaction: make it the transaction's last
        statement, since the council's chain stays locked until the commit.
        """
        return self.append_many(council, [(actor, action, item, detail)], at=at, connection=connection)[0]

    def append_many(
        self,
        council: str,
        entries: list[tuple[str, str, str, str]],
        at: datetime | None = None,
        connection: Connection | None = None,
    ) -> list[AuditEntry]:
        """Add several ``(actor, action, item, detail)`` entries at once, in order, all at time ``at``."""
        for actor, action, item, detail in entries:
            _check(council, actor, action, item, detail)
        at = self.clock() if at is None else at
        if at.utcoffset() is None:
            raise ValueError(f"naive datetime {at!r}: the audit log needs timezone-aware times")
        at = at.astimezone(UTC)
        if not entries:
            return []
        if connection is not None:
            return _append(connection, council, entries, at)
        with transaction(self.engine, write=True) as own:
            return _append(own, council, entries, at)

    def entries(
        self,
        council: str,
        item: str | None = None,
        actor: str | None = None,
        action: str | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """The council's entries that match, oldest first; with ``limit``, only the newest ``limit`` of them."""
        query = select(AUDIT).where(AUDIT.c.council == council)
        for column, value in ((AUDIT.c.item, item), (AUDIT.c.actor, actor), (AUDIT.c.action, action)):
            if value is not None:
                query = query.where(column == value)
        query = query.order_by(AUDIT.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with transaction(self.engine) as connection:
            found = [_to_entry(row) for row in connection.execute(query).mappings()]
        return found[::-1]

    def councils(self) -> list[str]:
        """Every council with an audit chain (entries, or a counter), sorted."""
        with transaction(self.engine) as connection:
            logged = set(connection.execute(select(AUDIT.c.council).distinct()).scalars())
            counted = set(connection.execute(
                select(SEQUENCES.c.council).where(SEQUENCES.c.name == SEQUENCE)).scalars())
        return sorted(logged | counted)

    def verify(self, council: str | None = None, batch: int = VERIFY_BATCH) -> VerifyResult:
        """Recompute the chain of ``council`` (default: every council); report the first broken entry."""
        councils = [council] if council is not None else self.councils()
        checked = 0
        heads: dict[str, str] = {}
        for name in councils:
            result = self._verify_one(name, batch)
            checked += result.checked
            if not result.ok:
                return VerifyResult(False, checked, result.first_bad_id, result.message)
            heads.update(result.heads)
        where = f" of {council}" if council is not None else f" ({len(councils)} councils)"
        return VerifyResult(True, checked, None, f"{checked} entries{where}, chain intact", heads)

    def _verify_one(self, council: str, batch: int) -> VerifyResult:
        with transaction(self.engine) as connection:
            written = connection.execute(
                select(SEQUENCES.c.next_value).where(SEQUENCES.c.council == council, SEQUENCES.c.name == SEQUENCE)
            ).scalar()
        written = int(written) - 1 if written is not None else 0
        expected, checked, after, previous_id = GENESIS, 0, 0, None
        while True:
            with transaction(self.engine) as connection:
                rows = list(connection.execute(
                    select(AUDIT).where(AUDIT.c.council == council, AUDIT.c.id > after)
                    .order_by(AUDIT.c.id).limit(batch)
                ).mappings())
            if not rows:
                break
            for row in rows:
                entry = _to_entry(row)
                if entry.prev_hash != expected:
                    return VerifyResult(False, checked, entry.id, _out_of_place(entry, previous_id))
                if entry_hash(entry.council, entry.at, entry.actor, entry.action, entry.item, entry.detail,
                              entry.prev_hash) != entry.hash:
                    return VerifyResult(False, checked, entry.id, (
                        f"Audit entry {entry.id} of {council} ({entry.action} {entry.item}) does not match its "
                        "hash: it was changed after it was written."))
                expected, previous_id = entry.hash, entry.id
                checked += 1
            after = rows[-1]["id"]
        if checked < written:
            return VerifyResult(False, checked, None, (
                f"The audit log of {council} has {checked} entries but {written} were written: the last "
                f"{written - checked} were deleted (after entry {previous_id or 'none'})."))
        return VerifyResult(True, checked, None, f"{checked} entries of {council}, chain intact", {council: expected})


def _out_of_place(entry: AuditEntry, previous_id: int | None) -> str:
    before = f"entry {previous_id}" if previous_id is not None else "the start of the chain"
    return (f"Audit entry {entry.id} of {entry.council} does not follow {before}: entries between them were "
            "deleted, or entries were moved or reordered.")


def _check(council: str, actor: str, action: str, item: str, detail: str) -> None:
    if not council or not actor or not item:
        raise ValueError("an audit entry needs a council, an actor and an item")
    if not _ACTION.fullmatch(action):
        raise ValueError(f"audit action {action!r} is not a lower-case word (e.g. {', '.join(sorted(ACTIONS))})")
    if len(detail) > MAX_DETAIL or "\n" in detail:
        raise ValueError(f"audit detail must be one line of at most {MAX_DETAIL} characters (ids, counts, statuses)")


def _append(connection: Connection, council: str, entries: list[tuple[str, str, str, str]],
            at: datetime) -> list[AuditEntry]:
    _lock(connection, council, len(entries))
    prev_hash = connection.execute(_HEAD, {"council": council}).scalar() or GENESIS
    added = []
    for actor, action, item, detail in entries:
        digest = entry_hash(council, at, actor, action, item, detail, prev_hash)
        values: dict[str, Any] = {"council": council, "at": at, "actor": actor, "action": action, "item": item,
                                  "detail": detail, "prev_hash": prev_hash, "hash": digest}
        added.append(AuditEntry(id=connection.execute(_INSERT, values).scalar_one(), **values))
        prev_hash = digest
    return added


def _lock(connection: Connection, council: str, taken: int) -> None:
    """Count ``taken`` more entries for ``council``; the counter row stays locked until commit."""
    # The upsert takes the row lock on PostgreSQL (SQLite's write lock is already held by
    # BEGIN IMMEDIATE): concurrent appenders queue here and each sees the other's head.
    connection.execute(_COUNT[connection.dialect.name], {"council": council, "first": 1 + taken, "taken": taken})


def _to_entry(row: RowMapping) -> AuditEntry:
    return AuditEntry(**{name: row[name] for name in AuditEntry.__dataclass_fields__})
