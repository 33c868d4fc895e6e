"""The application: council context, command parsing, use cases, replies and the CLI.

Imports point one way: ``bot`` may use ``protocol`` (and later ``storage``), never
``adapters`` or any chat platform's library.
"""
