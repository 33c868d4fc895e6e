"""Information requests through ProtocolBot, with a fake store and a fixed clock.

Monday 7 December 2026 is the day the requests are made: acknowledgement is due
on Tuesday 8 December and the answer on Monday 21 December (10 working days).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from protocol.requests import EventKind, RequestStatus
from bot.app import ProtocolBot
from bot.clock import SettableClock
from bot.events import Event, Where
from bot.replies import Audience, Button, Reply
from tests.fakes import DENNIS, FARAH, GRACE, MONDAY, NADIA, PRIYA, ROBERT, FakeRequestStore, make_bot

PLANNING = ('/protocol request documents="The tree survey for the Elm Road application" '
            'purpose="I sit on the planning committee and it decides the application at its next meeting" '
            'committee=planning')


@pytest.fixture
def store() -> FakeRequestStore:
    return FakeRequestStore()


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(MONDAY)


@pytest.fixture
def bot(store: FakeRequestStore, clock: SettableClock) -> ProtocolBot:
    return make_bot(store, clock)


def say(bot: ProtocolBot, who, text: str, where: Where | None = None) -> list[Reply]:
    return bot.handle(Event(who, where or Where.public("general"), text))


def press(bot: ProtocolBot, who, reply: Reply, label: str) -> list[Reply]:
    button = next(b for b in reply.buttons if b.label == label)
    return bot.press(button, who, Where.dm())


def dm_to(replies: list[Reply], person) -> Reply:
    return next(r for r in replies if r.audience is Audience.DM and r.to == person)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 12, day, hour, 0, tzinfo=UTC)


# ---------------------------------------------------------------- intake


def test_request_with_no_fields_opens_the_form(bot: ProtocolBot) -> None:
    [reply] = say(bot, PRIYA, "/protocol request")
    assert reply.audience is Audience.ASKER and reply.form is not None
    keys = [f.key for f in reply.form.fields]
    assert keys == ["documents", "purpose", "committee", "matter", "constituent", "personal_data", "confidential"]
    committee = reply.form.fields[2]
    assert committee.options == (("planning", "Planning Committee"), ("finance", "Finance Committee"))


def test_inline_request_is_stored_assessed_routed_and_confirmed(bot: ProtocolBot, store: FakeRequestStore) -> None:
    confirm, to_clerk = say(bot, PRIYA, PLANNING)
    assert confirm.audience is Audience.ASKER
    assert "Recorded as R-1" in confirm.text and "Nadia Kowalski" in confirm.text
    assert "Tue 8 Dec 2026" in confirm.text and "Mon 21 Dec 2026" in confirm.text
    assert "Presumed" in confirm.text  # she sits on the planning committee
    assert confirm.cards and confirm.cards[0].council == "Brookfield Town Council"
    assert to_clerk.to == NADIA and "R-1 from Cllr Priya Nair" in to_clerk.text
    assert "Elm Road" in to_clerk.text and "the officer decides" not in to_clerk.text
    assert [b.label for b in to_clerk.buttons] == ["Acknowledge", "Ask for clarification", "Grant", "Grant in part",
                                                   "Refuse", "Extend deadline", "Reassign"]
    stored = store.get("brookfield", 1)
    assert stored is not None and stored.status is RequestStatus.OPEN and stored.verdict == "presumed"
    assert [e.kind for e in store.history("brookfield", 1)] == [EventKind.CREATED]


def test_delegated_matters_go_to_the_delegated_officer(bot: ProtocolBot) -> None:
    confirm, to_officer = say(bot, DENNIS, '/protocol request documents="The Q3 budget monitoring report" '
                                          'purpose="I am on the finance committee which reviews it" committee=Finance')
    assert to_officer.to == FARAH
    assert "delegated" in confirm.text


def test_missing_and_wrong_fields_are_all_named_and_nothing_is_stored(bot: ProtocolBot,
                                                                        store: FakeRequestStore) -> None:
    [reply] = say(bot, PRIYA, '/protocol request documents="x" committee=parks constituent=maybe colour=red')
    for expected in ("colour is not a field", "purpose is missing", '"parks" is not one of the choices',
                     "constituent should be yes or no", "Nothing was recorded"):
        assert expected in reply.text
    assert store.rows == {}


def test_over_long_text_odd_unicode_and_markup(bot: ProtocolBot, store: FakeRequestStore) -> None:
    [reply] = say(bot, PRIYA, f'/protocol request documents="{"x" * 20000}" purpose="for the meeting"')
    assert "20,000 characters long" in reply.text and store.rows == {}
    say(bot, PRIYA, '/protocol request documents="<b>papers</b> *now* \u202eevil\u200b" '
                    'purpose="I need them to prepare for the planning committee meeting on Monday"')
    stored = store.get("brookfield", 1)
    assert stored is not None and stored.documents == "<b>papers</b> *now* evil"


def test_words_without_fields_get_a_pointer_not_an_error_dump(bot: ProtocolBot) -> None:
    [reply] = say(bot, PRIYA, "/protocol request for information")
    assert "/protocol request on its own" in reply.text


def test_officers_do_not_make_information_requests(bot: ProtocolBot) -> None:
    [reply] = say(bot, ROBERT, PLANNING)
    assert "for councillors" in reply.text


def test_database_down_means_not_recorded_and_the_text_is_given_back(bot: ProtocolBot,
                                                                     store: FakeRequestStore) -> None:
    store.down = True
    [reply] = say(bot, PRIYA, PLANNING)
    assert "NOT recorded" in reply.text and "Elm Road" in reply.text
    assert all(r.audience is Audience.ASKER for r in [reply])


def test_the_form_submitted_from_a_modal(bot: ProtocolBot) -> None:
    [form_reply] = say(bot, PRIYA, "/protocol request")
    assert form_reply.form is not None
    replies = bot.submit(form_reply.form.action, form_reply.form.value,
                         {"documents": "Minutes", "purpose": "To prepare for the planning meeting next week",
                          "committee": "planning", "confidential": "yes"}, PRIYA)
    assert "Recorded as R-1" in replies[0].text and "confidential" in replies[0].text
    assert "CONFIDENTIAL" in dm_to(replies, NADIA).text


# ---------------------------------------------------------------- the officer's actions


def test_acknowledge_then_grant_tells_the_councillor_each_time(bot: ProtocolBot, store: FakeRequestStore) -> None:
    _, to_clerk = say(bot, PRIYA, PLANNING)
    done, told = press(bot, NADIA, to_clerk, "Acknowledge")
    assert "Done: you acknowledged the request (R-1)" in done.text and told.to == PRIYA
    assert "due Mon 21 Dec 2026" in told.text
    [again] = press(bot, NADIA, to_clerk, "Acknowledge")
    assert "already acknowledged" in again.text
    [form] = press(bot, NADIA, to_clerk, "Grant")
    assert form.form is not None
    replies = bot.submit(form.form.action, form.form.value, {"note": "Attached to an email to you"}, NADIA)
    assert "Attached to an email" in dm_to(replies, PRIYA).text
    assert store.get("brookfield", 1).status is RequestStatus.GRANTED
    [late] = press(bot, NADIA, to_clerk, "Refuse")
    assert "is granted" in late.text and "Nothing was changed" in late.text


def test_refusal_needs_a_reason_and_shows_it_with_the_clause_and_foi(bot: ProtocolBot) -> None:
    _, to_clerk = say(bot, PRIYA, PLANNING)
    [form] = press(bot, NADIA, to_clerk, "Refuse")
    [missing] = bot.submit(form.form.action, form.form.value, {}, NADIA)
    assert "reason is missing" in missing.text and missing.form is not None
    replies = bot.submit(form.form.action, form.form.value, {"reason": "It contains exempt commercial details"},
                         NADIA)
    to_priya = dm_to(replies, PRIYA)
    assert "exempt commercial details" in to_priya.text and "Freedom of Information" in to_priya.text
    assert to_priya.cards


def test_clarification_stops_the_clock_until_the_councillor_answers(bot: ProtocolBot, store: FakeRequestStore,
                                                                    clock: SettableClock) -> None:
    _, to_clerk = say(bot, PRIYA, PLANNING)
    [form] = press(bot, NADIA, to_clerk, "Ask for clarification")
    replies = bot.submit(form.form.action, form.form.value, {"question": "Which survey: 2024 or 2025?"}, NADIA)
    question = dm_to(replies, PRIYA)
    assert "2024 or 2025" in question.text and "clock is stopped" in question.text
    assert [b.label for b in question.buttons] == ["Answer", "Withdraw"]
    clock.set(at(10))  # Thursday: three working days later
    [answer_form] = press(bot, PRIYA, question, "Answer")
    replies = bot.submit(answer_form.form.action, answer_form.form.value, {"answer": "The 2025 one"}, PRIYA)
    assert "The 2025 one" in dm_to(replies, NADIA).text
    stored = store.get("brookfield", 1)
    assert stored.status is RequestStatus.ACKNOWLEDGED and str(stored.due) == "2026-12-24"
    assert stored.paused_at is None


def test_only_the_officer_or_the_clerk_acts_and_only_they_and_the_councillor_see(bot: ProtocolBot) -> None:
    _, to_officer = say(bot, DENNIS, '/protocol request documents="Invoices for October" '
                                     'purpose="The finance committee reviews payments" committee=finance')
    assert to_officer.to == FARAH
    [nope] = press(bot, ROBERT, to_officer, "Grant")
    assert "no request R-1 that you can see" in nope.text
    [nope] = press(bot, PRIYA, to_officer, "Grant")
    assert "no request R-1 that you can see" in nope.text
    [shown] = say(bot, NADIA, "/protocol request R-1")  # the Clerk sees everything
    assert "Invoices for October" in shown.text and "History:" in shown.text
    [shown] = say(bot, DENNIS, "/protocol request 1")
    assert "with Farah Siddiqui" in shown.text and shown.buttons == (Button("Withdraw", "request.withdraw", "1"),)
    [nope] = press(bot, DENNIS, to_officer, "Grant")
    assert "Only Farah Siddiqui" in nope.text


def test_reassign_moves_it_and_tells_both_officers(bot: ProtocolBot, store: FakeRequestStore) -> None:
    _, to_clerk = say(bot, PRIYA, PLANNING)
    [form] = press(bot, NADIA, to_clerk, "Reassign")
    officers = [value for value, _ in form.form.fields[0].options]
    assert "Nadia Kowalski" not in officers and "Robert Hale" in officers and "Priya Nair" not in officers
    replies = bot.submit(form.form.action, form.form.value, {"officer": "Robert Hale"}, NADIA)
    to_robert = dm_to(replies, ROBERT)
    assert "reassigned to you by Nadia Kowalski" in to_robert.text and "Acknowledge" in [
        b.label for b in to_robert.buttons]
    assert store.get("brookfield", 1).officer == "Robert Hale"


def test_extension_must_be_a_later_working_day(bot: ProtocolBot, store: FakeRequestStore) -> None:
    _, to_clerk = say(bot, PRIYA, PLANNING)
    [form] = press(bot, NADIA, to_clerk, "Extend deadline")
    [xmas] = bot.submit(form.form.action, form.form.value, {"due": "2026-12-25", "reason": "Leave"}, NADIA)
    assert "Christmas Day" in xmas.text and "Tue 29 Dec 2026" in xmas.text
    [early] = bot.submit(form.form.action, form.form.value, {"due": "2026-12-10", "reason": "x"}, NADIA)
    assert "after the current one" in early.text
    replies = bot.submit(form.form.action, form.form.value, {"due": "2027-01-08", "reason": "The survey is "
                                                                                           "being redacted"}, NADIA)
    assert "being redacted" in dm_to(replies, PRIYA).text
    assert str(store.get("brookfield", 1).due) == "2027-01-08"


def test_withdrawal_by_the_councillor(bot: ProtocolBot, store: FakeRequestStore) -> None:
    confirm, _ = say(bot, PRIYA, PLANNING)
    [form] = press(bot, PRIYA, confirm, "Withdraw")
    replies = bot.submit(form.form.action, form.form.value, {}, PRIYA)
    assert "withdrew the request" in dm_to(replies, NADIA).text
    assert store.get("brookfield", 1).status is RequestStatus.WITHDRAWN


# ---------------------------------------------------------------- reminders and escalation


def test_reminders_then_escalation_to_the_chair_when_the_clerk_is_overdue(bot: ProtocolBot,
                                                                          clock: SettableClock) -> None:
    say(bot, PRIYA, PLANNING)
    assert bot.run_scheduled() == []
    clock.set(at(9))  # Wednesday: the acknowledgement was due yesterday
    [ack] = bot.run_scheduled()
    assert ack.to == NADIA and "please acknowledge R-1" in ack.text
    assert bot.run_scheduled() == []  # once only
    clock.set(at(17))  # two working days before Monday 21st
    [reminder] = bot.run_scheduled()
    assert reminder.to == NADIA and "due Mon 21 Dec 2026 (in 2 working days)" in reminder.text
    clock.set(at(22))
    replies = bot.run_scheduled()
    assert {r.to for r in replies} == {GRACE, NADIA, PRIYA}  # the Clerk is the one overdue: the Chair is told
    assert "Overdue: R-1" in dm_to(replies, GRACE).text
    assert bot.run_scheduled() == []


def test_no_reminders_while_awaiting_clarification_or_within_an_extension(bot: ProtocolBot,
                                                                          clock: SettableClock) -> None:
    _, to_clerk = say(bot, PRIYA, PLANNING)
    press(bot, NADIA, to_clerk, "Acknowledge")
    [form] = press(bot, NADIA, to_clerk, "Ask for clarification")
    bot.submit(form.form.action, form.form.value, {"question": "Which one?"}, NADIA)
    clock.set(at(23))
    assert bot.run_scheduled() == []  # past the old deadline, but the clock is stopped


def test_an_overdue_delegated_request_goes_to_the_clerk(bot: ProtocolBot, clock: SettableClock) -> None:
    say(bot, DENNIS, '/protocol request documents="Invoices" purpose="The finance committee reviews payments" '
                     'committee=finance')
    clock.set(at(22))
    replies = bot.run_scheduled()
    assert "Overdue: R-1" in dm_to(replies, NADIA).text and dm_to(replies, FARAH)


# ---------------------------------------------------------------- review


def test_review_shows_each_person_what_is_theirs(bot: ProtocolBot, clock: SettableClock) -> None:
    say(bot, PRIYA, PLANNING + " confidential=yes")
    say(bot, DENNIS, '/protocol request documents="Invoices" purpose="The finance committee reviews payments" '
                     'committee=finance')
    [clerk] = say(bot, NADIA, "/protocol review requests")
    assert "2 open, 0 overdue" in clerk.text and "R-1 [confidential]" in clerk.text and "R-2" in clerk.text
    [farah] = say(bot, FARAH, "/protocol review")
    assert "R-2" in farah.text and "R-1" not in farah.text
    [dennis] = say(bot, DENNIS, "/protocol review requests all")
    assert "R-2" in dennis.text and "R-1" not in dennis.text and "Tree" not in dennis.text
    [grace] = say(bot, GRACE, "/protocol review requests")
    assert "0 open" in grace.text and "R-1" not in grace.text
    clock.set(at(22))
    [overdue] = say(bot, NADIA, "/protocol review requests overdue")
    assert "2 overdue" in overdue.text and "OVERDUE since Mon 21 Dec 2026" in overdue.text
    assert [b.label for b in overdue.buttons] == ["Open R-1", "Open R-2"]
    [bad] = say(bot, NADIA, "/protocol review requests soon")
    assert "I don't know 'soon'" in bad.text
