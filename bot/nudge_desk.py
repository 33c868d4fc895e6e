"""Nudges on public criticism of officers: a private word with the author, and a flag for review.

A plain message in a public channel (not an exempt one) goes through the council's
conduct detector. When it criticises an officer, and this message has no flag yet,
the flag is recorded first (with an encrypted excerpt) and only then is the author,
and only the author, given a courteous nudge: what the protocol asks, the council's
own clause, and three buttons (raise it privately, "this isn't a criticism",
dismiss). Nothing is posted in the channel and the officer named is never told. A
burst of messages from one author gives one nudge; an edited message is checked
again but never nudges twice. If the database is down, nothing is said to anyone.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from protocol.conduct import Finding
from protocol.flags import Flag, FlagStatus, excerpt
from protocol.model import ProtocolPack
from storage.errors import StorageError

from bot.clock import Clock
from bot.concern_desk import ConcernDesk
from bot.council import Council, Person
from bot.events import Event, Place
from bot.moderation import holder_of, reviewer_post
from bot.replies import Button, ClauseCard, Reply

PREFIX = "flag."
RAISE = "flag.raise"
NOT_CRITICISM = "flag.not_criticism"
DISMISS = "flag.dismiss"
SHOW = "flag.show"
REVIEWED = "flag.reviewed"
BOT_ACTOR = "protocol-bot"
UNDELIVERED = "undelivered"  # audit action: the platform could not give the author their nudge
MAX_MESSAGE_ID = 200  # longer platform ids are stored as a hash
log = logging.getLogger(__name__)

_WHAT = {
    "conduct": "criticism of the conduct of {target}",
    "capability": "criticism of the capability of {target}",
    "honesty": "an allegation about the honesty of {target}",
    "impartiality": "an allegation about the impartiality of {target}",
    "personal_attack": "a personal remark about {target}",
}


def what_it_reads_as(kind: str | None, target: str) -> str:
    """``criticism of the capability of Nadia Kowalski`` and the like, for a sentence."""
    return _WHAT.get(kind or "", "criticism of {target}").format(target=target)


class ConductChecker(Protocol):
    """What the desk needs of the detector (``protocol.conduct.ConductDetector``)."""

    def check(self, text: str, place: str = "public", author: str | None = None) -> Finding: ...


class FlagStore(Protocol):
    """What the desk needs of storage (``storage.flag_repository.FlagRepository``)."""

    def add(self, flag: Flag, *, nudge_unless_nudged_since: datetime | None) -> tuple[Flag, bool]: ...

    def get(self, council: str, number: int, reader: str) -> Flag | None: ...

    def get_for_system(self, council: str, number: int) -> Flag | None: ...

    def set_status(self, council: str, number: int, actor: str, status: FlagStatus, *,
                   feedback: FlagStatus | None = None, handled_by: str | None = None) -> Flag | None: ...


class AuditTrail(Protocol):
    """Where the desk records what it disclosed in a notification."""

    def append(self, council: str, actor: str, action: str, item: str, detail: str = "") -> Any: ...


@dataclass
class NudgeDesk:
    """Checks public messages and nudges their authors, for one council."""

    council: Council
    pack: ProtocolPack
    detector: ConductChecker
    store: FlagStore
    audit: AuditTrail
    concerns: ConcernDesk
    clause_id: str | None  # the council's clause against public criticism (found once, at start-up)
    clock: Clock

    # ------------------------------------------------------------ checking a message

    def check(self, event: Event, who: Person) -> list[Reply]:
        """The nudge for ``who``'s public message, if it criticises an officer; usually nothing."""
        where = event.where
        moderation = self.council.moderation
        if where.place is not Place.PUBLIC or moderation.is_exempt(where.channel) or not event.text.strip():
            return []
        try:
            finding = self.detector.check(event.text, "public", who.name)
        except Exception:  # noqa: BLE001 - a detector bug must not break the channel; it is logged in full
            log.exception("The conduct detector failed on a message in #%s; no nudge was given.", where.channel)
            return []
        if not finding.flag:
            return []
        now = self.clock()
        officer = finding.officer
        flag = Flag(
            council=self.council.key, message_id=_message_id(event), channel=where.channel or "",
            author=who.name, reviewer=reviewer_post(self.council, officer, who.name), created_at=now,
            officer=officer, collective=finding.collective or officer is None,
            kind=finding.kind.value if finding.kind is not None else None, clause_id=self.clause_id,
            reason=_reason(finding), excerpt=excerpt(event.text, finding.span), link=event.link,
        )
        burst = moderation.burst_minutes
        since = now - timedelta(minutes=burst) if burst > 0 else None
        try:
            stored, created = self.store.add(flag, nudge_unless_nudged_since=since)
        except StorageError as exc:
            # Nothing is said to anyone: a nudge about a flag nobody can review is not worth giving.
            log.warning("A flag for a message by %s in #%s was not recorded (%s); no nudge was given.",
                        who.name, where.channel, exc)
            return []
        if not created or stored.nudged_at is None:
            return []  # this message (or its earlier version) was flagged already, or the author is mid-burst
        replies = [self._nudge(stored)]
        if moderation.notify_reviewer:
            replies += self._notify_reviewer(stored, flag.excerpt or "")
        return replies

    def _nudge(self, flag: Flag) -> Reply:
        officer_told = f"{flag.officer} has not been told" if flag.officer else "no officer has been told"
        text = (
            f"A private word about your message in #{flag.channel}: it may read as "
            f"{what_it_reads_as(flag.kind, flag.target)}. The council's protocol asks that concerns about an "
            "officer's conduct or capability are raised privately, where the officer can respond, not in public, "
            f"where they cannot.\nOnly you can see this: nothing has been posted in the channel, and {officer_told}. "
            "You may want to edit or remove the message; if there is a concern behind it, you can raise it "
            f"privately instead. A note of it ({flag.ref}) is kept for {flag.reviewer.label}'s review."
        )
        n = str(flag.number)
        return Reply.to_asker(text, cards=self._cards(flag), buttons=(
            Button("Raise this privately", RAISE, n), Button("This isn't a criticism", NOT_CRITICISM, n),
            Button("Dismiss", DISMISS, n)))

    def _notify_reviewer(self, flag: Flag, excerpt_text: str) -> list[Reply]:
        reviewer = holder_of(self.council, flag.reviewer)
        if reviewer is None or reviewer.name in (flag.officer, flag.author):
            return []  # the officer named is never told; an author is not sent their own message
        lines = [
            f"Flag {flag.ref}: a message by {flag.author} in #{flag.channel} may read as "
            f"{what_it_reads_as(flag.kind, flag.target)}"
            + (f" (clause {flag.clause_id})." if flag.clause_id else "."),
            f"{flag.author} has been nudged privately; {flag.officer or 'no officer'} has not been told.",
            f"Excerpt: {excerpt_text}",
        ]
        if flag.link:
            lines.append(f"Link: {flag.link}")
        try:
            self.audit.append(self.council.key, BOT_ACTOR, "notify", flag.ref, f"to {reviewer.name}: create")
        except StorageError:
            return []  # a notice that cannot be audited is not sent; the flag waits in the review
        n = str(flag.number)
        return [Reply.dm(reviewer, "\n".join(lines), cards=self._cards(flag),
                         buttons=(Button(f"Show {flag.ref}", SHOW, n), Button("Mark reviewed", REVIEWED, n)))]

    def undelivered(self, reply: Reply, why: str) -> bool:
        """Note for the review that the nudge ``reply`` never reached its author (say, their DMs are closed).

        The flag stays as it was; the note is an audit entry, which the flag review reads.
        Return False if ``reply`` is not a nudge or the note could not be stored.
        """
        number = next((b.value for b in reply.buttons if b.action == RAISE and b.value.isdigit()), None)
        if number is None:
            return False
        try:
            self.audit.append(self.council.key, BOT_ACTOR, UNDELIVERED, f"F-{number}", why)
        except StorageError as exc:
            log.warning("Could not note that the nudge of F-%s was not delivered (%s).", number, exc)
            return False
        return True

    # ------------------------------------------------------------ the author's buttons

    def press(self, action: str, value: str, who: Person) -> list[Reply]:
        """The author's answer to a nudge: raise it privately, not a criticism, or dismiss."""
        if not value.isdigit():
            return [_gone()]
        number = int(value)
        try:
            flag = self.store.get_for_system(self.council.key, number)
            if flag is None or flag.author != who.name:
                return [_gone()]
            if action == RAISE:
                return self._raise(flag, who)
            answer = {NOT_CRITICISM: FlagStatus.NOT_CRITICISM, DISMISS: FlagStatus.DISMISSED}.get(action)
            if answer is None:
                return [_gone()]
            self._answer(flag, who, answer)
        except StorageError:
            return [_unavailable()]
        if answer is FlagStatus.NOT_CRITICISM:
            return [Reply.to_asker(
                f"Thank you: I have noted that your message was not a criticism ({flag.ref}), for "
                f"{flag.reviewer.label}'s review; it helps tune the bot for this council. Nothing else will happen.")]
        return [Reply.to_asker("Dismissed. Nothing more will happen from the bot about this message.")]

    def _raise(self, flag: Flag, who: Person) -> list[Reply]:
        full = self.store.get(self.council.key, flag.number or 0, who.name)  # the reading is audited
        self._answer(flag, who, FlagStatus.RAISED_PRIVATELY)
        summary = (full.excerpt if full is not None else None) or ""
        return self.concerns.form(who, summary=summary, about=flag.officer or "")

    def _answer(self, flag: Flag, who: Person, answer: FlagStatus) -> None:
        status = flag.status if flag.status is FlagStatus.REVIEWED else answer
        self.store.set_status(self.council.key, flag.number or 0, who.name, status, feedback=answer)

    # ------------------------------------------------------------ helpers

    def _cards(self, flag: Flag) -> tuple[ClauseCard, ...]:
        clause = self.pack.get(flag.clause_id) if flag.clause_id else None
        return (ClauseCard(clause.id, clause.heading, clause.text, self.council.name),) if clause else ()


def _message_id(event: Event) -> str:
    """The platform's message id; a long one as a hash; a fresh one when the adapter gave none."""
    given = event.message_id
    if not given:
        return f"unidentified:{uuid.uuid4().hex}"  # cannot be matched with an edit: each one is its own
    if len(given) > MAX_MESSAGE_ID:
        return "sha256:" + hashlib.sha256(given.encode("utf-8")).hexdigest()
    return given


def _reason(finding: Finding) -> str:
    cues = f" (cues: {', '.join(finding.cues)})" if finding.cues else ""
    return f"{finding.reason}{cues}"


def _gone() -> Reply:
    return Reply.to_asker("That button no longer works: nothing was changed.")


def _unavailable() -> Reply:
    return Reply.to_asker("The bot's database is not available just now, so nothing was changed. "
                          "Please try again in a few minutes.")
