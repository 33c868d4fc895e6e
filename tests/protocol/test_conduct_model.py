"""The learned half of the detector: the shipped weights are current, and they carry over to new writers."""

from __future__ import annotations

import json
from pathlib import Path

from protocol.conduct import DetectorSettings, RosterEntry
from protocol.conduct_engine import Engine
from protocol.conduct_model import MODEL_FILE, ConductModel, shipped_model, train

from bench.conduct_training import CHOSEN, cross_validate, examples, GROUPS, train_all

SHIPPED = Path(__file__).parents[2] / "protocol" / MODEL_FILE
CV_PRECISION_FLOOR = 0.945
CV_RECALL_FLOOR = 0.80


def test_shipped_model_matches_a_fresh_training_run():
    """Change the rules or the labelled sets, then run `python -m bench.conduct_training --write`."""
    fresh = json.loads(train_all({group: examples(group) for group in GROUPS}).to_json())
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert fresh == shipped, "protocol/conduct_model.json is stale: run python -m bench.conduct_training --write"
    model = shipped_model()
    assert model is not None and model.threshold == CHOSEN


def test_each_writer_held_out_in_turn_meets_the_floor():
    rules, both = cross_validate({group: examples(group) for group in GROUPS})
    assert both.precision >= CV_PRECISION_FLOOR, str(both)
    assert both.recall >= CV_RECALL_FLOOR and both.recall > rules.recall + 0.2, f"{rules} / {both}"


def test_training_learns_and_explains():
    data = [(["@off", "still", "nothing", "@off still"], True), (["@off", "thanks", "@off thanks"], False)] * 20
    model = train(data, min_count=1, threshold=0.5)
    assert model.probability(["@off still", "still"]) > 0.8 > 0.2 > model.probability(["@off thanks"])
    assert model.reasons(["@off still", "thanks"], n=1) == ["[officer] still"]
    again = ConductModel(**{k: v for k, v in json.loads(model.to_json()).items()})
    assert abs(again.probability(["still"]) - model.probability(["still"])) < 1e-3


def test_features_read_the_officers_sentence_by_stems_and_drop_the_councils_ignored_words():
    roster = [RosterEntry("Nadia Kowalski", "clerk", "Town Clerk"), RosterEntry("Priya Nair", "councillor")]
    seen = Engine(roster, DetectorSettings(), use_model=False).read(
        "The printers lost the proofs. Nadia ignores every email, well done.", "Priya Nair")
    assert seen is not None
    feats = seen.features()
    assert {"o:ignor", "o:email", "e:lost", "+tone:praise", "+tone:sting", "+tone:praise&sting"} <= set(feats)
    relaxed = Engine(roster, DetectorSettings(ignore_words=("ignores",)), use_model=False).read(
        "Nadia ignores every email.", "Priya Nair")
    assert relaxed is not None and not any("ignor" in f for f in relaxed.features())
