"""How the conduct detector decides: cues of criticism attached to the people they are about.

For one message: read it as tokens (:mod:`protocol.chat_text`), mark who it refers
to (:mod:`protocol.officer_mentions`), find the criticism cues
(:mod:`protocol.conduct_lexicon`), and attach each cue to its target the way the
cue reads ("X is useless": the subject; "sack X": the object). Cues attached to an
officer, or to staff collectively, add up; intensifiers ("again", "as usual") and
shouting add a little; a message that defends staff, quotes the protocol or
reports what others say is left alone. Above the council's threshold it is flagged.
Where the rules do not flag a message that names an officer, the learned model
(:mod:`protocol.conduct_model`) reads it as well; it alone decides a message that
names the officer only by a name a councillor shares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from protocol.chat_text import ChatText, Token, read
from protocol.conduct import DetectorSettings, Finding, Kind, RosterEntry, Sensitivity
from protocol.conduct_lexicon import (
    ANY,
    ASKED,
    CLEAR,
    CONDUCT,
    COPULAS,
    DETERMINERS,
    FILLERS,
    INTENSIFIERS,
    MISSPELT,
    NEGATIONS,
    OBJ,
    PRAISE,
    PRED,
    STING,
    SUPPRESSORS,
    THINGS,
    VERB,
    Cue,
    cue_table,
)
from protocol.conduct_model import features, shipped_model, stem
from protocol.officer_mentions import Mention, MentionTable, Party, Person, _deletions

_WORD = re.compile(r"[a-z0-9]+")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]{4,}")
THRESHOLDS = {Sensitivity.LOW: 1.35, Sensitivity.NORMAL: 0.95, Sensitivity.HIGH: 0.55}
# How the learned model's probability threshold moves with the council's sensitivity.
MODEL_SHIFT = {Sensitivity.LOW: 0.1, Sensitivity.NORMAL: 0.0, Sensitivity.HIGH: -0.25}
INTENSIFIER_BONUS = 0.3
MAX_INTENSIFIER_BONUS = 0.6
HEAT_BONUS = 0.2  # shouting, "!!", eye-roll emoji
SCAN = 6  # how far (in words) a cue looks for the person it is about
GAP = 6  # at most this many words in the gap of a cue such as "left ... unlocked"
_TARGETS = (Party.OFFICER, Party.STAFF)


@dataclass(slots=True)
class _Hit:
    cue: Cue
    first: int
    last: int
    target: Mention


@dataclass(slots=True)
class Reading:
    """A message as the detector read it: who it names, which cues attached to whom, and the rules' score."""

    chat: ChatText
    mentions: list[Mention]
    targets: list[Mention]
    hits: list[_Hit]
    suppressed: bool
    score: float
    elsewhere: tuple[str, ...] = ()  # kinds of cue aimed at someone else (the contractor, a councillor)
    ignored: frozenset[str] = frozenset()  # the council's ignore_words: the model does not count them either
    shared: bool = False  # the officer is named only by a name a councillor shares: the rules leave it to the model
    tone: tuple[str, ...] = ()  # "praise", "sting": words of praise, and of a bad outcome that can make it sarcasm

    def features(self) -> list[str]:
        """The learned model's features for this message."""
        found = features(self.chat, self.mentions, [h.cue.kind for h in self.hits], self.score, self.suppressed,
                         self.elsewhere, self.shared, self.tone)
        if not self.ignored:
            return found
        stems = {stem(w) for w in self.ignored}  # and not as "o:stem" / "e:stem" either
        return [f for f in found if self.ignored.isdisjoint(f.split()) and not (f[1:2] == ":" and f[2:] in stems)]


