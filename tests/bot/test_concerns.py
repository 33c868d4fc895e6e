"""Private concerns through ProtocolBot, with fake stores: routing, confirmation, follow-up, review."""

from __future__ import annotations

import pytest

from protocol.concerns import ConcernStatus
from bot.app import ProtocolBot
from bot.events import Event, Where
from bot.replies import Audience, Reply
from tests.fakes import DENNIS, GRACE, NADIA, PRIYA, ROBERT, FakeAudit, FakeConcernStore, make_bot


@pytest.fixture
def store() -> FakeConcernStore:
    return FakeConcernStore(FakeAudit())


@pytest.fixture
def bot(store: FakeConcernStore) -> ProtocolBot:
    return make_bot(concerns=store)


def say(bot: ProtocolBot, who, text: str, where: Where | None = None) -> list[Reply]:
    return bot.handle(Event(who, where or Where.dm(), text))


def dm_to(replies: list[Reply], person) -> Reply:
    return next(r for r in replies if r.audience is Audience.DM and r.to == person)


def submit(bot: ProtocolBot, who, reply: Reply, **answers: str) -> list[Reply]:
    assert reply.form is not None
    given = {f.key: f.initial for f in reply.form.fields if f.initial}
    return bot.submit(reply.form.action, reply.form.value, {**given, **answers}, who)


def press(bot: ProtocolBot, who, reply: Reply, label: str) -> list[Reply]:
    button = next(b for b in reply.buttons if b.label == label)
    return bot.press(button, who, Where.dm())


def test_a_dm_starts_the_concern_form_with_the_message_in_it(bot: ProtocolBot) -> None:
    [reply] = say(bot, PRIYA, "I am worried about how the planning papers were handled")
    assert reply.form is not None and "confidential" in reply.text
    summary = next(f for f in reply.form.fields if f.key == "summary")
    assert summary.initial == "I am worried about how the planning papers were handled"


def test_the_form_shows_the_route_before_recording(bot: ProtocolBot, store: FakeConcernStore) -> None:
    [form] = say(bot, PRIYA, "/protocol concern")
    [preview] = submit(bot, PRIYA, form, about="Robert Hale", summary="Rude to a resident at the allotments")
    assert store.rows == {}  # nothing is recorded before the check
    assert "Nadia Kowalski" in preview.text and "not anonymous" in preview.text
    assert preview.form is not None and preview.form.submit_label == "Record it"
    replies = submit(bot, PRIYA, preview)
    assert "Recorded as C-1" in replies[0].text
    to_clerk = dm_to(replies, NADIA)
    assert "Rude to a resident" in to_clerk.text and [b.label for b in to_clerk.buttons][0] == "Acknowledge"
    assert store.rows[("brookfield", 1)].handlers == ("Nadia Kowalski",)


def test_a_concern_about_the_clerk_goes_to_the_chair_and_never_to_the_clerk(bot: ProtocolBot,
                                                                          store: FakeConcernStore) -> None:
    replies = say(bot, PRIYA, '/protocol concern about="Nads" summary="The clerk shouted at me" '
                              'category=officer_conduct')
    assert "Recorded as C-1" in replies[0].text
    assert {r.to for r in replies if r.audience is Audience.DM} == {GRACE}
    [review] = say(bot, NADIA, "/protocol review concerns all")
    assert "C-1" not in review.text and "shouted" not in review.text
    assert "Concerns you handle (all): 0." in review.text
    [nope] = say(bot, NADIA, "/protocol concern C-1")
    assert "no concern C-1 that you can see" in nope.text
    [grace] = say(bot, GRACE, "/protocol review concerns")
    assert "C-1" in grace.text and "shouted" not in grace.text  # lists show no text


def test_a_formal_complaint_gives_the_monitoring_officer_and_records_the_advice(bot: ProtocolBot,
                                                                              store: FakeConcernStore) -> None:
    replies = say(bot, PRIYA, '/protocol concern about="Dennis Wood" category=code_of_conduct '
                              'summary="He disclosed confidential information"')
    [reply] = replies
    assert "Monitoring Officer" in reply.text and "anonymous" in reply.text
    stored = store.rows[("brookfield", 1)]
    assert stored.status is ConcernStatus.ADVICE_GIVEN and stored.handlers == ()


def test_two_way_follow_up_and_closing_needs_an_outcome(bot: ProtocolBot, store: FakeConcernStore) -> None:
    replies = say(bot, PRIYA, '/protocol concern about="Robert" summary="Late with the allotment repairs again"')
    to_clerk = dm_to(replies, NADIA)
    [ack_done, told] = press(bot, NADIA, to_clerk, "Acknowledge")
    assert "acknowledged" in ack_done.text and told.to == PRIYA
    [form] = press(bot, NADIA, to_clerk, "Ask a question")
    replies = submit(bot, NADIA, form, message="Which dates were missed?")
    question = dm_to(replies, PRIYA)
    assert "Which dates were missed?" in question.text and [b.label for b in question.buttons] == ["Reply"]
    [form] = press(bot, PRIYA, question, "Reply")
    answer = dm_to(submit(bot, PRIYA, form, message="3 and 10 March"), NADIA)
    assert "3 and 10 March" in answer.text
    [form] = press(bot, NADIA, answer, "Change status")
    [needs_note] = submit(bot, NADIA, form, status="closed")
    assert "add a note of the outcome" in needs_note.text
    replies = submit(bot, NADIA, form, status="resolved_informally", note="Spoke to Robert; new schedule agreed")
    assert "new schedule agreed" in dm_to(replies, PRIYA).text
    assert store.rows[("brookfield", 1)].status is ConcernStatus.RESOLVED_INFORMALLY
    [shown] = say(bot, PRIYA, "/protocol concern C-1")
    assert "Which dates were missed?" in shown.text and "3 and 10 March" in shown.text


def test_only_raiser_and_handlers_read_and_every_read_is_audited(bot: ProtocolBot, store: FakeConcernStore) -> None:
    say(bot, PRIYA, '/protocol concern about="Robert" summary="Late with the allotment repairs"')
    for outsider in (DENNIS, GRACE, ROBERT):
        [nope] = say(bot, outsider, "/protocol concern C-1")
        assert "no concern C-1 that you can see" in nope.text
    say(bot, NADIA, "/protocol concern C-1")
    reads = [e for e in store.audit.entries if e[1] == "read"]
    assert reads == [("Nadia Kowalski", "read", "C-1", "")]


def test_bad_input_is_named_and_nothing_is_recorded(bot: ProtocolBot, store: FakeConcernStore) -> None:
    [reply] = say(bot, PRIYA, '/protocol concern about="Nobody Known" category=gossip')
    for expected in ("summary is missing", '"Nobody Known" is not one of the choices', '"gossip" is not one'):
        assert expected in reply.text
    [own] = say(bot, PRIYA, '/protocol concern about="Priya Nair" summary="x"')
    assert "Nothing was recorded" in own.text
    assert store.rows == {}


def test_database_down_means_not_recorded_and_the_text_is_given_back(bot: ProtocolBot,
                                                                     store: FakeConcernStore) -> None:
    store.down = True
    [reply] = say(bot, PRIYA, '/protocol concern about="Robert" summary="Late with the repairs"')
    assert "NOT recorded" in reply.text and "Late with the repairs" in reply.text
