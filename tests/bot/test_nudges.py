"""Nudges on public criticism of officers, through ProtocolBot with a fake detector and fake stores.

Where: only public channels, never exempt ones; who: only the author hears of it;
when: one nudge per message (edits included) and per burst; what follows: the
three buttons, the reviewer's notice and review; and failures that say nothing.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from protocol.conduct import Finding, Kind
from protocol.flags import FlagStatus, ReviewerPost
from protocol.model import Clause, ProtocolPack
from bot.app import ProtocolBot
from bot.clock import SettableClock
from bot.council import ModerationSettings, Person, Role
from bot.events import Event, UnknownUser, Where
from bot.replies import Audience, Reply
from tests.fakes import (
    COUNCIL,
    DENNIS,
    GRACE,
    MONDAY,
    NADIA,
    PACK,
    PRIYA,
    ROBERT,
    FakeAudit,
    FakeConcernStore,
    FakeDetector,
    FakeFlagStore,
    make_bot,
)

ABOUT_ROBERT = "Robert is useless, the allotment gates were left open again."
ABOUT_NADIA = "Nadia is hopeless at keeping us informed."
ABOUT_STAFF = "The office staff are lazy and never answer the phone."
CLAUSE = Clause("6.2", "Councillors should not criticise an officer in public. An officer has no means of "
                       "responding to criticism in public.", path=("Conduct",), number="6.2")
FINDINGS = {
    ABOUT_ROBERT: Finding(True, 'personal attack on Robert Hale: "useless"', officer="Robert Hale",
                          kind=Kind.PERSONAL_ATTACK, evidence="useless", span=(9, 16), cues=("useless",)),
    ABOUT_NADIA: Finding(True, 'conduct of Nadia Kowalski: "hopeless at"', officer="Nadia Kowalski",
                         kind=Kind.CONDUCT, evidence="hopeless at", span=(9, 20)),
    ABOUT_STAFF: Finding(True, "council staff collectively: lazy", collective=True, kind=Kind.PERSONAL_ATTACK,
                         span=(24, 28)),
}
VICE = Person("Colin Marsh", Role.VICE_CHAIR)


class World:
    """The bot with its fakes, and helpers to talk to it."""

    def __init__(self, **moderation: object) -> None:
        self.audit = FakeAudit()
        self.concerns = FakeConcernStore(self.audit)
        self.flags = FakeFlagStore(self.audit)
        self.detector = FakeDetector(FINDINGS)
        self.clock = SettableClock(MONDAY)
        self.council = replace(COUNCIL, people=COUNCIL.people + (VICE,),
                               moderation=ModerationSettings(**moderation))  # type: ignore[arg-type]
        pack = ProtocolPack(clauses=PACK.clauses + (CLAUSE,), council=PACK.council, title=PACK.title)
        self.bot: ProtocolBot = make_bot(clock=self.clock, concerns=self.concerns, flags=self.flags,
                                         detector=self.detector, council=self.council, pack=pack)
        self._ids = 0

    def post(self, who: Person | UnknownUser, text: str, where: Where | None = None, *,
             message_id: str | None = None, edited: bool = False) -> list[Reply]:
        if message_id is None:
            self._ids += 1
            message_id = f"C1:{self._ids}"
        return self.bot.handle(Event(who, where or Where.public("general"), text, message_id=message_id,
                                     edited=edited, link=f"https://chat.example/{message_id}"))

    def press(self, who: Person, reply: Reply, label: str) -> list[Reply]:
        button = next(b for b in reply.buttons if b.label == label)
        return self.bot.press(button, who, Where.public("general"))

    def minutes(self, n: int) -> None:
        from datetime import timedelta

        self.clock.set(self.clock() + timedelta(minutes=n))


@pytest.fixture
def world() -> World:
    return World()


# ---------------------------------------------------------------- the nudge


def test_the_author_alone_gets_a_courteous_nudge_with_the_clause_and_three_buttons(world: World) -> None:
    [nudge] = world.post(PRIYA, ABOUT_ROBERT)
    assert nudge.audience is Audience.ASKER and nudge.to is None
    assert "Robert Hale" in nudge.text and "raised privately" in nudge.text and "#general" in nudge.text
    assert "nothing has been posted in the channel" in nudge.text and "Robert Hale has not been told" in nudge.text
    assert "F-1" in nudge.text and "the Clerk's review" in nudge.text
    assert [c.clause_id for c in nudge.cards] == ["6.2"] and "no means of responding" in nudge.cards[0].text
    assert [b.label for b in nudge.buttons] == ["Raise this privately", "This isn't a criticism", "Dismiss"]
    flag = world.flags.rows[("brookfield", 1)]
    assert (flag.author, flag.officer, flag.kind, flag.clause_id, flag.reviewer) == (
        "Priya Nair", "Robert Hale", "personal_attack", "6.2", ReviewerPost.CLERK)
    assert flag.excerpt == ABOUT_ROBERT and flag.link == "https://chat.example/C1:1" and flag.channel == "general"
    assert "useless" in (flag.reason or "")
    assert world.detector.calls == [(ABOUT_ROBERT, "public", "Priya Nair")]  # the author is passed on


def test_nothing_is_said_about_messages_that_are_not_criticism(world: World) -> None:
    assert world.post(PRIYA, "Thank you Robert for fixing the gates.") == []
    assert world.flags.rows == {}


@pytest.mark.parametrize("where", [Where.private("staff"), Where.dm()])
def test_private_channels_and_dms_are_never_checked(world: World, where: Where) -> None:
    replies = world.post(PRIYA, ABOUT_ROBERT, where)
    assert all(r.audience is Audience.ASKER and "F-" not in r.text for r in replies)  # a DM may offer a concern
    assert world.detector.calls == [] and world.flags.rows == {}


def test_exempt_channels_are_never_checked() -> None:
    world = World(exempt_channels=("staff-banter",))
    assert world.post(PRIYA, ABOUT_ROBERT, Where.public("#Staff-Banter")) == []
    assert world.detector.calls == []
    assert world.post(PRIYA, ABOUT_ROBERT, Where.public("general")) != []


def test_someone_not_on_the_roster_gets_nothing_and_is_not_checked(world: World) -> None:
    assert world.post(UnknownUser("slack", "U999", "Visitor"), ABOUT_ROBERT) == []
    assert world.detector.calls == [] and world.flags.rows == {}


def test_empty_and_huge_messages(world: World) -> None:
    assert world.post(PRIYA, "   ") == [] and world.detector.calls == []
    huge = "The accounts were fine. " * 1665 + ABOUT_ROBERT  # 40,021 characters
    world.detector.findings[huge] = replace(FINDINGS[ABOUT_ROBERT], span=(len(huge) - 52, len(huge) - 45))
    [nudge] = world.post(PRIYA, huge)
    stored = world.flags.rows[("brookfield", 1)].excerpt or ""
    assert len(huge) > 40_000 and len(stored) <= 602 and "useless" in stored and stored.startswith("…")
    assert len(nudge.text) < 1500


def test_collective_criticism_goes_to_the_clerk_and_names_no_officer(world: World) -> None:
    [nudge] = world.post(DENNIS, ABOUT_STAFF)
    assert "council staff" in nudge.text and "no officer has been told" in nudge.text
    flag = world.flags.rows[("brookfield", 1)]
    assert flag.officer is None and flag.collective and flag.reviewer is ReviewerPost.CLERK


# ---------------------------------------------------------------- once per message, once per burst


def test_one_message_never_nudges_twice_and_edits_are_checked_again(world: World) -> None:
    assert len(world.post(PRIYA, ABOUT_ROBERT, message_id="m1")) == 1
    assert world.post(PRIYA, ABOUT_ROBERT, message_id="m1") == []  # a retry of the same event
    world.minutes(30)
    assert world.post(PRIYA, ABOUT_ROBERT + " ", message_id="m1", edited=True) == []  # an edit of it
    assert len(world.flags.rows) == 1
    assert world.post(PRIYA, "The gates were open.", message_id="m2") == []
    world.minutes(30)
    [nudge] = world.post(PRIYA, ABOUT_ROBERT, message_id="m2", edited=True)  # the edit made it a criticism
    assert "F-2" in nudge.text
    assert world.post(PRIYA, ABOUT_ROBERT, message_id="m2", edited=True) == []  # edited again: no second nudge


def test_a_burst_gives_one_nudge_and_every_flag_is_kept() -> None:
    world = World(burst_minutes=10, notify_reviewer=True)
    first = world.post(PRIYA, ABOUT_ROBERT)
    assert [r.audience for r in first] == [Audience.ASKER, Audience.DM]
    for _ in range(5):
        world.minutes(1)
        assert world.post(PRIYA, ABOUT_ROBERT) == []  # recorded, not nudged, no second notice
    assert world.post(DENNIS, ABOUT_STAFF) != []  # another author is not in Priya's burst
    world.minutes(10)
    assert len(world.post(PRIYA, ABOUT_ROBERT)) == 2
    nudged = [f.ref for f in world.flags.rows.values() if f.author == "Priya Nair" and f.nudged_at]
    assert len(world.flags.rows) == 8 and nudged == ["F-1", "F-8"]


def test_a_burst_of_zero_minutes_nudges_every_message() -> None:
    world = World(burst_minutes=0)
    assert all(len(world.post(PRIYA, ABOUT_ROBERT)) == 1 for _ in range(3))


# ---------------------------------------------------------------- the reviewer


def test_flags_wait_in_the_review_unless_the_reviewer_is_notified(world: World) -> None:
    replies = world.post(PRIYA, ABOUT_ROBERT)
    assert [r.audience for r in replies] == [Audience.ASKER]
    assert not [e for e in world.audit.entries if e[1] == "notify"]


def test_the_reviewer_is_notified_at_once_when_the_council_asks() -> None:
    world = World(notify_reviewer=True)
    [_, notice] = world.post(PRIYA, ABOUT_ROBERT)
    assert notice.to == NADIA
    for expected in ("F-1", "Priya Nair", "#general", "clause 6.2", "Excerpt: " + ABOUT_ROBERT,
                     "Link: https://chat.example/C1:1", "Robert Hale has not been told"):
        assert expected in notice.text
    assert [b.label for b in notice.buttons] == ["Show F-1", "Mark reviewed"]
    assert ("protocol-bot", "notify", "F-1", "to Nadia Kowalski: create") in world.audit.entries


def test_criticism_of_the_clerk_goes_to_the_chair_and_the_clerk_is_never_told() -> None:
    world = World(notify_reviewer=True)
    replies = world.post(PRIYA, ABOUT_NADIA)
    assert {r.to for r in replies if r.audience is Audience.DM} == {GRACE}
    assert "the Chair's review" in replies[0].text
    assert world.flags.rows[("brookfield", 1)].reviewer is ReviewerPost.CHAIR
    replies = world.post(GRACE, ABOUT_NADIA)  # the Chair's own message about the Clerk: the Vice-Chair
    assert {r.to for r in replies if r.audience is Audience.DM} == {VICE}
    [clerk_list] = world.bot.handle(Event(NADIA, Where.dm(), "/protocol review flags all"))
    [nothing] = world.bot.handle(Event(DENNIS, Where.dm(), "/protocol review flags all"))
    assert clerk_list.text == nothing.text == "There are no flags you can see (all)."
    [hidden] = world.bot.handle(Event(NADIA, Where.dm(), "/protocol flag F-1"))
    assert "no flag F-1 that you can see" in hidden.text and ABOUT_NADIA not in hidden.text
    [grace] = world.bot.handle(Event(GRACE, Where.dm(), "/protocol review flags"))
    assert "F-1" in grace.text and "F-2" not in grace.text


# ---------------------------------------------------------------- the author's buttons


def test_raise_this_privately_opens_the_concern_form_filled_in(world: World) -> None:
    [nudge] = world.post(PRIYA, ABOUT_ROBERT)
    [form_reply] = world.press(PRIYA, nudge, "Raise this privately")
    form = form_reply.form
    assert form is not None and form_reply.audience is Audience.ASKER
    initial = {f.key: f.initial for f in form.fields}
    assert initial["summary"] == ABOUT_ROBERT and initial["about"] == "Robert Hale"
    flag = world.flags.rows[("brookfield", 1)]
    assert flag.status is FlagStatus.RAISED_PRIVATELY and flag.feedback is FlagStatus.RAISED_PRIVATELY
    assert ("Priya Nair", "read", "F-1", "excerpt") in world.audit.entries


def test_raising_criticism_of_the_clerk_privately_goes_to_the_chair(world: World) -> None:
    [nudge] = world.post(PRIYA, ABOUT_NADIA)
    [form_reply] = world.press(PRIYA, nudge, "Raise this privately")
    assert form_reply.form is not None
    given = {f.key: f.initial for f in form_reply.form.fields if f.initial}
    replies = world.bot.submit(form_reply.form.action, "confirm", given, PRIYA)
    assert "Recorded as C-1" in replies[0].text
    assert {r.to for r in replies if r.audience is Audience.DM} == {GRACE}
    assert world.concerns.rows[("brookfield", 1)].handlers == ("Grace Adeyemi",)


def test_this_is_not_a_criticism_is_recorded_for_tuning(world: World) -> None:
    [nudge] = world.post(PRIYA, ABOUT_ROBERT)
    [thanks] = world.press(PRIYA, nudge, "This isn't a criticism")
    assert "Thank you" in thanks.text and "not a criticism" in thanks.text and thanks.audience is Audience.ASKER
    assert world.flags.rows[("brookfield", 1)].feedback is FlagStatus.NOT_CRITICISM
    [listed] = world.bot.handle(Event(NADIA, Where.dm(), "/protocol review flags"))
    assert "the author says it is not a criticism" in listed.text


def test_dismiss_is_recorded_and_nothing_more_happens(world: World) -> None:
    [nudge] = world.post(PRIYA, ABOUT_ROBERT)
    [done] = world.press(PRIYA, nudge, "Dismiss")
    assert "Nothing more will happen" in done.text
    assert world.flags.rows[("brookfield", 1)].status is FlagStatus.DISMISSED


def test_only_the_author_can_answer_a_nudge(world: World) -> None:
    [nudge] = world.post(PRIYA, ABOUT_ROBERT)
    for label in ("Raise this privately", "This isn't a criticism", "Dismiss"):
        [reply] = world.press(DENNIS, nudge, label)
        assert "no longer works" in reply.text and ABOUT_ROBERT not in reply.text
    assert world.flags.rows[("brookfield", 1)].status is FlagStatus.OPEN


# ---------------------------------------------------------------- review


def test_the_clerk_lists_shows_and_marks_flags_reviewed(world: World) -> None:
    world.post(PRIYA, ABOUT_ROBERT)
    world.post(PRIYA, ABOUT_NADIA)
    world.post(DENNIS, ABOUT_STAFF)
    [listed] = world.bot.handle(Event(NADIA, Where.dm(), "/protocol review flags"))
    assert "F-1" in listed.text and "F-3" in listed.text and "F-2" not in listed.text
    assert "#general: Priya Nair about Robert Hale, personal attack, clause 6.2 | open" in listed.text
    assert ABOUT_ROBERT not in listed.text  # no text in lists
    assert [b.label for b in listed.buttons] == ["Show F-3", "Mark F-3 reviewed", "Show F-1", "Mark F-1 reviewed"]
    [shown] = world.bot.press(listed.buttons[2], NADIA, Where.dm())
    assert "Excerpt: " + ABOUT_ROBERT in shown.text and "Why it was flagged" in shown.text
    assert ("Nadia Kowalski", "read", "F-1", "excerpt") in world.audit.entries
    [done] = world.bot.press(shown.buttons[0], NADIA, Where.dm())
    assert "F-1 is marked reviewed" in done.text
    flag = world.flags.rows[("brookfield", 1)]
    assert flag.status is FlagStatus.REVIEWED and flag.handled_by == "Nadia Kowalski"
    [again] = world.bot.press(shown.buttons[0], NADIA, Where.dm())
    assert "already reviewed" in again.text
    [open_now] = world.bot.handle(Event(NADIA, Where.dm(), "/protocol review flags open"))
    [everything] = world.bot.handle(Event(NADIA, Where.dm(), "/protocol review flags all"))
    assert "F-1" not in open_now.text and "F-1" in everything.text and "reviewed" in everything.text


@pytest.mark.parametrize("who", [PRIYA, DENNIS, ROBERT])
def test_anyone_else_sees_what_an_empty_list_shows(world: World, who: Person) -> None:
    world.post(PRIYA, ABOUT_ROBERT)
    [listed] = world.bot.handle(Event(who, Where.dm(), "/protocol review flags"))
    assert listed.text == "There are no flags you can see (open)." and listed.buttons == ()
    [one] = world.bot.handle(Event(who, Where.dm(), "/protocol flag F-1"))
    [none] = world.bot.handle(Event(who, Where.dm(), "/protocol flag F-9"))
    assert one.text == none.text.replace("F-9", "F-1")


# ---------------------------------------------------------------- failures


def test_a_database_that_is_down_means_silence_and_a_log_line(world: World, caplog: pytest.LogCaptureFixture) -> None:
    world.flags.down = True
    with caplog.at_level(logging.WARNING, logger="bot.nudge_desk"):
        assert world.post(PRIYA, ABOUT_ROBERT) == []
    assert "was not recorded" in caplog.text and "no nudge" in caplog.text
    world.flags.down = False
    [nudge] = world.post(PRIYA, ABOUT_ROBERT)
    world.flags.down = True
    [reply] = world.press(PRIYA, nudge, "Dismiss")
    assert "not available" in reply.text
    [review] = world.bot.handle(Event(NADIA, Where.dm(), "/protocol review flags"))
    assert "not available" in review.text


def test_a_detector_failure_is_logged_and_nothing_is_said(world: World, caplog: pytest.LogCaptureFixture) -> None:
    def broken(text: str, place: str = "public", author: str | None = None) -> Finding:
        raise RuntimeError("detector bug")

    world.detector.check = broken  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR, logger="bot.nudge_desk"):
        assert world.post(PRIYA, ABOUT_ROBERT) == []
    assert "detector failed" in caplog.text and world.flags.rows == {}


def test_a_message_without_an_id_still_nudges(world: World) -> None:
    replies = world.bot.handle(Event(PRIYA, Where.public("general"), ABOUT_ROBERT))
    assert len(replies) == 1
    assert world.flags.rows[("brookfield", 1)].message_id.startswith("unidentified:")

