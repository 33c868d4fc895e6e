"""Detector quality on the labelled messages: precision, recall, and the officer named right.

Run: ``python -m bench.moderation_quality [--verbose]``. Each labelled set is a council
file and a TSV of messages (``id channel author flag officer text``, as in
``shared/dev-data/moderation-dev.tsv``) under ``tests/fixtures/moderation/``: ``dev/``
(with the Brookfield starting set), ``dev2/`` to ``dev10/`` are for development, each
by a different writer, and the learned model is trained on them (so their figures
here are not a test: ``bench.conduct_training`` holds each writer out in turn);
``holdout/`` was written by someone who never saw the detector and is measured only
(its misses are not printed).
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from protocol.conduct import ConductDetector

from bot.council import load_council
from bot.moderation import detector_for

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "fixtures" / "moderation"
DEV = SETS / "dev"
HOLDOUT = SETS / "holdout"


@dataclass(frozen=True)
class Labelled:
    """One labelled message."""

    id: str
    place: str
    author: str
    flag: bool
    officer: str
    text: str


@dataclass
class Score:
    """Counts over a set: true and false positives and negatives, and officers named right."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    named: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def naming(self) -> float:
        return self.named / self.tp if self.tp else 1.0

    def add(self, other: Score) -> Score:
        return Score(*(getattr(self, f) + getattr(other, f) for f in ("tp", "fp", "fn", "tn", "named")))

    def __str__(self) -> str:
        return (f"precision {self.precision:.3f}, recall {self.recall:.3f}, officer named right "
                f"{self.naming:.3f} ({self.tp} TP, {self.fp} FP, {self.fn} FN, {self.tn} TN)")


def read_set(tsv: Path) -> list[Labelled]:
    """The labelled messages of a TSV file."""
    with tsv.open(encoding="utf-8", newline="") as handle:
        return [Labelled(r["id"], r["channel"], r["author"], r["flag"] == "1", r["officer"], r["text"])
                for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]


def sets_in(folder: Path) -> list[tuple[Path, Path]]:
    """(council file, messages) pairs of a folder: ``NAME.yaml`` with ``NAME.tsv``."""
    return [(y, y.with_suffix(".tsv")) for y in sorted(folder.glob("*.yaml")) if y.with_suffix(".tsv").exists()]


def development_sets() -> list[tuple[Path, Path]]:
    """The development sets: ``dev/`` and Brookfield's (shared/dev-data), ``dev2/`` to ``dev10/``."""
    return (sets_in(DEV) + [(SETS / "brookfield.yaml", SETS / "brookfield-dev.tsv")] + sets_in(SETS / "dev2")
            + [pair for n in range(3, 11) for pair in sets_in(SETS / f"dev{n}")])


def score(council: Path, tsv: Path, misses: list[str] | None = None) -> Score:
    """Run the council's detector over its labelled messages; append each miss to ``misses`` if given."""
    detector: ConductDetector = detector_for(load_council(council))
    result = Score()
    for item in read_set(tsv):
        found = detector.check(item.text, item.place, item.author)
        if item.flag and found.flag:
            result.tp += 1
            result.named += (found.officer or "") == item.officer
            if misses is not None and (found.officer or "") != item.officer:
                misses.append(f"NAME {item.id}: {found.officer!r}, labelled {item.officer!r} | {item.text}")
        elif item.flag:
            result.fn += 1
            if misses is not None:
                misses.append(f"FN {item.id}: {found.reason} | {item.text}")
        elif found.flag:
            result.fp += 1
            if misses is not None:
                misses.append(f"FP {item.id}: {found.reason} | {item.text}")
        else:
            result.tn += 1
    return result


def main(verbose: bool = False) -> None:
    """Print precision and recall per set, for development and held-out sets."""
    for title, pairs, show in (("development", development_sets(), verbose), ("held-out", sets_in(HOLDOUT), False)):
        total = Score()
        misses: list[str] = []
        for council, tsv in pairs:
            part = score(council, tsv, misses if show else None)
            total = total.add(part)
            print(f"  {title:12} {council.stem:12} {part}")
        if pairs:
            print(f"  {title:12} {'all':12} {total}")
        for line in misses:
            print("    " + line)
    print("  targets (held-out): precision >= 0.95, recall >= 0.90, officer named right >= 0.95")


if __name__ == "__main__":
    main(verbose="-v" in sys.argv or "--verbose" in sys.argv)
