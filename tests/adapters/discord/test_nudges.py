"""Nudges from MESSAGE_CREATE and MESSAGE_UPDATE: a DM to the author alone, never a word in the channel."""

from __future__ import annotations

from tests.adapters.discord import payloads
from tests.adapters.discord.conftest import Harness, buttons, modal_of, shown

ABOUT_CLERK = "Nadia is hopeless at keeping us informed."
ABOUT_ROBERT = "Robert is useless, the allotment gates were left open again."


def test_public_criticism_gets_a_dm_nudge_to_its_author_only(discord_bot: Harness) -> None:
    [nudge] = discord_bot.message(ABOUT_CLERK)
    assert discord_bot.fake.dms_to(payloads.PRIYA) == [nudge]
    assert nudge.body["allowed_mentions"] == {"parse": []}
    text = shown(nudge)
    assert "A private word about your message in #general" in text and "Nadia Kowalski has not been told" in text
    assert list(buttons(nudge)) == ["Raise this privately", "This isn't a criticism", "Dismiss"]


def test_a_message_seen_twice_nudges_once_and_an_edit_is_checked_again(discord_bot: Harness) -> None:
    discord_bot.message(ABOUT_CLERK, message_id="1200000000000000777")
    assert discord_bot.message(ABOUT_CLERK, message_id="1200000000000000777") == []  # replayed after a resume
    assert discord_bot.message("The allotment gates were open this morning.", author=payloads.DENNIS,
                               message_id="1200000000000000778") == []
    [nudge] = discord_bot.message(ABOUT_ROBERT, author=payloads.DENNIS, message_id="1200000000000000778",
                                  edited=True)
    assert "Robert Hale has not been told" in shown(nudge) and discord_bot.fake.dms_to(payloads.DENNIS) == [nudge]


def test_a_thread_follows_its_parent_and_a_private_channel_never_nudges(discord_bot: Harness) -> None:
    assert discord_bot.message(ABOUT_ROBERT, channel=payloads.STAFF_ROOM) == []
    [nudge] = discord_bot.message(ABOUT_ROBERT, channel=payloads.THREAD, author=payloads.DENNIS)
    assert discord_bot.fake.dms_to(payloads.DENNIS) == [nudge] and "#general" in shown(nudge)


def test_no_nudge_for_a_bot_or_someone_off_the_roster(discord_bot: Harness) -> None:
    assert discord_bot.message(ABOUT_ROBERT, author="1300000000000000002", bot=True) == []
    assert discord_bot.message(ABOUT_ROBERT, author="1390000000000000002", bot=True) == []
    assert discord_bot.message(ABOUT_ROBERT, author=payloads.STRANGER) == []


def test_closed_dms_keep_the_flag_and_the_review_says_so_never_the_channel(discord_bot: Harness) -> None:
    discord_bot.fake.closed_dms.add(payloads.PRIYA)
    [refused] = discord_bot.message(ABOUT_ROBERT)
    assert refused.path.startswith("/channels/") and discord_bot.fake.dms_to(payloads.PRIYA) == [refused]
    assert not [c for c in discord_bot.fake.sent() if c.path == f"/channels/{payloads.GENERAL}/messages"]
    [review] = discord_bot.command("review", kind="flags", user_id=payloads.NADIA)
    assert review.flags & 64
    assert "F-1" in shown(review) and "nudge not delivered" in shown(review)


def test_raise_this_privately_opens_the_concern_modal_filled_in(discord_bot: Harness) -> None:
    [nudge] = discord_bot.message(ABOUT_CLERK)
    [opened] = discord_bot.press(buttons(nudge)["Raise this privately"], dm=True)
    modal = modal_of(opened)
    fields = {c["component"]["custom_id"]: c["component"] for c in modal["components"]}
    assert fields["summary"]["value"] == ABOUT_CLERK
    assert [o["value"] for o in fields["about"]["options"] if o.get("default")] == ["Nadia Kowalski"]
    assert len(modal["components"]) <= 5 and len(modal["title"]) <= 45


def test_dismiss_pressed_twice_acts_once(discord_bot: Harness) -> None:
    [nudge] = discord_bot.message(ABOUT_CLERK)
    dismiss = buttons(nudge)["Dismiss"]
    payload = payloads.button(dismiss, dm=True, message_id="1200000000000000900")
    again = payloads.button(dismiss, dm=True, message_id="1200000000000000900")
    discord_bot.fake.clear()
    discord_bot.feed("INTERACTION_CREATE", payload)
    discord_bot.feed("INTERACTION_CREATE", again)
    [done, quiet] = discord_bot.fake.callbacks()
    assert "Dismissed" in shown(done) and quiet.body["type"] == 6  # the second press is only acknowledged
    discord_bot.feed("INTERACTION_CREATE", payload)  # the same interaction replayed: not handled again
    assert len(discord_bot.fake.callbacks()) == 2
