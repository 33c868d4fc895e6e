"""Flags (public criticism of officers), stored with their excerpt encrypted and every disclosure audited.

Maps :class:`protocol.flags.Flag` to the ``flags`` table. The excerpt of the message
and the detector's reason are encrypted with :class:`storage.crypto.TextCipher`
before they reach the database; everything else (names, channel, kind, clause,
status, times) stays in clear so that lists are answered in SQL.

One message makes at most one flag: ``(council, message_id)`` is unique, and
:meth:`FlagRepository.add` returns the flag already stored when the message (or
its edit) was recorded before, or by a second worker at the same time: its insert
does nothing on that conflict, and its transaction is rolled back. The burst rule (one
nudge per author in a while) is decided in the same transaction, under the
council's flag counter lock, so two messages at once never both nudge.

As in :mod:`storage.concern_repository`, the repository does not decide who may
read what: the bot checks that first. It records every reading of an excerpt,
every list, export and status change in the :class:`storage.audit.AuditLog`, in
the same transaction. ``get_for_system`` reads no text and is not audited.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import RowMapping, Table, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.elements import ColumnElement

from protocol.flags import Flag, FlagStatus, ReviewerPost
from storage.encrypted_store import EncryptedStore
from storage.database import transaction
from storage.errors import ConflictError
from storage.sequences import next_value
from storage.tables import FlagRow

SEQUENCE = "flag"
ADMIN = "protocol-bot admin"
ENCRYPTED = ("excerpt", "reason")
BATCH = 500
UK = ZoneInfo("Europe/London")
OPEN_STATUSES = tuple(s.value for s in FlagStatus if s.is_open)
ABOUT_NOTE = (
    "Flags of messages others wrote about this person are listed by reference, date, kind and status only: "
    "the message and the name of whoever wrote it are the authors' personal data and are withheld. Whether "
    "more can be disclosed is a decision for the council, case by case, not for this export."
)

FLAGS: Table = FlagRow.__table__  # type: ignore[attr-defined]
_INSERT_NEW = {  # no row and no id when the message has a flag already
    dialect: insert_into(FLAGS).on_conflict_do_nothing(index_elements=["council", "message_id"])
    .returning(FLAGS.c.id)
    for dialect, insert_into in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}
_BY_MESSAGE = select(FLAGS).where(FLAGS.c.council == bindparam("council"),
                                  FLAGS.c.message_id == bindparam("message_id"))
_BY_NUMBER = select(FLAGS).where(FLAGS.c.council == bindparam("council"), FLAGS.c.number == bindparam("number"))
_LAST_NUDGE = select(func.max(FLAGS.c.nudged_at)).where(
    FLAGS.c.council == bindparam("council"), FLAGS.c.author == bindparam("author"))
_REWRITE = update(FLAGS).where(FLAGS.c.id == bindparam("where_id"))


class _AlreadyFlagged(Exception):
    """Raised inside :meth:`FlagRepository.add`'s transaction to roll it back (and give back its number)."""


