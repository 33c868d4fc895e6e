"""The dependency rule: adapters -> bot -> storage, protocol; storage -> protocol at most."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]

FORBIDDEN = {
    "protocol": {"bot", "storage", "adapters", "slack_bolt", "slack_sdk", "discord"},
    "storage": {"bot", "adapters", "slack_bolt", "slack_sdk", "discord"},
    "bot": {"adapters", "slack_bolt", "slack_sdk", "discord"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_imports_point_one_way(layer: str) -> None:
    for path in sorted((REPO / layer).rglob("*.py")):
        wrong = imported_packages(path) & FORBIDDEN[layer]
        assert not wrong, f"{path.relative_to(REPO)} imports {sorted(wrong)}"
