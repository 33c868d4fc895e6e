"""Errors raised by the protocol layer, each worded for the person who hit it."""


class ProtocolError(Exception):
    """A problem with a protocol document or pack, with a message a clerk can act on."""


class ImportFailed(ProtocolError):
    """The document could not be turned into a pack (unreadable, empty, not a protocol)."""


class UnknownClause(ProtocolError):
    """A clause id was asked for that the pack does not have."""