class FlagRepository(EncryptedStore):
    """Stores flags for every council, excerpts encrypted, disclosures audited."""

    TEXT = "the flags' excerpts"

    # ------------------------------------------------------------ writing

    def add(self, flag: Flag, *, nudge_unless_nudged_since: datetime | None) -> tuple[Flag, bool]:
        """Store ``flag`` unless its message already has one; return ``(flag, created)``.

        When created, the flag comes back with its number ``F-n`` and, unless its
        author was nudged later than ``nudge_unless_nudged_since`` (None: nudge
        always), ``nudged_at`` set to its ``created_at`` (the caller then nudges). When the message already has a
        flag, that one comes back (without its text) and ``created`` is False.
        Audited ``create`` by ``protocol-bot`` in the same transaction.
        """
        if flag.id is not None:
            raise ValueError(f"flag {flag.ref} is already stored (id {flag.id})")
        cipher = self.cipher
        try:
            with transaction(self.engine, write=True) as connection:
                number = next_value(connection, flag.council, SEQUENCE)  # the counter row stays locked until commit
                since = nudge_unless_nudged_since
                last = None if since is None else _aware(connection.execute(
                    _LAST_NUDGE, {"council": flag.council, "author": flag.author}).scalar())
                nudged_at = flag.created_at if since is None or last is None or last <= since else None
                stored = flag.evolve(number=number, nudged_at=nudged_at, status=FlagStatus.OPEN, feedback=None,
                                     handled_by=None, updated_at=flag.created_at)
                values = _values(stored)
                values.update(excerpt=cipher.encrypt(flag.excerpt or ""), reason=cipher.encrypt(flag.reason or ""))
                new_id = connection.execute(_INSERT_NEW[connection.dialect.name], values).scalar()
                if new_id is None:
                    raise _AlreadyFlagged
                detail = (f"kind={flag.kind or 'none'} reviewer={flag.reviewer.value} status=open "
                          f"nudged={int(nudged_at is not None)}")
                self.audit.append(flag.council, "protocol-bot", "create", stored.ref, detail, at=self.clock(),
                                  connection=connection)
        except (_AlreadyFlagged, ConflictError) as exc:
            # This message was flagged before (or by another worker just now): that flag stands.
            with transaction(self.engine) as connection:
                existing = connection.execute(
                    _BY_MESSAGE, {"council": flag.council, "message_id": flag.message_id}).mappings().first()
            if existing is None:
                if isinstance(exc, ConflictError):
                    raise
                raise ConflictError("The message's flag changed while it was being stored: try again.") from None
            return self._to_flag(existing, decrypt=False), False
        return stored.evolve(id=new_id), True

    def set_status(self, council: str, number: int, actor: str, status: FlagStatus, *,
                   feedback: FlagStatus | None = None, handled_by: str | None = None) -> Flag | None:
        """Change F-``number``'s status (and the author's ``feedback``, the reviewer ``handled_by``).

        Audited ``status`` by ``actor``. Returns the flag as now stored (without its
        text), or None when the council has no such flag.
        """
        changes: dict[str, Any] = {"status": FlagStatus(status).value, "updated_at": self.clock()}
        if feedback is not None:
            changes["feedback"] = FlagStatus(feedback).value
        if handled_by is not None:
            changes["handled_by"] = handled_by
        with transaction(self.engine, write=True) as connection:
            row = connection.execute(_BY_NUMBER.with_for_update(), {"council": council, "number": number}
                                     ).mappings().first()
            if row is None:
                return None
            connection.execute(_REWRITE, {**changes, "where_id": row["id"]})
            detail = f"status={changes['status']}" + (f" feedback={changes['feedback']}" if feedback else "")
            self.audit.append(council, actor, "status", f"F-{number}", detail, at=changes["updated_at"],
                              connection=connection)
            row = connection.execute(_BY_NUMBER, {"council": council, "number": number}).mappings().one()
        return self._to_flag(row, decrypt=False)

    # ------------------------------------------------------------ reading

    def get(self, council: str, number: int, reader: str) -> Flag | None:
        """F-``number`` with its excerpt and reason, or None; audited ``read`` by ``reader``.

        The caller has already checked that ``reader`` may read it.
        """
        with transaction(self.engine, write=True) as connection:
            row = connection.execute(_BY_NUMBER, {"council": council, "number": number}).mappings().first()
            if row is None:
                return None
            flag = self._to_flag(row, decrypt=True)
            self.audit.append(council, reader, "read", flag.ref, "excerpt", at=self.clock(), connection=connection)
        return flag

    def get_for_system(self, council: str, number: int) -> Flag | None:
        """F-``number`` WITHOUT its text (excerpt and reason None), for access checks; not audited."""
        with transaction(self.engine) as connection:
            row = connection.execute(_BY_NUMBER, {"council": council, "number": number}).mappings().first()
        return self._to_flag(row, decrypt=False) if row is not None else None

    def find_for_reviewer(self, council: str, reviewer: ReviewerPost, viewer: str, *, open_only: bool = False,
                          limit: int | None = None, offset: int = 0) -> list[Flag]:
        """The flags that the holder of ``reviewer`` reviews, newest first, never those about ``viewer``.

        No text is read (excerpt and reason are None). Audited ``list`` by ``viewer``, with refs and count.
        """
        query = (select(FLAGS).where(*_reviewed_by(council, reviewer, viewer, open_only))
                 .order_by(FLAGS.c.number.desc()).offset(offset).limit(limit))
        with transaction(self.engine, write=True) as connection:
            found = [self._to_flag(row, decrypt=False) for row in connection.execute(query).mappings()]
            refs = ",".join(f.ref for f in found[:40]) + (",…" if len(found) > 40 else "")
            detail = f"as={reviewer.value} open_only={int(open_only)} count={len(found)}" + (
                f" refs={refs}" if refs else "")
            self.audit.append(council, viewer, "list", "flags", detail, at=self.clock(), connection=connection)
        return found

    def count_for_reviewer(self, council: str, reviewer: ReviewerPost, viewer: str, *,
                           open_only: bool = False) -> int:
        """How many flags :meth:`find_for_reviewer` would list; audited ``count``."""
        query = select(func.count()).select_from(FLAGS).where(*_reviewed_by(council, reviewer, viewer, open_only))
        with transaction(self.engine, write=True) as connection:
            count = int(connection.execute(query).scalar_one())
            self.audit.append(council, viewer, "count", "flags",
                              f"as={reviewer.value} open_only={int(open_only)} count={count}",
                              at=self.clock(), connection=connection)
        return count

    # ------------------------------------------------------------ exports

    def export_for_reviewer(self, council: str, reviewer: ReviewerPost, viewer: str) -> list[Flag]:
        """Every flag the holder of ``reviewer`` reviews, with its text, oldest first; audited ``export``."""
        query = select(FLAGS).where(*_reviewed_by(council, reviewer, viewer, False)).order_by(FLAGS.c.number)
        with transaction(self.engine, write=True) as connection:
            found = [self._to_flag(row, decrypt=True) for row in connection.execute(query).mappings()]
            self.audit.append(council, viewer, "export", "flags", f"as={reviewer.value} flags={len(found)}",
                              at=self.clock(), connection=connection)
        return found

    def export_person(self, council: str, name: str, *, actor: str = ADMIN) -> dict[str, Any]:
        """A subject access export for ``name``: the flags of their messages in full, stubs of those about them.

        Audited ``export`` of ``person:NAME`` by ``actor``.
        """
        now = self.clock()
        with transaction(self.engine, write=True) as connection:
            written = [self._to_flag(row, decrypt=True) for row in connection.execute(
                select(FLAGS).where(FLAGS.c.council == council, FLAGS.c.author == name).order_by(FLAGS.c.number)
            ).mappings()]
            about = [self._to_flag(row, decrypt=False) for row in connection.execute(
                select(FLAGS).where(FLAGS.c.council == council, FLAGS.c.officer == name, FLAGS.c.author != name)
                .order_by(FLAGS.c.number)).mappings()]
            self.audit.append(council, actor, "export", f"person:{name}",
                              f"flags_written={len(written)} flags_about={len(about)}", at=now, connection=connection)
        return {
            "flags_written": [flag_dict(f) for f in written],
            "flags_about": [_stub_dict(f) for f in about],
            "flags_note": ABOUT_NOTE,
        }

    # ------------------------------------------------------------ retention

    def purge(self, council: str, older_than: datetime, dry_run: bool = False, *, actor: str = ADMIN) -> list[Flag]:
        """Delete the excerpt and reason of the council's flags made before ``older_than``, keeping a stub.

        The stub (reference, date, channel, author, officer, kind, status) stays for the
        counts; each purge is audited. ``dry_run`` changes nothing and returns what would go.
        """
        if older_than.utcoffset() is None:
            raise ValueError("older_than must be timezone-aware")
        query = (select(FLAGS).where(FLAGS.c.council == council, FLAGS.c.created_at < older_than,
                                     FLAGS.c.excerpt.is_not(None)).order_by(FLAGS.c.number))
        if dry_run:
            with transaction(self.engine) as connection:
                return [self._to_flag(row, decrypt=False) for row in connection.execute(query).mappings()]
        now = self.clock()
        with transaction(self.engine, write=True) as connection:
            rows = connection.execute(query.with_for_update()).mappings().all()
            flags = [self._to_flag(row, decrypt=False) for row in rows]
            ids = [row["id"] for row in rows]
            for start in range(0, len(ids), BATCH):
                connection.execute(update(FLAGS).where(FLAGS.c.id.in_(ids[start:start + BATCH]))
                                   .values(excerpt=None, reason=None, updated_at=now))
            self.audit.append_many(council, [
                (actor, "purge", flag.ref, f"made={flag.created_at.date().isoformat()}") for flag in flags],
                at=now, connection=connection)
        return flags

    # ------------------------------------------------------------ keys and statistics

    def rotate_keys(self, council: str, *, actor: str = ADMIN, batch: int = BATCH) -> int:
        """Re-encrypt the council's excerpts and reasons with the primary key; audited ``rotate`` once."""
        cipher = self.cipher
        rotated = self.rotate_columns(FLAGS, ENCRYPTED, FLAGS.c.council == council, batch)
        self.audit.append(council, actor, "rotate", "flag keys", f"values={rotated} key={cipher.fingerprint}",
                          at=self.clock())
        return rotated

    def check_keys(self) -> None:
        """Raise :class:`KeyProblem` unless the keys open the oldest and the newest stored excerpt."""
        cipher = self.cipher
        with transaction(self.engine) as connection:
            tokens = [connection.execute(select(FLAGS.c.excerpt).where(FLAGS.c.excerpt.is_not(None))
                                         .order_by(order).limit(1)).scalar()
                      for order in (FLAGS.c.id, FLAGS.c.id.desc())]
        for token in tokens:
            if token is not None:
                cipher.decrypt(token)

    def councils(self) -> list[str]:
        """Every council with stored flags, sorted."""
        with transaction(self.engine) as connection:
            return sorted(connection.execute(select(FLAGS.c.council).distinct()).scalars())

    def annual_summary(self, council: str, year: int) -> dict[str, Any]:
        """Counts for flags made in ``year`` (UK time): by kind, status and the authors' answers. No names, no text."""
        start, end = datetime(year, 1, 1, tzinfo=UK), datetime(year + 1, 1, 1, tzinfo=UK)
        where = (FLAGS.c.council == council, FLAGS.c.created_at >= start, FLAGS.c.created_at < end)
        with transaction(self.engine) as connection:
            counts = {
                key: {row[0] or "none": row[1] for row in connection.execute(
                    select(column, func.count()).where(*where).group_by(column).order_by(column))}
                for key, column in (("by_kind", FLAGS.c.kind), ("by_status", FLAGS.c.status),
                                    ("by_answer", FLAGS.c.feedback))
            }
            nudged = connection.execute(
                select(func.count()).select_from(FLAGS).where(*where, FLAGS.c.nudged_at.is_not(None))).scalar_one()
        return {"flagged": sum(counts["by_status"].values()), "nudges": int(nudged), **counts}

    # ------------------------------------------------------------ mapping

    def _to_flag(self, row: RowMapping, *, decrypt: bool) -> Flag:
        text: dict[str, str | None] = {name: None for name in ENCRYPTED}
        if decrypt:
            text = {name: self.cipher.decrypt(row[name]) if row[name] is not None else None for name in ENCRYPTED}
        return Flag(
            council=row["council"], message_id=row["message_id"], channel=row["channel"], author=row["author"],
            reviewer=ReviewerPost(row["reviewer"]), created_at=row["created_at"], officer=row["officer"],
            collective=row["collective"], kind=row["kind"], clause_id=row["clause_id"], reason=text["reason"],
            excerpt=text["excerpt"], link=row["link"], nudged_at=row["nudged_at"], status=FlagStatus(row["status"]),
            feedback=FlagStatus(row["feedback"]) if row["feedback"] else None, handled_by=row["handled_by"],
            updated_at=row["updated_at"], id=row["id"], number=row["number"],
        )