class Engine:
    """The detector for one roster and one council's settings (built once, used for every message)."""

    def __init__(self, roster: Sequence[RosterEntry], settings: DetectorSettings, use_model: bool = True) -> None:
        self.threshold = THRESHOLDS[Sensitivity(settings.sensitivity)]
        self._model = shipped_model() if use_model else None
        self._ignored = frozenset(w for phrase in settings.ignore_words for w in _words_of(phrase))
        if self._model is not None:
            shift = MODEL_SHIFT[Sensitivity(settings.sensitivity)]
            self._model_threshold = min(0.99, max(0.5, self._model.threshold + shift))
        self._cues: dict[tuple[str, ...], Cue] = {}
        self._gaps: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], Cue]]] = {}
        for phrase, kind, mode, weight in cue_table(settings.extra_words, settings.ignore_words):
            if "..." in phrase:
                before, _, after = phrase.partition("...")
                head, tail = _words_of(before), _words_of(after)
                if head and tail:
                    cue = Cue(head + ("...",) + tail, kind, mode, weight)
                    self._gaps.setdefault(head[0], []).append((head, tail, cue))
                continue
            words = _words_of(phrase)
            if words:
                self._cues[words] = Cue(words, kind, mode, weight)
        self._cue_sizes: dict[str, tuple[int, ...]] = {}
        for key in self._cues:
            self._cue_sizes[key[0]] = tuple(sorted({*self._cue_sizes.get(key[0], ()), len(key)}, reverse=True))
        self._suppress = _by_first({_words_of(p): True for p in SUPPRESSORS})
        self._praise = _by_first({_words_of(p): True for p in PRAISE})
        self._sting = _by_first({_words_of(p): True for p in STING})
        known = frozenset(w for key in self._cues for w in key) | THINGS | FILLERS | DETERMINERS
        people = [Person(p.name, p.is_officer, p.title, p.role, tuple(p.aliases), tuple(p.platform_ids))
                  for p in roster]
        self._mentions = MentionTable(people, known, settings.home)
        # Misspelt cue words ("incompetant", "usless"): one letter off a long single-word cue.
        self._near: dict[str, set[str]] = {}
        for key in self._cues:
            if len(key) == 1 and key[0] in MISSPELT and len(key[0]) >= 4:
                for d in _deletions(key[0]) | {key[0]}:
                    self._near.setdefault(d, set()).add(key[0])
        self._known = known | self._mentions.known
        self._misspelt_shapes = {(w[0], len(w) + d) for w in MISSPELT for d in (-1, 0, 1)}

    # ------------------------------------------------------------------ deciding

    def check(self, text: str, author: str | None) -> Finding:
        """Decide one public message."""
        if text.isascii() and "<@" not in text:  # most messages name no officer: say so quickly
            words = _WORD.findall(text.lower())
            capitalised = words if text.islower() or not any(c.isupper() for c in text) else [
                w.lower() for w in _CAPITALISED.findall(text)]
            if not self._mentions.may_mention_staff(words, capitalised):
                return Finding(False, "no officer or staff mentioned")
        seen = self.read(text, author)
        if seen is None:
            return Finding(False, "no officer or staff mentioned")
        rule = self._verdict(seen.chat, seen.hits) if seen.hits and not seen.suppressed and not seen.shared else None
        if rule is not None and rule.flag:
            return rule
        model = self._model
        if model is not None and not seen.suppressed:
            feats = seen.features()
            if model.probability(feats) >= self._model_threshold:
                return self.learned_verdict(seen, model.reasons(feats))
        if rule is not None:
            return rule
        if seen.suppressed and seen.hits:
            return Finding(False, "reads as defending staff, reporting what others say, or about the protocol")
        return Finding(False, "no criticism aimed at an officer")

    def read(self, text: str, author: str | None) -> Reading | None:
        """What the detector makes of a message that names an officer or staff (None if it names none)."""
        chat = read(text)
        toks = chat.tokens
        if not toks:
            return None
        mentions = self._mentions.mentions(chat, author)
        targets = [m for m in mentions if m.party in _TARGETS and not (author and m.name == author)]
        if not targets:
            return None
        at = _index(mentions, len(toks))
        attached = self._attach(chat, at, mentions, self._cue_hits(toks))
        hits = [h for h in attached if h.target.party in _TARGETS]
        elsewhere = tuple(h.cue.kind for h in attached if h.target.party not in _TARGETS)
        praise, sting = self._find(self._praise, toks), self._find(self._sting, toks)
        hits += self._sarcasm(chat, mentions, hits, praise, sting is not None)
        if author:
            hits = [h for h in hits if h.target.name != author]  # criticising oneself is not the point
        suppressed = self._find(self._suppress, toks) is not None
        score = self._verdict(chat, hits).score if hits else 0.0
        named = [m for m in targets if m.via not in ("pronoun", "addressed")]
        shared = bool(named) and all(m.via == "shared name" for m in named)
        tone = tuple(name for name, span in (("praise", praise), ("sting", sting)) if span is not None)
        return Reading(chat, mentions, targets, hits, suppressed, score, elsewhere, self._ignored, shared, tone)

    def learned_verdict(self, seen: Reading, reasons: list[str]) -> Finding:
        """A flag the model made: about the officer the rules found, or the one the message is about."""
        toks = seen.chat.tokens
        if seen.hits:
            top = max(seen.hits, key=lambda h: h.cue.weight)
            target, kind = top.target, Kind(top.cue.kind)
        else:
            named = [m for m in seen.targets if m.party is Party.OFFICER]
            target, kind = (named or seen.targets)[0], Kind.CONDUCT
        sentence = toks[target.first].sentence
        words = [t for t in toks if t.sentence == sentence]
        span = (words[0].start, words[-1].end)
        who = target.name or "council staff"
        because = (": " + ", ".join(f'"{r}"' for r in reasons)) if reasons else ""
        return Finding(True, f"{kind.label} of {who} in public, in wording like the labelled examples{because} "
                             f"({target.via})", target.name, target.party is Party.STAFF, kind,
                       seen.chat.original[span[0]:span[1]], span, round(seen.score, 2),
                       tuple(" ".join(h.cue.words) for h in seen.hits))

    def _verdict(self, chat: ChatText, hits: list[_Hit]) -> Finding:
        toks = chat.tokens
        by_target: dict[tuple[Party, str | None], list[_Hit]] = {}
        for h in hits:
            by_target.setdefault((h.target.party, h.target.name), []).append(h)
        best_score, best = 0.0, hits[:1]
        for group in by_target.values():
            score = sum(h.cue.weight for h in group)
            bonus = 0.0
            for h in group:
                sentence = toks[h.first].sentence
                bonus += sum(INTENSIFIER_BONUS for k, t in enumerate(toks) if t.sentence == sentence
                             and t.word in INTENSIFIERS and not h.first <= k <= h.last)
                if any(toks[k].shout for k in range(h.first, h.last + 1)):
                    bonus += HEAT_BONUS
            score += min(bonus, MAX_INTENSIFIER_BONUS) + (HEAT_BONUS if chat.emphasis else 0.0)
            if score > best_score:
                best_score, best = score, group
        top = max(best, key=lambda h: h.cue.weight)
        target = top.target
        first = min(top.first, target.first) if toks[top.first].sentence == toks[target.first].sentence else top.first
        last = max(top.last, target.last) if toks[top.last].sentence == toks[target.last].sentence else top.last
        span = (toks[first].start, toks[last].end)
        evidence = chat.original[span[0]:span[1]]
        who = target.name or "council staff"
        cue_words = tuple(" ".join(h.cue.words) for h in best)
        flag = best_score >= self.threshold
        kind = Kind(top.cue.kind)
        reason = (f"{kind.label} of {who} in public: \"{' '.join(top.cue.words)}\" ({target.via})"
                  if flag else f"mild wording about {who} (\"{' '.join(top.cue.words)}\"), below this council's "
                               f"threshold")
        return Finding(flag, reason, target.name if flag else None, flag and target.party is Party.STAFF,
                       kind if flag else None, evidence if flag else "", span if flag else None,
                       round(best_score, 2), cue_words)

    # ------------------------------------------------------------------ cues

    def _cue_hits(self, toks: tuple[Token, ...]) -> list[tuple[Cue, int, int]]:
        out: list[tuple[Cue, int, int]] = []
        words = [t.word for t in toks]
        cues, sizes, gaps = self._cues, self._cue_sizes, self._gaps
        i, n = 0, len(words)
        while i < n:
            word = words[i]
            match = None
            for size in sizes.get(word, ()):
                if i + size <= n:
                    cue = cues.get(tuple(words[i:i + size]))
                    if cue is not None:
                        match = (cue, i, i + size - 1)
                        break
            if match is None and word in gaps:
                match = self._gapped(toks, i)
            if match is None and (word[0], len(word)) in self._misspelt_shapes and word not in self._known:
                near = self._near_cue(word)
                if near is not None:
                    match = (cues[(near,)], i, i)
            if match is not None:
                out.append(match)
                i = i + 1 if "..." in match[0].words else match[2] + 1
            else:
                i += 1
        return out

    def _gapped(self, toks: tuple[Token, ...], i: int) -> tuple[Cue, int, int] | None:
        """A cue with a gap: "left ... unlocked" (the gap at most a few words, in one sentence)."""
        for head, tail, cue in self._gaps.get(toks[i].word, ()):
            n = len(toks)
            if i + len(head) > n or any(toks[i + k].word != head[k] for k in range(1, len(head))):
                continue
            sentence = toks[i].sentence
            start = i + len(head)
            for j in range(start, min(start + GAP + 1, n)):
                if toks[j].sentence != sentence:
                    break
                end = j + len(tail)
                if end <= n and all(toks[j + k].word == tail[k] for k in range(len(tail))):
                    return cue, i, end - 1
        return None

    def _near_cue(self, word: str) -> str | None:
        hits = set(self._near.get(word, ()))
        for d in _deletions(word):
            hits |= self._near.get(d, set())
        hits = {h for h in hits if _one_edit(word, h)}
        return next(iter(hits)) if len(hits) == 1 else None

    def _attach(self, chat: ChatText, at: list[Mention | None], mentions: list[Mention],
                cues: list[tuple[Cue, int, int]]) -> list[_Hit]:
        toks = chat.tokens
        hits = []
        for cue, first, last in cues:
            if cue.words[0] not in NEGATIONS and _negated(toks, first):
                continue
            target = None
            if cue.mode == VERB:
                target = _subject(toks, at, first, mentions)
            elif cue.mode == PRED:
                target = _predicate_subject(toks, at, first, last, mentions)
            elif cue.mode == OBJ:
                target = _object(toks, at, last)
            elif cue.mode == ANY or (cue.mode == ASKED and toks[first].sentence in chat.questions):
                target = _in_sentence(toks, mentions, first)
            if target is None and cue.mode in (PRED, VERB):
                target = _loose(toks, mentions, first, cue.mode)
            if (target is None or target.party not in _TARGETS) and _SECOND_PERSON.intersection(cue.words):
                target = next((m for m in mentions if m.via == "addressed"), target)  # "not your call", to X
            if target is not None and last + 1 < len(toks) and toks[last + 1].word == "by" \
                    and toks[last + 1].sentence == toks[last].sentence:
                target = at_or_after(at, last + 2, toks)  # "botched by the county contractor": the agent
            if target is not None:
                hits.append(_Hit(cue, first, last, target))
        return hits

    @staticmethod
    def _sarcasm(chat: ChatText, mentions: list[Mention], hits: list[_Hit], praise: tuple[int, int] | None,
                 sting: bool) -> list[_Hit]:
        """Praise (at ``praise``) with a sting: "Well done Nadia, another deadline missed. Brilliant." """
        toks = chat.tokens
        if praise is None or hits or not sting:
            return []
        targets = {(m.party, m.name) for m in mentions if m.party in _TARGETS}
        others = [m for m in mentions if m.party not in _TARGETS and toks[m.first].word not in _FIRST_PERSON]
        if len(targets) != 1 or others:
            return []
        officer = next(m for m in mentions if m.party in _TARGETS)
        first, last = praise
        return [_Hit(Cue(tuple(t.word for t in toks[first:last + 1]), CONDUCT, ANY, CLEAR), first, last, officer)]

    @staticmethod
    def _find(table: dict[str, list[tuple[str, ...]]], toks: tuple[Token, ...]) -> tuple[int, int] | None:
        n = len(toks)
        for i, tok in enumerate(toks):
            for key in table.get(tok.word, ()):
                end = i + len(key)
                if end <= n and all(toks[i + k].word == key[k] for k in range(1, len(key))):
                    return i, end - 1
        return None


