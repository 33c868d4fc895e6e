"""The conduct-in-public detector: does a message criticise an officer in public?

Member/officer protocols ask councillors never to raise an officer's conduct or
capability in public, where the officer cannot answer. :class:`ConductDetector`
reads one message, finds the officers it refers to (by name, alias, platform
mention, title, pronoun or collectively, see :mod:`protocol.officer_mentions`),
finds criticism cues (see :mod:`protocol.conduct_lexicon`), and flags the message
when a cue is aimed at an officer. Everything it decides can be explained: the
:class:`Finding` names the officer, the kind, the words and the cue.

Pure Python and linear in the message length: tokens are matched against phrase
tables, never against regular expressions that could backtrack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from protocol.clause_finder import Finder, best_clause, rx
from protocol.search import ClauseIndex

OFFICER_ROLES = frozenset({"clerk", "deputy_clerk", "rfo", "officer"})


class Kind(StrEnum):
    """What a flagged message criticises."""

    CONDUCT = "conduct"  # rude, ignored emails, left the gates open
    CAPABILITY = "capability"  # can't do the job, messed up the accounts
    HONESTY = "honesty"  # lied, twisted the facts, hid information
    IMPARTIALITY = "impartiality"  # biased, playing politics
    PERSONAL_ATTACK = "personal_attack"  # lazy, useless, an idiot

    @property
    def label(self) -> str:
        """How the kind reads in a sentence."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.CONDUCT: "conduct",
    Kind.CAPABILITY: "capability",
    Kind.HONESTY: "an allegation about honesty",
    Kind.IMPARTIALITY: "an allegation about impartiality",
    Kind.PERSONAL_ATTACK: "a personal attack",
}


@dataclass(frozen=True)
class RosterEntry:
    """A person of the council's roster as the detector sees them."""

    name: str
    role: str  # a council-file role: clerk, deputy_clerk, rfo, officer, chair, vice_chair, councillor
    title: str | None = None
    aliases: tuple[str, ...] = ()
    platform_ids: tuple[str, ...] = ()  # Slack and Discord user ids

    @property
    def is_officer(self) -> bool:
        """True for staff: clerk, deputy clerk, RFO, officer."""
        return self.role in OFFICER_ROLES


class Sensitivity(StrEnum):
    """How sure the detector must be before it flags (per council)."""

    LOW = "low"  # only clear criticism
    NORMAL = "normal"
    HIGH = "high"  # milder criticism too


@dataclass(frozen=True)
class DetectorSettings:
    """A council's tuning of the detector."""

    sensitivity: Sensitivity = Sensitivity.NORMAL
    extra_words: tuple[str, ...] = ()  # more criticism words or phrases ("jobsworth", "waste of space")
    ignore_words: tuple[str, ...] = ()  # words never taken as criticism here
    home: tuple[str, ...] = ()  # the council's own name and place ("the staff at Brookfield" are its own)


@dataclass(frozen=True)
class Finding:
    """The detector's answer for one message.

    ``officer`` is the roster name of the officer criticised, or None when staff
    are criticised collectively (``collective``) or nothing is flagged.
    ``evidence`` is the words that carry the criticism and ``span`` their
    ``(start, end)`` offsets in the message as given.
    """

    flag: bool
    reason: str
    officer: str | None = None
    collective: bool = False
    kind: Kind | None = None
    evidence: str = ""
    span: tuple[int, int] | None = None
    score: float = 0.0
    cues: tuple[str, ...] = field(default=())

    @property
    def target(self) -> str:
        """Who is criticised, for a sentence: the officer's name or "council staff"."""
        return self.officer or ("council staff" if self.collective else "")


PUBLIC_CRITICISM = Finder(
    "public_criticism",
    ("never criticise officers in public",
     "members should not criticise or undermine officers in public",
     "criticism of an officer's conduct or capability should be raised privately not in public",
     "officers have no means of responding to criticism in public"),
    (rx(r"critici[sz]|denigrat|undermin|disparag|abus|respon(?:d|se) to (?:such )?critici|attack"),
     rx(r"\bpublic|\bmeeting|\bpress\b|\bmedia\b|\bopenly\b")),
    prefer=rx(r"critici[sz]\w*[^.]{0,80}\bpublic|\bpublic\w*[^.]{0,80}critici[sz]"),
)


def public_criticism_clause(index: ClauseIndex) -> str | None:
    """The id of the council's clause against criticising officers in public, or None."""
    return best_clause(index, PUBLIC_CRITICISM)


class ConductDetector:
    """Flags public criticism of officers, for one council's roster and settings."""

    def __init__(self, roster: Sequence[RosterEntry], settings: DetectorSettings | None = None) -> None:
        from protocol.conduct_engine import Engine  # the engine imports this module's types

        self.settings = settings or DetectorSettings()
        self._engine = Engine(roster, self.settings)

    def check(self, text: str, place: str = "public", author: str | None = None) -> Finding:
        """Decide one message. ``place`` is ``public``, ``private`` or ``dm``; only public ones flag.

        ``author`` is the roster name of whoever wrote it (an officer criticising
        themselves is not flagged).
        """
        if place != "public":
            return Finding(False, "not a public channel: the protocol is about criticism in public")
        return self._engine.check(text, author)
