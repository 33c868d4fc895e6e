"""Filling forms: inline ``key=value`` fields, and checking answers against a :class:`Form`.

The same checks serve every way a form arrives (inline after a subcommand, a Slack
or Discord modal, the console's ``:fill``), so a field means the same everywhere.
Problems are collected and reported together, each as a sentence saying what to do.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, Mapping

from bot.replies import FieldKind, Form, FormField

YES = frozenset({"yes", "y", "true", "1", "on"})
NO = frozenset({"no", "n", "false", "0", "off"})
_QUOTES = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb"}
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Control characters (bar newline and tab), bidirectional overrides, zero-width space and BOM.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")


class FormError(Exception):
    """The answers cannot be used; the message says what to change."""


def parse_inline(text: str) -> dict[str, str]:
    """``documents="the tree survey" constituent=yes`` as a dict; values with spaces are quoted.

    Straight and curly quotes both work (phones type curly ones).
    """
    answers: dict[str, str] = {}
    pos, n = 0, len(text)
    while pos < n:
        if text[pos].isspace():
            pos += 1
            continue
        key_match = _KEY.match(text, pos)
        end = key_match.end() if key_match else pos
        if not key_match or end >= n or text[end] != "=":
            word = text[pos:].split(maxsplit=1)[0]
            raise FormError(f'"{_clip(word)}" is not a field: write fields as key=value, with quotes around '
                            'values that have spaces, like purpose="for the planning meeting".')
        key = key_match.group().lower().replace("-", "_")
        pos = end + 1
        if pos < n and text[pos] in _QUOTES:
            close = _QUOTES[text[pos]]
            stop = text.find(close, pos + 1)
            if stop < 0 and close != text[pos]:
                stop = text.find(text[pos], pos + 1)
            if stop < 0:
                raise FormError(f"The value of {key} has an opening quote but no closing one: add the closing quote.")
            value, pos = text[pos + 1:stop], stop + 1
        else:
            stop = pos
            while stop < n and not text[stop].isspace():
                stop += 1
            value, pos = text[pos:stop], stop
        if key in answers:
            raise FormError(f"{key} is given twice: give it once.")
        answers[key] = value
    return answers


def clean_text(value: str) -> str:
    """Text as stored: NFC, no control or direction-override characters, trimmed, tidy blank lines."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = _UNSAFE.sub("", value)
    value = re.sub(r"[ \t]+\n", "\n", value)
    return re.sub(r"\n{3,}", "\n\n", value).strip()


def check_answers(form: Form, answers: Mapping[str, str]) -> dict[str, Any]:
    """The answers as typed values (str, bool, date), or FormError listing every problem.

    Unknown keys are problems too, so a mistyped key never silently drops what was typed.
    """
    fields = {f.key: f for f in form.fields}
    problems: list[str] = []
    unknown = [k for k in answers if k not in fields]
    if unknown:
        keys = ", ".join(fields)
        problems.append(f"{_and_list(unknown)} {'is not a field' if len(unknown) == 1 else 'are not fields'} "
                        f"of {form.title.lower()}; the fields are {keys}.")
    values: dict[str, Any] = {}
    for field in form.fields:
        raw = answers.get(field.key)
        value, problem = _check_field(field, raw)
        if problem:
            problems.append(problem)
        elif value is not None:
            values[field.key] = value
    if problems:
        raise FormError(" ".join(problems))
    return values


def _check_field(field: FormField, raw: str | None) -> tuple[Any, str | None]:
    text = clean_text(raw) if raw is not None else ""
    if not text:
        if field.required:
            hint = f" ({field.hint})" if field.hint else ""
            return None, f"{field.key} is missing: add {field.key}=\"…\"{hint}."
        return None, None
    if field.kind is FieldKind.YES_NO:
        word = text.casefold()
        if word in YES or word in NO:
            return word in YES, None
        return None, f"{field.key} should be yes or no, not \"{_clip(text)}\"."
    if field.kind is FieldKind.DATE:
        try:
            return date.fromisoformat(text), None
        except ValueError:
            return None, f"{field.key} should be a date written like 2026-12-31, not \"{_clip(text)}\"."
    if field.kind is FieldKind.SELECT:
        for value, label in field.options:
            if text.casefold() in (value.casefold(), label.casefold()):
                return value, None
        choices = ", ".join(value for value, _ in field.options)
        return None, f"{field.key} \"{_clip(text)}\" is not one of the choices: {choices}."
    if len(text) > field.max_length:
        return None, (f"{field.key} is {len(text):,} characters long; the limit is {field.max_length:,}. "
                      "Shorten it, or attach the detail to an email to the officer.")
    return text, None


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
