"""Message events, retries, signatures and the App Home through the real bolt App."""

from __future__ import annotations

import json
import time

from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import JSON, Harness, buttons, shown_text

ABOUT_CLERK = "Nadia is hopeless at keeping us informed."
ABOUT_ROBERT = "Robert is useless, the allotment gates were left open again."


def test_public_criticism_gets_an_ephemeral_nudge_to_its_author_only(slack: Harness) -> None:
    assert slack.message(ABOUT_CLERK).status == 200
    [nudge] = slack.fake.sent()
    assert nudge.method == "chat.postEphemeral"
    assert nudge.body["user"] == "U08PRIYA" and nudge.body["channel"] == "C0GENERAL1"
    text = shown_text(nudge.body)
    assert "A private word about your message in #general" in text and "Nadia Kowalski has not been told" in text
    assert list(buttons(nudge.body)) == ["Raise this privately", "This isn't a criticism", "Dismiss"]
    assert not slack.fake.of("chat.postMessage")  # nothing in the channel, nothing to the officer


def test_raise_this_privately_opens_the_concern_modal_filled_in(slack: Harness) -> None:
    slack.message(ABOUT_CLERK)
    nudge = slack.fake.of("chat.postEphemeral")[0].body
    slack.press(buttons(nudge)["Raise this privately"])
    view = slack.last_view()
    filled = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert filled["summary"]["initial_value"] == ABOUT_CLERK
    assert filled["about"]["initial_option"]["value"] == "Nadia Kowalski"


def test_no_nudge_in_a_private_channel_for_the_bot_itself_or_for_someone_off_the_roster(slack: Harness) -> None:
    slack.message(ABOUT_ROBERT, channel="G0STAFF001", channel_type="group", event_id="Ev1")
    slack.message(ABOUT_ROBERT, user="U0STRANGER", event_id="Ev2", ts="1765800000.000900")
    slack.event(payloads.load("event_bot_message"))
    own = json.loads(payloads.message_body(ABOUT_ROBERT, user="UBOT0PROTO", event_id="Ev3", ts="1765800001.1"))
    slack.event(own)
    assert slack.fake.sent() == []


def test_an_edit_is_checked_again_and_a_thread_reply_too(slack: Harness) -> None:
    slack.event(payloads.load("event_message_changed"))
    [nudge] = slack.fake.sent()
    assert nudge.method == "chat.postEphemeral" and "Robert Hale has not been told" in shown_text(nudge.body)
    slack.fake.clear()
    slack.message(ABOUT_CLERK, event_id="Ev0PB0000010", ts="1765800500.000100", thread_ts="1765800400.000100",
                  user="U09DENNIS")
    [thread_nudge] = slack.fake.sent()
    assert thread_nudge.body["user"] == "U09DENNIS" and thread_nudge.body["thread_ts"] == "1765800400.000100"


def test_a_retried_event_is_handled_once(slack: Harness) -> None:
    text = "The estates manager shouted at me in the office yesterday."
    for retry in (None, 1, 2):
        response = slack.message(text, channel="D0PRIYA001", channel_type="im", event_id="Ev0PB0000200",
                                 retry=retry)
        assert response.status == 200
    assert len(slack.fake.of("chat.postMessage")) == 1
    slack.message(ABOUT_CLERK, event_id="Ev0PB0000201")
    slack.message(ABOUT_CLERK, event_id="Ev0PB0000201", retry=1)
    assert len(slack.fake.of("chat.postEphemeral")) == 1


def test_a_retry_is_ignored_by_another_process_on_the_same_database(slack: Harness, database_url: str) -> None:
    from bot.stores import open_stores

    other = open_stores(database_url).receipts
    assert other is not None
    assert slack.bot.first_delivery("slack", "Ev0SHARED01") is True
    assert other.claim("slack", "Ev0SHARED01", slack.clock()) is False
    assert other.claim("slack", "Ev0SHARED02", slack.clock()) is True
    assert slack.bot.first_delivery("slack", "Ev0SHARED02") is False


def test_bad_and_stale_signatures_are_refused_with_401(slack: Harness) -> None:
    body = payloads.message_body(ABOUT_CLERK)
    assert slack.dispatch(body, JSON, secret="not-the-secret").status == 401
    assert slack.dispatch(body, JSON, timestamp=int(time.time()) - 600).status == 401
    assert slack.fake.sent() == []


def test_url_verification_echoes_the_challenge(slack: Harness) -> None:
    payload = payloads.load("url_verification")
    response = slack.event(payload)
    assert response.status == 200 and payload["challenge"] in response.body


def test_the_app_home_shows_each_person_what_is_theirs(slack: Harness) -> None:
    slack.command('request documents="Tree survey" purpose="For the planning committee" committee=planning')
    slack.fake.clear()
    slack.event(payloads.load("event_app_home_opened"))
    [published] = slack.fake.of("views.publish")
    assert published.body["user_id"] == "U01NADIA" and published.body["view"]["type"] == "home"
    text = shown_text(published.body["view"])
    assert "Brookfield Town Council" in text and "R-1" in text and "overdue" in text
    assert "flags" in text.lower()  # the Clerk reviews flags


def test_a_rate_limited_call_is_retried_after_retry_after(slack: Harness) -> None:
    slack.fake.fail_once["chat.postEphemeral"] = (429, {"Retry-After": "0"})
    slack.message(ABOUT_CLERK)
    assert len(slack.fake.of("chat.postEphemeral")) == 1


def test_socket_mode_envelopes_go_through_the_same_app(slack: Harness) -> None:
    from slack_bolt import BoltRequest

    body = json.loads(payloads.message_body(ABOUT_CLERK, event_id="Ev0SOCKET01"))
    response = slack.app.dispatch(BoltRequest(body=body, mode="socket_mode"))
    assert response.status == 200
    assert [c.method for c in slack.fake.sent()] == ["chat.postEphemeral"]