def _words_of(phrase: str) -> tuple[str, ...]:
    return tuple(t.word for t in read(phrase).tokens)


def _one_edit(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ by one letter added, dropped, changed, or two swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    k = 0
    while k < len(short) and short[k] == long_[k]:
        k += 1
    return short[k:] == long_[k + 1:]


def _by_first(table: dict[tuple[str, ...], object]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(table, key=len, reverse=True):
        if key:
            out.setdefault(key[0], []).append(key)
    return out


def at_or_after(at: list[Mention | None], start: int, toks: tuple[Token, ...]) -> Mention | None:
    """The mention within the next few words (the agent of "… by the contractor"), or None."""
    for k in range(start, min(start + 4, len(toks))):
        if at[k] is not None:
            return at[k]
    return None


def _index(mentions: list[Mention], n: int) -> list[Mention | None]:
    """For each token, the mention ending there (a name is "at" its last word)."""
    at: list[Mention | None] = [None] * n
    for m in mentions:
        at[m.last] = m
    return at


def _covered(mentions: list[Mention], i: int) -> bool:
    return any(m.first <= i <= m.last for m in mentions)


def _negated(toks: tuple[Token, ...], first: int) -> bool:
    """'not rude', 'never been unhelpful', 'hasn't been rude': a negation just before the cue."""
    sentence = toks[first].sentence
    for k in range(first - 1, max(first - 4, -1), -1):
        if toks[k].sentence != sentence:
            return False
        if toks[k].word in NEGATIONS:
            return True
    return False


def _subject(toks: tuple[Token, ...], at: list[Mention | None], first: int, mentions: list[Mention]) -> Mention | None:
    """The one who did it: the name just before the verb, past auxiliaries and adverbs."""
    sentence = toks[first].sentence
    k = first - 1
    while k >= 0 and first - k <= SCAN and toks[k].sentence == sentence:
        if at[k] is not None:
            return at[k]
        if _covered(mentions, k):
            return None
        word = toks[k].word
        if word not in FILLERS or word in DETERMINERS and word not in ("a", "an"):
            return None
        k -= 1
    if k < 0 or toks[k].sentence != sentence:
        return _previous_sentence(toks, mentions, first)  # "Late again." after a sentence about X
    return None


def _predicate_subject(toks: tuple[Token, ...], at: list[Mention | None], first: int, last: int,
                       mentions: list[Mention]) -> Mention | None:
    """Who a description is of: "X is useless", "X's report was a shambles", "useless X", "Useless, X"."""
    sentence = toks[first].sentence
    # "useless clerk", "lazy Rob": the name right after
    nxt = last + 1
    if nxt < len(toks) and toks[nxt].sentence == sentence:
        for m in mentions:
            if m.first == nxt and m.via not in ("pronoun", "addressed"):
                return m
    k = first - 1
    copula = False
    while k >= 0 and first - k <= SCAN and toks[k].sentence == sentence:
        word = toks[k].word
        if at[k] is not None and not copula and word not in ("i", "me", "we", "us"):
            # "X, useless as ever" has no copula: only a name straight before a bare description counts
            return at[k] if first - k == 1 and at[k].via != "pronoun" else None
        if word in COPULAS:
            copula = True
            k -= 1
            break
        if word not in FILLERS:
            return None
        k -= 1
    else:
        if k < 0 or toks[k].sentence != sentence:
            return _previous_sentence(toks, mentions, first)  # "Pathetic." after a sentence about X
        return None
    if not copula:
        return None
    # The subject before the copula: the name itself, or a possessive name ("Owen's behaviour at the forum").
    passed_words = False
    while k >= 0 and toks[k].sentence == sentence and first - k <= SCAN + 6:
        m = at[k]
        if m is not None and not m.possessive and _in_phrase(toks, m.first):
            k = m.first - 1  # "your question to the clerk was …": the clerk is not the subject
            passed_words = True
            continue
        if m is not None:
            if m.possessive or not passed_words:
                return m
            return None
        if _covered(mentions, k):
            return None
        word = toks[k].word
        if word in _PREPOSITIONS:
            passed_words = False  # "the staff at this council are …": the phrase after "at" is not the subject
        elif word not in FILLERS:
            passed_words = True  # past a noun: only a possessive name before it can be the subject
        k -= 1
    return None


def _object(toks: tuple[Token, ...], at: list[Mention | None], last: int) -> Mention | None:
    """Who is named just after: "sack X", "no faith left in our clerk"."""
    sentence = toks[last].sentence
    for k in range(last + 1, min(last + 4, len(toks))):
        if toks[k].sentence != sentence:
            return None
        if at[k] is not None:
            return at[k]
        word = toks[k].word
        if word not in DETERMINERS and word not in ("left", "at", "all", "in", "with", "of", "about"):
            # a multi-word name ("the estates manager") is "at" its last word: keep looking through it
            if not any(at[j] is not None for j in range(k, min(k + 3, len(toks)))):
                return None
    return None


def _in_sentence(toks: tuple[Token, ...], mentions: list[Mention], first: int) -> Mention | None:
    """The one officer (or staff) the sentence is about, when no one else but the writer is named in it."""
    sentence = toks[first].sentence
    here = [m for m in mentions if toks[m.first].sentence == sentence]
    if not here:
        return _previous_sentence(toks, mentions, first)
    people = [m for m in here if m.party in _TARGETS]
    others = [m for m in here if m.party not in _TARGETS and toks[m.first].word not in _FIRST_PERSON]
    if people and not others and len({(m.party, m.name) for m in people}) == 1:
        return people[0]
    return None


_PREPOSITIONS = frozenset("at|in|from|on|for|with|about|over|behind|inside|across".split("|"))
_PP_HEADS = frozenset("to|from|with|by|for|about|of|at".split("|"))
_SECOND_PERSON = frozenset({"you", "your"})
_FIRST_PERSON = frozenset("i|me|we|us|my|our|myself|ourselves".split("|"))


def _in_phrase(toks: tuple[Token, ...], first: int) -> bool:
    """True if the name at ``first`` follows a preposition ("to the clerk", "from our RFO")."""
    k = first - 1
    while k >= 0 and toks[k].word in DETERMINERS:
        k -= 1
    return k >= 0 and toks[k].sentence == toks[first].sentence and toks[k].word in _PP_HEADS


def _loose(toks: tuple[Token, ...], mentions: list[Mention], first: int, mode: str) -> Mention | None:
    """When the wording does not say who a cue is about: the one officer the sentence (or, for a fragment,
    the sentence before) is about, unless something else is plainly its subject ("the phone line is awful")."""
    sentence = toks[first].sentence
    k = first - 1
    while k >= 0 and toks[k].sentence == sentence and (toks[k].word in FILLERS or toks[k].word in COPULAS):
        k -= 1
    if k >= 0 and toks[k].sentence == sentence and toks[k].word in THINGS:
        return None
    here = [m for m in mentions if toks[m.first].sentence == sentence and toks[m.first].word not in _FIRST_PERSON]
    if not here:
        earlier = [m for m in mentions if m.last < first and toks[m.first].word not in _FIRST_PERSON]
        if not earlier or not (k < 0 or toks[k].sentence != sentence):
            return None  # the sentence has a subject of its own that is nobody we know
        last_sentence = toks[earlier[-1].first].sentence
        here = [m for m in earlier if toks[m.first].sentence == last_sentence]
        subject = here[0]
        starts = subject.first == 0 or toks[subject.first - 1].sentence != last_sentence
        if subject.party in _TARGETS and (starts or len({(m.party, m.name) for m in here}) == 1):
            return subject  # "Nadia sent the wrong papers to the printer. Again." is about Nadia
        return None
    before = [m for m in here if m.last < first]
    nearest = before[-1] if before else here[0]
    return nearest if nearest.party in _TARGETS else None


def _previous_sentence(toks: tuple[Token, ...], mentions: list[Mention], first: int) -> Mention | None:
    """For a fragment ("Careless.", "Late again."): the last person named before it, if an officer."""
    before = [m for m in mentions if m.last < first]
    if not before:
        return None
    last = before[-1]
    return last if last.party in _TARGETS else None
