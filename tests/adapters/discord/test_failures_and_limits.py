"""What goes wrong: failures, a database outage, a slow core, long text, strangers and DMs, bounded memory."""

from __future__ import annotations

import logging
import time
from typing import Any, Callable

import pytest

from adapters.discord import forms
from adapters.discord.handlers import SORRY
from bot.replies import Form, FormField
from storage.errors import StorageUnavailable
from tests.adapters.discord import payloads
from tests.adapters.discord.conftest import Harness, buttons, modal_of, shown
from tests.adapters.discord.fake_discord import APP_ID, FakeDiscord
from tests.adapters.discord.test_requests_and_concerns import _fill_in_parts

ABOUT_ROBERT = "Robert is useless, the allotment gates were left open again."


def _broken(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("a bug in the core")


def _slow(call: Callable[..., Any]) -> Callable[..., Any]:
    def slowly(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.2)
        return call(*args, **kwargs)
    return slowly


def test_a_failing_command_or_button_is_one_ephemeral_sentence_and_is_logged(
        discord_bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    [answer] = discord_bot.command("lookup", query="need-to-know")
    share = buttons(answer)["Share in channel"]
    monkeypatch.setattr(discord_bot.bot, "handle", _broken)
    monkeypatch.setattr(discord_bot.bot, "press", _broken)
    with caplog.at_level(logging.ERROR, logger="adapters.discord"):
        [failed_command] = discord_bot.command("help")
        [failed_press] = discord_bot.press(share)
    for failed in (failed_command, failed_press):
        assert failed.body["type"] == 4 and failed.flags & 64 and shown(failed) == SORRY
        assert "Traceback" not in shown(failed) and failed.message["allowed_mentions"] == {"parse": []}
    assert [r for r in caplog.records if r.exc_info and "a bug in the core" in str(r.exc_info[1])]


def test_a_failing_dm_is_answered_by_dm_and_a_failing_channel_message_says_nothing(
        discord_bot: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(discord_bot.bot, "handle", _broken)
    assert discord_bot.message(ABOUT_ROBERT) == []  # never a word in the channel, nor a DM about it
    [sorry] = discord_bot.message("The estates manager shouted at me in the office yesterday.", dm=True)
    assert discord_bot.fake.dms_to(payloads.PRIYA) == [sorry] and shown(sorry) == SORRY


def test_a_database_outage_while_recording_a_concern_says_not_recorded_and_gives_all_the_text_back(
        discord_bot: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = " ".join(f"Point {n}: the *minutes* of <@820000000000000001> were @everyone changed." for n in range(60))
    summary = summary[:4000]  # as long as a Discord text box takes
    [opened] = discord_bot.command("concern")
    [preview] = _fill_in_parts(discord_bot, opened, {"about": "Robert Hale", "summary": summary})
    record = next(custom_id for label, custom_id in buttons(preview).items() if label.endswith("as it is"))

    def down(*args: Any, **kwargs: Any) -> Any:
        raise StorageUnavailable("The database is not answering.")

    monkeypatch.setattr(discord_bot.bot.concerns.store, "add", down)
    sent = discord_bot.press(record)
    assert sent and all(c.flags & 64 for c in sent) and not discord_bot.fake.dms_to(payloads.NADIA)
    said = "\n".join(shown(c) for c in sent).replace("\\", "")
    assert "NOT recorded" in said
    assert " ".join(said.split()).count("were @\u200beveryone changed") == summary.count("were @everyone changed")
    assert "<@820000000000000001>" not in said and all(c.message["allowed_mentions"] == {"parse": []} for c in sent)


def test_a_form_the_core_fails_on_gives_the_answers_back(discord_bot: Harness,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    [opened] = discord_bot.command("concern")
    monkeypatch.setattr(discord_bot.bot, "submit", _broken)
    sent = _fill_in_parts(discord_bot, opened, {"about": "Robert Hale", "summary": "The gates were left open."})
    [answer] = [c for c in sent if c.path.endswith("/callback") or c.path.startswith("/webhooks/")]
    assert answer.flags & 64 and "may not have been recorded" in shown(answer)
    assert "What happened?: The gates were left open." in shown(answer)


def test_a_slow_core_defers_the_interaction_and_answers_through_its_webhook(discord_bot: Harness,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    discord_bot.client.handlers.defer_after = 0.05
    monkeypatch.setattr(discord_bot.bot, "handle", _slow(discord_bot.bot.handle))
    [deferred, answer] = discord_bot.command("lookup", query="need-to-know")
    assert deferred.body == {"type": 5, "data": {"flags": 64}}  # "thinking…", only for the asker
    assert answer.path.startswith(f"/webhooks/{APP_ID}/") and answer.method == "POST"
    assert answer.message["embeds"] and "Share in channel" in buttons(answer)

    monkeypatch.setattr(discord_bot.bot, "press", _slow(discord_bot.bot.press))
    [acknowledged, shared] = discord_bot.press(buttons(answer)["Share in channel"])
    assert acknowledged.body["type"] == 6  # a button: acknowledged with no change on screen
    assert shared.path.startswith("/webhooks/") and not shared.flags & 64 and "Shared by" in shown(shared)

    [deferred, offer] = discord_bot.command("concern")  # a modal can only be the first response: a button instead
    assert deferred.body["type"] == 5 and offer.path.startswith("/webhooks/") and offer.flags & 64
    [opened] = discord_bot.press(buttons(offer)["Open the form"])
    assert modal_of(opened)["title"]


def test_a_slow_page_turn_edits_the_same_message(discord_bot: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(12):
        discord_bot.command("request", details=f'documents="Survey {n}" purpose="For the committee" committee=planning')
    [first] = discord_bot.command("review", kind="requests", scope="all", user_id=payloads.NADIA)
    discord_bot.client.handlers.defer_after = 0.05
    monkeypatch.setattr(discord_bot.bot, "handle", _slow(discord_bot.bot.handle))
    [acknowledged, edited] = discord_bot.press(buttons(first)["Next"], user_id=payloads.NADIA)
    assert acknowledged.body["type"] == 6
    assert edited.method == "PATCH" and edited.path.endswith("/messages/@original") and "Page 2 of 2" in shown(edited)


def test_strangers_get_one_polite_answer_and_commands_work_in_a_dm(discord_bot: Harness) -> None:
    [help_in_dm] = discord_bot.command("help", dm=True)
    assert help_in_dm.flags & 64 and "Brookfield" in shown(help_in_dm)
    [refusal] = discord_bot.message("I would like to complain about the parish clerk please.",
                                    author=payloads.STRANGER, dm=True)
    assert discord_bot.fake.dms_to(payloads.STRANGER) == [refusal] and not buttons(refusal)
    assert "roster" in shown(refusal).lower()
    [pressed] = discord_bot.press("pb:lookup.share|4", user_id=payloads.STRANGER)
    assert pressed.flags & 64 and "roster" in shown(pressed).lower()
    assert discord_bot.message(ABOUT_ROBERT, author=payloads.STRANGER) == []  # nothing else, ever


def test_an_expired_form_says_what_to_do(discord_bot: Harness) -> None:
    [opened] = discord_bot.command("concern")
    discord_bot.client.handlers.sessions = forms.FormSessions()  # as after a restart
    [gone] = discord_bot.submit(modal_of(opened), {"about": "Robert Hale", "summary": "x"})
    assert gone.flags & 64 and "no longer open" in shown(gone)


def test_forms_in_progress_are_bounded_per_person_and_expire() -> None:
    form = Form("Concern", "concern.new", (FormField("summary", "What happened?"),))
    sessions = forms.FormSessions()
    other = sessions.start(form, "", 2)
    tokens = [sessions.start(form, "", 1) for _ in range(forms.MAX_PER_PERSON + 5)]
    assert len(sessions) == forms.MAX_PER_PERSON + 1 and sessions.get(other, 2) is not None
    assert sessions.get(tokens[0], 1) is None and sessions.get(tokens[-1], 1) is not None
    expiring = forms.FormSessions(keep=0.0)
    token = expiring.start(form, "", 1)
    assert expiring.get(token, 1) is None and len(expiring) == 0


def test_a_text_longer_than_a_box_allows_is_cut_to_fit_rather_than_refused() -> None:
    form = Form("Concern", "concern.new", (FormField("summary", "What happened?", initial="x" * 5000,
                                                     max_length=6000),))
    sessions = forms.FormSessions()
    token = sessions.start(form, "", 1)
    session = sessions.get(token, 1)
    assert session is not None
    [label] = forms.modal(session, token, 0).to_dict()["components"]
    assert label["component"]["max_length"] == 4000 and len(label["component"]["value"]) == 4000
    assert label["description"] == "Only the first 4,000 characters of 5,000 fit in this box."  # said, not silent


def test_a_message_of_ten_thousand_characters_breaks_nothing(discord_bot: Harness) -> None:
    long = ABOUT_ROBERT + " " + " ".join(f"And another thing number {n}, @everyone." for n in range(300))
    assert len(long) > 10_000
    nudges = discord_bot.message(long)
    assert nudges and all(c in discord_bot.fake.dms_to(payloads.PRIYA) for c in nudges)
    [opened] = discord_bot.press(buttons(nudges[-1])["Raise this privately"], dm=True)
    summary = next(c for c in modal_of(opened)["components"] if c["component"]["custom_id"] == "summary")
    assert long.startswith(summary["component"]["value"].rstrip("…"))  # the core's excerpt, as it gave it
    offers = discord_bot.message(long, dm=True, author=payloads.DENNIS)
    assert offers and "Open the form" in buttons(offers[-1])  # the fake refused nothing (checked after each test)


def test_the_fake_refuses_what_discord_refuses(fake: FakeDiscord) -> None:
    message = {"type": 4, "data": {"content": "Hello", "allowed_mentions": {"parse": []}}}
    assert fake.answer("POST", "/webhooks/1/token-9", {"content": "early"}, {})[0] == 404  # before the response
    assert fake.answer("POST", "/interactions/9/token-9/callback", message, {})[0] == 200
    assert fake.answer("POST", "/interactions/9/token-9/callback", message, {})[1]["code"] == 40060  # a second one
    too_long = {"type": 4, "data": {"content": "x" * 2001, "allowed_mentions": {"parse": []}}}
    pinging = {"type": 4, "data": {"content": "@everyone"}}
    assert fake.answer("POST", "/interactions/10/token-10/callback", too_long, {})[1]["code"] == 50035
    assert fake.answer("POST", "/interactions/11/token-11/callback", pinging, {})[1]["code"] == 50035
    assert len(fake.invalid) == 4
