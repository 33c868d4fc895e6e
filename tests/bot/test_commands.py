"""Parsing ``/protocol ...``."""

from __future__ import annotations

import pytest

from bot.commands import Help, Lookup, NewRequest, RequestForm, Review, ShowRequest, is_command, parse, parse_args


@pytest.mark.parametrize(
    "text", ["/protocol", "/protocol help", "/Protocol HELP", "  /protocol   ?  ", "/protocol help me"]
)
def test_help(text: str) -> None:
    assert parse(text) == Help()


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("/protocol 10.3", "10.3"),
        ("/protocol need-to-know", "need-to-know"),
        ("/protocol can I see the   planning committee papers?", "can I see the planning committee papers?"),
        ('/protocol "press"', "press"),
        ("/protocol helpful officers", "helpful officers"),
    ],
)
def test_lookup(text: str, query: str) -> None:
    assert parse(text) == Lookup(query)


@pytest.mark.parametrize("text", ["hello", "", "/protocols 10.3", "please /protocol 10.3", "/help"])
def test_not_a_command(text: str) -> None:
    assert parse(text) is None
    assert not is_command(text)


def test_parse_args_is_what_platforms_deliver() -> None:
    assert parse_args("") == Help()
    assert parse_args(" 10.3 ") == Lookup("10.3")


def test_request_subcommand_forms() -> None:
    assert parse("/protocol request") == RequestForm()
    assert parse("/protocol request R-12") == ShowRequest(12)
    assert parse("/protocol request r12") == ShowRequest(12)
    assert parse("/protocol REQUEST 7") == ShowRequest(7)
    assert parse('/protocol request documents="a b" purpose=x') == NewRequest('documents="a b" purpose=x')


def test_review_subcommand() -> None:
    assert parse("/protocol review") == Review("requests", "open")
    assert parse("/protocol review requests overdue") == Review("requests", "overdue")
    assert parse("/protocol review all request") == Review("requests", "all")
    assert parse("/protocol review concerns") == Review("concerns", "open")
    bad = parse("/protocol review requests soonish")
    assert isinstance(bad, Review) and bad.problem is not None and "soonish" in bad.problem
