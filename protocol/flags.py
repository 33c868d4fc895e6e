"""Flags: public messages the conduct detector took for criticism of an officer, kept for review.

A flag records where and when a message was posted, who wrote it, which officer it
criticised (or that staff were criticised collectively), the kind of criticism, the
council's clause, and an excerpt of the message. The excerpt and the detector's
reason are personal data: ``storage/`` encrypts them at rest and these records
hold them in plain text only in memory. People are named by their roster name.

Only the reviewer sees flags: the Clerk, or the Chair when the officer criticised
is the Clerk (see :class:`ReviewerPost`). The officer named never does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

EXCERPT_CHARS = 600  # at most this much of a message is kept, centred on the words that carry the criticism


class FlagStatus(StrEnum):
    """Where a flag stands: open, the author's answer to the nudge, or reviewed."""

    OPEN = "open"
    RAISED_PRIVATELY = "raised_privately"  # the author chose to raise it as a private concern
    NOT_CRITICISM = "not_criticism"  # the author says it was not a criticism (feedback for tuning)
    DISMISSED = "dismissed"  # the author dismissed the nudge
    REVIEWED = "reviewed"  # the reviewer has looked at it

    @property
    def label(self) -> str:
        """How the status reads in a list."""
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """True until the reviewer has marked it reviewed."""
        return self is not FlagStatus.REVIEWED


_STATUS_LABELS = {
    FlagStatus.OPEN: "open",
    FlagStatus.RAISED_PRIVATELY: "raised privately by the author",
    FlagStatus.NOT_CRITICISM: "the author says it is not a criticism",
    FlagStatus.DISMISSED: "dismissed by the author",
    FlagStatus.REVIEWED: "reviewed",
}
# The author's possible answers to a nudge (kept as ``Flag.feedback`` after review too).
AUTHOR_ANSWERS = (FlagStatus.RAISED_PRIVATELY, FlagStatus.NOT_CRITICISM, FlagStatus.DISMISSED)


class ReviewerPost(StrEnum):
    """The post that reviews a flag; whoever holds it sees the flag."""

    CLERK = "clerk"
    CHAIR = "chair"  # flags about the Clerk
    VICE_CHAIR = "vice_chair"  # flags about the Clerk written by the Chair, or when there is no Chair

    @property
    def label(self) -> str:
        """``the Clerk``, ``the Chair``, ``the Vice-Chair``."""
        return {"clerk": "the Clerk", "chair": "the Chair", "vice_chair": "the Vice-Chair"}[self.value]


@dataclass(frozen=True)
class Flag:
    """A flagged public message, as stored. ``ref`` (``F-3``) is what people quote."""

    council: str
    message_id: str  # the platform's id of the message: one message never makes two flags
    channel: str
    author: str  # roster name
    reviewer: ReviewerPost
    created_at: datetime
    officer: str | None = None  # roster name of the officer criticised; None when staff collectively
    collective: bool = False
    kind: str | None = None  # a protocol.conduct.Kind value: conduct, capability, honesty, ...
    clause_id: str | None = None  # the council's clause against public criticism
    reason: str | None = ""  # the detector's explanation (encrypted at rest; None when not read)
    excerpt: str | None = ""  # part of the message (encrypted at rest; None when not read)
    link: str | None = None  # a permalink to the message, when the platform gives one
    nudged_at: datetime | None = None  # when the author was nudged; None within a burst
    status: FlagStatus = FlagStatus.OPEN
    feedback: FlagStatus | None = None  # the author's answer to the nudge, if any
    handled_by: str | None = None  # the reviewer who marked it reviewed
    updated_at: datetime | None = None
    id: int | None = None
    number: int | None = None

    @property
    def ref(self) -> str:
        """The reference people quote, ``F-3``."""
        return f"F-{self.number}" if self.number is not None else "F-?"

    @property
    def target(self) -> str:
        """Who was criticised, for a sentence: the officer, or "council staff"."""
        return self.officer or "council staff"

    def evolve(self, **changes: Any) -> Flag:
        """A copy with ``changes`` applied."""
        return replace(self, **changes)


def excerpt(text: str, span: tuple[int, int] | None, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of ``text``, around ``span`` (the evidence) when it is long.

    Whitespace runs become single spaces; a cut end is marked with ``…``.
    """
    if len(text) <= limit:
        return " ".join(text.split())
    start, end = span if span is not None else (0, 0)
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    middle = (start + end) // 2
    left = max(0, min(middle - limit // 2, len(text) - limit))
    piece = " ".join(text[left:left + limit].split())
    return ("…" if left > 0 else "") + piece + ("…" if left + limit < len(text) else "")
