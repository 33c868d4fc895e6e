"""``/protocol review flags [open|all]`` and ``/protocol flag F-3``: flags, for their reviewer only.

The Clerk reviews flags, except those about the Clerk, which the Chair reviews (see
:func:`bot.moderation.reviewer_post`). Nobody ever sees a flag about themselves.
Everyone else gets exactly the answer an empty list gives, so the answer does not
tell whether flags exist. Lists hold no text; showing one flag reads its excerpt,
and that reading is audited by storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from protocol.flags import Flag, FlagStatus, ReviewerPost
from storage.errors import StorageError

from bot.clock import Clock, UK, show_date, uk_date
from bot.council import Council, Person
from bot.moderation import post_of
from bot.nudge_desk import REVIEWED, SHOW, UNDELIVERED, what_it_reads_as
from bot.replies import Button, Reply

PAGE = 20
ITEMS_WITH_BUTTONS = 3


class FlagLister(Protocol):
    """What the review needs of storage (``storage.flag_repository.FlagRepository``)."""

    def find_for_reviewer(self, council: str, reviewer: ReviewerPost, viewer: str, *, open_only: bool = False,
                          limit: int | None = None, offset: int = 0) -> list[Flag]: ...

    def get(self, council: str, number: int, reader: str) -> Flag | None: ...

    def get_for_system(self, council: str, number: int) -> Flag | None: ...

    def set_status(self, council: str, number: int, actor: str, status: FlagStatus, *,
                   feedback: FlagStatus | None = None, handled_by: str | None = None) -> Flag | None: ...


class NoteReader(Protocol):
    """Where the review reads notes the bot kept about flags (``storage.audit.AuditLog``)."""

    def entries(self, council: str, item: str | None = None, actor: str | None = None, action: str | None = None,
                limit: int | None = None) -> list[Any]: ...


def can_review(flag: Flag, who: Person) -> bool:
    """True if ``who`` holds the flag's reviewing post and is not the officer it is about."""
    return post_of(who) is flag.reviewer and flag.officer != who.name


