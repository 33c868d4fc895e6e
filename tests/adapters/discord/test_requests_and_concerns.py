"""Information requests and private concerns through modals (in parts), DMs and persistent buttons."""

from __future__ import annotations

from tests.adapters.discord import payloads
from tests.adapters.discord.conftest import Harness, buttons, modal_of, shown
from tests.adapters.discord.fake_discord import Call


def _fill_in_parts(bot: Harness, opened: Call, answers: dict[str, str], **where: object) -> list[Call]:
    """Submit a form's modal part by part (pressing Continue between them); what the last part sent."""
    while True:
        sent = bot.submit(modal_of(opened), answers, **where)
        following = [c for c in sent if "Continue" in buttons(c)]
        if not following:
            return sent
        [opened] = bot.press(buttons(following[0])["Continue"], **where)


def test_a_request_by_modal_reaches_the_officer_whose_refusal_reaches_the_councillor(discord_bot: Harness) -> None:
    [opened] = discord_bot.command("request")
    modal = modal_of(opened)
    assert modal["title"].startswith("Information request") and len(modal["components"]) == 5
    committee = next(c["component"] for c in modal["components"] if c["component"]["custom_id"] == "committee")
    assert committee["type"] == 3 and {"planning", "finance"} <= {o["value"] for o in committee["options"]}

    sent = _fill_in_parts(discord_bot, opened, {
        "documents": "Tree survey for Elm Road", "purpose": "The planning committee decides the application next week",
        "committee": "planning", "constituent": "no"})
    [confirmation] = [c for c in sent if c.path.endswith("/callback")]
    assert confirmation.flags & 64 and "R-1" in shown(confirmation)
    [officer_dm] = [c for c in sent if c.path.startswith("/channels/")]
    officer = discord_bot.fake.dm_channels[officer_dm.path.split("/")[2]]
    assert officer != payloads.PRIYA and "R-1" in shown(officer_dm)
    refuse = next(custom_id for label, custom_id in buttons(officer_dm).items() if label.startswith("Refuse"))
    assert refuse.startswith("pb:request.") and refuse.endswith("|1")  # the custom id carries the request

    [reason_modal] = discord_bot.press(refuse, user_id=officer, dm=True)
    [reason] = modal_of(reason_modal)["components"]
    sent = discord_bot.submit(modal_of(reason_modal), {reason["component"]["custom_id"]: "It has residents' data."},
                              user_id=officer, dm=True)
    told = discord_bot.fake.dms_to(payloads.PRIYA)
    assert told and "refused" in shown(told[-1]).lower()
    assert all(c.body.get("allowed_mentions") == {"parse": []} for c in told)


def test_an_inline_request_and_a_button_that_outlives_a_restart(discord_bot: Harness) -> None:
    [confirmation] = [c for c in discord_bot.command(
        "request", details='documents="Tree survey" purpose="For the planning committee" committee=planning')
        if c.path.endswith("/callback")]
    assert "R-1" in shown(confirmation)
    officer_dm = next(c for c in discord_bot.fake.sent() if c.path.startswith("/channels/"))
    officer = discord_bot.fake.dm_channels[officer_dm.path.split("/")[2]]
    acknowledge = buttons(officer_dm)["Acknowledge"]
    discord_bot.restart()  # nothing in memory survives: the custom id says it all
    [answer] = [c for c in discord_bot.press(acknowledge, user_id=officer, dm=True) if c.path.endswith("/callback")]
    assert answer.flags & 64 and "R-1" in shown(answer)
    assert "acknowledged" in shown(discord_bot.fake.dms_to(payloads.PRIYA)[-1]).lower()


def test_an_invalid_request_comes_back_with_what_to_change_and_a_button_to_reopen_it(discord_bot: Harness) -> None:
    [opened] = discord_bot.command("request")
    sent = _fill_in_parts(discord_bot, opened, {"documents": "the 2025 grass-cutting contract", "purpose": " "})
    [problem] = [c for c in sent if c.path.endswith("/callback")]
    assert "purpose is missing" in shown(problem) and problem.flags & 64
    [reopened] = discord_bot.press(buttons(problem)["Open the form"])
    documents = modal_of(reopened)["components"][0]["component"]
    assert documents["value"] == "the 2025 grass-cutting contract"  # nothing typed is lost


def test_a_dm_starts_a_concern_which_is_previewed_recorded_and_followed_up(discord_bot: Harness) -> None:
    text = "The estates manager shouted at me in the office yesterday."
    [offer] = discord_bot.message(text, dm=True)
    assert discord_bot.fake.dms_to(payloads.PRIYA) == [offer]
    [opened] = discord_bot.press(buttons(offer)["Open the form"], dm=True)
    summary = next(c["component"] for c in modal_of(opened)["components"] if c["component"]["custom_id"] == "summary")
    assert summary["value"] == text
    sent = _fill_in_parts(discord_bot, opened, {"about": "Robert Hale", "summary": text}, dm=True)
    [preview] = sent
    assert "Before I record it" in shown(preview) and preview.flags & 64
    record = next(custom_id for label, custom_id in buttons(preview).items() if label.endswith("as it is"))
    sent = discord_bot.press(record, dm=True)
    assert any("Recorded as C-1" in shown(c) for c in sent)
    [handler_dm] = discord_bot.fake.dms_to(payloads.NADIA)  # about an officer: the Clerk
    assert "C-1" in shown(handler_dm)

    # Two-way follow-up: the Clerk asks a question from the DM; the raiser is told by DM.
    [question_modal] = discord_bot.press(buttons(handler_dm)["Ask a question"], user_id=payloads.NADIA, dm=True)
    [field] = modal_of(question_modal)["components"]
    discord_bot.submit(modal_of(question_modal), {field["component"]["custom_id"]: "When did it happen?"},
                       user_id=payloads.NADIA, dm=True)
    assert "When did it happen?" in shown(discord_bot.fake.dms_to(payloads.PRIYA)[-1])


def test_a_dm_seen_twice_is_answered_once(discord_bot: Harness) -> None:
    text = "The estates manager shouted at me in the office yesterday."
    discord_bot.message(text, dm=True, message_id="1200000000000000555")
    assert discord_bot.message(text, dm=True, message_id="1200000000000000555") == []


def test_a_concern_by_slash_command_inline(discord_bot: Harness) -> None:
    sent = discord_bot.command("concern", details='about="Nadia Kowalski" summary="Minutes were changed."')
    assert any("Recorded as C-1" in shown(c) for c in sent if c.path.endswith("/callback"))
    assert discord_bot.fake.dms_to(payloads.GRACE) and not discord_bot.fake.dms_to(payloads.NADIA)
