"""The console's state and script language, without any input or output.

A line is one of:

- ``:as NAME``: act as that person of the roster (default: the first councillor);
- ``:in #channel``, ``:in private #channel``, ``:in dm``: where the next lines are typed
  (default ``#general``);
- ``:press N``: press button N of the last reply that offered buttons;
- ``:edit TEXT``: edit the last message you typed in this channel (the bot checks it again);
- ``:fill key=value …``: fill in and submit the last form shown (a modal on Slack); fields
  already filled in keep their values unless typed again, so ``:fill`` alone submits it as shown;
- ``:time YYYY-MM-DD [HH:MM]``: move the clock (UK time) and run the reminders due then;
- ``:help``, ``:quit``: console help, leave;
- anything else: a message or a slash command typed there, as on Slack.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from bot.app import ProtocolBot
from bot.clock import UK, MovableClock, show_date
from bot.council import Person
from bot.commands import is_command
from bot.events import Event, Place, Where
from bot.forms import FormError, parse_inline
from bot.replies import Audience, Button, Form, Reply

CONSOLE_HELP = """Console commands:
  :as NAME               act as a person of the roster
  :in #channel           type in a public channel
  :in private #channel   type in a private channel
  :in dm                 type in a direct message with the bot
  :press N               press button N of the last reply that offered buttons
  :edit TEXT             edit the last message you typed in this channel (checked again)
  :fill key=value ...    fill in and submit the last form shown (quote values with spaces)
  :time YYYY-MM-DD HH:MM move the clock (UK time) and run the reminders due then
  :quit                  leave (or end of input)
Anything else is a message, or a slash command such as /protocol help."""


@dataclass(frozen=True)
class Note:
    """A line from the console itself, not from the bot."""

    text: str
    error: bool = False


@dataclass(frozen=True)
class Shown:
    """A bot reply as shown in the console: where it appeared, and whose console it was."""

    reply: Reply
    where: Where
    asker: Person

    @property
    def label(self) -> str:
        """Who sees it: ``only you``, ``#general, everyone``, ``DM to Nadia Kowalski``."""
        reply = self.reply
        if reply.audience is Audience.DM and reply.to is not None:
            return f"DM to {reply.to.name}"
        if reply.audience is Audience.ASKER:
            return "only you"
        if self.where.place is Place.DM:
            return f"DM to {self.asker.name}"
        return f"{self.where}, everyone"


Output = Note | Shown


