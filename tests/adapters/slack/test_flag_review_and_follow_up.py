"""The Clerk's flag review in the App Home, and the two-way follow-up of a concern in DMs, as on Slack."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import BoltResponse

from adapters.slack.text import escape
from bot.council import Person
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import FORM, Harness, buttons, shown_text
from tests.adapters.slack.fake_slack import Call

CLERK, CHAIR, OFFICER, PRIYA, DENNIS = "U01NADIA", "U06GRACE", "U04ROB", "U08PRIYA", "U09DENNIS"
ABOUT_ROBERT = "Robert Hale is hopeless and should be sacked."
ABOUT_CLERK = "Nadia Kowalski is useless."


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
    home = slack.open_home(CLERK, "Ev0PB0000303")
    everything += slack.fake.calls
    assert home["type"] == "home"
    text = shown_text(home)
    assert "F-1" in text and "Robert Hale" in text and "Priya Nair" in text
    assert "F-2" not in text and "Nadia Kowalski is useless" not in text  # nobody sees a flag about themselves
    assert "hopeless" not in text and "sacked" not in text  # lists hold no text of the message
    assert {"Show F-1", "Mark F-1 reviewed"} <= set(buttons(home))
    assert not any("F-2" in label for label in buttons(home))

    # The Chair's Home has the flag about the Clerk, and not the Clerk's.
    chair_home = slack.open_home(CHAIR, "Ev0PB0000304")
    everything += slack.fake.calls
    chair_text = shown_text(chair_home)
    assert "F-2" in chair_text and "Nadia Kowalski" in chair_text and "F-1" not in chair_text
    assert "Show F-2" in buttons(chair_home)

    # "Show" in the Home (no channel, no response_url): the excerpt opens in a modal for the Clerk, on the
    # trigger of her press, and never in a message (a DM would keep it after the flag is purged).
    slack.fake.clear()
    assert slack.press_in_home(home, "Show F-1", CLERK).status == 200
    everything += slack.fake.calls
    [opened] = slack.fake.of("views.open")
    assert opened.body["trigger_id"] == payloads.load("block_actions_home")["trigger_id"]
    modal = opened.body["view"]
    assert modal["type"] == "modal" and modal["title"]["text"] == "Flag review" and "submit" not in modal
    assert "Excerpt: " + ABOUT_ROBERT in shown_text(modal)
    clerk = slack.bot.identify("slack", CLERK)
    assert isinstance(clerk, Person)
    [core] = slack.bot.flag_review.show(1, clerk)  # what the core says, rendered as is
    assert shown_text(modal) == escape(core.text) and list(buttons(modal)) == [b.label for b in core.buttons]
    assert list(buttons(modal)) == ["Mark reviewed"]
    assert not slack.fake.of("chat.postMessage", "chat.postEphemeral", "respond", "conversations.open")

    # "Mark reviewed" in that modal: the modal says it is done (the excerpt gone from it), and the Home is
    # published again without the flag; nothing is posted anywhere.
    slack.fake.clear()
    assert slack.press_in_modal(modal, "Mark reviewed", CLERK).status == 200
    everything += slack.fake.calls
    [updated] = slack.fake.of("views.update")
    assert updated.body["view_id"] == "V0PROTO0001"
    assert updated.body["hash"] == payloads.load("block_actions_modal")["view"]["hash"]
    assert updated.body["view"]["title"]["text"] == "Flag review"
    assert "Done: F-1 is marked reviewed." in shown_text(updated.body["view"])
    assert ABOUT_ROBERT not in json.dumps(updated.body) and not buttons(updated.body["view"])
    assert [c.method for c in slack.fake.sent()] == ["views.update"] and not slack.fake.of("conversations.open")
    [republished] = slack.fake.of("views.publish")
    assert republished.body["user_id"] == CLERK
    assert "F-1" not in shown_text(republished.body["view"])  # the Home lists open flags
    assert not any("F-1" in label for label in buttons(republished.body["view"]))

    # Pressing the stale button again changes nothing.
    slack.fake.clear()
    slack.press_in_home(home, "Mark F-1 reviewed", CLERK)
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
    # Nor did the flag's text ever reach anyone but its author (the nudge) and the Clerk (Show, in the modal).
    for call in everything:
        if ABOUT_ROBERT in json.dumps(call.body):
            assert (call.method == "chat.postEphemeral" and call.body["user"] == PRIYA) or call is opened, call


def test_marking_a_flag_reviewed_from_the_home_list_tells_the_clerk_and_refreshes_the_home(slack: Harness) -> None:
    slack.message(ABOUT_ROBERT, user=PRIYA, event_id="Ev0PB0000305", ts="1765800730.000100")
    home = slack.open_home(CLERK, "Ev0PB0000306")
    slack.fake.clear()
    assert slack.press_in_home(home, "Mark F-1 reviewed", CLERK).status == 200
    [done] = slack.fake.of("chat.postMessage")
    assert done.body["channel"] == f"D-{CLERK}" and "F-1 is marked reviewed" in shown_text(done.body)
    assert ABOUT_ROBERT not in json.dumps([c.body for c in slack.fake.calls])
    assert not slack.fake.of("views.open", "views.update")
    [republished] = slack.fake.of("views.publish")
    assert republished.body["user_id"] == CLERK and "F-1" not in shown_text(republished.body["view"])


def test_the_clerk_cannot_show_or_close_the_flag_about_herself_from_a_forged_home_button(slack: Harness) -> None:
    slack.message(ABOUT_CLERK, user=DENNIS, event_id="Ev0PB0000311", ts="1765800720.000100")
    chair_home = slack.open_home(CHAIR, "Ev0PB0000312")
    slack.fake.clear()
    # The same buttons, pressed by the Clerk (whose Home never had them).
    slack.press_in_home(chair_home, "Show F-1", CLERK)
    slack.press_in_home(chair_home, "Mark F-1 reviewed", CLERK)
    [opened] = slack.fake.of("views.open")
    answers = [shown_text(opened.body["view"])] + [shown_text(c.body) for c in slack.fake.of("chat.postMessage")]
    assert len(answers) == 2 and all("There is no flag F-1 that you can see" in a for a in answers)
    assert not buttons(opened.body["view"])
    assert ABOUT_CLERK not in json.dumps([c.body for c in slack.fake.calls])
    # The Chair still has it open.
    assert "Show F-1" in buttons(slack.open_home(CHAIR, "Ev0PB0000313"))


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
