"""The Clerk's flag review in the App Home, and the two-way follow-up of a concern in DMs, as on Slack."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import BoltResponse

from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import FORM, Harness, buttons, shown_text
from tests.adapters.slack.fake_slack import Call

CLERK, CHAIR, OFFICER, PRIYA, DENNIS = "U01NADIA", "U06GRACE", "U04ROB", "U08PRIYA", "U09DENNIS"
ABOUT_ROBERT = "Robert Hale is hopeless and should be sacked."
ABOUT_CLERK = "Nadia Kowalski is useless."


def _home_opened(slack: Harness, user: str, event_id: str) -> dict[str, Any]:
    """Open ``user``'s App Home; the Home view the bot published for them."""
    payload = payloads.load("event_app_home_opened")
    payload["event"].update(user=user, channel=f"D-{user}")
    payload["event_id"] = event_id
    slack.fake.clear()
    assert slack.event(payload).status == 200
    [published] = slack.fake.of("views.publish")
    assert published.body["user_id"] == user
    return published.body["view"]


def _press_in_home(slack: Harness, home: dict[str, Any], label: str, user: str) -> BoltResponse:
    payload = payloads.home_button_payload(buttons(home)[label], home, user=user)
    return slack.dispatch(payloads.interactive_body(payload), FORM)


def _press_in_dm(slack: Harness, message: dict[str, Any], label: str, user: str) -> BoltResponse:
    payload = payloads.dm_button_payload(buttons(message)[label], message, user=user, channel=message["channel"],
                                         response_url=slack.fake.response_url(f"dm-{user}"))
    return slack.dispatch(payloads.interactive_body(payload), FORM)


def _dms(calls: list[Call], user: str) -> list[dict[str, Any]]:
    return [c.body for c in calls if c.method == "chat.postMessage" and c.body["channel"] == f"D-{user}"]


def _touches(call: Call, user: str) -> bool:
    """Whether a Web API call would show ``user`` anything (a DM, an ephemeral, their Home, a modal)."""
    body = call.body
    return (body.get("users") == user or body.get("user") == user or body.get("user_id") == user
            or body.get("channel") == f"D-{user}")


def _shown(content: Any) -> Any:
    """``content`` without what a modal's text inputs hold (the person's own typing, given back to them to edit,
    never rendered as mrkdwn): what Slack would render or notify."""
    if isinstance(content, dict):
        return {k: _shown(v) for k, v in content.items() if k != "initial_value"}
    if isinstance(content, list):
        return [_shown(v) for v in content]
    return content


# ------------------------------------------------------------ flags in the App Home


