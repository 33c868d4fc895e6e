"""The reply model."""

from __future__ import annotations

import pytest

from bot.replies import Audience, Button, ClauseCard, Reply
from tests.fakes import NADIA


def test_constructors_set_the_audience() -> None:
    assert Reply.to_asker("x").audience is Audience.ASKER
    assert Reply.to_channel("x").audience is Audience.CHANNEL
    dm = Reply.dm(NADIA, "x", buttons=(Button("OK", "a.b", "1"),))
    assert dm.audience is Audience.DM and dm.to == NADIA and dm.buttons[0].value == "1"
    assert Reply.to_asker("x").is_private and dm.is_private and not Reply.to_channel("x").is_private


def test_a_dm_needs_a_recipient_and_only_a_dm_has_one() -> None:
    with pytest.raises(ValueError):
        Reply(Audience.DM, "x")
    with pytest.raises(ValueError):
        Reply(Audience.ASKER, "x", to=NADIA)


def test_card_citation() -> None:
    assert ClauseCard("10.3", "Need to know", "text", "Brookfield Town Council").citation == \
        "10.3 Need to know, Brookfield Town Council"
    assert ClauseCard("p4", "", "text", "X").citation == "p4, X"
