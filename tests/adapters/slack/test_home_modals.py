"""Requests and concerns opened from the App Home, as on Slack: each opens in a modal (never a DM), its buttons work
from inside it (forms are pushed on top of it), and what is done replaces its content."""

from __future__ import annotations

import json
from typing import Any

import pytest

from adapters.slack.listeners import SHOWN_IN_MODAL, shown_title
from bot.council import Person
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import Harness, buttons, shown_text
from tests.adapters.slack.fake_slack import Call

CLERK, OFFICER, MAY, CHAIR, PRIYA = "U01NADIA", "U04ROB", "U05MAY", "U06GRACE", "U08PRIYA"
MODAL = "V0PROTO0001"  # the id the fake gives the modal views.open opens
DOCUMENTS = "Quotes for the pavilion roof repair"
PURPOSE = "The council decides on the repair at its next meeting"
REQUEST = f'request documents="{DOCUMENTS}" purpose="{PURPOSE}" matter=pavilion'  # delegated to Robert Hale


def _person(slack: Harness, user: str) -> Person:
    person = slack.bot.identify("slack", user)
    assert isinstance(person, Person)
    return person


def _open_from_home(slack: Harness, user: str, label: str, event_id: str) -> dict[str, Any]:
    """Press ``label`` in ``user``'s App Home: the modal it opened (nothing else shown to anyone)."""
    home = slack.open_home(user, event_id)
    slack.fake.clear()
    assert slack.press_in_home(home, label, user).status == 200
    [opened] = slack.fake.of("views.open")
    assert opened.body["trigger_id"] == payloads.load("block_actions_home")["trigger_id"]
    assert [c.method for c in slack.fake.sent()] == ["views.open"] and not slack.fake.of("conversations.open")
    view = opened.body["view"]
    assert view["type"] == "modal" and "submit" not in view
    return view


def _pushed_form(slack: Harness, modal: dict[str, Any], label: str, user: str) -> dict[str, Any]:
    """Press ``label`` in the modal: the form pushed on top of it (nothing else sent, the modal kept)."""
    slack.fake.clear()
    assert slack.press_in_modal(modal, label, user).status == 200
    [pushed] = slack.fake.of("views.push")
    assert pushed.body["trigger_id"] == payloads.load("block_actions_modal")["trigger_id"]
    assert [c.method for c in slack.fake.sent()] == ["views.push"]
    form = pushed.body["view"]
    assert form["callback_id"] == "pb-form" and form["submit"]
    return form


def _submitted(slack: Harness, form: dict[str, Any], answers: dict[str, str], user: str) -> dict[str, Any]:
    """Submit the pushed ``form``: it closes (back to the modal), and the modal under it is updated in place;
    the new content of that modal."""
    slack.fake.clear()
    response = slack.submit(form, answers, user=user, pushed_on=MODAL)
    assert response.status == 200 and response.body == ""
    [updated] = slack.fake.of("views.update")
    assert updated.body["view_id"] == MODAL and "hash" not in updated.body
    return updated.body["view"]


def _dms(calls: list[Call]) -> dict[str, list[str]]:
    """The text of every message posted, by DM channel."""
    found: dict[str, list[str]] = {}
    for call in calls:
        if call.method == "chat.postMessage":
            found.setdefault(call.body["channel"], []).append(shown_text(call.body))
    return found


def _republished(slack: Harness) -> set[str]:
    return {c.body["user_id"] for c in slack.fake.of("views.publish")}


# ------------------------------------------------------------ requests


