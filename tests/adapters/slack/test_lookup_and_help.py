"""``/protocol`` help and lookups through the real bolt App: private answers in the acknowledgement itself,
Block Kit, sharing, feedback; commands that need the database are answered after the acknowledgement."""

from __future__ import annotations

from adapters.slack.app import build_app
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import Harness, acknowledged, buttons, shown_text


def test_help_is_answered_privately_in_the_acknowledgement_without_a_web_api_call(slack: Harness) -> None:
    reply = acknowledged(slack.command("help"))
    assert reply["response_type"] == "ephemeral"
    assert "I know Brookfield Town Council's" in shown_text(reply)
    assert reply["text"]  # the notification text is there too
    assert {c.method for c in slack.fake.calls} <= {"auth.test"}  # the token check at start-up, nothing since


def test_a_lookup_quotes_the_clause_with_id_heading_and_council_and_offers_share_and_feedback(slack: Harness) -> None:
    reply = acknowledged(slack.command("press"))
    text = shown_text(reply)
    assert reply["response_type"] == "ephemeral"
    assert "*press-media." in text and "Brookfield Town Council*" in text  # the citation, in bold
    assert "&gt; " in text  # the clause quoted
    labels = buttons(reply)
    assert {"Share in channel", "Helpful", "Not helpful"} <= set(labels)
    assert not slack.fake.sent()

    slack.press(labels["Share in channel"])
    [shared] = slack.fake.sent()
    assert shared.method == "respond" and shared.body["response_type"] == "in_channel"
    assert "Shared by Priya Nair" in shown_text(shared.body)

    slack.fake.clear()
    slack.press(labels["Helpful"])
    [thanks] = slack.fake.sent()
    assert thanks.body["response_type"] == "ephemeral" and "Thank you" in shown_text(thanks.body)


def test_user_text_repeated_by_the_bot_cannot_ping_anyone(slack: Harness) -> None:
    reply = acknowledged(slack.command("<!channel> <!here> <!everyone> <@U01NADIA> & zebra crossings?"))
    text = shown_text(reply) + reply["text"]
    for markup in ("<!channel>", "<!here>", "<!everyone>", "<@U01NADIA>"):
        assert markup not in text
    assert "&lt;!channel&gt;" in text and "&amp;" in text
    assert reply["link_names"] is False and reply["parse"] == "none" and reply["unfurl_links"] is False
    assert all(b["text"].get("verbatim") for b in reply["blocks"] if b["type"] == "section")


def test_someone_off_the_roster_gets_a_polite_answer_and_nothing_else(slack: Harness) -> None:
    reply = acknowledged(slack.command("press", user="U0STRANGER"))
    assert reply["response_type"] == "ephemeral"
    assert "ask the Clerk, Nadia Kowalski" in shown_text(reply) and "not on its roster" in shown_text(reply)
    assert not slack.fake.sent() and not slack.fake.of("views.publish")


def test_a_lookup_in_a_dm_has_no_share_button(slack: Harness) -> None:
    reply = acknowledged(slack.command("press", channel=("D0PRIYA001", "directmessage")))
    assert "Share in channel" not in buttons(reply) and "Helpful" in buttons(reply)


def test_a_command_that_needs_the_database_is_acknowledged_empty_and_answered_through_the_response_url(
        slack: Harness) -> None:
    response = slack.command("review requests", user="U01NADIA")
    assert response.status == 200 and not response.body
    [review] = slack.fake.sent()
    assert review.method == "respond" and review.body["response_type"] == "ephemeral"
    assert "request" in shown_text(review.body).lower()


def test_a_workspace_no_council_names_is_told_so_in_the_acknowledgement(slack: Harness) -> None:
    class NoCouncil:
        def for_slack_team(self, team_id: str | None) -> None:
            return None

    app = build_app(NoCouncil(), signing_secret=payloads.SECRET, client=slack.app.client, process_before_response=True)
    other = Harness(app, slack.bot, slack.fake, slack.clock)
    reply = acknowledged(other.command("press"))
    assert reply["response_type"] == "ephemeral" and "slack_team_id" in shown_text(reply)
    assert not slack.fake.sent()
