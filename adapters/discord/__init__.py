"""The Discord adapter: discord.py gateway events and interactions in, the core's replies out as embeds.

``translate`` says where a thing happened (public means a channel ``@everyone`` can
read; threads follow their parent), ``render`` turns replies into message content,
embeds and buttons (escaped, within Discord's limits), ``forms`` turns the core's
forms into modals, ``delivery`` sends replies (interaction responses, DMs),
``handlers`` asks the core, ``client`` wires it all to a ``discord.Client`` with the
``/protocol`` command group (``slash``), ``scheduler`` sends the reminders, and
``command`` is ``protocol-bot run discord`` and ``protocol-bot discord sync``. No rule
of the council's protocol lives here: every decision is the core's
(``bot.app.ProtocolBot``).
"""