def test_the_officer_opens_a_request_from_the_home_and_acknowledges_it_in_the_modal(slack: Harness) -> None:
    slack.command(REQUEST, user=PRIYA)
    assert list(_dms(slack.fake.calls)) == [f"D-{OFFICER}"]  # the new request, as before

    modal = _open_from_home(slack, OFFICER, "Open R-1", "Ev0PB0000601")
    everything: list[Call] = list(slack.fake.calls)
    assert modal["title"]["text"] == "Request R-1"
    [core] = slack.bot.requests.show(1, _person(slack, OFFICER))  # what the core says, rendered as is
    assert DOCUMENTS in shown_text(modal) and "History:" in shown_text(modal)
    assert list(buttons(modal)) == [b.label for b in core.buttons]
    assert {"Acknowledge", "Ask for clarification", "Grant", "Refuse", "Extend deadline", "Reassign"} <= set(
        buttons(modal))

    # Acknowledge completes at once: the modal says so in place, Priya gets her DM, both Homes are refreshed.
    slack.fake.clear()
    assert slack.press_in_modal(modal, "Acknowledge", OFFICER).status == 200
    everything += slack.fake.calls
    [updated] = slack.fake.of("views.update")
    assert updated.body["view_id"] == MODAL
    assert updated.body["hash"] == payloads.load("block_actions_modal")["view"]["hash"]
    done = updated.body["view"]
    assert done["title"]["text"] == "Request R-1" and not buttons(done)
    assert shown_text(done) == "Done: you acknowledged the request (R-1). Priya Nair has been told."
    dms = _dms(slack.fake.calls)
    assert list(dms) == [f"D-{PRIYA}"]
    assert "Robert Hale acknowledged the request" in dms[f"D-{PRIYA}"][0]
    assert [c.body["users"] for c in slack.fake.of("conversations.open")] == [PRIYA]
    assert _republished(slack) == {OFFICER, PRIYA}

    # Nothing was posted to Robert on these paths: the request's text reached him in the modal and his Home only;
    # the one message that carries it is Priya's, whom the core addressed.
    assert not [c for c in everything if c.method == "chat.postMessage" and c.body["channel"] == f"D-{OFFICER}"]
    for call in everything:
        if DOCUMENTS in json.dumps(call.body):
            assert call.method in ("views.open", "views.publish") or call.body.get("channel") == f"D-{PRIYA}", call


def test_the_officer_refuses_a_request_from_the_modal_through_the_pushed_reason_form(slack: Harness) -> None:
    slack.command(REQUEST, user=PRIYA)
    modal = _open_from_home(slack, OFFICER, "Open R-1", "Ev0PB0000611")
    everything: list[Call] = list(slack.fake.calls)

    form = _pushed_form(slack, modal, "Refuse", OFFICER)
    everything += slack.fake.calls
    assert form["title"]["text"] == "Refuse R-1"
    [reason] = [b["block_id"] for b in form["blocks"] if b["type"] == "input"]

    why = "The quotes are commercially confidential until the contract is let."
    done = _submitted(slack, form, {reason: why}, OFFICER)
    everything += slack.fake.calls
    assert done["title"]["text"] == "Request R-1" and not buttons(done)
    assert shown_text(done) == "Done: you refused the request (R-1). Priya Nair has been told."
    dms = _dms(slack.fake.calls)
    assert list(dms) == [f"D-{PRIYA}"]
    [told] = dms[f"D-{PRIYA}"]
    assert "Robert Hale refused the request" in told and why in told and "Freedom of Information" in told
    assert _republished(slack) == {OFFICER, PRIYA}
    assert not [c for c in everything if c.method == "chat.postMessage" and c.body["channel"] == f"D-{OFFICER}"]
    assert not [c for c in everything if c.method in ("respond", "chat.postEphemeral")]


def _answers(slack: Harness, label: str) -> dict[str, str]:
    """Valid answers to the form of each request button."""
    request = slack.bot.requests.store.get(slack.bot.council.key, 1)
    assert request is not None
    later = slack.bot.requests.calendar.add_working_days(request.due, 3)
    return {
        "Ask for clarification": {"question": "Which of the three roofs do you mean?"},
        "Grant": {"note": "Attached to the agenda pack."},
        "Grant in part": {"reason": "The contractors' prices are withheld until the contract is let."},
        "Extend deadline": {"due": later.isoformat(), "reason": "The surveyor is away."},
        "Reassign": {"officer": "May Lin", "reason": "May is managing the works."},
        "Withdraw": {"reason": "I found them in the minutes."},
        "Answer": {"answer": "The pavilion's main roof."},
    }[label]


