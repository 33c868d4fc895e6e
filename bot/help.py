"""The words the bot uses to explain itself: ``/protocol help`` and its short hints."""

from __future__ import annotations

from bot.council import Council
from bot.replies import Reply

MAX_TOPICS_SHOWN = 10


def help_reply(council: Council, document: str, topics: list[str], example_id: str | None) -> Reply:
    """The answer to ``/protocol help``: what the bot does and example commands."""
    example_id = example_id or "10.3"
    topic = topics[0] if topics else "need-to-know"
    examples = [
        (topic, "clauses on a topic"),
        (example_id, "one clause by its id"),
        ("can I see the planning committee papers?", "a question in your own words"),
        ("request", "ask for information or documents (a form)"),
        ('request documents="…" purpose="…"', "the same, filled in inline"),
        ("request R-3", "one of your requests and its history"),
        ("review requests [open|overdue|all]", "the requests you may review"),
        ("review flags [open|all]", "public messages flagged for your review (Clerk, Chair)"),
        ("help", "this message"),
    ]
    width = max(len(args) for args, _ in examples)
    lines = [f"I know {document} and quote it for you, citing each clause.", ""]
    lines += [f"  /protocol {args:<{width}}   {what}" for args, what in examples]
    lines += [
        "",
        "Answers come to you privately first; press Share in channel to post one for everyone.",
    ]
    if topics:
        lines.append("Topics: " + ", ".join(topics[:MAX_TOPICS_SHOWN]) + ".")
    clerk = council.clerk
    lines.append(f"For anything the protocol does not answer, ask the Clerk, {clerk.name} ({clerk.post}).")
    return Reply.to_asker("\n".join(lines))


def dm_hint() -> Reply:
    """The reply to a plain message in a DM: how to ask the bot something."""
    return Reply.to_asker(
        "I answer questions about the council's protocol. Type /protocol followed by a topic, "
        "a clause id or a question, for example /protocol need-to-know, or /protocol help. "
        "To raise a concern privately, tell me here what happened, or type /protocol concern."
    )


def not_on_roster(council: Council) -> Reply:
    """The only answer for someone who is not on the council's roster."""
    clerk = council.clerk
    return Reply.to_asker(
        f"Sorry, I only answer members and officers of {council.name}, and you are not on its roster. "
        f"Please ask the Clerk, {clerk.name} ({clerk.post}), to add you."
    )
