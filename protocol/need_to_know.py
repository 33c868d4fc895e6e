"""Advice on a councillor's request for information, against the council's own protocol.

The "need to know" principle: a councillor may see what they reasonably need to carry out
their role. A committee member asking for that committee's papers is presumed to need
them; anyone else must show a need connected with their role; third-party personal data
needs a specific justification and a data protection check; curiosity, or a wish to see
everything (a "roving commission"), is not a need; and the Freedom of Information route is
open to everyone. The assessment advises: the officer decides.

Reading the purpose is deterministic and explainable: small lists of words and phrases
(stemmed) that show a role-connected purpose, curiosity, or a private or party purpose,
with negation ("not for a meeting") taken into account. The council's clauses are found
by searching its protocol, never by id: each piece of advice cites the clause the
council's own document gives for it, or none if the document is silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from protocol.clause_finder import Finder, find_clauses, rx
from protocol.model import ProtocolPack
from protocol.search import ClauseIndex
from protocol.vocabulary import STOPWORDS, stem


class Verdict(StrEnum):
    """What the assessment advises about the councillor's need to know."""

    PRESUMED = "presumed"  # a committee member asking for that committee's papers
    NEED_SHOWN = "need_shown"  # the purpose connects the request with the councillor's role
    NEED_UNCLEAR = "need_unclear"  # too vague or too wide to tell: ask the councillor
    NO_NEED = "no_need"  # curiosity, a roving commission, or a private or party purpose

    @property
    def label(self) -> str:
        """The verdict in a few plain words."""
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.PRESUMED: "Presumed need to know (committee member)",
    Verdict.NEED_SHOWN: "Need to know shown",
    Verdict.NEED_UNCLEAR: "Need to know not yet clear: ask the councillor",
    Verdict.NO_NEED: "No need to know shown",
}


@dataclass(frozen=True)
class RequestFacts:
    """What the councillor asked for, and why, as they stated it."""

    documents: str
    purpose: str
    committee: str | None = None  # committee id, or a free-text matter
    committee_name: str | None = None  # the committee's display name if it is a committee of the council
    on_committee: bool = False  # the requester sits on that committee
    constituent: bool = False
    personal_data: bool = False
    confidential: bool = False


