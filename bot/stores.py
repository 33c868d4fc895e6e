"""The bot's storage, opened once at start-up: requests, concerns, flags and the audit log on one database.

Opening checks everything a running bot will need, so that a problem stops it at
start-up with a clear message rather than later, mid-conversation: the database
answers and its schema is current; the encryption keys are set and can read the
concerns and flags already stored.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping

from storage.audit import AuditLog
from storage.concern_repository import ConcernRepository
from storage.crypto import ENV_VAR, TextCipher, generate_key, load_cipher
from storage.database import open_database
from storage.flag_repository import FlagRepository
from storage.receipt_repository import ReceiptRepository
from storage.request_repository import RequestRepository

IN_MEMORY_URLS = ("sqlite://", "sqlite:///:memory:")


@dataclass(frozen=True)
class Stores:
    """The repositories the use cases need."""

    requests: RequestRepository
    concerns: ConcernRepository
    audit: AuditLog
    flags: FlagRepository
    receipts: ReceiptRepository | None = None  # None: retries are not recognised (tests' in-memory stores)


def open_stores(url: str | None, env: Mapping[str, str] | None = None, *,
                cipher: TextCipher | None = None) -> Stores:
    """Open (and migrate) the database and load the keys; raise StorageError (incl. KeyProblem) if unusable.

    An in-memory database with no key set gets a throw-away key: its concerns and
    flags vanish with the process anyway (the console demo needs no set-up).
    """
    env = os.environ if env is None else env
    if cipher is None:
        if url in IN_MEMORY_URLS and not env.get(ENV_VAR):
            cipher = TextCipher([generate_key()])
        else:
            cipher = load_cipher(env)
    engine = open_database(url)
    audit = AuditLog(engine)
    concerns = ConcernRepository(engine, cipher, audit)
    concerns.check_keys()
    flags = FlagRepository(engine, cipher, audit)
    flags.check_keys()
    return Stores(RequestRepository(engine), concerns, audit, flags, ReceiptRepository(engine))
