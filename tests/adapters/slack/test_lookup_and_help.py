"""``/protocol`` help and lookups through the real bolt App: private answers, Block Kit, sharing, feedback."""

from __future__ import annotations

from tests.adapters.slack.conftest import Harness, buttons, shown_text


def test_help_is_acknowledged_and_answered_privately_through_the_response_url(slack: Harness) -> None:
    response = slack.command("help")
    assert response.status == 200
    [reply] = slack.fake.sent()
    assert reply.method == "respond" and reply.body["response_type"] == "ephemeral"
    assert "I know Brookfield Town Council's" in shown_text(reply.body)
    assert reply.body["text"]  # the notification text is there too


def test_a_lookup_quotes_the_clause_with_id_heading_and_council_and_offers_share_and_feedback(slack: Harness) -> None:
    slack.command("press")
    [reply] = slack.fake.sent()
    text = shown_text(reply.body)
    assert reply.body["response_type"] == "ephemeral"
    assert "*press-media." in text and "Brookfield Town Council*" in text  # the citation, in bold
    assert "&gt; " in text  # the clause quoted
    labels = buttons(reply.body)
    assert {"Share in channel", "Helpful", "Not helpful"} <= set(labels)

    slack.fake.clear()
    slack.press(labels["Share in channel"])
    [shared] = slack.fake.sent()
    assert shared.method == "respond" and shared.body["response_type"] == "in_channel"
    assert "Shared by Priya Nair" in shown_text(shared.body)

    slack.fake.clear()
    slack.press(labels["Helpful"])
    [thanks] = slack.fake.sent()
    assert thanks.body["response_type"] == "ephemeral" and "Thank you" in shown_text(thanks.body)


def test_user_text_repeated_by_the_bot_cannot_ping_anyone(slack: Harness) -> None:
    slack.command("<!channel> <!here> <!everyone> <@U01NADIA> & zebra crossings?")
    [reply] = slack.fake.sent()
    text = shown_text(reply.body) + reply.body["text"]
    for markup in ("<!channel>", "<!here>", "<!everyone>", "<@U01NADIA>"):
        assert markup not in text
    assert "&lt;!channel&gt;" in text and "&amp;" in text
    assert reply.body["link_names"] is False and reply.body["parse"] == "none"
    assert all(b["text"].get("verbatim") for b in reply.body["blocks"] if b["type"] == "section")


def test_someone_off_the_roster_gets_a_polite_answer_and_nothing_else(slack: Harness) -> None:
    slack.command("press", user="U0STRANGER")
    [reply] = slack.fake.sent()
    assert reply.body["response_type"] == "ephemeral"
    assert "ask the Clerk, Nadia Kowalski" in shown_text(reply.body) and "not on its roster" in shown_text(reply.body)
    assert not slack.fake.of("chat.postMessage", "views.publish")


def test_a_lookup_in_a_dm_has_no_share_button(slack: Harness) -> None:
    slack.command("press", channel=("D0PRIYA001", "directmessage"))
    [reply] = slack.fake.sent()
    assert "Share in channel" not in buttons(reply.body) and "Helpful" in buttons(reply.body)
