"""What the repositories of encrypted records share: the engine, the cipher (optional), the audit log, a clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine

from storage.audit import AuditLog
from storage.crypto import ENV_VAR, GENERATE_HINT, KeyProblem, TextCipher


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


class EncryptedStore:
    """A repository whose records hold encrypted text (concerns, flags); ``TEXT`` names that text in errors."""

    TEXT = "the stored text"

    def __init__(self, engine: Engine, cipher: TextCipher | None, audit: AuditLog,
                 clock: Callable[[], datetime] = utcnow) -> None:
        """``cipher`` may be None for work that needs no text (lists, counts, purge, the annual summary)."""
        self.engine = engine
        self._cipher_or_none = cipher
        self.audit = audit
        self.clock = clock

    @property
    def cipher(self) -> TextCipher:
        """The cipher; :class:`KeyProblem` when the repository was made without keys."""
        if self._cipher_or_none is None:
            raise KeyProblem(f"{ENV_VAR} is not set, and this needs {self.TEXT}: {GENERATE_HINT}.")
        return self._cipher_or_none
