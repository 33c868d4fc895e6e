"""Train the detector's learned model on the development sets, and measure how well it carries over.

Run: ``python -m bench.conduct_training [--write]``. The development sets were written
by different people (``dev/`` with Brookfield's, ``dev2/`` to ``dev10/``). Each is
held out in turn: the model is trained on the others and the detector (rules,
then the model) is scored on the one held out, at several thresholds. That is the
honest estimate of how it does on wording it has never seen. ``--write`` then trains
on all of them and writes ``protocol/conduct_model.json`` with the chosen threshold.
The held-out set in ``tests/fixtures/moderation/holdout/`` is never used here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from protocol.conduct_engine import Engine
from protocol.conduct_model import MODEL_FILE, ConductModel, train

from bench.moderation_quality import DEV, SETS, Labelled, Score, read_set, sets_in
from bot.council import load_council
from bot.moderation import detector_settings, roster_entries

ROOT = Path(__file__).resolve().parents[1]
GROUPS = {
    "dev (writer 1)": sets_in(DEV) + [(SETS / "brookfield.yaml", SETS / "brookfield-dev.tsv")],
    "dev2 (writer 2)": sets_in(SETS / "dev2"),
    "dev3 (writer 3)": sets_in(SETS / "dev3"),
    "dev4 (writer 4)": sets_in(SETS / "dev4"),
    "dev5 (writer 5)": sets_in(SETS / "dev5"),
    "dev6 (writer 6)": sets_in(SETS / "dev6"),
    "dev7 (writer 7)": sets_in(SETS / "dev7"),
    "dev8 (writer 8)": sets_in(SETS / "dev8"),
    "dev9 (writer 9)": sets_in(SETS / "dev9"),
    "dev10 (writer 10)": sets_in(SETS / "dev10"),
}
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)
CHOSEN = 0.9


@dataclass
class Example:
    """One labelled public message that names an officer or staff, as the detector read it."""

    item: Labelled
    rule_flag: bool
    rule_officer: str | None
    features: list[str] | None  # None: the model may not flag it (suppressed)
    model_officer: str | None


def examples(group: str) -> list[Example]:
    """Every labelled message of a group, read by the rules (the model left out)."""
    out = []
    for council_path, tsv in GROUPS[group]:
        council = load_council(council_path)
        engine = Engine(roster_entries(council), detector_settings(council), use_model=False)
        for item in read_set(tsv):
            if item.place != "public":
                out.append(Example(item, False, None, None, None))
                continue
            finding = engine.check(item.text, item.author)
            seen = engine.read(item.text, item.author)
            feats = seen.features() if seen is not None and not seen.suppressed else None
            officer = None
            if seen is not None:
                officer = engine.learned_verdict(seen, []).officer
            out.append(Example(item, finding.flag, finding.officer, feats, officer))
    return out


def evaluate(model: ConductModel | None, data: list[Example], threshold: float) -> Score:
    """Precision and recall of rules-then-model on ``data``."""
    result = Score()
    for ex in data:
        flag, officer = ex.rule_flag, ex.rule_officer
        if not flag and model is not None and ex.features is not None and model.probability(ex.features) >= threshold:
            flag, officer = True, ex.model_officer
        if ex.item.flag and flag:
            result.tp += 1
            result.named += (officer or "") == ex.item.officer
        elif ex.item.flag:
            result.fn += 1
        elif flag:
            result.fp += 1
        else:
            result.tn += 1
    return result


def fit(data: list[Example]) -> ConductModel:
    """Train on the messages that name an officer (the only ones the model ever sees)."""
    return train([(ex.features, ex.item.flag) for ex in data if ex.features is not None], threshold=CHOSEN)


def cross_validate(data: dict[str, list[Example]], threshold: float = CHOSEN,
                   show: bool = False) -> tuple[Score, Score]:
    """Hold out each writer in turn: (rules alone, rules + model) over all writers, summed."""
    rules, both = Score(), Score()
    for held in GROUPS:
        rest = [ex for group, rows in data.items() if group != held for ex in rows]
        model = fit(rest)
        alone = evaluate(None, data[held], 1.0)
        rules, both = rules.add(alone), both.add(evaluate(model, data[held], threshold))
        if show:
            print(f"  held out {held}: rules alone {alone}")
            for t in THRESHOLDS:
                print(f"    rules + model at {t:.2f}: {evaluate(model, data[held], t)}")
    return rules, both


def train_all(data: dict[str, list[Example]]) -> ConductModel:
    """The model to ship: trained on every writer's messages."""
    return fit([ex for rows in data.values() for ex in rows])


def main(write: bool = False) -> None:
    """Cross-validate by writer; with ``write``, train on everything and save the model."""
    data = {group: examples(group) for group in GROUPS}
    rules, both = cross_validate(data, show=True)
    print(f"  all writers, each held out: rules alone {rules}")
    print(f"  all writers, each held out: rules + model at {CHOSEN}: {both}")
    everything = [ex for rows in data.values() for ex in rows]
    model = train_all(data)
    print(f"  trained on all ({sum(ex.features is not None for ex in everything)} messages naming an officer): "
          f"{len(model.weights)} features; on its own training data at {CHOSEN}: "
          f"{evaluate(model, everything, CHOSEN)}")
    if write:
        target = ROOT / "protocol" / MODEL_FILE
        target.write_text(model.to_json(), encoding="utf-8")
        print(f"  wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(write="--write" in sys.argv)