@pytest.mark.parametrize(("user", "label", "done"), [
    (OFFICER, "Ask for clarification", "Done: you asked for clarification (R-1)."),
    (OFFICER, "Grant", "Done: you granted the request (R-1)."),
    (OFFICER, "Grant in part", "Done: you granted the request in part (R-1)."),
    (OFFICER, "Extend deadline", "Done: you extended the deadline (R-1)."),
    (OFFICER, "Reassign", "Done: you reassigned the request (R-1)."),
    (CLERK, "Reassign", "Done: you reassigned the request (R-1)."),
    (PRIYA, "Withdraw", "Done: you withdrew the request (R-1)."),
    (PRIYA, "Answer", "Done: you answered the question; the clock has restarted (R-1)."),
])
def test_every_form_under_a_request_opened_from_the_home_is_pushed_and_updates_the_modal(
        slack: Harness, user: str, label: str, done: str) -> None:
    slack.command(REQUEST, user=PRIYA)
    if label == "Answer":  # Robert asked first
        slack.bot.submit("request.clarify", "1", {"question": "Which roof?"}, _person(slack, OFFICER))
    modal = _open_from_home(slack, user, "Open R-1", "Ev0PB0000621")
    form = _pushed_form(slack, modal, label, user)
    updated = _submitted(slack, form, _answers(slack, label), user)
    assert updated["title"]["text"] == "Request R-1"
    assert shown_text(updated).startswith(done)
    dms = _dms(slack.fake.calls)
    assert dms and f"D-{user}" not in dms  # the others are told by DM; the one who acted, in the modal
    assert user in _republished(slack)
    if label == "Reassign":
        assert f"D-{MAY}" in dms and MAY in _republished(slack)


def test_open_pressed_outside_the_home_still_answers_where_it_was_pressed(slack: Harness) -> None:
    slack.command(REQUEST, user=PRIYA)
    slack.fake.clear()
    slack.command("review requests", user=OFFICER)
    [review] = slack.fake.of("respond")
    slack.fake.clear()
    slack.press(buttons(review.body)["Open R-1"], user=OFFICER)
    [shown] = slack.fake.of("respond")
    assert shown.body["response_type"] == "ephemeral" and DOCUMENTS in shown_text(shown.body)
    assert not slack.fake.of("views.open", "views.push", "views.update")


# ------------------------------------------------------------ concerns

SUMMARY = "At the allotments on Tuesday {who} shouted at a plot holder in front of her children."


