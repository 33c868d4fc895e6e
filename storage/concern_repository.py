"""Private concerns, stored with their text encrypted and every disclosure audited.

Maps :class:`protocol.concerns.Concern` and :class:`~protocol.concerns.ConcernMessage`
to the ``concerns``, ``concern_handlers`` and ``concern_messages`` tables. The text
(summary, hoped-for outcome, ``about_other``, outcome note, message bodies) is
encrypted with :class:`storage.crypto.TextCipher` before it reaches the database.

The repository does not decide who may read what: the bot checks that first. It
does record every disclosure in the :class:`storage.audit.AuditLog`, in the same
transaction as the read or the change (a failed audit append means nothing was
read or changed). The ``*_for_system`` methods are the exception: they are for
the bot's own work (checking access, notifications, reminders), which audits what
it then shows to a person itself.

Every method is scoped to one council and is one transaction (the batched ones,
``rotate_keys``, one per batch); database failures come out as
:class:`storage.errors.StorageError` subclasses, key failures as
:class:`storage.crypto.KeyProblem`.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, RowMapping, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.sql.elements import ColumnElement

from protocol.concerns import (
    CLOSED_CONCERN_STATUSES,
    Concern,
    ConcernCategory,
    ConcernMessage,
    ConcernStatus,
    MessageKind,
)
from storage.crypto import TextCipher
from storage.encrypted_store import EncryptedStore
from storage.database import transaction
from storage.errors import ConflictError, NotFound
from storage.sequences import next_value
from storage.tables import ConcernHandlerRow, ConcernMessageRow, ConcernRow

SEQUENCE = "concern"
ADMIN = "protocol-bot admin"  # the actor of command-line work (purge, rotate, subject access exports)
ENCRYPTED = ("summary", "hoped_outcome", "about_other", "outcome")
ROTATE_BATCH = 500
OPEN_STATUSES = tuple(s.value for s in ConcernStatus if s not in CLOSED_CONCERN_STATUSES)
CLOSED_STATUSES = tuple(s.value for s in ConcernStatus if s in CLOSED_CONCERN_STATUSES)
UK = ZoneInfo("Europe/London")
ABOUT_NOTE = (
    "Concerns that others raised about this person are listed by reference, dates, category and status only: "
    "their text and the name of whoever raised them are the raisers' personal data and are withheld. "
    "Whether more can be disclosed is a decision for the council (the Clerk as data controller's officer), "
    "case by case, not for this export."
)

CONCERNS: Table = ConcernRow.__table__  # type: ignore[attr-defined]
HANDLERS: Table = ConcernHandlerRow.__table__  # type: ignore[attr-defined]
MESSAGES: Table = ConcernMessageRow.__table__  # type: ignore[attr-defined]

_INSERT_CONCERN = insert(CONCERNS).returning(CONCERNS.c.id)
_INSERT_HANDLER = insert(HANDLERS)
_INSERT_MESSAGE = insert(MESSAGES)
_UPDATE_CONCERN = update(CONCERNS).where(
    CONCERNS.c.id == bindparam("where_id"),
    CONCERNS.c.council == bindparam("where_council"),
    CONCERNS.c.version == bindparam("where_version"),
    CONCERNS.c.purged_at.is_(None),
)  # SET: the columns named in the parameters
_GET = select(CONCERNS).where(CONCERNS.c.council == bindparam("council"), CONCERNS.c.number == bindparam("number"))
_GET_ID = select(CONCERNS.c.id).where(CONCERNS.c.council == bindparam("council"),
                                      CONCERNS.c.number == bindparam("number"))
_HANDLERS_OF = (select(HANDLERS.c.name).where(HANDLERS.c.concern_id == bindparam("concern_id"))
                .order_by(HANDLERS.c.position))
_REWRITE_MESSAGE = update(MESSAGES).where(MESSAGES.c.id == bindparam("where_id"))
# What update() may change; the rest is fixed at creation: the raiser's own words
# (summary, hoped outcome, about_other) never change, and stay encrypted as first written.
_CHANGEABLE = ("category", "route", "about", "clause_id", "status", "note_for_clerk", "closed_at")



@dataclass(frozen=True)
class PurgeItem:
    """What is left of a purged concern (or would be, in a dry run): no text, no names."""

    ref: str
    number: int
    category: ConcernCategory
    route: str
    status: ConcernStatus
    created_at: datetime
    closed_at: datetime


class ConcernRepository(EncryptedStore):
    """Stores concerns and their messages for every council, encrypted, audited."""

    TEXT = "the concerns' text"

    # ------------------------------------------------------------ writing

    def add(self, concern: Concern, actor: str, *messages: ConcernMessage) -> Concern:
        """Store a new concern (and any first ``messages``); return it with id, number ``C-n`` and version 1.

        Audited ``create`` by ``actor``. All or nothing: number, rows and audit entry.
        """
        if concern.id is not None:
            raise ValueError(f"concern {concern.ref} is already stored (id {concern.id}); use update()")
        now = self.clock()
        handlers = _unique(concern.handlers)
        values = {name: _plain(concern, name) for name in _CHANGEABLE}
        values.update(
            council=concern.council, raiser=concern.raiser, created_at=concern.created_at, purged_at=None,
            version=1, updated_at=now, **self._encrypt(concern),
        )
        rows = [self._message_values(m, None) for m in messages]
        with transaction(self.engine, write=True) as connection:
            number = next_value(connection, concern.council, SEQUENCE)
            new_id = connection.execute(_INSERT_CONCERN, {**values, "number": number}).scalar_one()
            _insert_handlers(connection, new_id, handlers)
            if rows:
                connection.execute(_INSERT_MESSAGE, [{**row, "concern_id": new_id} for row in rows])
            detail = (f"category={values['category']} route={concern.route} status={values['status']} "
                      f"handlers={len(handlers)} messages={len(rows)}")
            self.audit.append(concern.council, actor, "create", f"C-{number}", detail, at=now, connection=connection)
        return concern.evolve(id=new_id, number=number, version=1, handlers=handlers, updated_at=now, purged_at=None)

    def update(self, concern: Concern, actor: str, action: str, *messages: ConcernMessage) -> Concern:
        """Store the changed ``concern`` and new ``messages`` if nobody changed it since it was read.

        ``action`` (``status``, ``reply``, ``question``…) is audited by ``actor`` in the
        same transaction. The raiser's words (summary, hoped outcome, about_other) are
        fixed at creation and not rewritten; ``outcome`` is written when it is not None.
        Raises :class:`ConflictError` when the stored version is not ``concern.version``
        (or the concern was purged) and :class:`NotFound` when the council has no such concern.
        """
        if concern.id is None:
            raise ValueError("concern is not stored yet; use add()")
        now = self.clock()
        handlers = _unique(concern.handlers)
        values: dict[str, Any] = {name: _plain(concern, name) for name in _CHANGEABLE}
        if concern.outcome is not None:
            values["outcome"] = self.cipher.encrypt(concern.outcome)
        values.update(version=concern.version + 1, updated_at=now)
        rows = [self._message_values(m, concern.id) for m in messages]
        where = {"where_id": concern.id, "where_council": concern.council, "where_version": concern.version}
        with transaction(self.engine, write=True) as connection:
            if connection.execute(_UPDATE_CONCERN, {**values, **where}).rowcount != 1:
                raise _why_unchanged(connection, concern)
            current = tuple(connection.execute(_HANDLERS_OF, {"concern_id": concern.id}).scalars())
            if current != handlers:
                connection.execute(delete(HANDLERS).where(HANDLERS.c.concern_id == concern.id))
                _insert_handlers(connection, concern.id, handlers)
            if rows:
                connection.execute(_INSERT_MESSAGE, rows)
            detail = f"status={values['status']} messages={len(rows)}"
            if current != handlers:
                detail += f" handlers={len(handlers)}"
            self.audit.append(concern.council, actor, action, concern.ref, detail, at=now, connection=connection)
        return concern.evolve(version=concern.version + 1, handlers=handlers, updated_at=now)

    # ------------------------------------------------------------ reading one

    def get(self, council: str, number: int, reader: str) -> Concern | None:
        """The council's concern C-``number`` in full, or None; audited ``read`` by ``reader``.

        The caller has already checked that ``reader`` may read it.
        """
        with transaction(self.engine, write=True) as connection:
            concern = self._load(connection, council, number, ENCRYPTED)
            if concern is not None:
                self.audit.append(council, reader, "read", concern.ref, "concern", at=self.clock(),
                                  connection=connection)
        return concern

    def get_for_system(self, council: str, number: int) -> Concern | None:
        """Like :meth:`get`, NOT audited: for the bot's own checks and notifications, never shown as is.

        Whoever shows the result to a person must audit that (``AuditLog.append(..., "read", ...)``).
        """
        with transaction(self.engine) as connection:
            return self._load(connection, council, number, ENCRYPTED)

    def messages(self, council: str, number: int, reader: str) -> list[ConcernMessage]:
        """The messages of C-``number``, oldest first; audited ``read`` by ``reader`` (none: no concern)."""
        with transaction(self.engine, write=True) as connection:
            concern_id = _concern_id(connection, council, number)
            if concern_id is None:
                return []
            found = self._messages(connection, [concern_id])[concern_id]
            self.audit.append(council, reader, "read", f"C-{number}", f"messages={len(found)}", at=self.clock(),
                              connection=connection)
        return found

    def messages_for_system(self, council: str, number: int) -> list[ConcernMessage]:
        """Like :meth:`messages`, NOT audited (see :meth:`get_for_system`)."""
        with transaction(self.engine) as connection:
            concern_id = _concern_id(connection, council, number)
            return [] if concern_id is None else self._messages(connection, [concern_id])[concern_id]

    # ------------------------------------------------------------ lists and counts

    def find_for_handler(self, council: str, handler: str, *, open_only: bool = False, limit: int | None = None,
                         offset: int = 0) -> list[Concern]:
        """The concerns ``handler`` handles, by number; audited ``list`` by ``handler`` (refs and count).

        Only ``summary`` is decrypted: ``hoped_outcome`` is "", ``about_other`` and ``outcome`` None.
        """
        return self._find(council, handler, "handler", _handled_by(handler), open_only, limit, offset)

    def find_for_raiser(self, council: str, raiser: str, *, open_only: bool = False, limit: int | None = None,
                        offset: int = 0) -> list[Concern]:
        """The concerns ``raiser`` raised, by number; audited and decrypted as :meth:`find_for_handler`."""
        return self._find(council, raiser, "raiser", CONCERNS.c.raiser == raiser, open_only, limit, offset)

    def count_for_handler(self, council: str, handler: str, *, open_only: bool = False) -> int:
        """How many concerns ``handler`` handles; audited ``count``."""
        return self._count(council, handler, "handler", _handled_by(handler), open_only)

    def count_for_raiser(self, council: str, raiser: str, *, open_only: bool = False) -> int:
        """How many concerns ``raiser`` raised; audited ``count``."""
        return self._count(council, raiser, "raiser", CONCERNS.c.raiser == raiser, open_only)

    def _find(self, council: str, who: str, role: str, which: ColumnElement[bool], open_only: bool,
              limit: int | None, offset: int) -> list[Concern]:
        query = (select(CONCERNS).where(*_where(council, open_only), which)
                 .order_by(CONCERNS.c.number).offset(offset).limit(limit))
        with transaction(self.engine, write=True) as connection:
            rows = list(connection.execute(query).mappings())
            handlers = _handlers(connection, [row["id"] for row in rows])
            found = [self._to_concern(row, handlers[row["id"]], ("summary",)) for row in rows]
            refs = ",".join(c.ref for c in found[:40]) + (",…" if len(found) > 40 else "")
            detail = f"as={role} open_only={int(open_only)} count={len(found)}" + (f" refs={refs}" if refs else "")
            self.audit.append(council, who, "list", "concerns", detail, at=self.clock(), connection=connection)
        return found

    def _count(self, council: str, who: str, role: str, which: ColumnElement[bool], open_only: bool) -> int:
        query = select(func.count()).select_from(CONCERNS).where(*_where(council, open_only), which)
        with transaction(self.engine, write=True) as connection:
            count = int(connection.execute(query).scalar_one())
            self.audit.append(council, who, "count", "concerns", f"as={role} open_only={int(open_only)} count={count}",
                              at=self.clock(), connection=connection)
        return count

    # ------------------------------------------------------------ exports

    def export_for(self, council: str, reader: str) -> list[tuple[Concern, list[ConcernMessage]]]:
        """Every concern ``reader`` handles, in full, with its messages; audited ``export`` by ``reader``."""
        query = select(CONCERNS).where(CONCERNS.c.council == council, _handled_by(reader)).order_by(CONCERNS.c.number)
        with transaction(self.engine, write=True) as connection:
            found = self._load_many(connection, query)
            self.audit.append(council, reader, "export", "export", f"as=handler concerns={len(found)}",
                              at=self.clock(), connection=connection)
        return found

    def export_person(self, council: str, name: str, *, actor: str = ADMIN) -> dict[str, Any]:
        """A subject access export for ``name``: what they raised and wrote, and a stub of what is about them.

        Concerns they raised come in full with every message; messages they wrote on
        other concerns come with the concern's ref; concerns about them (raised by
        others) and concerns they handle come as ref, dates, category and status only
        (see :data:`ABOUT_NOTE`). Audited ``export`` of ``person:NAME`` by ``actor``.
        """
        now = self.clock()
        with transaction(self.engine, write=True) as connection:
            raised = self._load_many(connection, select(CONCERNS).where(
                CONCERNS.c.council == council, CONCERNS.c.raiser == name).order_by(CONCERNS.c.number))
            written = connection.execute(
                select(MESSAGES, CONCERNS.c.number)
                .join(CONCERNS, CONCERNS.c.id == MESSAGES.c.concern_id)
                .where(CONCERNS.c.council == council, CONCERNS.c.raiser != name, MESSAGES.c.author == name)
                .order_by(MESSAGES.c.at, MESSAGES.c.id)
            ).mappings().all()
            about = connection.execute(select(CONCERNS).where(
                CONCERNS.c.council == council, CONCERNS.c.about == name, CONCERNS.c.raiser != name,
            ).order_by(CONCERNS.c.number)).mappings().all()
            handled = connection.execute(select(CONCERNS).where(
                CONCERNS.c.council == council, _handled_by(name), CONCERNS.c.raiser != name,
            ).order_by(CONCERNS.c.number)).mappings().all()
            export = {
                "council": council,
                "person": name,
                "generated_at": now.isoformat(),
                "raised": [{**_concern_dict(c), "messages": [_message_dict(m) for m in ms]} for c, ms in raised],
                "messages_written": [{"concern": f"C-{row['number']}", **_message_dict(self._to_message(row))}
                                     for row in written],
                "about": [_stub_dict(row) for row in about],
                "handled": [_stub_dict(row) for row in handled],
                "notes": [ABOUT_NOTE, "Concerns they handle are listed as stubs: the text is the raisers'.",
                          "Text deleted under the retention rule (purged_at) cannot be exported."],
            }
            detail = (f"raised={len(raised)} messages={len(written)} about={len(about)} handled={len(handled)}")
            self.audit.append(council, actor, "export", f"person:{name}", detail, at=now, connection=connection)
        return export

    # ------------------------------------------------------------ retention and keys

    def purge(
        self, council: str, older_than: datetime, dry_run: bool = False, *, actor: str = ADMIN
    ) -> list[PurgeItem]:
        """Delete the text of the council's concerns closed before ``older_than``, leaving a stub.

        Summary, hoped outcome, about_other, outcome and every message body become NULL;
        ``purged_at`` is set and each purge is audited. ``dry_run`` changes nothing
        (and audits nothing) and returns what would go.
        """
        if older_than.utcoffset() is None:
            raise ValueError("older_than must be timezone-aware")
        query = (select(CONCERNS.c.id, CONCERNS.c.number, CONCERNS.c.category, CONCERNS.c.route, CONCERNS.c.status,
                        CONCERNS.c.created_at, CONCERNS.c.closed_at)
                 .where(CONCERNS.c.council == council, CONCERNS.c.purged_at.is_(None),
                        CONCERNS.c.closed_at.is_not(None), CONCERNS.c.closed_at < older_than,
                        CONCERNS.c.status.in_(CLOSED_STATUSES))
                 .order_by(CONCERNS.c.number))
        if dry_run:
            with transaction(self.engine) as connection:
                return [_purge_item(row) for row in connection.execute(query).mappings()]
        now = self.clock()
        with transaction(self.engine, write=True) as connection:
            rows = connection.execute(query.with_for_update()).mappings().all()
            items = [_purge_item(row) for row in rows]
            ids = [row["id"] for row in rows]
            for start in range(0, len(ids), ROTATE_BATCH):
                chunk = ids[start:start + ROTATE_BATCH]
                connection.execute(
                    update(CONCERNS).where(CONCERNS.c.id.in_(chunk)).values(
                        summary=None, hoped_outcome=None, about_other=None, outcome=None, purged_at=now,
                        version=CONCERNS.c.version + 1, updated_at=now))
                connection.execute(update(MESSAGES).where(MESSAGES.c.concern_id.in_(chunk)).values(body=None))
            self.audit.append_many(council, [
                (actor, "purge", item.ref, f"status={item.status.value} closed={item.closed_at.date().isoformat()}")
                for item in items], at=now, connection=connection)
        return items

    def rotate_keys(self, council: str | None = None, *, actor: str = ADMIN, batch: int = ROTATE_BATCH) -> int:
        """Re-encrypt every stored value with the primary key, ``batch`` rows per transaction.

        Values already under the primary key are left alone, so a rerun after an
        interruption only does what is left. Returns how many values were re-encrypted;
        audited ``rotate`` once per council.
        """
        cipher = self.cipher
        councils = [council] if council is not None else self.councils()
        total = 0
        for name in councils:
            rotated = (self.rotate_columns(CONCERNS, ENCRYPTED, CONCERNS.c.council == name, batch)
                       + self._rotate_messages(cipher, name, batch))
            self.audit.append(name, actor, "rotate", "keys", f"values={rotated} key={cipher.fingerprint}",
                              at=self.clock())
            total += rotated
        return total

    def _rotate_messages(self, cipher: TextCipher, council: str, batch: int) -> int:
        rotated, after = 0, 0
        while True:
            with transaction(self.engine, write=True) as connection:
                rows = connection.execute(
                    select(MESSAGES.c.id, MESSAGES.c.body)
                    .join(CONCERNS, CONCERNS.c.id == MESSAGES.c.concern_id)
                    .where(CONCERNS.c.council == council, MESSAGES.c.id > after)
                    .order_by(MESSAGES.c.id).limit(batch).with_for_update(of=MESSAGES)
                ).mappings().all()
                if not rows:
                    return rotated
                changes = [{"body": cipher.rotate(row["body"]), "where_id": row["id"]} for row in rows
                           if row["body"] is not None and not cipher.is_current(row["body"])]
                if changes:
                    connection.execute(_REWRITE_MESSAGE, changes)
                rotated += len(changes)
                after = rows[-1]["id"]

    def check_keys(self) -> None:
        """Raise :class:`KeyProblem` unless the keys are set and open stored text (for start-up checks).

        Tries the oldest and the newest stored concern and the newest message (the
        oldest is the one a half-finished rotation would have left under an old key).
        Nothing is disclosed, so nothing is audited.
        """
        cipher = self.cipher
        with transaction(self.engine) as connection:
            tokens = [
                connection.execute(select(column).where(column.is_not(None)).order_by(order).limit(1)).scalar()
                for column, order in ((CONCERNS.c.summary, CONCERNS.c.id), (CONCERNS.c.summary, CONCERNS.c.id.desc()),
                                      (MESSAGES.c.body, MESSAGES.c.id.desc()))
            ]
        for token in tokens:
            if token is not None:
                cipher.decrypt(token)

    def councils(self) -> list[str]:
        """Every council with stored concerns, sorted."""
        with transaction(self.engine) as connection:
            return sorted(connection.execute(select(CONCERNS.c.council).distinct()).scalars())

    # ------------------------------------------------------------ statistics

    def annual_summary(self, council: str, year: int) -> dict[str, Any]:
        """Counts for concerns raised in ``year`` (UK time): by category, route and status, and days to close.

        No names and no text: fit for an annual report.
        """
        start, end = datetime(year, 1, 1, tzinfo=UK), datetime(year + 1, 1, 1, tzinfo=UK)
        where = (CONCERNS.c.council == council, CONCERNS.c.created_at >= start, CONCERNS.c.created_at < end)
        with transaction(self.engine) as connection:
            counts = {
                key: {row[0]: row[1] for row in connection.execute(
                    select(column, func.count()).where(*where).group_by(column).order_by(column))}
                for key, column in (("by_category", CONCERNS.c.category), ("by_route", CONCERNS.c.route),
                                    ("by_status", CONCERNS.c.status))
            }
            spans = connection.execute(
                select(CONCERNS.c.created_at, CONCERNS.c.closed_at)
                .where(*where, CONCERNS.c.closed_at.is_not(None), CONCERNS.c.status.in_(CLOSED_STATUSES))
            ).all()
        days = sorted((closed - created).total_seconds() / 86_400 for created, closed in spans)
        raised = sum(counts["by_status"].values())
        closed = sum(n for status, n in counts["by_status"].items() if status in CLOSED_STATUSES)
        return {
            "council": council,
            "year": year,
            "raised": raised,
            "open": raised - closed,
            "closed": closed,
            **counts,
            "days_to_close": {
                "median": round(statistics.median(days), 1) if days else None,
                "mean": round(statistics.fmean(days), 1) if days else None,
            },
        }

    # ------------------------------------------------------------ mapping

    def _encrypt(self, concern: Concern) -> dict[str, str | None]:
        cipher = self.cipher
        return {
            "summary": cipher.encrypt(concern.summary),
            "hoped_outcome": cipher.encrypt(concern.hoped_outcome or ""),
            "about_other": cipher.encrypt(concern.about_other) if concern.about_other is not None else None,
            "outcome": cipher.encrypt(concern.outcome) if concern.outcome is not None else None,
        }

    def _message_values(self, message: ConcernMessage, concern_id: int | None) -> dict[str, Any]:
        if message.concern_id is not None and concern_id is not None and message.concern_id != concern_id:
            raise ValueError(f"message belongs to concern id {message.concern_id}, not {concern_id}")
        return {
            "concern_id": concern_id,
            "kind": MessageKind(message.kind).value,
            "at": message.at,
            "author": message.author,
            "body": self.cipher.encrypt(message.body),
            "status": ConcernStatus(message.status).value if message.status is not None else None,
        }

    def _decrypt(self, token: str | None) -> str | None:
        return self.cipher.decrypt(token) if token is not None else None

    def _to_concern(self, row: RowMapping, handlers: tuple[str, ...], fields: Sequence[str]) -> Concern:
        text = {name: self._decrypt(row[name]) if name in fields else None for name in ENCRYPTED}
        return Concern(
            council=row["council"], raiser=row["raiser"], category=ConcernCategory(row["category"]),
            summary=text["summary"] or "", handlers=handlers, route=row["route"], created_at=row["created_at"],
            about=row["about"], about_other=text["about_other"], hoped_outcome=text["hoped_outcome"] or "",
            clause_id=row["clause_id"], status=ConcernStatus(row["status"]), outcome=text["outcome"],
            note_for_clerk=row["note_for_clerk"], closed_at=row["closed_at"], purged_at=row["purged_at"],
            updated_at=row["updated_at"], id=row["id"], number=row["number"], version=row["version"],
        )

    def _to_message(self, row: RowMapping) -> ConcernMessage:
        return ConcernMessage(
            kind=MessageKind(row["kind"]), at=row["at"], author=row["author"], body=self._decrypt(row["body"]) or "",
            status=ConcernStatus(row["status"]) if row["status"] is not None else None,
            concern_id=row["concern_id"], id=row["id"],
        )

    def _load(self, connection: Connection, council: str, number: int, fields: Sequence[str]) -> Concern | None:
        row = connection.execute(_GET, {"council": council, "number": number}).mappings().first()
        if row is None:
            return None
        handlers = tuple(connection.execute(_HANDLERS_OF, {"concern_id": row["id"]}).scalars())
        return self._to_concern(row, handlers, fields)

    def _load_many(self, connection: Connection, query: Any) -> list[tuple[Concern, list[ConcernMessage]]]:
        rows = connection.execute(query).mappings().all()
        ids = [row["id"] for row in rows]
        handlers, messages = _handlers(connection, ids), self._messages(connection, ids)
        return [(self._to_concern(row, handlers[row["id"]], ENCRYPTED), messages[row["id"]]) for row in rows]

    def _messages(self, connection: Connection, ids: list[int]) -> dict[int, list[ConcernMessage]]:
        found: dict[int, list[ConcernMessage]] = {i: [] for i in ids}
        for start in range(0, len(ids), ROTATE_BATCH):
            for row in connection.execute(
                select(MESSAGES).where(MESSAGES.c.concern_id.in_(ids[start:start + ROTATE_BATCH]))
                .order_by(MESSAGES.c.at, MESSAGES.c.id)
            ).mappings():
                found[row["concern_id"]].append(self._to_message(row))
        return found


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _plain(concern: Concern, name: str) -> Any:
    value = getattr(concern, name)
    if name == "category":
        return ConcernCategory(value).value
    if name == "status":
        return ConcernStatus(value).value
    return value


def _where(council: str, open_only: bool) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [CONCERNS.c.council == council]
    if open_only:
        where.append(CONCERNS.c.status.in_(OPEN_STATUSES))
    return where


def _handled_by(name: str) -> ColumnElement[bool]:
    """Concerns whose handlers include ``name`` (the concern_handlers index serves it)."""
    return CONCERNS.c.id.in_(select(HANDLERS.c.concern_id).where(HANDLERS.c.name == name))


def _insert_handlers(connection: Connection, concern_id: int, handlers: tuple[str, ...]) -> None:
    if handlers:
        connection.execute(_INSERT_HANDLER, [{"concern_id": concern_id, "name": name, "position": i}
                                             for i, name in enumerate(handlers)])


def _handlers(connection: Connection, ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {i: [] for i in ids}
    for start in range(0, len(ids), ROTATE_BATCH):
        for concern_id, name in connection.execute(
            select(HANDLERS.c.concern_id, HANDLERS.c.name)
            .where(HANDLERS.c.concern_id.in_(ids[start:start + ROTATE_BATCH]))
            .order_by(HANDLERS.c.concern_id, HANDLERS.c.position)
        ):
            found[concern_id].append(name)
    return {i: tuple(names) for i, names in found.items()}


def _concern_id(connection: Connection, council: str, number: int) -> int | None:
    return connection.execute(_GET_ID, {"council": council, "number": number}).scalar()


def _why_unchanged(connection: Connection, concern: Concern) -> Exception:
    row = connection.execute(
        select(CONCERNS.c.version, CONCERNS.c.purged_at)
        .where(CONCERNS.c.id == concern.id, CONCERNS.c.council == concern.council)
    ).first()
    if row is None:
        return NotFound(f"{concern.council} has no concern {concern.ref} (id {concern.id}).")
    if row.purged_at is not None:
        return ConflictError(f"Concern {concern.ref} was purged under the retention rule: it can no longer change.")
    return ConflictError(f"Concern {concern.ref} was changed by someone else (version {row.version}, "
                         f"not {concern.version}): read it again and retry.")


def _purge_item(row: RowMapping) -> PurgeItem:
    return PurgeItem(ref=f"C-{row['number']}", number=row["number"], category=ConcernCategory(row["category"]),
                     route=row["route"], status=ConcernStatus(row["status"]), created_at=row["created_at"],
                     closed_at=row["closed_at"])


def _concern_dict(c: Concern) -> dict[str, Any]:
    return {
        "ref": c.ref, "created_at": c.created_at.isoformat(), "category": c.category.value, "route": c.route,
        "about": c.about, "about_other": c.about_other, "summary": c.summary, "hoped_outcome": c.hoped_outcome,
        "handlers": list(c.handlers), "status": c.status.value, "outcome": c.outcome,
        "closed_at": c.closed_at.isoformat() if c.closed_at else None,
        "purged_at": c.purged_at.isoformat() if c.purged_at else None,
    }


def _message_dict(m: ConcernMessage) -> dict[str, Any]:
    return {"at": m.at.isoformat(), "kind": m.kind.value, "author": m.author, "body": m.body,
            "status": m.status.value if m.status else None}


def _stub_dict(row: RowMapping) -> dict[str, Any]:
    return {
        "ref": f"C-{row['number']}", "created_at": row["created_at"].isoformat(), "category": row["category"],
        "status": row["status"], "closed_at": row["closed_at"].isoformat() if row["closed_at"] else None,
    }
