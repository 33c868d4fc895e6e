"""Sending the core's replies through Discord.

- to the asker only: an ephemeral interaction response (flag 64), or a follow-up
  when the interaction was answered already; for an ordinary message (which has no
  ephemeral reply on Discord) a DM to its author, as nudges are sent. A form opens
  as a modal when the interaction can still take one, else it is offered with an
  "Open the form" button (and "… as it is" when it is filled in already);
- to the channel: the interaction's public response, or a message in the channel;
- as a DM to a person of the roster: by their ``discord_id``.

An interaction gets exactly one initial response (a message, a modal, an edit of
the pressed message, or a deferral when the core was slow); everything after it is
a follow-up through the interaction's webhook. Everything goes out with
``AllowedMentions.none()``. A DM Discord refuses (the
person's DMs are closed) is kept in :attr:`Delivery.undelivered` for the caller;
other API errors are logged and never stop the rest from being sent. Rate limits
(HTTP 429) are waited out by discord.py itself.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.council import Person
from bot.replies import Audience, Reply

from adapters.discord import forms, render
from adapters.discord.forms import FormSessions
from adapters.discord.text import NO_PINGS

NOTHING = "Done: there is nothing more to show."
log = logging.getLogger(__name__)


class Delivery:
    """Delivers the replies to one interaction or message; remembers whom it wrote to and what it could not send."""

    def __init__(self, client: discord.Client, sessions: FormSessions, *,
                 interaction: discord.Interaction[Any] | None = None, author: discord.abc.User | None = None,
                 channel: discord.abc.Messageable | None = None, command: str | None = None, page: int = 0,
                 edit: bool = False) -> None:
        self.client = client
        self.sessions = sessions
        self.interaction = interaction
        self.author = author if author is not None else (interaction.user if interaction is not None else None)
        self.channel = channel
        self.command = command  # the /protocol text that made the replies (to page them)
        self.page = page
        self.edit = edit  # the first private reply replaces the message whose button was pressed
        self.people_told: list[Person] = []
        self.undelivered: list[Reply] = []
        self.answered = False  # the interaction has had a message (a modal or a deferral does not count)

    async def send(self, replies: list[Reply]) -> None:
        """Send every reply, each as its audience says; answer the interaction even when there is nothing to say.

        The asker's and the channel's replies go first: Discord waits only three seconds for an interaction's
        response, and DMs to others can wait.
        """
        for reply in sorted(replies, key=lambda r: r.audience is Audience.DM):
            try:
                if reply.audience is Audience.DM and reply.to is not None:
                    await self.direct(reply.to, reply)
                elif reply.audience is Audience.CHANNEL:
                    await self.to_channel(reply)
                elif reply.form is not None:
                    await self.form(reply)
                else:
                    await self.to_asker(reply)
            except discord.HTTPException as exc:
                log.warning("Discord refused a reply (HTTP %s, code %s): %s", exc.status, exc.code, reply.text[:80])
        await self._close()

    # ------------------------------------------------------------ audiences

    async def to_asker(self, reply: Reply, extra: list[render.Control] | None = None) -> None:
        """Only the asker sees it."""
        rendered = render.messages(reply, extra=extra, page=self.page, command=self.command)
        if self.interaction is not None:
            for part in rendered:
                await self._respond(part, ephemeral=True)
        elif self.author is not None:
            if not await self._dm(self.author.id, rendered):
                self.undelivered.append(reply)
        else:
            log.warning("A private reply had no one to go to: %s", reply.text[:80])

    async def to_channel(self, reply: Reply) -> None:
        """Everyone in the channel where it happened sees it."""
        rendered = render.messages(reply)
        if self.interaction is not None:
            for part in rendered:
                await self._respond(part, ephemeral=False)
        elif self.channel is not None:
            for part in rendered:
                await self.channel.send(**part.kwargs())
        else:
            log.warning("A reply for the channel had no channel to go to: %s", reply.text[:80])

    async def direct(self, person: Person, reply: Reply) -> None:
        """A DM to a person of the roster (skipped, with a warning, when they have no Discord id)."""
        if not person.discord_id or not person.discord_id.isdigit():
            log.warning("%s has no discord_id in the council file, so a DM to them was not sent.", person.name)
            return
        if await self._dm(int(person.discord_id), render.messages(reply)):
            self.people_told.append(person)
        else:
            self.undelivered.append(reply)

    async def form(self, reply: Reply) -> None:
        """A modal when the interaction can still open one; else the intro with "Open the form"."""
        assert reply.form is not None
        if self.author is None:
            log.warning("A form had no one to go to: %s", reply.form.title)
            return
        token = self.sessions.start(reply.form, reply.text, self.author.id)
        session = self.sessions.get(token, self.author.id)
        assert session is not None
        interaction = self.interaction
        if (interaction is not None and not interaction.response.is_done()
                and interaction.type is not discord.InteractionType.modal_submit):
            await interaction.response.send_modal(forms.modal(session, token, 0))
            self.answered = True
            return
        extra = [render.Control("Open the form", f"{forms.OPEN}{token}:0", discord.ButtonStyle.primary)]
        if session.complete:
            extra.append(render.Control(f"{reply.form.submit_label} as it is", f"{forms.SEND}{token}",
                                        discord.ButtonStyle.success))
        await self.to_asker(Reply.to_asker(reply.text, cards=reply.cards), extra=extra)

    # ------------------------------------------------------------ Discord API

    async def _respond(self, rendered: render.Rendered, *, ephemeral: bool) -> None:
        """The interaction's one initial response if it is still open, else a follow-up through its webhook."""
        assert self.interaction is not None
        response = self.interaction.response
        edit, self.edit = self.edit and ephemeral, False  # only the first private message replaces the old one
        if not response.is_done():
            if edit:
                await response.edit_message(**rendered.kwargs())
            else:
                await response.send_message(ephemeral=ephemeral, **rendered.kwargs())
        elif edit and response.type is discord.InteractionResponseType.deferred_message_update:
            await self.interaction.edit_original_response(**rendered.kwargs())
        else:
            await self.interaction.followup.send(ephemeral=ephemeral, **rendered.kwargs())
        self.answered = True

    async def _close(self) -> None:
        """Leave no interaction unanswered: Discord shows "did not respond", or "thinking…" for ever, otherwise."""
        interaction = self.interaction
        if interaction is None or self.answered:
            return
        try:
            if not interaction.response.is_done():
                if interaction.type is discord.InteractionType.component:
                    await interaction.response.defer()  # nothing to say: the message stays as it is
                else:
                    await interaction.response.send_message(NOTHING, ephemeral=True, allowed_mentions=NO_PINGS)
            elif interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
                await interaction.followup.send(NOTHING, ephemeral=True, allowed_mentions=NO_PINGS)
        except discord.HTTPException as exc:
            log.warning("Could not close a Discord interaction (HTTP %s, code %s).", exc.status, exc.code)

    async def _dm(self, user_id: int, rendered: list[render.Rendered]) -> bool:
        """Send a DM (one or more messages); False when Discord refuses it because the person does not take DMs."""
        try:
            channel = await self.client.create_dm(discord.Object(user_id))
            for part in rendered:
                await channel.send(**part.kwargs())
        except discord.Forbidden as exc:
            log.info("Discord user %s does not take DMs from the bot (code %s).", user_id, exc.code)
            return False
        return True
