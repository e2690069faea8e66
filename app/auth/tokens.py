"""Random tokens for links and sessions; the database keeps only their hashes."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 random bits, far past guessing even with the hash in hand


def new_token() -> str:
    """A URL-safe random token (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """SHA-256 of a token, as stored.

    A plain hash is enough here (unlike passwords): the tokens are long random values, so
    there is nothing to brute-force, and lookups by hash must be a single indexed query.
    """
    return hashlib.sha256(token.encode()).hexdigest()