@dataclass(frozen=True)
class Point:
    """One piece of advice, citing the council's clause where its protocol has one."""

    key: str
    text: str
    clause_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The point as plain data."""
        return {"key": self.key, "text": self.text, "clause_id": self.clause_id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Point:
        """Inverse of :meth:`to_dict`."""
        clause_id = data.get("clause_id")
        return cls(str(data["key"]), str(data["text"]), None if clause_id is None else str(clause_id))


@dataclass(frozen=True)
class Assessment:
    """The advice on one request: a verdict, a summary for the officer, and the points behind it.

    ``cues`` lists what in the request led to the verdict (``role: ward``,
    ``curiosity: just curious``, ``wide: all emails`` …), so the advice can be explained.
    """

    verdict: Verdict
    summary: str
    points: tuple[Point, ...]
    cues: tuple[str, ...] = ()

    @property
    def clause_ids(self) -> tuple[str, ...]:
        """The clauses cited, each once, in the order of the points."""
        seen: dict[str, None] = {}
        for point in self.points:
            if point.clause_id:
                seen.setdefault(point.clause_id)
        return tuple(seen)

    def point(self, key: str) -> Point | None:
        """The point with this key, or None."""
        return next((p for p in self.points if p.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        """The assessment as plain data (stored as JSON with the request)."""
        return {
            "verdict": self.verdict.value,
            "label": self.verdict.label,
            "summary": self.summary,
            "points": [p.to_dict() for p in self.points],
            "cues": list(self.cues),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        """Inverse of :meth:`to_dict`."""
        return cls(
            verdict=Verdict(data["verdict"]),
            summary=str(data.get("summary", "")),
            points=tuple(Point.from_dict(p) for p in data.get("points") or ()),
            cues=tuple(str(c) for c in data.get("cues") or ()),
        )


# ---------------------------------------------------------------------------
# Reading the purpose
# ---------------------------------------------------------------------------

# Purposes that connect a request with a councillor's role: council and committee business,
# decisions, scrutiny, budget, ward and constituent casework, outside bodies.
# fmt: off
# Names of documents ("lease", "contract", "report") are left out: asking for one shows no purpose.
ROLE_CUES: tuple[str, ...] = (
    "meeting", "agenda", "committee", "sub-committee", "subcommittee", "working group", "working party",
    "task group", "panel", "full council", "council meeting", "decision", "decide", "deciding", "vote",
    "voting", "debate", "motion", "agenda item", "recommendation", "scrutiny", "scrutinise", "scrutinize",
    "oversight", "monitor", "monitoring", "audit", "auditor", "budget", "precept", "finance", "financial",
    "accounts", "spending", "expenditure", "tender", "procurement", "consultation", "ward", "constituent",
    "constituents", "resident", "residents", "parishioner", "parishioners", "casework", "complaint",
    "complaints", "represent", "representative", "outside body", "trustee", "trustees", "policy", "strategy",
    "risk assessment", "briefing", "petition", "appeal", "hearing", "interview panel", "prepare for",
    "preparing for", "question to council", "raise at", "raised with me", "asked me", "contacted me",
    "on behalf of", "local people", "community group",
)
# Words that name the role but not what the information is for.
WEAK_ROLE_CUES: tuple[str, ...] = (
    "council business", "my role", "my duties", "my job", "councillor duties", "as a councillor",
    "as a member", "as councillor", "in my capacity", "public interest", "transparency",
)
# Curiosity and the "roving commission": not a need to know.
CURIOSITY_CUES: tuple[str, ...] = (
    "curious", "curiosity", "nosy", "nosey", "wondering", "wonder", "just interested", "only interested",
    "i'm interested", "i am interested", "im interested", "i'd be interested", "simply interested",
    "interested to see", "interested to know", "interested to read", "out of interest", "for interest",
    "general interest", "of interest to me", "for my information", "for my own information",
    "for my own interest", "for my records", "keep an eye", "see everything", "know everything",
    "everything", "what is going on", "what's going on", "what they are up to",
    "what goes on", "fishing", "no particular reason", "no reason", "just because", "because i can",
    "just want to see", "just want to know", "just to see", "just to know", "just to check", "just in case",
    "in case", "entitled to see", "my right to see", "a right to see", "have a look", "a look at", "browse",
    "snoop", "roving",
)
# Private, personal or party purposes: council information may not be used for them.
PRIVATE_CUES: tuple[str, ...] = (
    "my own planning application", "my own application", "my planning application", "my own property",
    "my property", "my house", "my home", "my garden", "my business", "my company", "my employer",
    "my family", "my relative", "my son", "my daughter", "my wife", "my husband", "my partner",
    "personal dispute", "my dispute", "legal action against the council", "sue the council", "tribunal claim",
    "election campaign", "campaign leaflet", "my campaign", "re-election", "election leaflet", "canvassing",
    "my party", "political party", "party group", "party political", "about me", "against me",
)
# fmt: on
_NEGATORS = frozenset({"not", "no", "never", "nothing", "without", "neither", "nor", "none"})
_NEGATION_REACH = 5  # a negator reaches this many words ahead, within its clause
_SEGMENT = re.compile(r"[.;:!?,()\n]+|\b(?:but|however|although|though|whereas|except)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
MIN_PURPOSE_WORDS = 4  # fewer meaningful words than this cannot show a need
SPECIFIC_PURPOSE_WORDS = 6  # a specific justification (for personal data) needs at least this many


_CONTRACTIONS = (("m", "am"), ("re", "are"), ("ve", "have"), ("d", "would"), ("ll", "will"))


def _words(text: str) -> list[str]:
    """Lower-case words, contractions spelt out ("n't" as "not") and possessive "'s" dropped."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"n't\b", " not", text).replace("cannot", "can not")
    text = re.sub(r"\b(?:rather than|instead of)\b", " not ", text)
    text = re.sub(r"\b(what|that|it|there|here|who|where|how|he|she)'s\b", r"\1 is", text)
    for short, full in _CONTRACTIONS:
        text = re.sub(rf"'{short}\b", f" {full}", text)
    text = re.sub(r"'s\b", "", text).replace("'", " ")
    return _WORD.findall(text)


