"""Information requests and private concerns through modals, DMs and buttons, as on Slack."""

from __future__ import annotations

import json

from tests.adapters.slack.conftest import Harness, buttons, shown_text


def _dms_to(slack: Harness, user: str) -> list[dict]:
    return [c.body for c in slack.fake.of("chat.postMessage") if c.body["channel"] == f"D-{user}"]


def test_request_opens_a_modal_and_its_submission_reaches_the_officer_by_dm(slack: Harness) -> None:
    assert slack.command("request").status == 200
    view = slack.last_view()
    assert view["type"] == "modal" and view["title"]["text"] == "Information request"
    committee = next(b for b in view["blocks"] if b.get("block_id") == "committee")
    assert committee["element"]["type"] == "static_select" and committee["optional"] is True
    assert {"planning", "finance"} <= {o["value"] for o in committee["element"]["options"]}

    slack.fake.clear()
    response = slack.submit(view, {"documents": "Tree survey for Elm Road",
                                   "purpose": "The planning committee decides the application next week",
                                   "committee": "planning", "constituent": "no"})
    assert response.status == 200 and response.body == ""  # the modal closes
    [confirmation] = slack.fake.of("respond")  # back where the command was typed, privately
    assert confirmation.body["response_type"] == "ephemeral" and "R-1" in shown_text(confirmation.body)
    officer_dms = [c.body for c in slack.fake.of("chat.postMessage")]
    assert len(officer_dms) == 1 and "R-1" in shown_text(officer_dms[0])
    officer = officer_dms[0]["channel"].removeprefix("D-")
    assert officer != "U08PRIYA"
    assert {"Acknowledge", "Refuse"} <= {label.split(" R-")[0] for label in buttons(officer_dms[0])}
    published = {c.body["user_id"] for c in slack.fake.of("views.publish")}
    assert {officer, "U08PRIYA"} <= published  # both App Homes are refreshed

    # The officer refuses from the DM: a modal asks for the reason, and the councillor is told.
    refuse = next(b for label, b in buttons(officer_dms[0]).items() if label.startswith("Refuse"))
    slack.fake.clear()
    slack.press(refuse, user=officer, channel=(f"D-{officer}", "directmessage"))
    reason_view = slack.last_view()
    [reason_field] = [b for b in reason_view["blocks"] if b["type"] == "input"]
    slack.fake.clear()
    slack.submit(reason_view, {reason_field["block_id"]: "The survey contains residents' personal data."},
                 user=officer)
    told = _dms_to(slack, "U08PRIYA")
    assert told and "refused" in shown_text(told[-1]).lower()


def test_an_invalid_request_modal_comes_back_with_what_to_change_and_what_was_typed(slack: Harness) -> None:
    slack.command("request")
    view = slack.last_view()
    slack.fake.clear()
    response = slack.submit(view, {"documents": "the 2025 grass-cutting contract", "purpose": " "})
    assert response.status == 200
    body = json.loads(response.body)
    assert body["response_action"] == "update"
    shown = shown_text(body["view"])
    assert "purpose is missing" in shown and "Nothing was recorded" in shown
    assert "the 2025 grass-cutting contract" in json.dumps(body["view"])  # nothing typed is lost
    assert not slack.fake.of("chat.postMessage")


def test_an_invalid_concern_modal_comes_back_with_what_to_change(slack: Harness) -> None:
    slack.command("concern")
    view = slack.last_view()
    response = slack.submit(view, {"about": "Robert Hale"})
    body = json.loads(response.body)
    assert body["response_action"] == "update"
    assert "summary is missing" in shown_text(body["view"])


def test_an_inline_concern_is_recorded_and_its_handler_told_by_dm(slack: Harness) -> None:
    slack.command('concern about="Robert Hale" summary="Rude to a resident at the allotments"')
    [confirmation] = slack.fake.of("respond")
    assert "Recorded as C-1" in shown_text(confirmation.body)
    [handler_dm] = _dms_to(slack, "U01NADIA")  # about an officer: the Clerk
    assert "C-1" in shown_text(handler_dm) and "Acknowledge" in buttons(handler_dm)


def test_a_concern_by_modal_is_previewed_then_recorded(slack: Harness) -> None:
    slack.command("concern")
    view = slack.last_view()
    response = slack.submit(view, {"about": "Nadia Kowalski", "summary": "Minutes were changed after the meeting."})
    preview = json.loads(response.body)
    assert preview["response_action"] == "update"
    assert "Before I record it" in shown_text(preview["view"])
    assert len(preview["view"]["title"]["text"]) <= 24
    slack.fake.clear()
    response = slack.submit(preview["view"], {})
    assert response.body == ""
    assert "Recorded as C-1" in shown_text(slack.fake.of("respond")[0].body)
    assert _dms_to(slack, "U06GRACE") and not _dms_to(slack, "U01NADIA")  # about the Clerk: the Chair only


def test_a_dm_to_the_bot_offers_the_concern_form_which_opens_with_the_message_in_it(slack: Harness) -> None:
    text = "The estates manager shouted at me in the office yesterday."
    slack.message(text, channel="D0PRIYA001", channel_type="im", event_id="Ev0PB0000101")
    [offer] = slack.fake.of("chat.postMessage")
    assert offer.body["channel"] == "D0PRIYA001"
    opener = buttons(offer.body)["Open the form"]
    slack.fake.clear()
    slack.press(opener, channel=("D0PRIYA001", "directmessage"))
    view = slack.last_view()
    summary = next(b for b in view["blocks"] if b.get("block_id") == "summary")
    assert summary["element"]["initial_value"] == text


def test_review_lists_what_is_yours(slack: Harness) -> None:
    slack.command('request documents="Tree survey" purpose="For the planning committee" committee=planning')
    slack.fake.clear()
    slack.command("review requests", user="U01NADIA")
    [review] = slack.fake.of("respond")
    assert "R-1" in shown_text(review.body) and review.body["response_type"] == "ephemeral"
