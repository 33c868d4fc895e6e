"""Encryption at rest for the text of concerns: Fernet keys from ``PROTOCOL_BOT_KEYS``.

``PROTOCOL_BOT_KEYS`` holds one or more Fernet keys, separated by commas. The first
encrypts; every key is tried when decrypting, so a key is rotated by putting a new
one in front, running ``protocol-bot keys rotate`` (which re-encrypts everything
with the new key) and then dropping the old one.

Messages never contain a key, a token or the text: only fingerprints (a short hash
of a key, safe to print and to compare with another machine's).
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Mapping, Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from storage.errors import StorageError

ENV_VAR = "PROTOCOL_BOT_KEYS"
GENERATE_HINT = "make one with 'protocol-bot keys generate'"


class KeyProblem(StorageError):
    """The encryption keys are missing, malformed, or not the ones the data was encrypted with."""


class TextCipher:
    """Encrypts text with the first of ``keys``; decrypts with any of them."""

    def __init__(self, keys: Sequence[str | bytes]) -> None:
        if isinstance(keys, (str, bytes)):
            keys = [keys]
        if not keys:
            raise KeyProblem(f"No encryption key was given: set {ENV_VAR} ({GENERATE_HINT}).")
        fernets = []
        for position, key in enumerate(keys, start=1):
            try:
                fernets.append(Fernet(key))
            except (ValueError, TypeError):
                raise KeyProblem(
                    f"Key number {position} in {ENV_VAR} is not a valid Fernet key (44 characters of "
                    f"url-safe base64): {GENERATE_HINT}."
                ) from None
        self._fernet = MultiFernet(fernets)
        self._primary = fernets[0]
        self.fingerprints: tuple[str, ...] = tuple(_fingerprint(k) for k in keys)

    @property
    def fingerprint(self) -> str:
        """A short hash of the key that encrypts: safe to print."""
        return self.fingerprints[0]

    def __repr__(self) -> str:
        return f"TextCipher(primary={self.fingerprint}, keys={len(self.fingerprints)})"

    def encrypt(self, text: str) -> str:
        """``text`` encrypted with the primary key, as an ASCII token."""
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        """The text of ``token``; :class:`KeyProblem` if no key opens it."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise self._wrong_key() from None

    def rotate(self, token: str) -> str:
        """``token`` re-encrypted with the primary key (its original timestamp kept)."""
        try:
            return self._fernet.rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError):
            raise self._wrong_key() from None

    def is_current(self, token: str) -> bool:
        """True when ``token`` is already encrypted with the primary key."""
        try:
            self._primary.decrypt(token.encode("ascii"))
        except (InvalidToken, UnicodeError):
            return False
        return True

    def _wrong_key(self) -> KeyProblem:
        return KeyProblem(
            f"This concern was encrypted with a key that is not in {ENV_VAR}; add the old key back (after "
            f"the new one) and try again (keys now: {', '.join(self.fingerprints)})."
        )


def _fingerprint(key: str | bytes) -> str:
    raw = key.encode("ascii") if isinstance(key, str) else key
    return hashlib.sha256(b"protocol-bot key fingerprint\0" + raw.strip()).hexdigest()[:12]


def generate_key() -> str:
    """A new random Fernet key, as text."""
    return Fernet.generate_key().decode("ascii")


def parse_keys(value: str) -> list[str]:
    """The keys in a ``PROTOCOL_BOT_KEYS`` value: comma-separated, blanks and spaces ignored."""
    return [part.strip() for part in value.split(",") if part.strip()]


def load_cipher(env: Mapping[str, str] | None = None) -> TextCipher:
    """The cipher for the keys in ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    value = env.get(ENV_VAR)
    if value is None:
        raise KeyProblem(
            f"{ENV_VAR} is not set: the text of concerns is encrypted and needs a key; "
            f"{GENERATE_HINT} and set {ENV_VAR} to it."
        )
    keys = parse_keys(value)
    if not keys:
        raise KeyProblem(f"{ENV_VAR} is empty: {GENERATE_HINT} and set {ENV_VAR} to it.")
    return TextCipher(keys)


def fixed_cipher(seed: str = "protocol-bot development key") -> TextCipher:
    """A cipher with a key derived from ``seed``: for tests and local demos only, never for real data."""
    return TextCipher([fixed_key(seed)])


def fixed_key(seed: str) -> str:
    """The Fernet key :func:`fixed_cipher` derives from ``seed``."""
    return base64.urlsafe_b64encode(hashlib.sha256(seed.encode("utf-8")).digest()).decode("ascii")
