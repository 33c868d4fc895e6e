"""``ProtocolBot``: the one object adapters talk to.

Built once per council at start-up (the protocol pack loaded and indexed once), it
turns neutral events and button presses into replies. It returns replies and never
sends anything itself: adapters render and deliver them.
"""

from __future__ import annotations

from typing import Callable

from protocol.model import ProtocolPack
from protocol.packfile import load_protocol
from protocol.search import ClauseIndex

from bot import commands
from bot.config import BotConfig
from bot.council import Council, Person
from bot.events import Event, UnknownUser, Where, Who
from bot.help import dm_hint, help_reply, not_on_roster
from bot.lookup import ASK, SEE, SHARE, ClauseFinder, ClauseLookup
from bot.replies import Button, Reply

CommandHandler = Callable[[commands.Command, Person, Where], list[Reply]]
ActionHandler = Callable[[str, Person, Where | None], list[Reply]]


class ProtocolBot:
    """The bot for one council: ``handle`` events, ``press`` buttons, get replies back."""

    def __init__(self, council: Council, pack: ProtocolPack, index: ClauseFinder | None = None,
                 config: BotConfig | None = None) -> None:
        self.council = council
        self.pack = pack
        self.index: ClauseFinder = index if index is not None else ClauseIndex(pack)
        self.config = config or BotConfig()
        self.lookup = ClauseLookup(council, pack, self.index)
        # One entry per command type and per button action; later issues add theirs here.
        self._commands: dict[type, CommandHandler] = {
            commands.Help: self._help,
            commands.Lookup: self._lookup,
        }
        self._actions: dict[str, ActionHandler] = {
            SEE: self.lookup.see,
            SHARE: self.lookup.share,
            ASK: self.lookup.answer,
        }

    @classmethod
    def from_council(cls, council: Council, config: BotConfig | None = None) -> ProtocolBot:
        """Load the council's protocol (raises ``ProtocolError``) and build the bot."""
        return cls(council, load_protocol(council.protocol_path), config=config)

    def identify(self, platform: str, user_id: str, display_name: str | None = None) -> Who:
        """The roster person with this platform id, or an :class:`UnknownUser`."""
        person = self.council.person_by_platform_id(platform, user_id)
        return person if person is not None else UnknownUser(platform, user_id, display_name)

    def handle(self, event: Event) -> list[Reply]:
        """The replies to a message or ``/protocol`` command (often none for plain messages)."""
        command = commands.parse(event.text)
        if isinstance(event.who, UnknownUser):
            addressed = command is not None or not event.where.is_channel
            return [not_on_roster(self.council)] if addressed else []
        if command is None:
            # Plain messages: nothing yet in channels (a later issue adds nudges).
            return [] if event.where.is_channel else [dm_hint()]
        return self._commands[type(command)](command, event.who, event.where)

    def press(self, button: Button, who: Who, where: Where | None = None) -> list[Reply]:
        """The replies to pressing ``button`` (only its action and value are used).

        ``where`` is where the button was shown; None when the platform does not say.
        """
        if isinstance(who, UnknownUser):
            return [not_on_roster(self.council)]
        handler = self._actions.get(button.action)
        if handler is None:
            return [Reply.to_asker("That button no longer works: type your /protocol command again.")]
        return handler(button.value, who, where)

    # ------------------------------------------------------------ command handlers

    def _help(self, command: commands.Command, who: Person, where: Where) -> list[Reply]:
        return [help_reply(self.council, self.lookup.document, self.index.topics(), self.lookup.example_id())]

    def _lookup(self, command: commands.Command, who: Person, where: Where) -> list[Reply]:
        assert isinstance(command, commands.Lookup)
        return self.lookup.answer(command.query, who, where)
