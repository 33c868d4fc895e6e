"""Lookups, help, feedback and sharing through the real client and command tree."""

from __future__ import annotations

from tests.adapters.discord import payloads
from tests.adapters.discord.conftest import Harness, buttons, shown


def test_a_lookup_is_an_ephemeral_answer_with_the_clause_in_an_embed(discord_bot: Harness) -> None:
    [answer] = discord_bot.command("lookup", query="need-to-know")
    assert answer.path.endswith("/callback") and answer.body["type"] == 4
    assert answer.flags & 64  # only the asker sees it
    assert answer.message["allowed_mentions"] == {"parse": []}
    [embed, *_] = answer.message["embeds"]
    assert "Brookfield Town Council" in embed["title"] and embed["description"]
    labels = list(buttons(answer))
    assert "Share in channel" in labels and {"Helpful", "Not helpful"} <= set(labels)
    store = discord_bot.client._connection._view_store
    assert not store._views and not store._synced_message_views  # nothing kept per message: the ids say it all


def test_share_in_channel_posts_the_clause_for_everyone(discord_bot: Harness) -> None:
    [answer] = discord_bot.command("lookup", query="need-to-know")
    [shared] = discord_bot.press(buttons(answer)["Share in channel"])
    assert shared.body["type"] == 4 and not shared.flags & 64
    assert "Shared by Priya Nair" in shown(shared)


def test_feedback_is_thanked_privately(discord_bot: Harness) -> None:
    [answer] = discord_bot.command("lookup", query="need-to-know")
    [thanks] = discord_bot.press(buttons(answer)["Helpful"])
    assert thanks.flags & 64 and "glad it helped" in shown(thanks)


def test_help_and_a_user_not_on_the_roster(discord_bot: Harness) -> None:
    [help_reply] = discord_bot.command("help")
    assert help_reply.flags & 64 and "Brookfield" in shown(help_reply)
    [refusal] = discord_bot.command("help", user_id=payloads.STRANGER)
    assert refusal.flags & 64 and "roster" in shown(refusal).lower()


def test_autocomplete_offers_topics_and_clause_ids(discord_bot: Harness) -> None:
    before = len(discord_bot.fake.calls)
    discord_bot.feed("INTERACTION_CREATE", payloads.autocomplete("press"))
    [choices] = [c for c in discord_bot.fake.calls[before:] if c.path.endswith("/callback")]
    assert choices.body["type"] == 8
    names = [c["name"] for c in choices.body["data"]["choices"]]
    assert names and any("press" in n.lower() for n in names) and len(names) <= 25
