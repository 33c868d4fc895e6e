"""The lookup use case: answer ``/protocol QUERY`` with the council's own clauses.

Answers go to the asker only, quoting the best clause with buttons to see the next
best matches and to share the clause in the channel. Sharing posts the same card
for everyone, attributed to the person who shared it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from protocol.errors import ProtocolError
from protocol.model import Clause, ProtocolPack
from protocol.search import LookupResult

from bot.council import Council, Person
from bot.events import Where
from bot.replies import Button, ClauseCard, Reply

# Button actions handled here (see ProtocolBot.press).
SEE = "lookup.see"  # value: a clause id; show that clause to the presser
SHARE = "lookup.share"  # value: a clause id; post it to the channel
ASK = "lookup.ask"  # value: a topic or query; look it up for the presser
FEEDBACK = "lookup.feedback"  # value: "yes:CLAUSE" or "no:CLAUSE"; was the answer helpful?
HELPFUL, NOT_HELPFUL = "yes", "no"

MAX_TOPICS_SHOWN = 8
log = logging.getLogger(__name__)
MAX_TOPIC_BUTTONS = 5


class ClauseFinder(Protocol):
    """What the lookup needs of a clause index (``protocol.search.ClauseIndex``)."""

    def lookup(self, query: str, limit: int = 3) -> LookupResult: ...

    def topics(self) -> list[str]: ...


@dataclass(frozen=True)
class ClauseLookup:
    """Looks clauses up in one council's protocol and words the answers."""

    council: Council
    pack: ProtocolPack
    index: ClauseFinder
    more_matches: int = 3  # how many "See …" buttons follow the best clause

    @property
    def document(self) -> str:
        """How replies name the protocol: "Brookfield Town Council's protocol"."""
        return f"{self.council.name}'s {self.pack.title or 'protocol'}"

    def card(self, clause: Clause) -> ClauseCard:
        """The quoted, cited form of a clause."""
        return ClauseCard(clause.id, clause.heading, clause.text, self.council.name)

    def example_id(self) -> str | None:
        """A real clause id of this protocol to show in examples (a numbered one if any)."""
        numbered = next((c.id for c in self.pack.clauses if c.number), None)
        return numbered or (self.pack.clauses[0].id if self.pack.clauses else None)

    # ------------------------------------------------------------ answers

    def answer(self, query: str, asker: Person, where: Where | None) -> list[Reply]:
        """The private answer to ``/protocol QUERY``."""
        try:
            result = self.index.lookup(query, limit=1 + self.more_matches)
        except ProtocolError as exc:
            return [Reply.to_asker(str(exc))]
        if result.kind == "unknown_id":
            return [self._unknown_id(result)]
        if result.kind == "none" or not result.hits:
            return [self._no_match(result, asker)]
        best, *others = [hit.clause for hit in result.hits]
        if result.kind == "id":
            text = f"Clause {best.id} of {self.document}:"
        else:
            text = f'Best match in {self.document} for "{query}":'
        if others:
            text += "\nAlso relevant: " + "; ".join(_short(c) for c in others) + "."
        buttons = [Button(f"See {c.id}", SEE, c.id) for c in others]
        return [Reply.to_asker(text, cards=(self.card(best),), buttons=self._with_share(buttons, best, where))]

    def see(self, clause_id: str, asker: Person, where: Where | None) -> list[Reply]:
        """Show one clause privately (the "See 10.4" button)."""
        clause = self.pack.get(clause_id)
        if clause is None:
            return [self._gone(clause_id)]
        text = f"Clause {clause.id} of {self.document}:"
        return [Reply.to_asker(text, cards=(self.card(clause),), buttons=self._with_share([], clause, where))]

    def share(self, clause_id: str, sharer: Person, where: Where | None) -> list[Reply]:
        """Post a clause to the channel for everyone (the "Share in channel" button)."""
        if where is not None and not where.is_channel:
            return [Reply.to_asker("There is no channel to share to in a direct message: "
                                   "ask in a channel, then press Share in channel.")]
        clause = self.pack.get(clause_id)
        if clause is None:
            return [self._gone(clause_id)]
        return [Reply.to_channel(f"Shared by {sharer.name}, from {self.document}:", cards=(self.card(clause),))]

    def feedback(self, value: str, asker: Person, where: Where | None) -> list[Reply]:
        """A "Helpful" or "Not helpful" press on an answer: logged (no names) to tune the search, and thanked."""
        verdict, _, clause_id = value.partition(":")
        helpful = verdict == HELPFUL
        log.info("lookup feedback: council=%s clause=%s helpful=%s", self.council.key, clause_id, helpful)
        if helpful:
            return [Reply.to_asker("Thank you: glad it helped.")]
        clerk = self.council.clerk
        return [Reply.to_asker("Thank you: that helps improve the answers. Try other words, or ask the Clerk, "
                               f"{clerk.name} ({clerk.post}), if the protocol does not answer your question.")]

    # ------------------------------------------------------------ helpers

    def _with_share(self, buttons: list[Button], clause: Clause, where: Where | None) -> tuple[Button, ...]:
        if where is None or where.is_channel:
            buttons = buttons + [Button("Share in channel", SHARE, clause.id)]
        return tuple(buttons)

    def _unknown_id(self, result: LookupResult) -> Reply:
        text = f"There is no clause {result.query.strip()} in {self.document}."
        if result.suggestions:
            text += " Nearest clause ids: " + ", ".join(result.suggestions) + "."
            buttons = tuple(Button(f"See {s}", SEE, s) for s in result.suggestions if self.pack.get(s))
            return Reply.to_asker(text, buttons=buttons)
        return Reply.to_asker(text + " Type /protocol help to see how to search it.")

    def _no_match(self, result: LookupResult, asker: Person) -> Reply:
        topics = list(result.suggestions) or self.index.topics()
        text = f'I found nothing in {self.document} for "{result.query.strip()}".'
        tries = []
        if topics:
            tries.append("a topic such as " + ", ".join(topics[:MAX_TOPICS_SHOWN]))
        example = self.example_id()
        if example:
            tries.append(f"a clause id such as {example}")
        tries.append("a question in other words")
        text += " Try " + _or_list(tries) + "."
        clerk = self.council.clerk
        if asker != clerk:
            text += (f" If the protocol does not answer your question, ask the Clerk, "
                     f"{clerk.name} ({clerk.post}), in a direct message.")
        buttons = tuple(Button(t, ASK, t) for t in topics[:MAX_TOPIC_BUTTONS])
        return Reply.to_asker(text, buttons=buttons)

    def _gone(self, clause_id: str) -> Reply:
        return Reply.to_asker(f"Clause {clause_id} is not in {self.document} any more: "
                              "look it up again with /protocol.")


def _short(clause: Clause) -> str:
    return f"{clause.id} {clause.heading}".strip() if clause.heading else clause.id


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def feedback_buttons(reply: Reply) -> tuple[Button, ...]:
    """"Helpful" and "Not helpful" for a lookup answer: a private reply quoting a clause, with lookup buttons.

    Adapters add them under the answer; the press comes back as ``FEEDBACK`` with ``yes:CLAUSE`` or ``no:CLAUSE``.
    """
    if not reply.cards or not reply.is_private or reply.to is not None:
        return ()
    if not any(b.action.startswith("lookup.") for b in reply.buttons):
        return ()
    clause = reply.cards[0].clause_id
    return (Button("Helpful", FEEDBACK, f"{HELPFUL}:{clause}"), Button("Not helpful", FEEDBACK, f"{NOT_HELPFUL}:{clause}"))
