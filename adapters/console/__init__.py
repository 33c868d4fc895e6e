"""The console adapter: a terminal chat with the bot, also scriptable from stdin.

``session`` holds the state and the script language, ``render`` the output,
``repl`` the loop, and ``command`` the ``protocol-bot console`` command.
"""