class ConsoleSession:
    """Feeds console lines to a :class:`ProtocolBot` and keeps who/where/last buttons."""

    def __init__(self, bot: ProtocolBot, clock: MovableClock | None = None) -> None:
        self.bot = bot
        self.clock = clock
        self._form: Form | None = None
        council = bot.council
        self.me: Person = council.first_councillor() or council.people[0]
        self.where: Where = Where.public("general")
        self.done = False
        self._buttons: tuple[Button, ...] = ()
        self._buttons_where: Where | None = None
        self._session = uuid.uuid4().hex[:8]  # message ids stay unique across sessions on one --db
        self._messages = 0
        self._last_message: dict[tuple[str, Where], str] = {}  # (person, channel) -> id of their last message

    @property
    def buttons(self) -> tuple[Button, ...]:
        """The buttons ``:press N`` presses (of the last reply that offered any)."""
        return self._buttons

    def feed(self, line: str) -> list[Output]:
        """Run one input line; return what to show."""
        line = line.strip()
        if not line:
            return []
        if line.startswith(":"):
            word, _, rest = line[1:].partition(" ")
            handler = {
                "as": self._as, "in": self._in, "press": self._press, "help": self._help, "quit": self._quit,
                "q": self._quit, "fill": self._fill, "time": self._time, "edit": self._edit,
            }.get(word.lower())
            if handler is None:
                return [Note(f":{word} is not a console command. Type :help for the list.", error=True)]
            return handler(rest.strip())
        return self._say(line)

    def _say(self, line: str) -> list[Output]:
        """A message or command typed where we are; channel messages get an id (so they can be edited)."""
        message_id = None
        if self.where.is_channel and not is_command(line):
            self._messages += 1
            message_id = f"console-{self._session}-{self._messages}"
            self._last_message[(self.me.name, self.where)] = message_id
        replies = self.bot.handle(Event(self.me, self.where, line, message_id=message_id))
        return self._show(replies, self.where)

    # ------------------------------------------------------------ console commands

    def _as(self, name: str) -> list[Output]:
        if not name:
            return [Note("Say who: :as NAME, for example :as " + self.bot.council.people[0].name, error=True)]
        person = self.bot.council.find_person(name)
        if person is None:
            names = ", ".join(p.name for p in self.bot.council.people)
            return [Note(f"No one called '{name}' is on the roster. People: {names}.", error=True)]
        self.me = person
        return [Note(f"You are now {person.name} ({person.post}).")]

    def _in(self, place: str) -> list[Output]:
        words = place.split()
        if words == ["dm"]:
            self.where = Where.dm()
        elif len(words) == 1 and words[0].lstrip("#"):
            self.where = Where.public(words[0])
        elif len(words) == 2 and words[0] == "private" and words[1].lstrip("#"):
            self.where = Where.private(words[1])
        else:
            return [Note("Say where: :in #channel, :in private #channel or :in dm.", error=True)]
        where = "a DM with the bot" if self.where.place is Place.DM else str(self.where)
        return [Note(f"You are now in {where}.")]

    def _press(self, number: str) -> list[Output]:
        if not self._buttons:
            return [Note("No reply has offered buttons yet.", error=True)]
        if not number.isdigit() or not 1 <= int(number) <= len(self._buttons):
            return [Note(f"Press a button from 1 to {len(self._buttons)}: :press N.", error=True)]
        button = self._buttons[int(number) - 1]
        where = self._buttons_where
        replies = self.bot.press(button, self.me, where)
        return self._show(replies, where or self.where)

    def _edit(self, text: str) -> list[Output]:
        if not self.where.is_channel:
            return [Note("Only messages in a channel can be edited here: :in #channel first.", error=True)]
        message_id = self._last_message.get((self.me.name, self.where))
        if message_id is None:
            return [Note(f"You have not typed a message in {self.where} yet, so there is nothing to edit.",
                         error=True)]
        if not text:
            return [Note("Give the new text: :edit TEXT.", error=True)]
        replies = self.bot.handle(Event(self.me, self.where, text, message_id=message_id, edited=True))
        return [Note(f"Edited your last message in {self.where}.")] + self._show(replies, self.where)

    def _fill(self, fields: str) -> list[Output]:
        form = self._form
        if form is None:
            return [Note("No form is open: a command such as /protocol request opens one.", error=True)]
        try:
            answers = parse_inline(fields)
        except FormError as exc:
            return [Note(str(exc), error=True)]
        self._form = None
        # As in a modal: the fields start with what the form already holds, and what is typed replaces it.
        given = {f.key: f.initial for f in form.fields if f.initial}
        return self._show(self.bot.submit(form.action, form.value, {**given, **answers}, self.me), self.where)

    def _time(self, when: str) -> list[Output]:
        if self.clock is None:
            return [Note("This console's clock cannot be moved.", error=True)]
        try:
            moment = datetime.fromisoformat(when.strip().replace(" ", "T", 1))
        except ValueError:
            return [Note("Give the time as :time YYYY-MM-DD or :time YYYY-MM-DD HH:MM (UK time).", error=True)]
        self.clock.move_to(moment.replace(tzinfo=UK) if moment.tzinfo is None else moment)
        now = self.clock().astimezone(UK)
        shown: list[Output] = [Note(f"The time is now {show_date(now.date())} {now:%H:%M} (UK).")]
        return shown + self._show(self.bot.run_scheduled(), self.where)

    def _help(self, _: str) -> list[Output]:
        return [Note(CONSOLE_HELP)]

    def _quit(self, _: str) -> list[Output]:
        self.done = True
        return []

    # ------------------------------------------------------------ replies

    def _show(self, replies: list[Reply], where: Where) -> list[Output]:
        shown: list[Output] = []
        for reply in replies:
            shown.append(Shown(reply, where, self.me))
            if reply.buttons:
                self._buttons = reply.buttons
                self._buttons_where = Where.dm() if reply.audience is Audience.DM else where
            if reply.form is not None and (reply.audience is not Audience.DM or reply.to == self.me):
                self._form = reply.form
        return shown
