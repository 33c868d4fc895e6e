"""The learned half of the conduct detector: a small logistic regression over words and rule evidence.

The phrase table (:mod:`protocol.conduct_lexicon`) catches criticism in words it
foresees; people also criticise by facts and timelines ("asked Jo in March, still
nothing"), comparisons and pointed questions. This model learns those shapes from
labelled messages. It never sees names: every reference is replaced by its role in
the sentence (``@off`` for an officer or staff, ``@other`` for anyone else, ``@me``
for the writer), so what it learns carries over to any council's roster.

Features are word pairs and single words of each sentence, the stems of the words
said in the same sentence as the officer and in the others (so "ignored", "ignores"
and "ignoring" count as one, and "lost" weighs differently where the officer is not
in the sentence), the tone (praise, a bad outcome, both), whether the officer is named
only by a name a councillor shares, and the rule engine's evidence (which kinds of
cue attached to an officer, and how strongly). The weights
are trained offline (``python -m bench.conduct_training``) and shipped as
``conduct_model.json``; at run time a score is a sum of a few dozen weights, and
the features that weighed most are the explanation.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import snowballstemmer

from protocol.chat_text import ChatText
from protocol.officer_mentions import Mention, Party

MODEL_FILE = "conduct_model.json"
_TARGETS = (Party.OFFICER, Party.STAFF)
_FIRST_PERSON = frozenset("i|me|we|us|my|our|myself|ourselves".split("|"))
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A word's stem: "ignored", "ignores" and "ignoring" are all "ignor"."""
    return _STEMMER.stemWord(word)


def features(chat: ChatText, mentions: Sequence[Mention], rule_kinds: Iterable[str], rule_score: float,
             suppressed: bool, elsewhere: Iterable[str] = (), shared: bool = False,
             tone: Sequence[str] = ()) -> list[str]:
    """The model's features for one message that names an officer or staff."""
    toks = chat.tokens
    role: dict[int, str] = {}
    for m in mentions:
        word = toks[m.first].word
        tag = "@off" if m.party in _TARGETS else ("@me" if word in _FIRST_PERSON else "@other")
        role[m.first] = tag
        for k in range(m.first + 1, m.last + 1):
            role[k] = ""  # the rest of a multi-word name
    out: list[str] = []
    prev = "<s>"
    sentence = -1
    seq: list[tuple[int, str]] = []
    for k, tok in enumerate(toks):
        if tok.sentence != sentence:
            if sentence >= 0:
                out.append(f"{prev} </s>")
            sentence, prev = tok.sentence, "<s>"
        word = role.get(k, tok.word)
        if word == "":
            continue
        if word.isdigit():
            word = "#num"
        out.append(word)
        out.append(f"{prev} {word}")
        prev = word
        seq.append((tok.sentence, word))
    if sentence >= 0:
        out.append(f"{prev} </s>")
    # Stems of the words in the sentences that name the officer ("o:ignor": what is said of them, in any form)
    # and of the other sentences ("e:lost": what may be about someone or something else).
    with_officer = {sent for sent, word in seq if word == "@off"}
    out.extend(f"{'o' if sent in with_officer else 'e'}:{stem(word)}" for sent, word in seq if word[0] not in "@#")
    if chat.questions:
        out.append("+question")
    if chat.emphasis:
        out.append("+emphasis")
    if any(t.shout for t in toks):
        out.append("+shout")
    if suppressed:
        out.append("+suppressed")
    if shared:
        out.append("+shared")  # named only by a name a councillor shares
    out.extend(f"+tone:{t}" for t in tone)  # praise, a bad outcome, or both (sarcasm)
    if len(tone) > 1:
        out.append("+tone:" + "&".join(tone))
    for kind in set(rule_kinds):
        out.append(f"+rule:{kind}")
    for kind in set(elsewhere):
        out.append(f"+elsewhere:{kind}")
    if rule_score > 0:
        out.append("+rule" if rule_score < 0.95 else "+rule:strong")
    return out


@dataclass(frozen=True)
class ConductModel:
    """Weights by feature, a bias, and the probability above which a message is flagged."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, feats: Iterable[str]) -> float:
        """How likely the message criticises the officer, from 0 to 1."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reasons(self, feats: Iterable[str], n: int = 3) -> list[str]:
        """The features that pushed hardest towards a flag, readable ("still nothing", "@off never")."""
        weighed = sorted(((self.weights.get(f, 0.0), f) for f in set(feats) if not f.startswith(("+", "o:", "e:"))),
                         reverse=True)
        return [f.replace("<s> ", "").replace(" </s>", "").replace("@off", "[officer]")
                .replace("@other", "[someone]").replace("@me", "[writer]") for w, f in weighed[:n] if w > 0]

    def to_json(self) -> str:
        """The model as JSON (features sorted, weights rounded), for shipping."""
        kept = {f: round(w, 4) for f, w in sorted(self.weights.items()) if abs(w) >= 1e-3}
        return json.dumps({"bias": round(self.bias, 4), "threshold": self.threshold, "weights": kept},
                          indent=0, sort_keys=False) + "\n"


@lru_cache(maxsize=1)
def shipped_model() -> ConductModel | None:
    """The model shipped with the package, or None if it is missing (the rules then decide alone)."""
    try:
        data = json.loads((files("protocol") / MODEL_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return ConductModel({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                        float(data["threshold"]))


def train(examples: Sequence[tuple[list[str], bool]], *, epochs: int = 40, rate: float = 0.3, l2: float = 1e-3,
          min_count: int = 2, threshold: float = 0.5, seed: int = 7) -> ConductModel:
    """Logistic regression by stochastic gradient descent (AdaGrad steps, L2 penalty).

    Features seen in fewer than ``min_count`` messages are dropped: one message's
    wording is not a pattern.
    """
    counts: dict[str, int] = {}
    for feats, _ in examples:
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    kept = {f for f, c in counts.items() if c >= min_count}
    data = [([f for f in set(feats) if f in kept], label) for feats, label in examples]
    weights: dict[str, float] = {}
    grads: dict[str, float] = {}
    bias, bias_grad = 0.0, 0.0
    rng = random.Random(seed)
    order = list(range(len(data)))
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, label = data[i]
            z = bias + sum(weights.get(f, 0.0) for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - (1.0 if label else 0.0)
            bias_grad += g * g
            bias -= rate * g / math.sqrt(bias_grad + 1e-8)
            for f in feats:
                w = weights.get(f, 0.0)
                step = g + l2 * w
                grads[f] = grads.get(f, 0.0) + step * step
                weights[f] = w - rate * step / math.sqrt(grads[f] + 1e-8)
    return ConductModel(weights, bias, threshold)