def _phrases(cues: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Each cue as its stemmed word sequence, longest first."""
    return tuple(sorted({tuple(stem(w) for w in _words(c)) for c in cues}, key=lambda seq: (-len(seq), seq)))


_ROLE = _phrases(ROLE_CUES)
_WEAK = _phrases(WEAK_ROLE_CUES)
_CURIOUS = _phrases(CURIOSITY_CUES)
_PRIVATE = _phrases(PRIVATE_CUES)


@dataclass(frozen=True)
class PurposeReading:
    """What the purpose shows: the cues found in each class, those negated, and its length."""

    role: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    curiosity: tuple[str, ...] = ()
    private: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    words: int = 0

    @property
    def too_short(self) -> bool:
        """Too few meaningful words to show a need."""
        return self.words < MIN_PURPOSE_WORDS

    @property
    def specific(self) -> bool:
        """A specific, role-connected reason: enough to justify seeing personal data."""
        return bool(self.role) and self.words >= SPECIFIC_PURPOSE_WORDS


def _find(stems: list[str], phrases: tuple[tuple[str, ...], ...], taken: set[int]) -> list[tuple[int, int]]:
    """Where the phrases occur, as (start, length), skipping words already ``taken`` (and marking those found)."""
    found = []
    for seq in phrases:
        n = len(seq)
        for i in range(len(stems) - n + 1):
            span = set(range(i, i + n))
            if tuple(stems[i : i + n]) == seq and not span & taken:
                taken |= span
                found.append((i, n))
    return found


def _negated(words: list[str], start: int) -> bool:
    """True when a negator comes shortly before ``start`` in the same clause."""
    return any(w in _NEGATORS for w in words[max(0, start - _NEGATION_REACH) : start])


def read_purpose(purpose: str) -> PurposeReading:
    """Read a stated purpose into cues (deterministic: the same words always read the same)."""
    found: dict[str, list[str]] = {"role": [], "weak": [], "curiosity": [], "private": [], "negated": []}
    words_total = 0
    for segment in _SEGMENT.split(purpose or ""):
        words = _words(segment)
        words_total += sum(1 for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit()))
        stems = [stem(w) for w in words]
        taken: set[int] = set()
        # Private and curiosity phrases first: "my own planning application" is not a planning application.
        for kind, phrases in (("private", _PRIVATE), ("curiosity", _CURIOUS), ("weak", _WEAK), ("role", _ROLE)):
            for start, n in sorted(_find(stems, phrases, taken)):
                said = " ".join(words[start : start + n])
                target = "negated" if _negated(words, start) else kind
                if said not in found[target]:
                    found[target].append(said)
    return PurposeReading(
        role=tuple(found["role"]),
        weak=tuple(found["weak"]),
        curiosity=tuple(found["curiosity"]),
        private=tuple(found["private"]),
        negated=tuple(found["negated"]),
        words=words_total,
    )


# ---------------------------------------------------------------------------
# Reading the documents asked for
# ---------------------------------------------------------------------------

_OTHERS = (
    r"(?:the |an? |our )?(?:town |parish |deputy )?"
    r"(?:clerk|officers?|staff|employees?|rfo|councillors?|cllr|mayor|chair(?:man)?|him|her|them|mr|mrs|ms|miss|dr)\b"
)
_PEOPLE = rf"(?:{_OTHERS}|me\b)"
_VAGUE = r"(?:the )?(?:council|town|parish|everything|anything|it|this|that|things|stuff)\b"
_WIDE_ALWAYS = re.compile(r"\b(?:everything|anything|all (?:the )?info(?:rmation)? (?:you|the council) (?:have|hold|has))\b")
_WIDE_ALL = re.compile(
    r"\b(?:all|any|every(?: single)?)\s+(?:of\s+)?(?:the\s+|their\s+|his\s+|her\s+|your\s+|council\s+)?"
    r"(?:e-?mails?|correspondence|messages|texts|communications|letters|whatsapps?|documents?|files?|records?|"
    r"information|papers|paperwork|data|reports|notes)\b"
)
_BOUND_SUBJECT = re.compile(
    rf"\b(?:about|on|regarding|concerning|relating to|related to|in relation to|for|from|of)\s+(?!{_PEOPLE}|{_VAGUE})[a-z0-9]"
)
_BOUND_TIME = re.compile(
    r"\b(?:since|between|during|dated?|from)\b.*\b(?:19|20)\d\d\b|\b(?:january|february|march|april|june|july|"
    r"august|september|october|november|december|last (?:week|month|year)|this (?:week|month|year))\b|"
    r"\b(?:in|since|during|until|before|after|of) may\b|\bmay \d|\d(?:st|nd|rd|th)? may\b"
)
_ABOUT_PEOPLE = re.compile(rf"\b(?:about|regarding|concerning|relating to)\s+{_PEOPLE}")
_ABOUT_OTHERS = re.compile(rf"\b(?:about|regarding|concerning|relating to)\s+{_OTHERS}")
_PERSONAL_HINTS = re.compile(
    r"\b(?:personnel|hr|staff|employee)\s+(?:files?|records?)|salar(?:y|ies)|pay (?:details|rates)|sickness|"
    r"absence records?|disciplinary|grievance|appraisals?|home address(?:es)?|addresses|phone numbers|"
    r"contact details|email addresses|dates? of birth|medical|health records?|tenants?'? (?:details|names|list)|"
    r"bank details|complainants?|cctv|objectors?'? (?:names|details)"
)


def wide_request(documents: str) -> str | None:
    """The words that make a request look like a roving commission ("all emails", "everything"), or None.

    "All" or "any" is wide unless the documents are bounded by a subject other than a person
    (``all papers for the planning committee``) or by dates; a request about a person
    (``all emails about the clerk``) stays wide.
    """
    text = " ".join((documents or "").lower().replace("’", "'").split())
    always = _WIDE_ALWAYS.search(text)
    if always:
        return always.group(0)
    wide = _WIDE_ALL.search(text)
    if wide is None:
        return None
    rest = text[wide.end() :]
    if _ABOUT_PEOPLE.search(rest) or not (_BOUND_SUBJECT.search(rest) or _BOUND_TIME.search(rest)):
        return wide.group(0)
    return None


def personal_data_hint(documents: str) -> str | None:
    """Words in the documents asked for that suggest personal data about other people, or None."""
    text = (documents or "").lower()
    match = _PERSONAL_HINTS.search(text) or _ABOUT_OTHERS.search(text)
    if match is None:
        return None
    return match.group(0).strip()


# ---------------------------------------------------------------------------
# Finding the council's clauses
# ---------------------------------------------------------------------------


_KEEP_FROM = r"(?:confidential from|keep (?:it |this |them )?confidential|kept confidential|\bcop(?:y|ied|ies)\b)"
FINDERS: tuple[Finder, ...] = (
    Finder(
        "need_to_know",
        ("need to know", "councillor right to information documents", "access to documents and information",
         "information reasonably needed for the councillor's role", "demonstrate a need to see documents"),
        (rx(r"need to know|reasonabl[ey] (?:need|necessary)|reasonable need|relevant to their needs|"
            r"access to (?:any )?(?:council )?(?:documents?|information)|right to inspect"),),
        prefer=rx(r"need to know|demonstrat"),
    ),
    Finder(
        "presumed",
        ("committee member inspect documents of that committee", "member of a committee right to inspect documents",
         "need to know presumed committee"),
        (rx(r"committee"), rx(r"presum|right to inspect|entitled to (?:see|inspect)")),
    ),
    Finder(
        "curiosity",
        ("roving commission curiosity", "mere curiosity is not sufficient", "need to know curiosity"),
        (rx(r"curiosity|curious|roving commission|fishing"),),
        fallback="need_to_know",
    ),
    Finder(
        "personal_data",
        ("personal data data protection", "personal information about third parties",
         "breach of the Data Protection Act"),
        (rx(r"data protection|personal (?:data|information)|GDPR|information about (?:third parties|individuals)"),),
        prefer=rx(r"breach of the data protection|justify|specific terms|personal information about third part"),
    ),
    Finder(
        "constituent",
        ("information on behalf of a constituent", "constituent confidential information",
         "information requested on behalf of a third party"),
        (rx(r"constituent|on behalf of (?:a )?(?:third part|resident|member of the public)"),
         rx(r"information|documents?")),
        prefer=rx(r"on behalf of (?:a )?(?:constituent|third part)"),
    ),
    Finder(
        "foi",
        ("freedom of information", "Freedom of Information Act 2000 request", "environmental information regulations"),
        (rx(r"freedom of information|\bFOIA?\b|environmental information regulations"),),
    ),
    Finder(
        "confidential",
        ("keep confidential from other members", "request kept confidential from other councillors",
         "correspondence copied to other councillors"),
        (rx(rf"{_KEEP_FROM}[^.]{{0,80}}\b(?:other|another) (?:councillor|member)|"
            rf"\b(?:other|another) (?:councillor|member)[^.]{{0,80}}{_KEEP_FROM}"),),
        prefer=rx(r"confidential from other"),
    ),
    Finder(
        "use",
        ("information used only for the purpose", "confidential information disclose",
         "information given in confidence must not be disclosed"),
        (rx(r"only (?:be )?used|used only|purpose for which|(?:never|not) be disclosed|not disclose|"
            r"betrayal of trust"),),
        prefer=rx(r"purpose for which|used only|only (?:be )?used"),
    ),
    Finder(
        "decides",
        ("who decides need to know proper officer", "disputes about a request to see documents determined by the clerk",
         "need to know determined by the proper officer"),
        (rx(r"(?:determined|decided) by the (?:proper officer|(?:town |parish )?clerk)|"
            r"(?:proper officer|clerk) (?:will|shall|must|should) (?:decide|determine)"),
         rx(r"need to know|request|documents?")),
    ),
)
POINT_KEYS: tuple[str, ...] = tuple(f.key for f in FINDERS) + ("scope", "private_purpose")


# ---------------------------------------------------------------------------
# The advice
# ---------------------------------------------------------------------------

FOI_TEXT = (
    "Anyone, councillors included, can ask the council for recorded information under the Freedom of "
    "Information Act 2000 (or the Environmental Information Regulations 2004 for environmental information)."
)


@dataclass
class _Draft:
    """An assessment being put together."""

    verdict: Verdict
    summary: str
    points: list[Point] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)


class NeedToKnowAdvisor:
    """Advises on councillors' information requests, citing one council's protocol.

    The clauses for each point are found once, when the advisor is made; :meth:`assess`
    is then quick and does no searching.
    """

    def __init__(self, pack: ProtocolPack, index: ClauseIndex | None = None) -> None:
        self.pack = pack
        self.index = index or ClauseIndex(pack)
        self._clauses: dict[str, str | None] = find_clauses(self.index, FINDERS)
        self._clauses["scope"] = self._clauses["curiosity"]
        self._clauses["private_purpose"] = self._clauses["use"]

    def clause_for(self, key: str) -> str | None:
        """The id of the clause cited for a point (``need_to_know``, ``foi`` …), or None if the protocol has none."""
        return self._clauses.get(key)

    def assess(self, facts: RequestFacts) -> Assessment:
        """Advise on one request: the verdict, a summary for the officer, and the points with citations."""
        reading = read_purpose(facts.purpose)
        wide = wide_request(facts.documents)
        draft = self._verdict(facts, reading, wide)
        if wide and draft.verdict is not Verdict.PRESUMED and not any(p.key == "scope" for p in draft.points):
            draft.points.append(self._scope_point(wide))
        self._add_common_points(draft, facts, reading)
        return Assessment(draft.verdict, draft.summary, tuple(draft.points), tuple(draft.cues))

    def _point(self, key: str, text: str) -> Point:
        return Point(key, text, self.clause_for(key))

    # -- the verdict ---------------------------------------------------------

    def _verdict(self, facts: RequestFacts, reading: PurposeReading, wide: str | None) -> _Draft:
        """Decide the verdict and its leading points, in order of precedence."""
        cues = _cue_list(reading, wide, facts)
        if reading.private:
            return self._private(reading, cues)
        if facts.on_committee and facts.committee and not wide:
            return self._presumed(facts, reading, cues)
        role = bool(reading.role) or (facts.constituent and bool(reading.weak))
        if reading.curiosity and not role:
            return self._curious(reading, cues)
        if wide:
            return self._wide(wide, bool(role), cues)
        if reading.too_short or not role:
            return self._unclear(reading, cues)
        if facts.personal_data and not reading.specific:
            return self._unjustified_personal_data(cues)
        return self._shown(reading, cues)

    def _private(self, reading: PurposeReading, cues: list[str]) -> _Draft:
        said = _quote(reading.private)
        draft = _Draft(
            Verdict.NO_NEED,
            f"The purpose ({said}) is a private, personal or party one rather than the councillor's role, so no need "
            "to know is shown. The officer may decline and point the councillor to a Freedom of Information request.",
            cues=cues,
        )
        draft.points.append(self._point(
            "private_purpose",
            f"The purpose reads as a private, personal or party-political one ({said}). Council information may be "
            "used only for the councillor's duties as a member of the council, not for their own affairs, a party or "
            "a campaign. Information about the councillor personally can be asked for as anyone can, for example by "
            "a subject access request under data protection law.",
        ))
        return draft

    def _presumed(self, facts: RequestFacts, reading: PurposeReading, cues: list[str]) -> _Draft:
        committee = _committee_label(facts)
        if facts.personal_data and not reading.specific:
            draft = self._unjustified_personal_data(cues)
            draft.summary = (
                f"The councillor sits on {committee}, so a need to know its papers is presumed, but that does not "
                "extend to personal data about other people without a specific reason. The officer should ask "
                "what the personal details are needed for, and check data protection, before deciding."
            )
            draft.points.insert(0, self._presumed_point(committee))
            return draft
        check = " after a data protection check of the personal details they contain" if facts.personal_data else ""
        draft = _Draft(
            Verdict.PRESUMED,
            f"The councillor sits on {committee} and is asking for its papers, so a need to know is presumed: "
            f"the officer should normally provide them{check}.",
            cues=cues,
        )
        draft.points.append(self._presumed_point(committee))
        return draft

    def _presumed_point(self, committee: str) -> Point:
        return self._point(
            "presumed",
            f"A member of a committee is normally presumed to need that committee's papers, so as a member of "
            f"{committee} the councillor does not have to give a further reason for them.",
        )

    def _curious(self, reading: PurposeReading, cues: list[str]) -> _Draft:
        said = _quote(reading.curiosity)
        draft = _Draft(
            Verdict.NO_NEED,
            f"The purpose ({said}) reads as curiosity rather than a need connected with the councillor's role, and "
            "curiosity is not a need to know. The officer may decline, pointing the councillor to a Freedom of "
            "Information request, unless they can explain a need.",
            cues=cues,
        )
        draft.points.append(self._point(
            "curiosity",
            f"Curiosity, or a wish to see everything (a \"roving commission\"), is not a need to know. The purpose "
            f"given ({said}) does not say what the councillor needs the information for in their role.",
        ))
        return draft

    def _scope_point(self, wide: str) -> Point:
        return self._point(
            "scope",
            f"The request is very wide (\"{wide}\"). A need to know covers what the councillor's role needs, not a "
            "\"roving commission\" through the council's records: ask them to narrow it to the matter, the dates "
            "and the documents they need.",
        )

    def _wide(self, wide: str, role: bool, cues: list[str]) -> _Draft:
        scope = self._scope_point(wide)
        if role:
            draft = _Draft(
                Verdict.NEED_UNCLEAR,
                f"The purpose is connected with the councillor's role, but the request (\"{wide}\") is wider than that "
                "purpose needs. The officer should ask the councillor to narrow it before deciding.",
                [scope],
                cues,
            )
        else:
            draft = _Draft(
                Verdict.NO_NEED,
                f"The request (\"{wide}\") is a roving commission with no purpose connected with the councillor's role, "
                "which is not a need to know. The officer may decline, pointing the councillor to a Freedom of "
                "Information request, or ask them to narrow it and explain their need.",
                [scope],
                cues,
            )
        return draft

    def _unclear(self, reading: PurposeReading, cues: list[str]) -> _Draft:
        why = "is too brief to show" if reading.too_short else "does not yet show"
        draft = _Draft(
            Verdict.NEED_UNCLEAR,
            f"The purpose {why} why the councillor needs this for their role. The officer should ask them to "
            "explain what it is for before deciding.",
            cues=cues,
        )
        draft.points.append(self._point(
            "need_to_know",
            "A councillor may see council documents and information so far as they reasonably need them to carry "
            "out their role (the \"need to know\" principle). The purpose given does not yet show that need: ask "
            "what the information is for, for example a meeting or decision, scrutiny, the budget, ward casework "
            "or an outside body they sit on for the council.",
        ))
        return draft

    def _unjustified_personal_data(self, cues: list[str]) -> _Draft:
        return _Draft(
            Verdict.NEED_UNCLEAR,
            "The request includes personal data about other people, and the purpose does not give a specific reason "
            "for needing it. The officer should ask for one, and check data protection, before deciding.",
            cues=cues,
        )

    def _shown(self, reading: PurposeReading, cues: list[str]) -> _Draft:
        said = _quote(reading.role)
        draft = _Draft(
            Verdict.NEED_SHOWN,
            f"The purpose connects the request with the councillor's role ({said}), so a need to know appears to be "
            "shown. The officer should check that the documents asked for are what that purpose needs.",
            cues=cues,
        )
        draft.points.append(self._point(
            "need_to_know",
            "A councillor may see council documents and information so far as they reasonably need them to carry "
            f"out their role (the \"need to know\" principle). The purpose given connects this request with that "
            f"role ({said}).",
        ))
        return draft

    # -- the points every assessment may carry ---------------------------------

    def _add_common_points(self, draft: _Draft, facts: RequestFacts, reading: PurposeReading) -> None:
        """Personal data, constituents, confidentiality, use, the FOI route and who decides."""
        points = draft.points
        hint = None if facts.personal_data else personal_data_hint(facts.documents)
        if facts.personal_data or hint:
            points.append(self._personal_data_point(facts, reading, hint))
            if hint:
                draft.cues.append(f"personal data?: {hint}")
        if facts.constituent:
            points.append(self._point(
                "constituent",
                "As this is for a constituent, the answer can only include what may lawfully be given to that "
                "constituent, such as information that is already public or that data protection law allows them "
                "to have. The councillor may not pass on confidential information they receive.",
            ))
        if facts.confidential:
            points.append(self._point(
                "confidential",
                "The councillor has asked for this request to be kept confidential: the request and the answer are "
                "shown only to the councillor, the officer handling it and the Clerk, not to other councillors.",
            ))
        private = any(p.key == "private_purpose" for p in points)
        if (facts.confidential or facts.personal_data or facts.constituent or hint) and not private:
            points.append(self._point(
                "use",
                "Information given to a councillor may be used only for the purpose for which it was asked, in "
                "their role as a councillor, and anything given in confidence must itself be kept confidential.",
            ))
        points.append(self._foi_point(draft.verdict))
        points.append(self._point(
            "decides",
            "This is advice, not a decision: the Proper Officer (the Clerk), or the officer the Clerk has delegated "
            "this to, decides whether to provide the information, and may ask the councillor for more detail first.",
        ))

    def _personal_data_point(self, facts: RequestFacts, reading: PurposeReading, hint: str | None) -> Point:
        if hint:
            lead = (f"The documents asked for may hold personal data about other people (\"{hint}\"). If they do, "
                    "seeing it needs")
        else:
            lead = "The request includes personal data about other people. Seeing it needs"
        tail = "" if reading.specific else " The purpose does not yet give that specific reason."
        return self._point(
            "personal_data",
            f"{lead} a specific reason why the councillor needs those details for their role, and a data protection "
            "check (UK GDPR and the Data Protection Act 2018) before anything is shared: share only what is "
            f"needed, or remove the personal details.{tail}",
        )

    def _foi_point(self, verdict: Verdict) -> Point:
        if verdict in (Verdict.PRESUMED, Verdict.NEED_SHOWN):
            tail = " That route is open whatever the outcome here."
        else:
            tail = " It is the route to suggest if no need to know is shown."
        return self._point("foi", FOI_TEXT + tail)


def _cue_list(reading: PurposeReading, wide: str | None, facts: RequestFacts) -> list[str]:
    """What in the request bears on the verdict, for the record."""
    cues = [f"role: {c}" for c in reading.role]
    cues += [f"role (general): {c}" for c in reading.weak]
    cues += [f"curiosity: {c}" for c in reading.curiosity]
    cues += [f"private: {c}" for c in reading.private]
    cues += [f"negated: {c}" for c in reading.negated]
    if wide:
        cues.append(f"wide: {wide}")
    if facts.on_committee and facts.committee:
        cues.append(f"committee member: {facts.committee}")
    if facts.constituent:
        cues.append("for a constituent")
    return cues


def _quote(cues: tuple[str, ...], limit: int = 3) -> str:
    """Cue words as a short quoted list: "ward", "budget"."""
    return ", ".join(f"\"{c}\"" for c in cues[:limit])


def _committee_label(facts: RequestFacts) -> str:
    """How to name the committee in a sentence."""
    name = (facts.committee_name or facts.committee or "").strip()
    if not name:
        return "that committee"
    if "committee" not in name.lower() and not facts.committee_name:
        name = f"{name} committee"
    return name if name.lower().startswith("the ") else f"the {name}"
