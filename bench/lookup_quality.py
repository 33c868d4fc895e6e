"""Lookup quality on the labelled questions: right clause first, and within the first three.

Run: ``python -m bench.lookup_quality [--verbose]``. The questions are in
``tests/fixtures/lookup_questions.yaml``; each names its document and the clause a
clerk would point to first (by a verbatim snippet, so labels do not depend on ids).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from protocol.importer import import_file
from protocol.model import Clause
from protocol.search import ClauseIndex

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "tests" / "fixtures" / "lookup_questions.yaml"
MORE_QUESTIONS = ROOT / "tests" / "fixtures" / "lookup_questions_more.yaml"
# Written by someone who never saw the engine's vocabulary, and never tuned on: measure only.
HOLDOUT = ROOT / "tests" / "fixtures" / "holdout" / "questions.yaml"
FIXTURES = ROOT / "tests" / "fixtures"


def _norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9']+", " ", text.lower())).strip()


def resolve_doc(doc: str) -> Path:
    """A question's document: ``seeds/…`` (copies of the shared seeds) and ``fixtures/…`` under tests/."""
    if doc.startswith("seeds/"):
        return FIXTURES / doc
    return ROOT / "tests" / doc


def clause_with(clauses: list[Clause], snippet: str) -> str | None:
    """The id of the clause whose text holds ``snippet``."""
    want = _norm(snippet)
    for c in clauses:
        if want in _norm(c.text):
            return c.id
    return None


@dataclass
class Outcome:
    doc: str
    question: str
    expected: str
    also: tuple[str, ...]
    got: tuple[str, ...]

    @property
    def top1(self) -> bool:
        return bool(self.got) and self.got[0] == self.expected

    @property
    def top3(self) -> bool:
        return self.expected in self.got[:3] or any(a in self.got[:3] for a in self.also)


def evaluate(*paths: Path) -> list[Outcome]:
    """Run every labelled question of the files (by default both development sets);
    raise if a label no longer points at a clause."""
    items = []
    for path in paths or (QUESTIONS, MORE_QUESTIONS):
        items += yaml.safe_load(path.read_text(encoding="utf-8"))
    indexes: dict[str, tuple[ClauseIndex, list[Clause]]] = {}
    outcomes = []
    for item in items:
        doc = item["doc"]
        if doc not in indexes:
            pack = import_file(resolve_doc(doc))
            indexes[doc] = (ClauseIndex(pack), list(pack.clauses))
        index, clauses = indexes[doc]
        expected = clause_with(clauses, item["expect"][0])
        if expected is None:
            raise ValueError(f"{doc}: no clause holds the snippet {item['expect'][0]!r}")
        also = tuple(filter(None, (clause_with(clauses, s) for s in item.get("also") or ())))
        result = index.lookup(item["q"], limit=3)
        outcomes.append(Outcome(doc, item["q"], expected, also, tuple(h.clause.id for h in result.hits)))
    return outcomes


def report(outcomes: list[Outcome], verbose: bool = False) -> str:
    """Figures by document and overall."""
    by_doc: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_doc[o.doc].append(o)
    lines = [f"{'document':48} {'n':>4} {'top-1':>7} {'top-3':>7}"]
    for doc, items in by_doc.items():
        t1 = sum(o.top1 for o in items) / len(items)
        t3 = sum(o.top3 for o in items) / len(items)
        lines.append(f"{doc:48} {len(items):4d} {t1:7.1%} {t3:7.1%}")
    n = len(outcomes)
    lines.append(
        f"{'all':48} {n:4d} {sum(o.top1 for o in outcomes) / n:7.1%} {sum(o.top3 for o in outcomes) / n:7.1%}"
    )
    if verbose:
        for o in outcomes:
            if not o.top1:
                mark = "top3" if o.top3 else "MISS"
                lines.append(f"  [{mark}] {o.doc}: {o.question!r} want {o.expected} got {list(o.got)}")
    return "\n".join(lines)


def main() -> None:
    verbose = "--verbose" in sys.argv or "-v" in sys.argv
    print("Development questions (the vocabulary was tuned on these):")
    print(report(evaluate(), verbose=verbose))
    if HOLDOUT.is_file():
        print("\nHeld-out questions (never tuned on; misses not listed, so they stay held out):")
        print(report(evaluate(HOLDOUT)))


if __name__ == "__main__":
    main()
