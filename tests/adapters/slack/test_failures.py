"""Unexpected failures through the real bolt App: logged, and the person told privately what to do, in the
place they acted (never in a channel, never acknowledged twice, never losing what was typed in a modal)."""

from __future__ import annotations

import json
import logging
import time
from typing import Any, NoReturn

import pytest
from slack_bolt import BoltResponse

from adapters.slack import blocks
from adapters.slack.app import build_app
from adapters.slack.failures import SORRY, SORRY_FORM, SORRY_HOME
from adapters.slack.text import escape
from bot.replies import Form
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import FORM, Harness, acknowledged, buttons, shown_text

CLERK, PRIYA = "U01NADIA", "U08PRIYA"
FAILURE = "the database went away mid-query"


def _breaks(monkeypatch: pytest.MonkeyPatch, slack: Harness, *methods: str) -> None:
    """Make these methods of the council's bot fail as an unexpected error would."""
    def fail(*args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError(FAILURE)

    for method in methods:
        monkeypatch.setattr(slack.bot, method, fail)


def _logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The failures logged with their traceback."""
    return [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info and FAILURE in str(r.exc_info[1])]


def _only_the_sorry(text: str, sorry: str = SORRY) -> None:
    assert text == escape(sorry)  # one clear sentence: no traceback, no error text
    assert FAILURE not in text and "Traceback" not in text


def _home(slack: Harness, user: str, event_id: str) -> BoltResponse:
    payload = payloads.load("event_app_home_opened")
    payload["event"].update(user=user, channel=f"D-{user}")
    payload["event_id"] = event_id
    return slack.event(payload)


# ------------------------------------------------------------ slash commands


def test_a_lookup_that_fails_is_answered_in_the_acknowledgement_itself(
        slack: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    _breaks(monkeypatch, slack, "handle")
    reply = acknowledged(slack.command("press"))
    assert reply["response_type"] == "ephemeral"
    _only_the_sorry(shown_text(reply))
    assert not slack.fake.sent()  # nothing through the response_url, nothing in the channel
    assert len(_logged(caplog)) == 1


def test_a_command_that_fails_after_its_acknowledgement_is_answered_through_the_response_url(
        slack: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    _breaks(monkeypatch, slack, "handle")
    response = slack.command("review requests", user=CLERK)
    assert response.status == 200 and not response.body  # acknowledged once, empty, before the work
    [sorry] = slack.fake.sent()
    assert sorry.method == "respond" and sorry.body["response_type"] == "ephemeral"
    assert sorry.body["replace_original"] is False
    _only_the_sorry(shown_text(sorry.body))
    assert len(_logged(caplog)) == 1


def test_in_the_http_servers_mode_the_failure_is_told_after_the_acknowledgement_too(
        slack: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    app = build_app(slack.bot, signing_secret=payloads.SECRET, client=slack.app.client,
                    process_before_response=False)  # as `protocol-bot run slack` serves: the work after the ack
    served = Harness(app, slack.bot, slack.fake, slack.clock)
    _breaks(monkeypatch, slack, "handle")
    _only_the_sorry(shown_text(acknowledged(served.command("press"))))
    response = served.command("review requests", user=CLERK)
    assert response.status == 200 and not response.body
    for _ in range(100):
        if slack.fake.of("respond"):
            break
        time.sleep(0.02)
    [sorry] = slack.fake.sent()
    assert sorry.method == "respond"
    _only_the_sorry(shown_text(sorry.body))


# ------------------------------------------------------------ buttons


def test_a_button_that_fails_in_a_channel_message_is_answered_ephemerally(
        slack: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    lookup = acknowledged(slack.command("press"))
    _breaks(monkeypatch, slack, "press")
    assert slack.press(buttons(lookup)["Share in channel"]).status == 200
    [sorry] = slack.fake.sent()
    assert sorry.method == "respond" and sorry.body["response_type"] == "ephemeral"  # not shared: private
    _only_the_sorry(shown_text(sorry.body))
    assert len(_logged(caplog)) == 1


def test_a_button_that_fails_in_the_app_home_is_answered_by_dm(slack: Harness,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    slack.message("Robert Hale is hopeless and should be sacked.", event_id="Ev0PB0000401", ts="1765800900.000100")
    _home(slack, CLERK, "Ev0PB0000402")
    home = slack.fake.of("views.publish")[-1].body["view"]
    slack.fake.clear()
    _breaks(monkeypatch, slack, "press")
    assert slack.press_in_home(home, "Mark F-1 reviewed", CLERK).status == 200
    [sorry] = slack.fake.sent()
    assert sorry.method == "chat.postMessage" and sorry.body["channel"] == f"D-{CLERK}"
    _only_the_sorry(shown_text(sorry.body))


def test_a_button_that_fails_in_a_modal_says_so_in_that_modal(slack: Harness,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    slack.message("Robert Hale is hopeless and should be sacked.", event_id="Ev0PB0000411", ts="1765800910.000100")
    _home(slack, CLERK, "Ev0PB0000412")
    slack.press_in_home(slack.fake.of("views.publish")[-1].body["view"], "Show F-1", CLERK)
    modal = slack.last_view()
    slack.fake.clear()
    _breaks(monkeypatch, slack, "press")
    payload = payloads.modal_button_payload(buttons(modal)["Mark reviewed"], modal, user=CLERK)
    assert slack.dispatch(payloads.interactive_body(payload), FORM).status == 200
    [sorry] = slack.fake.sent()
    assert sorry.method == "views.update" and sorry.body["view_id"] == payload["view"]["id"]
    _only_the_sorry(shown_text(sorry.body["view"]))


# ------------------------------------------------------------ modals


def test_a_form_that_fails_stays_open_with_what_was_typed_and_says_what_to_do(
        slack: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    slack.command("request", user=PRIYA)
    form = slack.last_view()
    slack.fake.clear()
    _breaks(monkeypatch, slack, "submit")
    response = slack.submit(form, {"documents": "Tree survey for Elm Road", "purpose": "Planning next week"})
    assert response.status == 200
    first = next(b["block_id"] for b in form["blocks"] if b["type"] == "input")
    # Slack keeps the modal open, with everything in it, and shows the sentence under its first field.
    assert json.loads(response.body) == {"response_action": "errors", "errors": {first: SORRY_FORM}}
    assert not slack.fake.sent()
    assert len(_logged(caplog)) == 1


def test_a_modal_with_nothing_to_type_in_that_fails_stays_open_with_the_sentence_on_top(
        slack: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    confirm = blocks.modal(Form("Confirm", "concern.confirm", fields=(), value="7"), "Send this concern?")
    _breaks(monkeypatch, slack, "submit")
    answer = json.loads(slack.submit(confirm, {}, user=PRIYA).body)
    assert answer["response_action"] == "update"  # no field to put an error next to: the same modal, again
    again = answer["view"]
    _only_the_sorry(again["blocks"][0]["text"]["text"], SORRY_FORM)
    assert again["blocks"][1:] == confirm["blocks"]
    assert {k: again[k] for k in ("callback_id", "private_metadata", "title", "submit", "close")} == \
        {k: confirm[k] for k in ("callback_id", "private_metadata", "title", "submit", "close")}
    assert not {"id", "state", "hash", "team_id", "app_id", "root_view_id"} & set(again)  # what views.update takes
    # A second failure does not stack a second sentence.
    twice = json.loads(slack.submit(again, {}, user=PRIYA).body)["view"]
    assert twice["blocks"] == again["blocks"]
    assert not slack.fake.sent()


def test_a_failure_after_the_modal_closed_is_told_where_the_form_was_opened(
        slack: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    slack.command("request", user=PRIYA)
    form = slack.last_view()
    slack.fake.clear()
    _breaks(monkeypatch, slack, "home")  # refreshing the App Homes, after the submission was acknowledged
    response = slack.submit(form, {"documents": "Tree survey for Elm Road", "purpose": "Planning next week",
                                   "committee": "planning", "constituent": "no"}, user=PRIYA)
    assert response.status == 200 and response.body == ""  # acknowledged once: the modal closed
    recorded, sorry = slack.fake.of("respond")  # privately, where the form was opened
    assert "R-1" in shown_text(recorded.body)  # the request went through and Priya was told
    _only_the_sorry(shown_text(sorry.body))  # then that something after it failed
    assert sorry.body["response_type"] == "ephemeral"
    assert not slack.fake.of("chat.postEphemeral") and len(slack.fake.of("chat.postMessage")) == 1  # the officer
    assert len(_logged(caplog)) == 1


# ------------------------------------------------------------ events


def test_a_dm_that_fails_is_answered_in_the_dm(slack: Harness, monkeypatch: pytest.MonkeyPatch,
                                              caplog: pytest.LogCaptureFixture) -> None:
    _breaks(monkeypatch, slack, "handle")
    response = slack.message("The estates manager shouted at me in the office yesterday.", channel="D0PRIYA001",
                             channel_type="im", event_id="Ev0PB0000421")
    assert response.status == 200
    [sorry] = slack.fake.sent()
    assert sorry.method == "chat.postMessage" and sorry.body["channel"] == "D0PRIYA001"
    _only_the_sorry(shown_text(sorry.body))
    assert len(_logged(caplog)) == 1


def test_a_channel_message_that_fails_to_be_checked_is_only_logged(slack: Harness, monkeypatch: pytest.MonkeyPatch,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    _breaks(monkeypatch, slack, "handle")
    assert slack.message("Robert Hale is hopeless.", event_id="Ev0PB0000431").status == 200
    assert not slack.fake.sent()  # its author asked the bot nothing; nothing in the channel either
    assert len(_logged(caplog)) == 1


def test_a_home_tab_that_fails_says_so_on_the_tab(slack: Harness, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    _breaks(monkeypatch, slack, "home")
    assert _home(slack, CLERK, "Ev0PB0000441").status == 200
    [published] = slack.fake.of("views.publish")
    assert published.body["user_id"] == CLERK and published.body["view"]["type"] == "home"
    _only_the_sorry(shown_text(published.body["view"]), SORRY_HOME)
    assert not slack.fake.sent()
    assert len(_logged(caplog)) == 1
