"""Free text encrypted at rest when ``SAYSO_ENCRYPTION_KEY`` is set.

Columns typed :class:`EncryptedText` or :class:`EncryptedJSON` are encrypted with Fernet
(AES-128-CBC with an HMAC) as they are written and decrypted as they are read, so the rest
of Sayso sees plain values. The setting holds one or more comma-separated keys: the first
encrypts, all of them decrypt, so a key can be rotated without downtime (add the new key
first, run ``sayso encryption encrypt-existing``, then drop the old one).

Decisions worth knowing:

- The key is read from ``flask.current_app`` each time a value is written or read, not
  when the module is imported: one process can serve several apps (the tests do), and
  every database access in Sayso happens inside an app context (web, CLI, Celery task).
  Outside one, a value cannot be written or an encrypted value read: the column raises
  :class:`EncryptionKeyError` rather than guess, because guessing "no key" would store
  clear text silently where a key was expected.
- Values written before a key was set are read as they are: turning encryption on
  breaks nothing, and ``encrypt-existing`` encrypts them afterwards.
- Encrypted text starts with ``sayso-enc:``. Without a key, text a respondent typed that
  starts with ``sayso-`` is stored behind ``sayso-plain:`` so it can never pass for
  ciphertext (and fail to decrypt) once a key is set.
- Empty text stays empty (it tells nothing), so ``text != ''`` still works in queries.
  Nothing else about an encrypted value can be queried in the database: comparisons,
  LIKE, length and GROUP BY on these columns are meaningless, so reports count choices
  and numbers, which are never encrypted.
- Encrypted JSON is stored as ``{"$sayso_enc": token}``, still valid JSON, so the column
  type stays JSON and no migration is needed. ``$`` cannot start a question id.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app, has_app_context
from sqlalchemy import JSON, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from app.config import ConfigurationError

SETTING = "SAYSO_ENCRYPTION_KEY"
ENCRYPTED_PREFIX = "sayso-enc:"
ESCAPED_PREFIX = "sayso-plain:"
RESERVED_PREFIX = "sayso-"
JSON_MARKER = "$sayso_enc"


class EncryptionKeyError(ConfigurationError):
    """Stored text cannot be read or written with the keys this process has."""


def new_key() -> str:
    """A fresh random key in the form ``SAYSO_ENCRYPTION_KEY`` takes."""
    return Fernet.generate_key().decode("ascii")


@lru_cache(maxsize=8)
def keys_from_setting(setting: str | None) -> MultiFernet | None:
    """The keys in ``setting`` (comma-separated, first one encrypts), or None when unset.

    Raises :class:`ConfigurationError` naming the bad key by position, never quoting it.
    """
    if setting is None or setting.strip() == "":
        return None
    parts = [part.strip() for part in setting.split(",")]
    fernets = []
    for position, part in enumerate(parts, start=1):
        try:
            fernets.append(Fernet(part.encode("ascii")))
        except (ValueError, UnicodeEncodeError) as exc:
            raise ConfigurationError(
                f"{SETTING}: key {position} of {len(parts)} is not a valid key (each key is "
                "44 characters of URL-safe base64, as `sayso encryption new-key` prints; "
                "separate several keys with commas)"
            ) from exc
    return MultiFernet(fernets)


def first_key_from_setting(setting: str) -> Fernet:
    """The key that encrypts (the first one), to tell current ciphertext from older."""
    return Fernet(setting.split(",")[0].strip().encode("ascii"))


def check_encryption_setting(config: dict[str, Any]) -> None:
    """Fail at startup, not at the first answer, when the key setting is malformed."""
    keys_from_setting(config.get(SETTING))


def current_keys() -> MultiFernet | None:
    """The running app's keys; raises outside an app context (see the module docstring)."""
    if not has_app_context():
        raise EncryptionKeyError(
            "Encrypted columns are only read and written inside a Sayso app context, "
            f"where {SETTING} is known; open one with app.app_context()"
        )
    return keys_from_setting(current_app.config.get(SETTING))


def encrypt_text(plain: str, keys: MultiFernet | None) -> str:
    """What is stored for ``plain``: ciphertext with keys, the text itself (escaped) without."""
    if plain == "":
        return plain
    if keys is None:
        return ESCAPED_PREFIX + plain if plain.startswith(RESERVED_PREFIX) else plain
    return ENCRYPTED_PREFIX + keys.encrypt(plain.encode("utf-8")).decode("ascii")


def is_encrypted(stored: str) -> bool:
    return stored.startswith(ENCRYPTED_PREFIX)


def decrypt_text(stored: str, keys: MultiFernet | None) -> str:
    """The plain text of a stored value, whether it was written with or without a key."""
    if stored.startswith(ESCAPED_PREFIX):
        return stored[len(ESCAPED_PREFIX) :]
    if not is_encrypted(stored):
        return stored
    if keys is None:
        raise EncryptionKeyError(
            f"Stored text is encrypted but {SETTING} is not set: set it to the key (or "
            "keys) the text was encrypted with"
        )
    try:
        return keys.decrypt(stored[len(ENCRYPTED_PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise EncryptionKeyError(
            f"Stored text was encrypted with a key that is not in {SETTING}: add the key it "
            "was written with (keys are comma-separated; the first one encrypts)"
        ) from exc


def encrypt_json(value: Any, keys: MultiFernet | None) -> Any:
    """What is stored for a JSON value: ``{"$sayso_enc": token}`` with keys, else the value."""
    if keys is None:
        return value
    return {JSON_MARKER: encrypt_text(json.dumps(value, ensure_ascii=False), keys)}


def json_is_encrypted(stored: Any) -> bool:
    return isinstance(stored, dict) and set(stored) == {JSON_MARKER}


def decrypt_json(stored: Any, keys: MultiFernet | None) -> Any:
    if not json_is_encrypted(stored):
        return stored
    return json.loads(decrypt_text(stored[JSON_MARKER], keys))


class EncryptedText(TypeDecorator[str]):
    """Text encrypted at rest when a key is set; plain text read back as it is."""

    impl = Text
    # No constructor arguments and the key is read per value, so compiled statements
    # can be cached safely.
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or value == "":
            return value
        return encrypt_text(value, current_keys())

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or not value.startswith(RESERVED_PREFIX):
            return value
        return decrypt_text(value, current_keys())


class EncryptedJSON(TypeDecorator[Any]):
    """JSON encrypted at rest when a key is set; the column stays JSON in the database."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return value
        return encrypt_json(value, current_keys())

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if not json_is_encrypted(value):
            return value
        return decrypt_json(value, current_keys())


def hash_secret(value: str, key: str) -> str:
    """Keyed hash for tokens and codes: a stolen database cannot be replayed against us."""
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()