def _aware(moment: datetime | None) -> datetime | None:
    """A max() over a UTCDateTime column comes back naive on SQLite: make it UTC."""
    if moment is None or moment.utcoffset() is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _values(flag: Flag) -> dict[str, Any]:
    return {
        "council": flag.council, "number": flag.number, "message_id": flag.message_id, "channel": flag.channel,
        "link": flag.link, "author": flag.author, "officer": flag.officer, "collective": flag.collective,
        "kind": flag.kind, "clause_id": flag.clause_id, "reviewer": ReviewerPost(flag.reviewer).value,
        "created_at": flag.created_at, "nudged_at": flag.nudged_at, "status": FlagStatus(flag.status).value,
        "feedback": FlagStatus(flag.feedback).value if flag.feedback else None, "handled_by": flag.handled_by,
        "updated_at": flag.updated_at,
    }


def _reviewed_by(council: str, reviewer: ReviewerPost, viewer: str, open_only: bool) -> list[ColumnElement[bool]]:
    """The council's flags for ``reviewer``, never one about ``viewer`` (the officer named never sees it)."""
    where: list[ColumnElement[bool]] = [
        FLAGS.c.council == council, FLAGS.c.reviewer == ReviewerPost(reviewer).value,
        (FLAGS.c.officer.is_(None)) | (FLAGS.c.officer != viewer),
    ]
    if open_only:
        where.append(FLAGS.c.status.in_(OPEN_STATUSES))
    return where


def flag_dict(f: Flag) -> dict[str, Any]:
    """A flag with its text, for exports."""
    return {
        "ref": f.ref, "created_at": f.created_at.isoformat(), "channel": f.channel, "link": f.link or "",
        "author": f.author, "officer": f.officer or "", "collective": f.collective, "kind": f.kind or "",
        "clause": f.clause_id or "", "status": f.status.value, "feedback": f.feedback.value if f.feedback else "",
        "handled_by": f.handled_by or "", "nudged_at": f.nudged_at.isoformat() if f.nudged_at else "",
        "reason": f.reason or "", "excerpt": f.excerpt or "",
    }


def _stub_dict(f: Flag) -> dict[str, Any]:
    return {"ref": f.ref, "created_at": f.created_at.isoformat(), "kind": f.kind or "", "status": f.status.value}