@dataclass
class FlagReview:
    """Lists, shows and closes flags for their reviewer."""

    council: Council
    store: FlagLister
    clock: Clock
    notes: NoteReader | None = None  # nudges that never reached their author are noted there

    def review(self, who: Person, scope: str = "open") -> list[Reply]:
        """The flags ``who`` reviews: ``open`` (not yet reviewed; the default) or ``all``."""
        post = post_of(who)
        open_only = scope != "all"
        shown = "all" if scope == "all" else "open"
        try:
            found = [] if post is None else self.store.find_for_reviewer(
                self.council.key, post, who.name, open_only=open_only, limit=PAGE + 1)
        except StorageError:
            return [_unavailable()]
        if not found:
            return [Reply.to_asker(f"There are no flags you can see ({shown}).")]
        undelivered = self._undelivered()
        lines = [f"Flags you review ({shown}), newest first:"]
        lines += [f"- {self.line(f, undelivered.get(f.ref))}" for f in found[:PAGE]]
        if len(found) > PAGE:
            lines.append("  …and more: type /protocol flag F-n to see one.")
        buttons: list[Button] = []
        for flag in found[:ITEMS_WITH_BUTTONS]:
            buttons.append(Button(f"Show {flag.ref}", SHOW, str(flag.number)))
            if flag.status.is_open:
                buttons.append(Button(f"Mark {flag.ref} reviewed", REVIEWED, str(flag.number)))
        return [Reply.to_asker("\n".join(lines), buttons=tuple(buttons))]

    def line(self, flag: Flag, undelivered: str | None = None) -> str:
        """One line of the list: no text of the message; ``undelivered``: why the nudge never arrived."""
        kind = (flag.kind or "criticism").replace("_", " ")
        clause = f", clause {flag.clause_id}" if flag.clause_id else ""
        parts = [f"{flag.ref} {show_date(uk_date(flag.created_at))} #{flag.channel}: {flag.author} about "
                 f"{flag.target}, {kind}{clause}", flag.status.label]
        if flag.feedback is not None and flag.feedback is not flag.status:
            parts.append(f"author: {flag.feedback.label}")
        if flag.nudged_at is None:
            parts.append("no nudge (same author, minutes earlier)")
        elif undelivered:
            parts.append(f"nudge not delivered: {undelivered}")
        return " | ".join(parts)

    def show(self, number: int, who: Person) -> list[Reply]:
        """One flag with its excerpt, for its reviewer (the reading is audited)."""
        try:
            flag = self._reviewable(number, who)
            if flag is None:
                return [_none_to_see(number)]
            full = self.store.get(self.council.key, number, who.name)
        except StorageError:
            return [_unavailable()]
        if full is None:
            return [_none_to_see(number)]
        when = full.created_at.astimezone(UK)
        lines = [f"{full.ref}: a message by {full.author} in #{full.channel} on {show_date(when.date())} "
                 f"{when:%H:%M}, which may read as {what_it_reads_as(full.kind, full.target)}.",
                 f"Status: {full.status.label}" + (f" (by {full.handled_by})" if full.handled_by else "") + "."]
        if full.feedback is not None and full.feedback is not full.status:
            lines.append(f"The author's answer: {full.feedback.label}.")
        undelivered = self._undelivered(full.ref).get(full.ref)
        if full.nudged_at and undelivered:
            lines.append(f"The nudge could not be delivered to the author: {undelivered}.")
        else:
            lines.append("The author was nudged privately." if full.nudged_at else
                         "The author was not nudged again (another nudge minutes earlier).")
        if full.clause_id:
            lines.append(f"Clause: {full.clause_id}.")
        lines.append(f"Why it was flagged: {full.reason}")
        lines.append(f"Excerpt: {full.excerpt}")
        if full.link:
            lines.append(f"Link: {full.link}")
        buttons = (Button("Mark reviewed", REVIEWED, str(number)),) if full.status.is_open else ()
        return [Reply.to_asker("\n".join(lines), buttons=buttons)]

    def _undelivered(self, ref: str | None = None) -> dict[str, str]:
        """Why nudges never reached their authors, by flag ref (all of them, or ``ref``'s)."""
        if self.notes is None:
            return {}
        try:
            return {e.item: e.detail for e in self.notes.entries(self.council.key, item=ref, action=UNDELIVERED)}
        except StorageError:
            return {}

    def press(self, action: str, value: str, who: Person) -> list[Reply]:
        """The reviewer's buttons: show a flag, or mark it reviewed."""
        if not value.isdigit():
            return [Reply.to_asker("That button no longer works: type /protocol review flags to see yours.")]
        number = int(value)
        if action == SHOW:
            return self.show(number, who)
        try:
            flag = self._reviewable(number, who)
            if flag is None:
                return [_none_to_see(number)]
            if not flag.status.is_open:
                return [Reply.to_asker(f"{flag.ref} is already reviewed ({flag.handled_by or 'by the reviewer'}). "
                                       "Nothing was changed.")]
            self.store.set_status(self.council.key, number, who.name, FlagStatus.REVIEWED, handled_by=who.name)
        except StorageError:
            return [_unavailable()]
        return [Reply.to_asker(f"Done: {flag.ref} is marked reviewed.")]

    def _reviewable(self, number: int, who: Person) -> Flag | None:
        flag = self.store.get_for_system(self.council.key, number)
        return flag if flag is not None and can_review(flag, who) else None


def _none_to_see(number: int) -> Reply:
    # The same answer whether it does not exist or is someone else's to review.
    return Reply.to_asker(f"There is no flag F-{number} that you can see. Type /protocol review flags to list yours.")


def _unavailable() -> Reply:
    return Reply.to_asker("The bot's database is not available just now: try again in a few minutes.")
