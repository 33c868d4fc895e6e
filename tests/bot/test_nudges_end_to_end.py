"""Nudges with the real detector, the example council's own protocol and a real database."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import literal_column, select

from protocol.flags import FlagStatus, ReviewerPost
from storage.audit import AUDIT
from bot.app import ProtocolBot
from bot.clock import SettableClock
from bot.config import BotConfig
from bot.council import ModerationSettings, load_council
from bot.events import Event, Where
from bot.replies import Audience
from tests.fakes import MONDAY

REPO = Path(__file__).parents[2]
CRITICISM = "Nadia is hopeless at keeping us informed."
PRAISE = "Thank you Nadia for the clear briefing note."


def make(database_url: str, **moderation: object) -> ProtocolBot:
    council = load_council(REPO / "examples" / "brookfield.yaml")
    if moderation:
        council = replace(council, moderation=ModerationSettings(**moderation))  # type: ignore[arg-type]
    return ProtocolBot.from_council(council, BotConfig(database_url=database_url), clock=SettableClock(MONDAY))


@pytest.fixture
def bot(database_url: str) -> ProtocolBot:
    return make(database_url)


def post(bot: ProtocolBot, name: str, text: str, message_id: str, where: Where | None = None, **kw: object):
    return bot.handle(Event(bot.council.person(name), where or Where.public("general"), text,  # type: ignore[arg-type]
                            message_id=message_id, **kw))  # type: ignore[arg-type]


def test_criticism_of_the_clerk_nudges_the_author_with_the_councils_clause(bot: ProtocolBot) -> None:
    [nudge] = post(bot, "Priya Nair", CRITICISM, "general:1", link="https://chat.example/general/1")
    assert nudge.audience is Audience.ASKER and "Nadia Kowalski" in nudge.text and "the Chair's review" in nudge.text
    [card] = nudge.cards
    assert card.clause_id == "relationship-general.4" and "no means of responding" in card.text
    grace = bot.council.person("Grace Adeyemi")
    [listed] = bot.handle(Event(grace, Where.dm(), "/protocol review flags"))  # type: ignore[arg-type]
    assert "F-1" in listed.text and "Priya Nair about Nadia Kowalski" in listed.text
    [shown] = bot.handle(Event(grace, Where.dm(), "/protocol flag F-1"))  # type: ignore[arg-type]
    assert f"Excerpt: {CRITICISM}" in shown.text and "Link: https://chat.example/general/1" in shown.text


def test_praise_and_an_officer_on_themselves_are_not_flagged(bot: ProtocolBot) -> None:
    assert post(bot, "Priya Nair", PRAISE, "general:1") == []
    assert post(bot, "Nadia Kowalski", "I am hopeless at keeping you informed, sorry.", "general:2") == []
    assert post(bot, "Priya Nair", "", "general:3") == []
    clerk = bot.council.clerk
    [listed] = bot.handle(Event(clerk, Where.dm(), "/protocol review flags all"))
    assert listed.text == "There are no flags you can see (all)."


def test_private_channels_never_and_edits_once(bot: ProtocolBot) -> None:
    assert post(bot, "Priya Nair", CRITICISM, "staff:1", Where.private("staff")) == []
    assert post(bot, "Priya Nair", "Nadia sent the agenda.", "general:1") == []
    [nudge] = post(bot, "Priya Nair", CRITICISM, "general:1", edited=True)
    assert "F-1" in nudge.text
    assert post(bot, "Priya Nair", CRITICISM + " Again.", "general:1", edited=True) == []


def test_raise_privately_records_a_concern_for_the_chair(bot: ProtocolBot) -> None:
    priya = bot.council.person("Priya Nair")
    [nudge] = post(bot, "Priya Nair", CRITICISM, "general:1")
    [opened] = bot.press(nudge.buttons[0], priya, Where.public("general"))  # type: ignore[arg-type]
    assert opened.form is not None
    given = {f.key: f.initial for f in opened.form.fields if f.initial}
    assert given == {"about": "Nadia Kowalski", "summary": CRITICISM}
    replies = bot.submit(opened.form.action, "confirm", given, priya)  # type: ignore[arg-type]
    assert "Recorded as C-1" in replies[0].text
    assert {r.to.name for r in replies if r.to is not None} == {"Grace Adeyemi"}
    flag = bot.nudges.store.get_for_system("brookfield", 1)
    assert flag is not None and flag.status is FlagStatus.RAISED_PRIVATELY and flag.reviewer is ReviewerPost.CHAIR


def test_a_burst_and_an_exempt_channel_from_the_council_settings(database_url: str) -> None:
    bot = make(database_url, exempt_channels=("banter",), burst_minutes=10)
    assert post(bot, "Priya Nair", CRITICISM, "banter:1", Where.public("banter")) == []
    assert len(post(bot, "Priya Nair", CRITICISM, "general:1")) == 1
    assert post(bot, "Priya Nair", "Robert is useless, the gates were left open again.", "general:2") == []
    clerk = bot.council.clerk
    [listed] = bot.handle(Event(clerk, Where.dm(), "/protocol review flags"))
    assert "F-2" in listed.text and "no nudge" in listed.text and "F-1" not in listed.text


def test_a_40000_character_message_is_checked_and_kept_short(bot: ProtocolBot) -> None:
    huge = CRITICISM + " The budget papers were fine." * 1400
    assert len(huge) > 40_000
    [nudge] = post(bot, "Priya Nair", huge, "general:1")
    flag = bot.nudges.store.get("brookfield", 1, "Grace Adeyemi")
    assert flag is not None and len(flag.excerpt or "") <= 602 and "hopeless" in (flag.excerpt or "")
    assert len(nudge.text) < 1500


def test_a_failure_writing_the_audit_entry_leaves_no_flag_and_no_nudge_until_it_is_stored(
        bot: ProtocolBot, monkeypatch: pytest.MonkeyPatch) -> None:
    import storage.audit

    # The flag's row is written by then; the audit entry's statement fails in the database itself.
    monkeypatch.setattr(storage.audit, "_HEAD", select(literal_column("no_such_column")).select_from(AUDIT))
    assert post(bot, "Priya Nair", CRITICISM, "general:1") == []
    monkeypatch.undo()
    assert bot.nudges.store.get_for_system(bot.council.key, 1) is None
    [nudge] = post(bot, "Priya Nair", CRITICISM, "general:1")  # seen again (an edit): now stored, and nudged once
    assert "F-1" in nudge.text
    assert post(bot, "Priya Nair", CRITICISM, "general:1") == []
    assert [e.action for e in bot.nudges.audit.entries(bot.council.key, item="F-1")] == ["create"]


def test_one_message_handled_by_several_workers_at_once_nudges_once(bot: ProtocolBot) -> None:
    replies: list[int] = []
    start = threading.Barrier(6)

    def work() -> None:
        start.wait()
        replies.append(len(post(bot, "Priya Nair", CRITICISM, "general:7")))

    workers = [threading.Thread(target=work) for _ in range(6)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(replies) == [0, 0, 0, 0, 0, 1]
    assert bot.nudges.store.get_for_system(bot.council.key, 2) is None  # one flag, F-1