@pytest.mark.parametrize(("about", "handler", "kept_out"), [
    ("Robert Hale", CLERK, OFFICER),  # about an officer: the Clerk handles it; Robert is never told
    ("Nadia Kowalski", CHAIR, CLERK),  # about the Clerk: the Chair handles it; the Clerk never sees it
])
def test_a_handler_opens_a_concern_from_the_home_and_acts_on_it_in_the_modal(
        slack: Harness, about: str, handler: str, kept_out: str) -> None:
    summary = SUMMARY.format(who=about)
    slack.command(f'concern about="{about}" summary="{summary}"', user=PRIYA)
    assert list(_dms(slack.fake.calls)) == [f"D-{handler}"]  # the new concern, as before

    modal = _open_from_home(slack, handler, "Open C-1", "Ev0PB0000631")
    everything: list[Call] = list(slack.fake.calls)
    assert modal["title"]["text"] == "Concern C-1"
    assert "What happened: " + summary in shown_text(modal)
    assert list(buttons(modal)) == ["Acknowledge", "Reply", "Ask a question", "Change status"]

    # Acknowledge completes: the modal says so in place, and Priya is told by DM.
    slack.fake.clear()
    slack.press_in_modal(modal, "Acknowledge", handler)
    everything += slack.fake.calls
    [updated] = slack.fake.of("views.update")
    assert updated.body["view_id"] == MODAL and updated.body["view"]["title"]["text"] == "Concern C-1"
    assert shown_text(updated.body["view"]) == "Done: C-1 is now acknowledged." and not buttons(updated.body["view"])
    assert list(_dms(slack.fake.calls)) == [f"D-{PRIYA}"]
    assert _republished(slack) == {handler, PRIYA}

    # Opened again from the refreshed Home, "Ask a question": the form is pushed on the modal, and the
    # question goes to Priya, the raiser, by DM; the handler reads "Sent" in the modal.
    modal = _open_from_home(slack, handler, "Open C-1", "Ev0PB0000632")
    everything += slack.fake.calls
    form = _pushed_form(slack, modal, "Ask a question", handler)
    everything += slack.fake.calls
    assert form["title"]["text"] == "Question on C-1"
    question = "Which plot was it, and who else was there?"
    sent = _submitted(slack, form, {"message": question}, handler)
    everything += slack.fake.calls
    assert sent["title"]["text"] == "Concern C-1" and shown_text(sent) == "Sent: your question about C-1."
    dms = _dms(slack.fake.calls)
    assert list(dms) == [f"D-{PRIYA}"] and question in dms[f"D-{PRIYA}"][0]
    assert _republished(slack) == {handler, PRIYA}

    # On these paths nothing was posted but to Priya, whom the core addressed; the concern's own text reached
    # only the handler's modals; the person it is about (or the Clerk, for a concern about her) saw nothing.
    posted = [c for c in everything if c.method in ("chat.postMessage", "chat.postEphemeral", "respond")]
    assert {c.body.get("channel") for c in posted} == {f"D-{PRIYA}"}
    assert {c.body["users"] for c in everything if c.method == "conversations.open"} == {PRIYA}
    assert not [c for c in posted if "shouted at a plot holder" in json.dumps(c.body)]
    assert {c.method for c in everything if "shouted at a plot holder" in json.dumps(c.body)} == {"views.open"}
    assert not [c for c in everything if kept_out in (c.body.get("users"), c.body.get("user_id"), c.body.get("user"))
                or c.body.get("channel") == f"D-{kept_out}"]


def test_the_raiser_replies_from_the_concern_opened_in_her_home(slack: Harness) -> None:
    slack.command('concern about="Robert Hale" summary="Robert was rude to a resident."', user=PRIYA)
    slack.bot.submit("concern.question", "1", {"message": "When was it?"}, _person(slack, CLERK))
    modal = _open_from_home(slack, PRIYA, "Open C-1", "Ev0PB0000641")
    assert modal["title"]["text"] == "Concern C-1" and list(buttons(modal)) == ["Reply"]
    form = _pushed_form(slack, modal, "Reply", PRIYA)
    sent = _submitted(slack, form, {"message": "Tuesday morning."}, PRIYA)
    assert shown_text(sent) == "Sent: your message about C-1."
    dms = _dms(slack.fake.calls)
    assert list(dms) == [f"D-{CLERK}"] and "Tuesday morning." in dms[f"D-{CLERK}"][0]


def test_a_form_pushed_on_the_modal_that_is_filled_in_wrongly_stays_open(slack: Harness) -> None:
    slack.command(REQUEST, user=PRIYA)
    modal = _open_from_home(slack, OFFICER, "Open R-1", "Ev0PB0000651")
    form = _pushed_form(slack, modal, "Refuse", OFFICER)
    slack.fake.clear()
    response = slack.submit(form, {"reason": " "}, user=OFFICER, pushed_on=MODAL)
    body = json.loads(response.body)
    assert body["response_action"] == "update" and "Nothing was changed" in shown_text(body["view"])
    assert not slack.fake.of("views.update", "chat.postMessage")


def test_the_modal_titles_keep_their_reference_within_slacks_24_characters() -> None:
    assert shown_title("request.show", "123456") == "Request R-123456"
    assert shown_title("request.refuse", "7") == "Request R-7"  # a form's action: the modal it was pushed on
    assert shown_title("concern.question", "42") == "Concern C-42"
    assert shown_title("flag.reviewed", "3") == "Flag review"
    assert shown_title("request.show", "forged") == "Request R-?"
    assert max(len(shown_title(action, "1234567890")) for action in SHOWN_IN_MODAL) <= 24
