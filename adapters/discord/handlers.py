"""What happens for each kind of Discord event: translate it, ask the core, deliver the replies.

The core is synchronous (it reads and writes the database), so each call to it runs
in a worker thread and the gateway keeps reading. Deliveries that Discord may replay
after a reconnect (an interaction, a DM to the bot) are claimed once in the
database (``ProtocolBot.first_delivery``); a message seen twice in a channel never
nudges twice because the core keeps one flag per message id. A button pressed twice
in quick succession acts once.

Discord waits three seconds for the first response to an interaction: when the core
takes longer than ``DEFER_AFTER``, the interaction is deferred and the replies follow
through its webhook. Any failure is logged and the person is told in one ephemeral
sentence (a form's answers are given back), never left with "The application did not
respond".
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from typing import Any, Awaitable, Callable, Concatenate, ParamSpec, TypeVar

import discord
from discord import app_commands

from bot.app import ProtocolBot
from bot.events import Event, Place, Who
from bot.registry import CouncilBots
from bot.replies import Audience, Reply

from adapters.discord import forms, render
from adapters.discord import text as t
from adapters.discord.delivery import Delivery
from adapters.discord.forms import FormSessions
from adapters.discord.translate import PLATFORM, is_plain, message_event, place_of, where_of

DEFER_AFTER = 2.0  # seconds the core may take before the interaction is deferred (Discord allows three)
PRESS_WINDOW = 5.0  # seconds in which a second press of the same button is taken for a double click
NOT_CONNECTED = ("This Discord server is not connected to a council in protocol-bot: ask the Clerk to put its "
                 "server id ({guild}) as discord_guild_id in the council file.")
NO_COUNCIL = ("You are not on the roster of a council that uses this bot: ask your Clerk to add your Discord user "
              "id ({user}) to the council file.")
FORM_GONE = ("That form is no longer open (forms are kept for an hour, and not across a restart of the bot): "
             "type the /protocol command again, or press the button that offered it.")
CLOSED_DMS = "the author does not accept direct messages from the bot on Discord"
SORRY = ("Something went wrong on the bot's side, so that may not have been done: please try again in a minute, "
         "and tell the Clerk if it happens again.")
SORRY_FORM = ("Something went wrong on the bot's side, so what you sent may not have been recorded: look for it with "
              "/protocol review in a few minutes, and send it again if it is not there. What you typed:")
T = TypeVar("T")
P = ParamSpec("P")
log = logging.getLogger(__name__)


class Councils(CouncilBots):
    """The councils this client serves: one per server (``discord_guild_id``), and in DMs by roster."""

    def for_place(self, guild_id: int | None, user_id: int) -> ProtocolBot | None:
        """The council of a server, or of the person in a DM."""
        if guild_id is not None:
            return self.for_discord_guild(guild_id)
        return self.for_member(PLATFORM, str(user_id))


async def in_thread(call: Callable[..., T], *args: Any) -> T:
    """Run a core call off the event loop."""
    return await asyncio.to_thread(call, *args)


async def tell(interaction: discord.Interaction[Any], text: str) -> None:
    """``text`` to the person behind ``interaction`` only, by whichever way is still open (never raises)."""
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=t.NO_PINGS)
        else:
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=t.NO_PINGS)
    except discord.HTTPException as exc:
        log.warning("Could not tell Discord user %s (HTTP %s): %s", interaction.user.id, exc.status, text[:80])


def answering_errors(handler: Callable[Concatenate[Handlers, discord.Interaction[Any], P], Awaitable[None]]
                     ) -> Callable[Concatenate[Handlers, discord.Interaction[Any], P], Awaitable[None]]:
    """Log any failure of an interaction handler and tell the person in one sentence (discord.py would only log)."""
    @functools.wraps(handler)
    async def guarded(self: Handlers, interaction: discord.Interaction[Any], *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            await handler(self, interaction, *args, **kwargs)
        except Exception:  # noqa: BLE001 - whatever went wrong, the person gets an answer
            log.exception("A Discord interaction (%s by user %s) failed.", handler.__name__, interaction.user.id)
            await tell(interaction, SORRY)
    return guarded


class Handlers:
    """The client's event bodies, independent of how discord.py calls them."""

    def __init__(self, councils: Councils, client: discord.Client, sessions: FormSessions | None = None) -> None:
        self.councils = councils
        self.client = client
        self.sessions = sessions or FormSessions()
        self.defer_after = DEFER_AFTER
        self._presses: dict[tuple[int, int, str], float] = {}

    # ------------------------------------------------------------ slash commands

    @answering_errors
    async def command(self, interaction: discord.Interaction[Any], text: str) -> None:
        """``/protocol …``: the core's replies as an ephemeral response (a modal for a form)."""
        bot = await self._bot_for(interaction)
        if bot is None:
            return
        who, where = self._who(bot, interaction.user), where_of(interaction.channel)

        def work() -> list[Reply] | None:
            if not bot.first_delivery(PLATFORM, f"interaction:{interaction.id}"):
                return None
            return bot.handle(Event(who, where, f"/protocol {text}".strip()))

        replies = await self._in_time(interaction, work)
        if replies is not None:
            await self._deliver(bot, Delivery(self.client, self.sessions, interaction=interaction,
                                              command=text), replies)

    def suggest(self, interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        """Autocomplete for a lookup: the protocol's topics and clause ids that match what is typed."""
        bot = self.councils.for_place(interaction.guild_id, interaction.user.id)
        if bot is None:
            return []
        typed = current.strip().casefold()
        found: list[app_commands.Choice[str]] = []
        for topic in bot.index.topics():
            if typed in topic.casefold():
                found.append(app_commands.Choice(name=topic[:100], value=topic[:100]))
        for clause in bot.pack.clauses:
            name = f"{clause.id} {clause.heading}".strip()
            if typed and (clause.id.casefold().startswith(typed) or typed in name.casefold()):
                found.append(app_commands.Choice(name=name[:100], value=clause.id[:100]))
        return found[:25]

    # ------------------------------------------------------------ messages

    async def message(self, message: discord.Message, *, edited: bool = False) -> None:
        """A message in a channel or a DM, new or edited: perhaps a nudge, or a concern offered in a DM."""
        user = self.client.user
        if not is_plain(message, user.id if user else None):
            return
        place = place_of(message.channel)
        if edited and place is not Place.PUBLIC:
            return  # only public messages are checked again when edited
        bot = self.councils.for_place(message.guild.id if message.guild else None, message.author.id)
        if bot is None:
            return  # a server no council file names (logged once when it became available)
        where = where_of(message.channel)
        who = self._who(bot, message.author)
        event = message_event(who, message, where, edited=edited)

        def work() -> list[Reply] | None:
            if place is Place.DM and not bot.first_delivery(PLATFORM, f"message:{message.id}"):
                return None  # a DM replayed after a reconnect: answered already
            return bot.handle(event)

        delivery = Delivery(self.client, self.sessions, author=message.author, channel=message.channel)
        try:
            replies = await in_thread(work)
            if replies:
                await self._deliver(bot, delivery, replies)
        except Exception:  # noqa: BLE001 - logged; in a DM the person is told, in a channel nothing is said
            log.exception("Handling Discord message %s failed.", message.id)
            if place is Place.DM:
                await delivery.to_asker(Reply.to_asker(SORRY))

    async def edited(self, payload: discord.RawMessageUpdateEvent) -> None:
        """An edit: checked again when its words changed (not when a link preview was added)."""
        message = payload.message
        before = payload.cached_message
        if message.edited_at is None or (before is not None and before.content == message.content):
            return
        await self.message(message, edited=True)

    # ------------------------------------------------------------ buttons and forms

    @answering_errors
    async def press(self, interaction: discord.Interaction[Any], action: str, value: str) -> None:
        """A core button: its action and value go back to ``ProtocolBot.press``, once."""
        bot = await self._bot_for(interaction)
        if bot is None:
            return
        started = time.monotonic()
        if not await self._in_time(interaction, lambda: bot.first_delivery(PLATFORM, f"interaction:{interaction.id}")):
            return  # replayed after a reconnect: answered already
        if self._double(interaction):
            await interaction.response.defer()
            return
        who, where = self._who(bot, interaction.user), where_of(interaction.channel)
        button = render.decode_core(action, value)
        replies = await self._in_time(interaction, lambda: bot.press(button, who, where), started=started)
        await self._deliver(bot, Delivery(self.client, self.sessions, interaction=interaction), replies)

    @answering_errors
    async def page(self, interaction: discord.Interaction[Any], page: int, command: str) -> None:
        """Previous / Next under a long list: the command runs again and the message shows that page."""
        bot = await self._bot_for(interaction)
        if bot is None:
            return
        who, where = self._who(bot, interaction.user), where_of(interaction.channel)
        replies = await self._in_time(interaction, lambda: bot.handle(Event(who, where, f"/protocol {command}")))
        await self._deliver(bot, Delivery(self.client, self.sessions, interaction=interaction, command=command,
                                          page=page, edit=True), replies)

    @answering_errors
    async def open_form(self, interaction: discord.Interaction[Any], token: str, part: int) -> None:
        """"Open the form" or "Continue": the modal of that part of a form in progress."""
        session = self.sessions.get(token, interaction.user.id)
        if session is None or part >= session.parts:
            await interaction.response.send_message(FORM_GONE, ephemeral=True, allowed_mentions=t.NO_PINGS)
            return
        await interaction.response.send_modal(forms.modal(session, token, part))

    @answering_errors
    async def send_form(self, interaction: discord.Interaction[Any], token: str) -> None:
        """"… as it is": a form already filled in is sent without opening it."""
        session = self.sessions.get(token, interaction.user.id)
        if self._double(interaction):
            await interaction.response.defer()
            return
        if session is None:
            await interaction.response.send_message(FORM_GONE, ephemeral=True, allowed_mentions=t.NO_PINGS)
            return
        await self._submit(interaction, token, session.filled())

    @answering_errors
    async def modal_submitted(self, interaction: discord.Interaction[Any]) -> None:
        """A submitted modal: the next part, or the whole form to ``ProtocolBot.submit``."""
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        token, _, part_text = str(data.get("custom_id", "")).removeprefix(forms.MODAL).partition(":")
        session = self.sessions.get(token, interaction.user.id)
        if session is None or not part_text.isdigit():
            await interaction.response.send_message(FORM_GONE, ephemeral=True, allowed_mentions=t.NO_PINGS)
            return
        part = int(part_text)
        typed = forms.submitted_answers(data.get("components") or [])
        for form_field in session.fields_of(part):  # a field emptied on purpose is empty, not its old value
            session.answers[form_field.key] = typed.get(form_field.key, "")
        if part + 1 < session.parts:
            following = render.Control("Continue", f"{forms.OPEN}{token}:{part + 1}", discord.ButtonStyle.primary)
            rendered = render.Rendered(content=f"Part {part + 1} of {session.parts} kept. Press Continue for the rest.",
                                       controls=[following])
            await interaction.response.send_message(ephemeral=True, **rendered.kwargs())
            return
        await self._submit(interaction, token, {k: v for k, v in session.answers.items() if v})

    async def _submit(self, interaction: discord.Interaction[Any], token: str, answers: dict[str, str]) -> None:
        """A whole form to the core; if that fails, the person is told so and gets their words back."""
        bot = await self._bot_for(interaction)
        if bot is None:
            return
        session = self.sessions.get(token, interaction.user.id)
        if session is None:
            await tell(interaction, FORM_GONE)
            return
        self.sessions.finish(token)
        who = self._who(bot, interaction.user)

        def work() -> list[Reply] | None:
            if not bot.first_delivery(PLATFORM, f"interaction:{interaction.id}"):
                return None
            return bot.submit(session.form.action, session.form.value, answers, who)

        delivery = Delivery(self.client, self.sessions, interaction=interaction)
        try:
            replies = await self._in_time(interaction, work, thinking=True)
        except Exception:  # noqa: BLE001 - the person must not lose what they typed
            log.exception("Submitting a %s form from Discord user %s failed.", session.form.action,
                          interaction.user.id)
            labels = {f.key: f.label for f in session.form.fields}
            typed = "\n".join(f"{labels.get(key, key)}: {value}" for key, value in answers.items())
            await delivery.send([Reply.to_asker(f"{SORRY_FORM}\n{typed}")])
            return
        if replies is not None:
            await self._deliver(bot, delivery, replies)

    # ------------------------------------------------------------ helpers

    async def _bot_for(self, interaction: discord.Interaction[Any]) -> ProtocolBot | None:
        """The council of the interaction; the person is told when there is none."""
        bot = self.councils.for_place(interaction.guild_id, interaction.user.id)
        if bot is None:
            text = (NOT_CONNECTED.format(guild=interaction.guild_id) if interaction.guild_id is not None
                    else NO_COUNCIL.format(user=interaction.user.id))
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=t.NO_PINGS)
        return bot

    async def _in_time(self, interaction: discord.Interaction[Any], work: Callable[[], T], *,
                       thinking: bool = False, started: float | None = None) -> T:
        """``work()`` in a thread; if it is slow, the interaction is deferred meanwhile so that it does not expire.

        A command or, with ``thinking``, a modal shows "thinking…" (ephemeral) until the replies follow; a button
        is acknowledged without a change on screen, and its replies follow as new messages. ``started`` (monotonic)
        is when the handler began, when earlier work has used part of the time already.
        """
        left = self.defer_after - (time.monotonic() - started if started is not None else 0.0)
        task = asyncio.ensure_future(in_thread(work))
        done, _ = await asyncio.wait({task}, timeout=max(left, 0.0))
        if not done and not interaction.response.is_done():
            try:
                await interaction.response.defer(ephemeral=True, thinking=thinking)
            except discord.HTTPException as exc:
                log.warning("Could not defer a Discord interaction (HTTP %s); it may have expired.", exc.status)
        return await task

    @staticmethod
    def _who(bot: ProtocolBot, user: discord.abc.User) -> Who:
        return bot.identify(PLATFORM, str(user.id), user.display_name)

    def _double(self, interaction: discord.Interaction[Any]) -> bool:
        """True for a second press of the same button on the same message within a few seconds."""
        now = time.monotonic()
        self._presses = {k: at for k, at in self._presses.items() if now - at < PRESS_WINDOW}
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        key = (interaction.user.id, interaction.message.id if interaction.message else 0, str(data.get("custom_id")))
        if key in self._presses:
            return True
        self._presses[key] = now
        return False

    async def _deliver(self, bot: ProtocolBot, delivery: Delivery, replies: list[Reply]) -> None:
        """Send the replies; a nudge that could not be delivered is noted for the flag review."""
        await delivery.send(replies)
        nudges = [r for r in delivery.undelivered if r.audience is Audience.ASKER]
        for reply in nudges:
            await in_thread(bot.undelivered, reply, CLOSED_DMS)

