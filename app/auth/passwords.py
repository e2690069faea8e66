"""Password rules and argon2 hashing.

The rules follow NCSC and NIST advice: length matters, composition rules do not, and
passwords that attackers try first are refused. ``data/common_passwords.txt`` holds one
lower-case password a line: the commonest passwords plus the patterns people reach for
when told "12 characters" (words with years, keyboard walks, repeated words).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask_babel import lazy_gettext as _l

MIN_LENGTH = 12
MAX_LENGTH = 256
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common_passwords.txt"

# argon2-cffi's defaults are the RFC 9106 "low memory" profile; when a later version
# raises them, passwords are rehashed at the next sign-in (see needs_rehash).
HASHER = PasswordHasher()

TOO_SHORT = _l("Password must be %(count)s characters or more", count=MIN_LENGTH)
TOO_LONG = _l("Password must be %(count)s characters or fewer", count=MAX_LENGTH)
TOO_COMMON = _l("This password is too easy to guess. Try three or four random words instead.")
SAME_AS_EMAIL = _l("Password must not be your email address")


def password_problem(password: str, email: str = "") -> str | None:
    """Why ``password`` cannot be used, or None if it can."""
    normalised = _normalise(password)
    if len(normalised) < MIN_LENGTH:
        return str(TOO_SHORT)
    if len(normalised) > MAX_LENGTH:
        return str(TOO_LONG)
    if normalised.lower() in common_passwords():
        return str(TOO_COMMON)
    if email and normalised.lower() == email.strip().lower():
        return str(SAME_AS_EMAIL)
    return None


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, loaded once per process."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def hash_password(password: str) -> str:
    return HASHER.hash(_normalise(password))


def verify_password(password_hash: str, password: str) -> bool:
    """True if ``password`` matches; never raises for a wrong or damaged hash."""
    try:
        return HASHER.verify(password_hash, _normalise(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with older parameters than the hasher's current ones."""
    return HASHER.check_needs_rehash(password_hash)


def waste_time_like_verify(password: str) -> None:
    """Check ``password`` against a dummy hash so that unknown accounts take as long."""
    verify_password(_dummy_hash(), password)


@cache
def _dummy_hash() -> str:
    return HASHER.hash("not a real password, only here to take time")


def _normalise(password: str) -> str:
    # The same password typed on a phone and a laptop can differ in Unicode form.
    return unicodedata.normalize("NFKC", password)
