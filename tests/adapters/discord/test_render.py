"""Replies as Discord messages: escaped, never pinging, within Discord's limits."""

from __future__ import annotations

from adapters.discord import forms, render
from adapters.discord import text as t
from bot.replies import Button, ClauseCard, FieldKind, Form, FormField, Reply


def test_user_text_cannot_ping_or_format_and_mentions_are_never_allowed() -> None:
    [rendered] = render.messages(Reply.to_asker("@everyone look <@820000000000000001> **now** @here"))
    kwargs = rendered.kwargs()
    assert "@everyone" not in kwargs["content"] and "<@820000000000000001>" not in kwargs["content"]
    assert "\\*\\*now\\*\\*" in kwargs["content"]
    assert kwargs["allowed_mentions"].to_dict() == {"parse": []}


def test_long_text_and_clauses_stay_within_embed_limits_and_nothing_is_cut() -> None:
    card = ClauseCard("10.3", "Press " * 100, "word " * 3000, "Brookfield Town Council")
    said = "".join(f"line {n} of what happened, *with* stars\n" for n in range(400))  # about 14,000 characters
    rendered = render.messages(Reply.to_asker(said, cards=(card,) * 12, buttons=(Button("Dismiss", "flag.x", "1"),)))
    assert len(rendered) > 1 and all(r.content is None for r in rendered)
    for message in rendered:
        assert len(message.embeds) <= t.EMBEDS and sum(len(e) for e in message.embeds) <= t.EMBED_TOTAL
        assert all(len(e.title or "") <= t.EMBED_TITLE and len(e.description or "") <= t.EMBED_DESCRIPTION
                   for e in message.embeds)
    assert [bool(r.controls) for r in rendered] == [False] * (len(rendered) - 1) + [True]  # buttons under the last
    descriptions = [e.description for r in rendered for e in r.embeds if e.title is None]
    assert "\n".join(descriptions).replace("\\", "").strip() == said.strip()  # every line of it, in order
    assert sum(1 for r in rendered for e in r.embeds if e.title) == 12  # every clause


def test_split_never_separates_an_escape_and_keeps_every_character() -> None:
    text = ("a" * 99) + "\\*" + ("b" * 200)
    pieces = t.split(text, 100)
    assert all(len(p) <= 100 for p in pieces) and "".join(pieces) == text
    assert not pieces[0].endswith("\\")


def test_buttons_carry_action_and_value_and_overlong_ones_are_left_out() -> None:
    buttons = (Button("Acknowledge R-12", "request.ack", "12"), Button("Too long", "lookup.ask", "x" * 200))
    controls = render.controls(buttons)
    assert [c.custom_id for c in controls] == ["pb:request.ack|12"]
    view = render.Rendered(content="x", controls=[render.Control(str(n), f"pb:a|{n}") for n in range(30)]).view()
    assert view is not None and len(view.children) == 25


def test_a_form_of_seven_fields_is_two_modals_of_at_most_five() -> None:
    fields = tuple(FormField(f"f{n}", f"Question {n} " + "long " * 20, FieldKind.YES_NO if n > 4 else FieldKind.TEXT)
                   for n in range(7))
    sessions = forms.FormSessions()
    token = sessions.start(Form("A very long title for an information request", "request.new", fields), "", 1)
    session = sessions.get(token, 1)
    assert session is not None and session.parts == 2 and sessions.get(token, 2) is None
    first, second = forms.modal(session, token, 0).to_dict(), forms.modal(session, token, 1).to_dict()
    assert len(first["components"]) == 5 and len(second["components"]) == 2
    assert len(first["title"]) <= t.MODAL_TITLE and first["title"].endswith("(1/2)")
    assert all(len(c["label"]) <= t.LABEL_TEXT for c in first["components"])
    assert second["components"][0]["component"]["type"] == 3  # yes or no: a select


def test_submitted_answers_read_labels_and_legacy_action_rows() -> None:
    answers = forms.submitted_answers([
        {"type": 18, "component": {"type": 4, "custom_id": "documents", "value": "Tree survey"}},
        {"type": 18, "component": {"type": 3, "custom_id": "committee", "values": ["planning"]}},
        {"type": 18, "component": {"type": 3, "custom_id": "constituent", "values": []}},
        {"type": 1, "components": [{"type": 4, "custom_id": "purpose", "value": "For the committee"}]},
    ])
    assert answers == {"documents": "Tree survey", "committee": "planning", "purpose": "For the committee"}