def test_the_clerk_reviews_flags_from_the_app_home_and_the_officer_is_never_told(slack: Harness) -> None:
    slack.message(ABOUT_ROBERT, user=PRIYA, event_id="Ev0PB0000301", ts="1765800700.000100")
    slack.message(ABOUT_CLERK, user=DENNIS, event_id="Ev0PB0000302", ts="1765800710.000100")
    nudged = {c.body["user"] for c in slack.fake.of("chat.postEphemeral")}
    assert nudged == {PRIYA, DENNIS}  # each author privately, nobody else
    everything: list[Call] = list(slack.fake.calls)

    # The Clerk's Home lists the flag about Robert with its buttons, and no text of the message.
    home = _home_opened(slack, CLERK, "Ev0PB0000303")
    everything += slack.fake.calls
    assert home["type"] == "home"
    text = shown_text(home)
    assert "F-1" in text and "Robert Hale" in text and "Priya Nair" in text
    assert "F-2" not in text and "Nadia Kowalski is useless" not in text  # nobody sees a flag about themselves
    assert "hopeless" not in text and "sacked" not in text  # lists hold no text of the message
    assert {"Show F-1", "Mark F-1 reviewed"} <= set(buttons(home))
    assert not any("F-2" in label for label in buttons(home))

    # The Chair's Home has the flag about the Clerk, and not the Clerk's.
    chair_home = _home_opened(slack, CHAIR, "Ev0PB0000304")
    everything += slack.fake.calls
    chair_text = shown_text(chair_home)
    assert "F-2" in chair_text and "Nadia Kowalski" in chair_text and "F-1" not in chair_text
    assert "Show F-2" in buttons(chair_home)

    # "Show" in the Home (no channel, no response_url): the excerpt reaches the Clerk only, by DM.
    slack.fake.clear()
    assert _press_in_home(slack, home, "Show F-1", CLERK).status == 200
    everything += slack.fake.calls
    [shown] = slack.fake.of("chat.postMessage")
    assert shown.body["channel"] == f"D-{CLERK}"
    assert [c.body["users"] for c in slack.fake.of("conversations.open")] == [CLERK]
    assert "Excerpt: " + ABOUT_ROBERT in shown_text(shown.body)
    assert not slack.fake.of("chat.postEphemeral", "respond", "views.open")
    assert [c.body["user_id"] for c in slack.fake.of("views.publish")] == [CLERK]

    # "Mark reviewed" in the Home: done, told to the Clerk, and the Home is published again without it.
    slack.fake.clear()
    assert _press_in_home(slack, home, "Mark F-1 reviewed", CLERK).status == 200
    everything += slack.fake.calls
    [done] = slack.fake.of("chat.postMessage")
    assert done.body["channel"] == f"D-{CLERK}" and "F-1 is marked reviewed" in shown_text(done.body)
    [republished] = slack.fake.of("views.publish")
    assert republished.body["user_id"] == CLERK
    assert "F-1" not in shown_text(republished.body["view"])  # the Home lists open flags
    assert not any("F-1" in label for label in buttons(republished.body["view"]))

    # Pressing the stale button again changes nothing.
    slack.fake.clear()
    _press_in_home(slack, home, "Mark F-1 reviewed", CLERK)
    everything += slack.fake.calls
    [again] = slack.fake.of("chat.postMessage")
    assert "already reviewed" in shown_text(again.body)

    # The Clerk sees F-1 as reviewed when asking for all flags; the flag about her is still not hers to see.
    slack.fake.clear()
    slack.command("review flags all", user=CLERK)
    everything += slack.fake.calls
    [listing] = slack.fake.of("respond")
    assert "F-1" in shown_text(listing.body) and "reviewed" in shown_text(listing.body).lower()
    assert "F-2" not in shown_text(listing.body)

    # Robert, the officer named, was never sent anything: no DM, no ephemeral, no Home, no modal.
    assert not [c for c in everything if _touches(c, OFFICER)]
    # Nor did the flag's text ever reach anyone but its author (the nudge) and the Clerk (Show).
    for call in everything:
        if ABOUT_ROBERT in json.dumps(call.body):
            assert call.body.get("user") == PRIYA or call.body.get("channel") == f"D-{CLERK}", call


def test_the_clerk_cannot_show_or_close_the_flag_about_herself_from_a_forged_home_button(slack: Harness) -> None:
    slack.message(ABOUT_CLERK, user=DENNIS, event_id="Ev0PB0000311", ts="1765800720.000100")
    chair_home = _home_opened(slack, CHAIR, "Ev0PB0000312")
    slack.fake.clear()
    # The same buttons, pressed by the Clerk (whose Home never had them).
    _press_in_home(slack, chair_home, "Show F-1", CLERK)
    _press_in_home(slack, chair_home, "Mark F-1 reviewed", CLERK)
    answers = [shown_text(c.body) for c in slack.fake.of("chat.postMessage")]
    assert len(answers) == 2 and all("There is no flag F-1 that you can see" in a for a in answers)
    assert ABOUT_CLERK not in json.dumps([c.body for c in slack.fake.calls])
    # The Chair still has it open.
    assert "Show F-1" in buttons(_home_opened(slack, CHAIR, "Ev0PB0000313"))


# ------------------------------------------------------------ a concern's follow-up in DMs

PING_SUMMARY = "<!channel> Robert was rude to a resident at the allotments, ask <@U04ROB> or <!here>."


