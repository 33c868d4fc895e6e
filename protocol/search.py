"""Clause search: ids, topic words and plain-English questions.

Ranking is BM25F over two fields (the clause's text and its heading path), on
stemmed words with the protocol vocabulary's synonyms folded together, plus:

- a topic bonus: when the query is about a topic (``press``, ``need-to-know`` …),
  clauses whose heading names that topic, or whose text states its rule, rise;
- a bigram bonus for the query's word pairs found together in the clause;
- priors that favour clauses stating a rule (``must``, ``should`` …) over headings,
  introductions and background.

Built once per pack; a query touches only the clauses that share a term with it.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from protocol.model import Clause, ProtocolPack
from protocol.vocabulary import ROLE_TERMS, TOPICS, Topic, phrase_terms, rewrite, terms

K1 = 1.2
B = 0.6
W_TEXT = 1.0
W_HEAD = 2.0
TOPIC_HEAD = 2.2
TOPIC_TEXT = 1.4
BIGRAM = 0.6
SECTION_WEIGHT = 1.5
NORMATIVE = 0.15
WHO_ROUTE = 1.2  # "who do I tell?" wants the clause that names the person or route
SHORT_QUERY_POSITION = 0.12  # a short query names a section: its first clauses state the rule
MIN_SCORE = 0.6
_PHRASE_MAX = 5

_ID_QUERY = re.compile(
    r"^(?:clause|section|para(?:graph)?|§|no\.?|number)?\s*([A-Za-z]{0,2}\d{1,3}(?:\.\d{1,3}){0,5}(?:-\d{1,2})?)\.?$",
    re.I,
)
_NORMATIVE = re.compile(
    r"\b(?:must|should|shall|will not|may not|cannot|are expected|is expected|have a right|has a right|"
    r"are entitled|is entitled|is not|are not|never|only)\b",
    re.I,
)
_WHO_QUESTION = re.compile(r"^\s*who\b|\bwho (?:do|does|should|can|decides|looks|deals|handles)\b", re.I)
_ROUTE = re.compile(
    r"\b(?:rais(?:e|ed|es|ing)\b[^.]{0,40}?\bwith|refer(?:red)? (?:it |the matter )?to|determined by|"
    r"decided by|decides|report(?:ed)? to|take up the (?:concern|matter) with|seek (?:the )?(?:advice|guidance)|"
    r"direct(?:ed)? to|matter for|dealt with by)\b",
    re.I,
)
_PREAMBLE_HEADINGS = re.compile(
    r"\b(?:introduction|background|preamble|purpose|contents|scope|definitions?|foreword|summary)\b", re.I
)


@dataclass(frozen=True)
class Hit:
    """A clause found for a query, with its score and why it matched."""

    clause: Clause
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class LookupResult:
    """The answer to a query.

    ``kind`` is ``"id"`` (the query was a clause id of this pack), ``"unknown_id"``
    (it looked like a clause id the pack does not have; ``suggestions`` holds the
    nearest ids), ``"search"`` (ranked hits, best first) or ``"none"`` (nothing
    matched; ``suggestions`` holds topics to try).
    """

    query: str
    kind: str
    hits: tuple[Hit, ...] = ()
    suggestions: tuple[str, ...] = field(default=())


def _pairs(seq: list[str]) -> set[tuple[str, str]]:
    """Neighbouring words."""
    return set(zip(seq, seq[1:], strict=False))


def _ngrams(seq: list[str], max_n: int) -> Counter:
    grams: Counter = Counter()
    for n in range(1, max_n + 1):
        for i in range(len(seq) - n + 1):
            grams[tuple(seq[i : i + n])] += 1
    return grams


_RULE_PHRASES = {t.key: tuple(phrase_terms(p) for p in t.rule) for t in TOPICS}


def _ask_strength(topic: Topic) -> dict[tuple[str, ...], float]:
    """How surely each query phrase points at the topic: phrases, and words the topic's rules use, surely;
    a lone everyday word only a little."""
    rule_words = {p[0] for p in _RULE_PHRASES[topic.key] if len(p) == 1}
    out: dict[tuple[str, ...], float] = {}
    for phrase in topic.ask:
        seq = phrase_terms(phrase)
        strong = len([w for w in seq if w not in ROLE_TERMS]) > 1 or (len(seq) == 1 and seq[0] in rule_words)
        out[seq] = max(out.get(seq, 0.0), 1.0 if strong else WEAK_TRIGGER)
    return out


WEAK_TRIGGER = 0.35
ROLE_WEIGHT = 0.35
_ASK_PHRASES = {t.key: _ask_strength(t) for t in TOPICS}
_TOPIC_BY_KEY: dict[str, Topic] = {t.key: t for t in TOPICS}


class ClauseIndex:
    """A search index over one pack, built once and queried many times."""

    def __init__(self, pack: ProtocolPack) -> None:
        self.pack = pack
        self._clauses = list(pack.clauses)
        n = len(self._clauses)
        self._postings: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        self._bigrams: list[set[tuple[str, str]]] = []
        self._prior: list[float] = []
        self._section_pos: list[int] = []
        self._names_route = [bool(_ROUTE.search(c.text)) for c in pack.clauses]
        self._topic_bonus: dict[str, dict[int, float]] = {t.key: {} for t in TOPICS}
        text_lens: list[int] = []
        head_lens: list[int] = []
        per_doc: list[tuple[Counter, Counter]] = []
        section_pos: Counter = Counter()

        for i, clause in enumerate(self._clauses):
            heading_text = " ".join(clause.path)
            text_terms = terms(clause.text)
            head_terms = terms(heading_text)
            per_doc.append((Counter(text_terms), Counter(head_terms)))
            text_lens.append(len(text_terms))
            head_lens.append(len(head_terms))
            self._bigrams.append(_pairs(text_terms) | _pairs(head_terms))
            self._section_pos.append(min(section_pos[clause.path[0] if clause.path else ""], 8))
            self._prior.append(self._clause_prior(clause, section_pos))
            text_grams = _ngrams(terms(clause.text, keep_stopwords=True), _PHRASE_MAX)
            head_grams = _ngrams(terms(heading_text, keep_stopwords=True), _PHRASE_MAX)
            for key, phrases in _RULE_PHRASES.items():
                head_hit = any(p in head_grams for p in phrases)
                text_hits = sum(text_grams.get(p, 0) for p in phrases)
                bonus = (TOPIC_HEAD if head_hit else 0.0) + TOPIC_TEXT * min(text_hits, 3) / 3
                if bonus:
                    self._topic_bonus[key][i] = bonus

        self._avg_text = (sum(text_lens) / n) if n else 1.0
        self._avg_head = (sum(head_lens) / n) if n else 1.0
        df: Counter = Counter()
        for i, (tc, hc) in enumerate(per_doc):
            for term in set(tc) | set(hc):
                df[term] += 1
                self._postings[term].append((i, tc.get(term, 0), hc.get(term, 0)))
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._build_sections(per_doc)
        self._norm_text = [1 - B + B * (ln / (self._avg_text or 1)) for ln in text_lens]
        self._norm_head = [1 - B + B * (ln / (self._avg_head or 1)) for ln in head_lens]
        self._covered = [
            t.key
            for t in TOPICS
            if any(b >= TOPIC_HEAD for b in self._topic_bonus[t.key].values())
            or sum(1 for b in self._topic_bonus[t.key].values() if b >= TOPIC_TEXT / 3) >= 2
        ]

    def _build_sections(self, per_doc: list[tuple[Counter, Counter]]) -> None:
        """Sections (clauses under one heading path) as documents of their own: a question often
        names its subject in words the right section uses, but not the right clause."""
        members: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, clause in enumerate(self._clauses):
            members[clause.path].append(i)
        self._section_members = members
        counts: dict[tuple[str, ...], Counter] = {}
        for key, idxs in members.items():
            total: Counter = Counter()
            for i in idxs:
                total.update(per_doc[i][0])
                total.update({t: W_HEAD * c for t, c in per_doc[i][1].items()})
            counts[key] = total
        n = len(counts) or 1
        lens = {k: sum(c.values()) for k, c in counts.items()}
        avg = (sum(lens.values()) / n) or 1.0
        df: Counter = Counter()
        for c in counts.values():
            df.update(set(c))
        self._sec_postings: dict[str, list[tuple[tuple[str, ...], float]]] = defaultdict(list)
        for key, c in counts.items():
            norm = 1 - B + B * lens[key] / avg
            for term, tf in c.items():
                idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
                self._sec_postings[term].append((key, idf * (tf / norm) / (K1 + tf / norm)))

    def _section_scores(self, weights: dict[str, float]) -> dict[tuple[str, ...], float]:
        scores: dict[tuple[str, ...], float] = defaultdict(float)
        for term, w in weights.items():
            for key, s in self._sec_postings.get(term, ()):
                scores[key] += w * s
        top = max(scores.values(), default=0.0)
        return {k: v / top for k, v in scores.items()} if top > 0 else {}

    @staticmethod
    def _clause_prior(clause: Clause, section_pos: Counter) -> float:
        prior = 0.0
        if clause.is_heading_only:
            prior -= 3.0
        if clause.path and _PREAMBLE_HEADINGS.search(" ".join(clause.path)):
            prior -= 0.8
        if _NORMATIVE.search(clause.text):
            prior += NORMATIVE
        key = clause.path[0] if clause.path else ""
        prior -= 0.02 * min(section_pos[key], 10)  # the first clauses of a section tend to state its rule
        section_pos[key] += 1
        return prior

    def topics(self) -> list[str]:
        """Topic words a user can type (``need-to-know``, ``press`` …) that this pack covers."""
        return list(self._covered)

    def topic_label(self, key: str) -> str:
        """The readable name of a topic key."""
        topic = _TOPIC_BY_KEY.get(key)
        return topic.label if topic else key

    def lookup(self, query: str, limit: int = 3) -> LookupResult:
        """Answer a clause id, a topic or a free-text question."""
        q = " ".join(query.split())
        if not q:
            return LookupResult(query, "none", (), tuple(self.topics()))
        exact = self.pack.get(q) or self.pack.get(q.rstrip("."))
        m = _ID_QUERY.match(q)
        if exact is None and m:
            exact = self.pack.get(m.group(1)) or self.pack.get(m.group(1).upper())
        if exact is not None:
            return LookupResult(query, "id", (Hit(exact, 100.0, ("clause id",)),))
        if m and any(ch.isdigit() for ch in m.group(1)) and not terms(re.sub(r"[\d.]", " ", q)):
            return LookupResult(query, "unknown_id", (), tuple(self.nearest_ids(m.group(1))))
        hits = self.search(q, limit)
        if not hits:
            return LookupResult(query, "none", (), tuple(self.topics()))
        return LookupResult(query, "search", tuple(hits))

    def nearest_ids(self, wanted: str, n: int = 3) -> list[str]:
        """Ids of this pack close to ``wanted`` (same section first)."""
        ids = [c.id for c in self._clauses if c.number]
        head = wanted.split(".")[0]
        same_section = [i for i in ids if i.split(".")[0] == head]
        close = difflib.get_close_matches(wanted, ids, n=n, cutoff=0.5)
        out: list[str] = []
        for cid in close + same_section:
            if cid not in out:
                out.append(cid)
        return out[:n]

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        """The best clauses for a free-text query, best first."""
        asks_who = bool(_WHO_QUESTION.search(query))
        query = rewrite(query)
        q_terms = terms(query)
        q_seq = terms(query, keep_stopwords=True)
        q_grams = _ngrams(q_seq, _PHRASE_MAX)
        strength: dict[str, float] = {}
        for key, phrases in _ASK_PHRASES.items():
            found = [w for p, w in phrases.items() if p in q_grams]
            if found:
                strength[key] = min(1.0, max(found) + 0.15 * (len(found) - 1))
        topics = list(strength)
        if not q_terms and not topics:
            return []

        weights: dict[str, float] = {}
        for t in q_terms:
            weights[t] = ROLE_WEIGHT if t in ROLE_TERMS else 1.0
        short = len([t for t in q_terms if t not in ROLE_TERMS]) <= 3
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, list[str]] = defaultdict(list)
        for term, w in weights.items():
            idf = self._idf.get(term)
            if idf is None:
                continue
            for i, tf_text, tf_head in self._postings[term]:
                tf = W_TEXT * tf_text / self._norm_text[i] + W_HEAD * tf_head / self._norm_head[i]
                scores[i] += w * idf * tf / (K1 + tf)
                matched[i].append(term)

        if SECTION_WEIGHT:
            for section, share in self._section_scores(weights).items():
                for i in self._section_members[section]:
                    scores[i] += SECTION_WEIGHT * share

        q_bigrams = _pairs(q_terms)
        if q_bigrams:
            for i in list(scores):
                shared = len(q_bigrams & self._bigrams[i])
                if shared:
                    scores[i] += BIGRAM * shared

        total = sum(strength.values()) or 1.0
        for key in topics:
            share = strength[key] * (strength[key] / total) ** 0.5
            for i, bonus in self._topic_bonus[key].items():
                scores[i] += bonus * share

        ranked = []
        for i, s in scores.items():
            s += self._prior[i]
            if asks_who and self._names_route[i]:
                s += WHO_ROUTE
            if short:
                s -= SHORT_QUERY_POSITION * self._section_pos[i]
            if s >= MIN_SCORE:
                ranked.append((s, i))
        ranked.sort(key=lambda x: (-x[0], x[1]))
        hits = []
        for s, i in ranked[:limit]:
            reasons = [f"topic: {_TOPIC_BY_KEY[k].label}" for k in topics if i in self._topic_bonus[k]]
            if matched[i]:
                reasons.append("words: " + ", ".join(sorted(set(matched[i]))))
            hits.append(Hit(self._clauses[i], round(s, 3), tuple(reasons)))
        return hits
