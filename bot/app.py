"""``ProtocolBot``: the one object adapters talk to.

Built once per council at start-up (the protocol pack loaded and indexed once), it
turns neutral events and button presses into replies. It returns replies and never
sends anything itself: adapters render and deliver them.
"""

from __future__ import annotations

from typing import Callable

from protocol.model import ProtocolPack
from protocol.need_to_know import NeedToKnowAdvisor
from protocol.packfile import load_protocol
from protocol.search import ClauseIndex
from protocol.working_days import WorkingCalendar
from storage.database import open_database
from storage.request_repository import RequestRepository

from bot import commands
from bot.clock import Clock, system_clock
from bot.config import BotConfig
from bot.council import Council, Person
from bot.events import Event, UnknownUser, Where, Who
from bot.help import dm_hint, help_reply, not_on_roster
from bot.lookup import ASK, SEE, SHARE, ClauseFinder, ClauseLookup
from bot.replies import Button, Reply
from bot.request_desk import PREFIX as REQUEST, RequestDesk
from bot.request_reminders import RequestReminders
from bot.request_review import RequestReview

CommandHandler = Callable[[commands.Command, Person, Where], list[Reply]]
ActionHandler = Callable[[str, Person, Where | None], list[Reply]]


class ProtocolBot:
    """The bot for one council: ``handle`` events, ``press`` buttons, get replies back."""

    def __init__(self, council: Council, pack: ProtocolPack, store: RequestRepository,
                 index: ClauseFinder | None = None, config: BotConfig | None = None,
                 clock: Clock = system_clock) -> None:
        self.council = council
        self.pack = pack
        search = ClauseIndex(pack)
        self.index: ClauseFinder = index if index is not None else search
        self.config = config or BotConfig()
        self.clock = clock
        self.lookup = ClauseLookup(council, pack, self.index)
        calendar = WorkingCalendar(council.nation, council.office_closures)
        self.requests = RequestDesk(council, pack, store, NeedToKnowAdvisor(pack, search), calendar, clock)
        self.request_review = RequestReview(council, store, calendar, clock)
        self.reminders = RequestReminders(council, store, calendar, clock)
        # One entry per command type and per button action; later issues add theirs here.
        self._commands: dict[type, CommandHandler] = {
            commands.Help: self._help,
            commands.Lookup: self._lookup,
            commands.RequestForm: lambda c, who, where: self.requests.form(who),
            commands.NewRequest: lambda c, who, where: self.requests.new_inline(c.fields, who),  # type: ignore
            commands.ShowRequest: lambda c, who, where: self.requests.show(c.number, who),  # type: ignore
            commands.Review: self._review,
        }
        self._actions: dict[str, ActionHandler] = {
            SEE: self.lookup.see,
            SHARE: self.lookup.share,
            ASK: self.lookup.answer,
        }

    @classmethod
    def from_council(cls, council: Council, config: BotConfig | None = None, clock: Clock = system_clock,
                     store: RequestRepository | None = None) -> ProtocolBot:
        """Load the council's protocol (raises ``ProtocolError``), open storage, and build the bot.

        The database is created or upgraded first (raises ``StorageUnavailable``).
        """
        config = config or BotConfig()
        pack = load_protocol(council.protocol_path)
        if store is None:
            store = RequestRepository(open_database(config.database_url))
        return cls(council, pack, store, config=config, clock=clock)

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
        if button.action.startswith(REQUEST):
            return self.requests.press(button.action, button.value, who)
        handler = self._actions.get(button.action)
        if handler is None:
            return [Reply.to_asker("That button no longer works: type your /protocol command again.")]
        return handler(button.value, who, where)

    def submit(self, action: str, value: str, answers: dict[str, str], who: Who) -> list[Reply]:
        """The replies to a filled-in form (``Form.action`` and ``Form.value``, and the answers by key)."""
        if isinstance(who, UnknownUser):
            return [not_on_roster(self.council)]
        if action.startswith(REQUEST):
            return self.requests.submit(action, value, answers, who)
        return [Reply.to_asker("That form no longer works: type your /protocol command again.")]

    def run_scheduled(self) -> list[Reply]:
        """Reminders and escalations due now (a scheduler calls this every few minutes)."""
        return self.reminders.run()

    # ------------------------------------------------------------ command handlers

    def _help(self, command: commands.Command, who: Person, where: Where) -> list[Reply]:
        return [help_reply(self.council, self.lookup.document, self.index.topics(), self.lookup.example_id())]

    def _lookup(self, command: commands.Command, who: Person, where: Where) -> list[Reply]:
        assert isinstance(command, commands.Lookup)
        return self.lookup.answer(command.query, who, where)

    def _review(self, command: commands.Command, who: Person, where: Where) -> list[Reply]:
        assert isinstance(command, commands.Review)
        if command.problem:
            return [Reply.to_asker(command.problem)]
        if command.kind != "requests":
            return [Reply.to_asker(f"Reviewing {command.kind} is not available yet; "
                                   "/protocol review requests lists information requests.")]
        return self.request_review.review(who, command.scope)
