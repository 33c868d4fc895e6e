"""Encryption at rest: keys from PROTOCOL_BOT_KEYS, rotation, and errors that never show a key or the text."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from storage.crypto import (
    ENV_VAR,
    KeyProblem,
    TextCipher,
    fixed_cipher,
    fixed_key,
    generate_key,
    load_cipher,
    parse_keys,
)
from storage.errors import StorageError

SECRET = "Councillor Quimby shouted at the Deputy Clerk on 3 March"


def test_round_trip_gives_ascii_tokens_without_the_text() -> None:
    cipher = TextCipher([generate_key()])
    token = cipher.encrypt(SECRET)
    assert token.isascii() and SECRET not in token and "Quimby" not in token
    assert cipher.decrypt(token) == SECRET
    assert cipher.encrypt(SECRET) != token  # a fresh IV each time


@pytest.mark.parametrize("text", ["", "é – “quoted” 🙂", "x" * 10_000, "line one\nline two"])
def test_any_text_round_trips(text: str) -> None:
    cipher = fixed_cipher()
    assert cipher.decrypt(cipher.encrypt(text)) == text


def test_generated_keys_are_fernet_keys_and_differ() -> None:
    a, b = generate_key(), generate_key()
    assert a != b and len(a) == 44
    Fernet(a)


def test_the_fingerprint_is_short_stable_and_never_the_key() -> None:
    key = generate_key()
    cipher = TextCipher([key])
    assert len(cipher.fingerprint) == 12 and int(cipher.fingerprint, 16) >= 0
    assert cipher.fingerprint == TextCipher([key]).fingerprint
    assert cipher.fingerprint != TextCipher([generate_key()]).fingerprint
    assert cipher.fingerprint not in key and key not in repr(cipher) and cipher.fingerprint in repr(cipher)


def test_keys_come_from_the_environment_first_one_encrypts() -> None:
    old, new = generate_key(), generate_key()
    cipher = load_cipher({ENV_VAR: f" {new} , {old} ,"})
    assert cipher.fingerprints == (TextCipher([new]).fingerprint, TextCipher([old]).fingerprint)
    token = cipher.encrypt(SECRET)
    assert TextCipher([new]).decrypt(token) == SECRET
    assert cipher.decrypt(TextCipher([old]).encrypt(SECRET)) == SECRET
    assert parse_keys(" a, ,b,") == ["a", "b"]


def test_rotation_new_key_in_front_then_drop_the_old_one() -> None:
    a, b = generate_key(), generate_key()
    token = TextCipher([a]).encrypt(SECRET)
    both = TextCipher([b, a])
    assert not both.is_current(token)
    rotated = both.rotate(token)
    assert both.is_current(rotated)
    assert TextCipher([b]).decrypt(rotated) == SECRET
    with pytest.raises(KeyProblem):
        TextCipher([a]).decrypt(rotated)


def _assert_safe(message: str, *secrets: str) -> None:
    assert "\n" not in message
    for secret in secrets:
        assert secret not in message


def test_a_missing_variable_says_how_to_make_a_key() -> None:
    with pytest.raises(KeyProblem) as caught:
        load_cipher({})
    assert isinstance(caught.value, StorageError)
    assert f"{ENV_VAR} is not set" in str(caught.value) and "protocol-bot keys generate" in str(caught.value)


@pytest.mark.parametrize("value", ["", "   ", ",", " , , "])
def test_an_empty_variable_is_refused(value: str) -> None:
    with pytest.raises(KeyProblem, match=f"{ENV_VAR} is empty: make one with 'protocol-bot keys generate'"):
        load_cipher({ENV_VAR: value})


def test_an_invalid_key_is_named_by_position_never_echoed() -> None:
    good, bad = generate_key(), "my-password-is-hunter2"
    with pytest.raises(KeyProblem) as caught:
        load_cipher({ENV_VAR: f"{good},{bad}"})
    message = str(caught.value)
    assert "Key number 2" in message and "not a valid Fernet key" in message and "keys generate" in message
    _assert_safe(message, good, bad, "hunter2")
    with pytest.raises(KeyProblem, match="Key number 1"):
        TextCipher([good[:-2]])


def test_a_wrong_key_says_to_add_the_old_key_back_without_the_text_or_keys() -> None:
    right, wrong = generate_key(), generate_key()
    token = TextCipher([right]).encrypt(SECRET)
    with pytest.raises(KeyProblem) as caught:
        TextCipher([wrong]).decrypt(token)
    message = str(caught.value)
    assert "encrypted with a key that is not in PROTOCOL_BOT_KEYS; add the old key back" in message
    assert TextCipher([wrong]).fingerprint in message
    _assert_safe(message, SECRET, "Quimby", token, right, wrong)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize("token", ["not a token", "gAAAAAB", "é"])
def test_garbage_is_a_key_problem_too(token: str) -> None:
    with pytest.raises(KeyProblem):
        fixed_cipher().decrypt(token)


def test_fixed_cipher_is_deterministic_for_tests() -> None:
    assert fixed_cipher("a").decrypt(fixed_cipher("a").encrypt(SECRET)) == SECRET
    assert fixed_cipher("a").fingerprint != fixed_cipher("b").fingerprint
    assert TextCipher([fixed_key("a")]).fingerprint == fixed_cipher("a").fingerprint
