"""``ProtocolBot``: the one object adapters talk to.

Built once per council at start-up (the protocol pack loaded and indexed once), it
turns neutral events and button presses into replies. It returns replies and never
sends anything itself: adapters render and deliver them.
"""

from __future__ import annotations

from typing import Callable

from protocol.conduct import public_criticism_clause
from protocol.model import ProtocolPack
from protocol.concern_routing import ConcernRouter
from protocol.need_to_know import NeedToKnowAdvisor
from protocol.packfile import load_protocol
from protocol.search import ClauseIndex
from protocol.working_days import WorkingCalendar

from bot import commands
from bot.clock import Clock, system_clock
from bot.concern_desk import PREFIX as CONCERN, ConcernDesk
from bot.concern_review import ConcernReview
from bot.config import BotConfig
from bot.council import Council, Person
from bot.deliveries import Deliveries
from bot.events import Event, Place, UnknownUser, Where, Who
from bot.flag_review import FlagReview, post_of
from bot.help import dm_hint, help_reply, not_on_roster
from bot.lookup import ASK, FEEDBACK, SEE, SHARE, ClauseFinder, ClauseLookup
from bot.moderation import detector_for
from bot.nudge_desk import PREFIX as FLAG, REVIEWED, SHOW as SHOW_FLAG, ConductChecker, NudgeDesk
from bot.replies import Button, Reply
from bot.request_desk import PREFIX as REQUEST, RequestDesk
from bot.request_reminders import RequestReminders
from bot.request_review import RequestReview
from bot.stores import Stores, open_stores

CONCERN_MIN_WORDS = 4  # a DM this long or longer is offered the concern form, with the message in it
CommandHandler = Callable[[commands.Command, Person, Where], list[Reply]]
ActionHandler = Callable[[str, Person, Where | None], list[Reply]]


