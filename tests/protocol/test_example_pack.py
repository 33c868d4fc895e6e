"""The example council's pack is what the importer makes of its seed today."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol.importer import import_file
from protocol.packfile import load_pack

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "seeds" / "002_8001939cabd30e81.txt"


@pytest.mark.skipif(not SEED.is_file(), reason="tests/fixtures/seeds is missing")
def test_example_pack_is_current():
    pack = load_pack(ROOT / "examples" / "brookfield-protocol.yaml")
    fresh = import_file(SEED)
    assert pack.clauses == fresh.clauses, (
        "examples/brookfield-protocol.yaml is stale: regenerate it with "
        "protocol-bot import tests/fixtures/seeds/002_8001939cabd30e81.txt -o examples/brookfield-protocol.yaml"
    )
