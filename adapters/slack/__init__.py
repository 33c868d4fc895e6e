"""The Slack adapter: slack-bolt payloads in, the core's replies out as Block Kit.

``translate`` turns payloads into neutral events, ``blocks`` turns replies and
forms into Block Kit (escaped, within Slack's limits), ``delivery`` sends them
through the Web API, ``listeners`` wires them to a slack-bolt ``App`` (built by
``app.build_app``), ``server`` serves it over HTTP, ``scheduler`` sends the
reminders, and ``command`` is ``protocol-bot run slack``. No rule of the council's
protocol lives here: every decision is the core's (``bot.app.ProtocolBot``).
"""
