"""The lookup use case, through ProtocolBot, on a small hand-written pack and a fake index."""

from __future__ import annotations

from protocol.errors import ProtocolError
from protocol.search import LookupResult

from bot.events import Event, UnknownUser, Where
from bot.lookup import ASK, SEE, SHARE
from bot.replies import Audience, Button, ClauseCard, Reply
from tests.fakes import NADIA, PRIYA, make_bot

GENERAL = Where.public("general")


def ask(text: str, who=PRIYA, where: Where = GENERAL) -> list[Reply]:
    return make_bot().handle(Event(who, where, text))


def only(replies: list[Reply]) -> Reply:
    assert len(replies) == 1, replies
    return replies[0]


def test_search_answers_privately_with_best_clause_next_matches_and_share() -> None:
    reply = only(ask("/protocol need-to-know"))
    assert reply.audience is Audience.ASKER
    assert reply.cards == (ClauseCard("10.3", "Access to information",
                                      "A councillor who is not a member of the committee must show a need to know.",
                                      "Brookfield Town Council"),)
    assert reply.buttons == (
        Button("See 10.1", SEE, "10.1"),
        Button("See 10.4", SEE, "10.4"),
        Button("Share in channel", SHARE, "10.3"),
    )
    assert '"need-to-know"' in reply.text and "Brookfield Town Council's Member/Officer Protocol" in reply.text
    assert "10.1 Access to information" in reply.text  # the next matches, with their headings


def test_clause_id_answers_with_that_clause_and_share_only() -> None:
    reply = only(ask("/protocol 10.3"))
    assert reply.audience is Audience.ASKER
    assert [c.clause_id for c in reply.cards] == ["10.3"]
    assert reply.buttons == (Button("Share in channel", SHARE, "10.3"),)
    assert reply.text.startswith("Clause 10.3 of ")


def test_in_a_dm_there_is_nothing_to_share_to() -> None:
    reply = only(ask("/protocol need-to-know", where=Where.dm()))
    assert [b.action for b in reply.buttons] == [SEE, SEE]


def test_private_channels_can_share() -> None:
    reply = only(ask("/protocol 10.3", where=Where.private("staff")))
    assert reply.buttons[-1].action == SHARE


def test_pressing_see_shows_that_clause_privately() -> None:
    bot = make_bot()
    reply = only(bot.press(Button("See 10.4", SEE, "10.4"), PRIYA, GENERAL))
    assert reply.audience is Audience.ASKER
    assert [c.clause_id for c in reply.cards] == ["10.4"]
    assert reply.buttons == (Button("Share in channel", SHARE, "10.4"),)


def test_pressing_share_posts_the_same_card_to_the_channel_attributed() -> None:
    bot = make_bot()
    answer = only(bot.handle(Event(PRIYA, GENERAL, "/protocol need-to-know")))
    share = answer.buttons[-1]
    posted = only(bot.press(share, PRIYA, GENERAL))
    assert posted.audience is Audience.CHANNEL
    assert posted.cards == answer.cards
    assert "Shared by Priya Nair" in posted.text


def test_share_refused_in_a_dm_and_for_a_clause_gone() -> None:
    bot = make_bot()
    refused = only(bot.press(Button("Share in channel", SHARE, "10.3"), PRIYA, Where.dm()))
    assert refused.audience is Audience.ASKER and "no channel" in refused.text
    gone = only(bot.press(Button("See 99", SEE, "99"), PRIYA, GENERAL))
    assert gone.audience is Audience.ASKER and "99" in gone.text and not gone.cards


def test_no_match_suggests_topics_and_names_the_clerk() -> None:
    reply = only(ask("/protocol parking for the town fair"))
    assert reply.audience is Audience.ASKER
    assert not reply.cards
    assert "need-to-know, press, correspondence" in reply.text
    assert "Nadia Kowalski" in reply.text and "Clerk" in reply.text
    assert "10.1" in reply.text  # an example clause id of this protocol
    assert [b.action for b in reply.buttons] == [ASK, ASK, ASK]


def test_the_clerk_is_not_told_to_ask_the_clerk() -> None:
    reply = only(ask("/protocol parking", who=NADIA))
    assert "ask the Clerk" not in reply.text


def test_pressing_a_topic_button_looks_it_up() -> None:
    bot = make_bot()
    none = only(bot.handle(Event(PRIYA, GENERAL, "/protocol parking")))
    press = next(b for b in none.buttons if b.value == "press")
    reply = only(bot.press(press, PRIYA, GENERAL))
    assert [c.clause_id for c in reply.cards] == ["12.1"]


def test_unknown_id_says_so_and_suggests_the_nearest_ids() -> None:
    reply = only(ask("/protocol 10.9"))
    assert reply.audience is Audience.ASKER
    assert "There is no clause 10.9 in Brookfield Town Council's" in reply.text
    assert "10.3, 10.4" in reply.text
    assert reply.buttons == (Button("See 10.3", SEE, "10.3"), Button("See 10.4", SEE, "10.4"))


def test_a_protocol_error_is_answered_not_raised() -> None:
    bot = make_bot()

    def broken(query: str, limit: int = 3) -> LookupResult:
        raise ProtocolError("The protocol could not be searched: ask the Clerk.")

    bot.index.lookup = broken  # type: ignore[method-assign]
    reply = only(bot.handle(Event(PRIYA, GENERAL, "/protocol press")))
    assert reply.audience is Audience.ASKER and reply.text == "The protocol could not be searched: ask the Clerk."


def test_not_on_roster_gets_a_polite_answer_and_nothing_else() -> None:
    stranger = UnknownUser("slack", "U999", "Sam")
    bot = make_bot()
    reply = only(bot.handle(Event(stranger, GENERAL, "/protocol 10.3")))
    assert reply.audience is Audience.ASKER
    assert "Nadia Kowalski" in reply.text and "add you" in reply.text
    assert not reply.cards and not reply.buttons
    assert bot.index.queries == []  # nothing was looked up
    assert only(bot.press(Button("Share in channel", SHARE, "10.3"), stranger, GENERAL)).text == reply.text
    assert only(bot.handle(Event(stranger, Where.dm(), "hello"))).text == reply.text
    assert bot.handle(Event(stranger, GENERAL, "just chatting")) == []
