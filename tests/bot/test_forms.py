"""Inline fields and form checks: the same rules for every way a form arrives."""

from __future__ import annotations

from datetime import date

import pytest

from bot.forms import FormError, check_answers, clean_text, parse_inline
from bot.replies import FieldKind, Form, FormField

FORM = Form("Test form", "test.submit", (
    FormField("documents", "What?", FieldKind.LONG_TEXT, max_length=50),
    FormField("committee", "Which?", FieldKind.SELECT, required=False, options=(("planning", "Planning Committee"),)),
    FormField("confidential", "Secret?", FieldKind.YES_NO, required=False),
    FormField("due", "When?", FieldKind.DATE, required=False),
))


@pytest.mark.parametrize("text, expected", [
    ('documents="the tree survey" confidential=yes', {"documents": "the tree survey", "confidential": "yes"}),
    ("documents=\u201cthe tree survey\u201d", {"documents": "the tree survey"}),  # curly quotes from a phone
    ('Documents=x personal-data=no', {"documents": "x", "personal_data": "no"}),
    ('documents="a = b" x=""', {"documents": "a = b", "x": ""}),
    ("", {}),
])
def test_parse_inline(text: str, expected: dict[str, str] | None) -> None:
    if expected is None:
        with pytest.raises(FormError):
            parse_inline(text)
    else:
        assert parse_inline(text) == expected


@pytest.mark.parametrize("text, message", [
    ("documents", '"documents" is not a field'),
    ('documents="open', "opening quote but no closing one"),
    ("a=1 a=2", "a is given twice"),
    ("=x", '"=x" is not a field'),
])
def test_parse_inline_errors_say_what_to_do(text: str, message: str) -> None:
    with pytest.raises(FormError, match=message):
        parse_inline(text)


def test_check_answers_types_values_and_accepts_labels() -> None:
    values = check_answers(FORM, {"documents": "  papers ", "committee": "planning committee", "confidential": "Y",
                                  "due": "2026-12-31"})
    assert values == {"documents": "papers", "committee": "planning", "confidential": True, "due": date(2026, 12, 31)}


def test_check_answers_lists_every_problem() -> None:
    with pytest.raises(FormError) as caught:
        check_answers(FORM, {"documents": "x" * 51, "committee": "parks", "confidential": "perhaps", "due": "soon",
                             "colour": "red", "size": "L"})
    message = str(caught.value)
    for expected in ("colour and size are not fields of test form", "documents is 51 characters long; the limit is 50",
                     '"parks" is not one of the choices: planning', "confidential should be yes or no",
                     "due should be a date written like 2026-12-31"):
        assert expected in message


def test_required_field_missing_or_blank() -> None:
    for answers in ({}, {"documents": "   "}, {"documents": "\u200b\u202e"}):
        with pytest.raises(FormError, match="documents is missing"):
            check_answers(FORM, answers)


def test_clean_text_keeps_words_and_markup_and_drops_invisible_tricks() -> None:
    assert clean_text("a\x00b\u202ec\r\nd\n\n\n\ne <b>f</b> *g*") == "abc\nd\n\ne <b>f</b> *g*"
    assert clean_text("Cafe\u0301") == "Caf\u00e9"  # NFC
