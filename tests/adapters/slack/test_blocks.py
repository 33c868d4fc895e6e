"""Block Kit rendering: escaping, Slack's length limits, buttons and forms."""

from __future__ import annotations

from adapters.slack import blocks
from adapters.slack import text as t
from bot.replies import Button, ClauseCard, FieldKind, Form, FormField, Reply


def test_escaping_neutralises_mentions_and_markup() -> None:
    assert t.escape("<!here> <@U1> a & b > c") == "&lt;!here&gt; &lt;@U1&gt; a &amp; b &gt; c"


def test_clipping_never_splits_an_entity_and_respects_the_limit() -> None:
    for n in range(1, 40):
        clipped = t.clip_escaped("<&>" * 20, n)
        assert len(clipped) <= n
        assert not clipped.rstrip("…").endswith(("&", "&l", "&lt", "&a", "&am", "&amp", "&g", "&gt"))


def test_long_texts_labels_and_cards_fit_block_kit_limits() -> None:
    reply = Reply.to_asker("word " * 5000, cards=(ClauseCard("1.1", "H" * 500, "<x> " * 2000, "Council"),),
                           buttons=tuple(Button("L" * 200, f"lookup.see", str(n)) for n in range(30)))
    message = blocks.message(reply)
    assert len(message["blocks"]) <= t.MESSAGE_BLOCKS and len(message["text"]) <= t.FALLBACK_TEXT
    for block in message["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= t.SECTION_TEXT
        if block["type"] == "actions":
            assert len(block["elements"]) <= t.ACTIONS_ELEMENTS
            assert all(len(e["text"]["text"]) <= t.BUTTON_TEXT for e in block["elements"])


def test_a_button_carries_the_core_action_and_value() -> None:
    [block] = blocks.actions((Button("Acknowledge R-1", "request.acknowledge", "1"),))
    element = block["elements"][0]
    assert element["action_id"] == "pb.0"
    assert blocks.decode_button(element["value"]) == Button("", "request.acknowledge", "1")
    assert blocks.decode_button("not json") is None


def test_a_modal_fits_its_limits_and_reads_its_answers_back() -> None:
    form = Form("A very long title for a Slack modal", "concern.new", (
        FormField("summary", "What happened?", FieldKind.LONG_TEXT, initial="x" * 5000, max_length=8000),
        FormField("about", "Who?", FieldKind.SELECT, options=tuple((f"p{n}", "N" * 100) for n in range(120))),
        FormField("anon", "Anonymous?", FieldKind.YES_NO, required=False, initial="no"),
        FormField("due", "When?", FieldKind.DATE, required=False),
    ), value="confirm", submit_label="Record it")
    view = blocks.modal(form, "Intro <!channel>")
    assert len(view["title"]["text"]) <= t.MODAL_TITLE
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert len(inputs["summary"]["element"]["initial_value"]) <= t.INPUT_VALUE
    assert inputs["summary"]["element"]["max_length"] <= t.INPUT_VALUE
    assert len(inputs["about"]["element"]["options"]) <= t.SELECT_OPTIONS
    assert inputs["anon"]["element"]["initial_option"]["value"] == "no" and inputs["anon"]["optional"]
    assert "&lt;!channel&gt;" in view["blocks"][0]["text"]["text"]
    assert blocks.form_metadata(view["private_metadata"])[:2] == ("concern.new", "confirm")
    answers = blocks.form_answers({
        "summary": {"v": {"type": "plain_text_input", "value": "It happened"}},
        "about": {"v": {"type": "static_select", "selected_option": {"value": "p3"}}},
        "anon": {"v": {"type": "radio_buttons", "selected_option": None}},
        "due": {"v": {"type": "datepicker", "selected_date": "2026-05-01"}},
    })
    assert answers == {"summary": "It happened", "about": "p3", "due": "2026-05-01"}