def test_a_concern_is_followed_up_both_ways_in_dms_relayed_by_the_bot(slack: Harness) -> None:
    # Priya raises a concern about Robert through the modal, confirming the preview.
    slack.command("concern", user=PRIYA)
    form = slack.last_view()
    preview = json.loads(slack.submit(form, {"about": "Robert Hale", "summary": PING_SUMMARY}, user=PRIYA).body)
    assert preview["response_action"] == "update"
    responses = [json.dumps(_shown(preview))]
    slack.fake.clear()
    assert slack.submit(preview["view"], {}, user=PRIYA).body == ""
    everything: list[Call] = list(slack.fake.calls)

    # It reaches the Clerk by DM, in the channel conversations.open gave, with the handler's buttons.
    assert [c.body["users"] for c in slack.fake.of("conversations.open")] == [CLERK]
    [to_clerk] = slack.fake.of("chat.postMessage")
    assert to_clerk.body["channel"] == f"D-{CLERK}"
    assert "C-1" in shown_text(to_clerk.body)
    assert list(buttons(to_clerk.body)) == ["Acknowledge", "Reply", "Ask a question", "Change status"]
    assert "Recorded as C-1" in shown_text(slack.fake.of("respond")[0].body)  # Priya, privately

    # The Clerk asks a question from that DM: a modal, then Priya gets it by DM with a button to answer.
    slack.fake.clear()
    assert _press_in_dm(slack, to_clerk.body, "Ask a question", CLERK).status == 200
    everything += slack.fake.calls
    [opened] = slack.fake.of("views.open")
    assert opened.body["trigger_id"] == payloads.load("block_actions_dm")["trigger_id"]
    question_view = opened.body["view"]
    assert question_view["title"]["text"] == "Question on C-1"  # whole, within Slack's 24 characters
    assert not slack.fake.of("chat.postMessage")
    slack.fake.clear()
    question = "When was this, and was anyone else there? <!everyone>"
    response = slack.submit(question_view, {"message": question}, user=CLERK)
    assert response.status == 200 and response.body == ""
    everything += slack.fake.calls
    [to_priya] = slack.fake.of("chat.postMessage")
    assert to_priya.body["channel"] == f"D-{PRIYA}"
    assert [c.body["users"] for c in slack.fake.of("conversations.open")] == [PRIYA]
    assert "Nadia Kowalski sent a question" in shown_text(to_priya.body)
    assert "When was this, and was anyone else there?" in shown_text(to_priya.body)
    assert list(buttons(to_priya.body)) == ["Reply"]
    [sent] = slack.fake.of("respond")  # the Clerk is told, privately, where she pressed
    assert sent.body["response_type"] == "ephemeral" and "Sent: your question about C-1" in shown_text(sent.body)

    # Priya answers from her DM: button, modal, submit; the Clerk receives it by DM.
    slack.fake.clear()
    _press_in_dm(slack, to_priya.body, "Reply", PRIYA)
    everything += slack.fake.calls
    [opened] = slack.fake.of("views.open")
    reply_view = opened.body["view"]
    assert reply_view["title"]["text"].startswith("Reply about")
    slack.fake.clear()
    answer = "Tuesday at ten; <@U05MAY> saw it too."
    assert slack.submit(reply_view, {"message": answer}, user=PRIYA).body == ""
    everything += slack.fake.calls
    [back_to_clerk] = slack.fake.of("chat.postMessage")
    assert back_to_clerk.body["channel"] == f"D-{CLERK}"
    assert "Priya Nair sent a message" in shown_text(back_to_clerk.body)
    assert "Tuesday at ten; &lt;@U05MAY&gt; saw it too." in shown_text(back_to_clerk.body)
    assert "Reply" in buttons(back_to_clerk.body)

    # The conversation is in both DMs' concern and nobody else was written to.
    posted_to = {c.body["channel"] for c in everything if c.method == "chat.postMessage"}
    assert posted_to == {f"D-{CLERK}", f"D-{PRIYA}"}
    opened_for = {c.body["users"] for c in everything if c.method == "conversations.open"}
    assert opened_for == {CLERK, PRIYA}
    assert not [c for c in everything if c.method == "chat.postEphemeral"]
    assert not [c for c in everything if _touches(c, OFFICER) or _touches(c, "U05MAY")]

    # No user text could ping anyone, in any message, modal or Home the bot sent, nor in its HTTP answers.
    sent_text = [json.dumps(_shown(c.body)) for c in everything] + responses
    for mention in ("<!channel>", "<!here>", "<!everyone>", "<@U04ROB>", "<@U05MAY>"):
        assert not [s for s in sent_text if mention in s], mention
    assert any("&lt;!channel&gt;" in s for s in sent_text)  # the summary was repeated, escaped
    for call in everything:
        if call.method == "chat.postMessage":
            assert call.body["parse"] == "none" and call.body["link_names"] in (False, "0", 0)


def test_the_raiser_cannot_use_the_handlers_buttons(slack: Harness) -> None:
    slack.command('concern about="Robert Hale" summary="Rude to a resident at the allotments"', user=PRIYA)
    [to_clerk] = _dms(slack.fake.calls, CLERK)
    slack.fake.clear()
    # A forged press of the Clerk's "Ask a question" by the raiser, in the raiser's own DM.
    forged = {**to_clerk, "channel": f"D-{PRIYA}"}
    _press_in_dm(slack, forged, "Ask a question", PRIYA)
    assert not slack.fake.of("views.open")
    told = slack.fake.of("respond")
    assert told and "Only Nadia Kowalski can do that for C-1" in shown_text(told[0].body)
    assert not slack.fake.of("chat.postMessage")