class ProtocolBot:
    """The bot for one council: ``handle`` events, ``press`` buttons, get replies back."""

    def __init__(self, council: Council, pack: ProtocolPack, stores: Stores,
                 index: ClauseFinder | None = None, config: BotConfig | None = None,
                 clock: Clock = system_clock, detector: ConductChecker | None = None) -> None:
        self.council = council
        self.pack = pack
        search = ClauseIndex(pack)
        self.index: ClauseFinder = index if index is not None else search
        self.config = config or BotConfig()
        self.clock = clock
        self.lookup = ClauseLookup(council, pack, self.index)
        calendar = WorkingCalendar(council.nation, council.office_closures)
        self.requests = RequestDesk(council, pack, stores.requests, NeedToKnowAdvisor(pack, search), calendar, clock)
        self.request_review = RequestReview(council, stores.requests, calendar, clock)
        self.reminders = RequestReminders(council, stores.requests, calendar, clock)
        self.concerns = ConcernDesk(council, pack, stores.concerns, ConcernRouter(pack, search), stores.audit, clock)
        self.concern_review = ConcernReview(council, stores.concerns, calendar, clock)
        self.nudges = NudgeDesk(council, pack, detector if detector is not None else detector_for(council),
                                stores.flags, stores.audit, self.concerns, public_criticism_clause(search), clock)
        notes = stores.audit if callable(getattr(stores.audit, "entries", None)) else None  # unit tests' fake only appends
        self.flag_review = FlagReview(council, stores.flags, clock, notes)
        self.deliveries = Deliveries(stores.receipts, clock)
        # One entry per command type and per button action; later issues add theirs here.
        self._commands: dict[type, CommandHandler] = {
            commands.Help: self._help,
            commands.Lookup: self._lookup,
            commands.RequestForm: lambda c, who, where: self.requests.form(who),
            commands.NewRequest: lambda c, who, where: self.requests.new_inline(c.fields, who),  # type: ignore
            commands.ShowRequest: lambda c, who, where: self.requests.show(c.number, who),  # type: ignore
            commands.ConcernForm: lambda c, who, where: self.concerns.form(who),
            commands.NewConcern: lambda c, who, where: self.concerns.new_inline(c.fields, who),  # type: ignore
            commands.ShowConcern: lambda c, who, where: self.concerns.show(c.number, who),  # type: ignore
            commands.ShowFlag: lambda c, who, where: self.flag_review.show(c.number, who),  # type: ignore
            commands.Review: self._review,
        }
        self._actions: dict[str, ActionHandler] = {
            SEE: self.lookup.see,
            SHARE: self.lookup.share,
            ASK: self.lookup.answer,
            FEEDBACK: self.lookup.feedback,
        }

    @classmethod
    def from_council(cls, council: Council, config: BotConfig | None = None, clock: Clock = system_clock,
                     stores: Stores | None = None) -> ProtocolBot:
        """Load the council's protocol (raises ``ProtocolError``), open storage, and build the bot.

        The database is created or upgraded first, and the encryption keys checked
        (raises ``StorageError``, with a message saying what to do).
        """
        config = config or BotConfig()
        pack = load_protocol(council.protocol_path)
        if stores is None:
            stores = open_stores(config.database_url)
        return cls(council, pack, stores, config=config, clock=clock)

    def identify(self, platform: str, user_id: str, display_name: str | None = None) -> Who:
        """The roster person with this platform id, or an :class:`UnknownUser`."""
        person = self.council.person_by_platform_id(platform, user_id)
        return person if person is not None else UnknownUser(platform, user_id, display_name)

    def answers_from_protocol(self, text: str) -> bool:
        """True when ``handle`` answers the command ``text`` from the protocol alone (help, a lookup).

        Such answers need no database and no form, and take milliseconds at most: an
        adapter may put them in the platform's first response instead of sending them later.
        """
        return isinstance(commands.parse(text), (commands.Help, commands.Lookup))

    def handle(self, event: Event) -> list[Reply]:
        """The replies to a message or ``/protocol`` command (often none for plain messages)."""
        command = commands.parse(event.text)
        if isinstance(event.who, UnknownUser):
            addressed = command is not None or not event.where.is_channel
            return [not_on_roster(self.council)] if addressed else []
        if command is None:
            # Plain messages: in a public channel, perhaps a nudge to the author; in a DM, perhaps a concern.
            if event.where.place is Place.PUBLIC:
                return self.nudges.check(event, event.who)
            if event.where.is_channel:
                return []
            if len(event.text.split()) < CONCERN_MIN_WORDS:  # "hello", "thanks": not a concern
                return [dm_hint()]
            return self.concerns.form(event.who, summary=event.text)
        return self._commands[type(command)](command, event.who, event.where)

    def press(self, button: Button, who: Who, where: Where | None = None) -> list[Reply]:
        """The replies to pressing ``button`` (only its action and value are used).

        ``where`` is where the button was shown; None when the platform does not say.
        """
        if isinstance(who, UnknownUser):
            return [not_on_roster(self.council)]
        if button.action.startswith(REQUEST):
            return self.requests.press(button.action, button.value, who)
        if button.action.startswith(CONCERN):
            return self.concerns.press(button.action, button.value, who)
        if button.action in (SHOW_FLAG, REVIEWED):
            return self.flag_review.press(button.action, button.value, who)
        if button.action.startswith(FLAG):
            return self.nudges.press(button.action, button.value, who)
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
        if action.startswith(CONCERN):
            return self.concerns.submit(action, value, answers, who)
        return [Reply.to_asker("That form no longer works: type your /protocol command again.")]

    def run_scheduled(self) -> list[Reply]:
        """Reminders and escalations due now (a scheduler calls this every few minutes)."""
        self.deliveries.forget_old()
        return self.reminders.run()

    def home(self, who: Who) -> list[Reply]:
        """What is ``who``'s, for a home page (Slack's App Home): one reply per list, overdue counts first.

        Everyone sees the requests and concerns that are theirs (as ``/protocol review``
        shows them); those who review flags (the Clerk, the Chair) see the open flags too.
        """
        if isinstance(who, UnknownUser):
            return [not_on_roster(self.council)]
        replies = self.request_review.review(who, "open") + self.concern_review.review(who, "open")
        if post_of(who) is not None:
            replies += self.flag_review.review(who, "open")
        return replies

    def undelivered(self, reply: Reply, why: str) -> None:
        """Note that a private ``reply`` never reached its person (a nudge: shown in the flag review)."""
        self.nudges.undelivered(reply, why)

    def first_delivery(self, platform: str, delivery_id: str) -> bool:
        """True the first time a platform delivers ``delivery_id``; False for its retries (across processes)."""
        return self.deliveries.first(platform, delivery_id)

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
        if command.kind == "concerns":
            return self.concern_review.review(who, command.scope)
        if command.kind == "flags":
            return self.flag_review.review(who, command.scope)
        return self.request_review.review(who, command.scope)
