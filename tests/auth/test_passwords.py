"""Password rules and hashing: plain functions, no app needed."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from app.auth.passwords import (
    common_passwords,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)


def test_password_shorter_than_12_characters_is_refused():
    assert password_problem("short pass1") == "Password must be 12 characters or more"


def test_password_longer_than_256_characters_is_refused():
    assert password_problem("x" * 257) == "Password must be 256 characters or fewer"


def test_common_passwords_are_refused_whatever_their_case():
    for password in (
        "password1234",
        "Password1234",
        "QWERTYUIOP12",
        "liverpool1892",
        "123456789012",
    ):
        assert password_problem(password) is not None, password
        assert "too easy to guess" in password_problem(password)


def test_long_passphrase_without_symbols_or_capitals_is_accepted():
    assert password_problem("plum tractor velvet harbour") is None
    assert password_problem("twelve chars") is None
    assert password_problem(("a quiet lane by the river " * 11)[:256]) is None


def test_password_that_is_the_email_address_is_refused():
    assert password_problem("chair@example.org", "Chair@Example.org") is not None


def test_shipped_list_is_long_and_lower_case():
    words = common_passwords()
    assert len(words) > 5000
    assert all(word == word.lower() for word in words)
    assert {"password", "123456", "qwerty"} <= words


def test_hash_is_argon2id_and_never_contains_the_password():
    hashed = hash_password("plum tractor velvet harbour")
    assert hashed.startswith("$argon2id$")
    assert "plum" not in hashed
    assert verify_password(hashed, "plum tractor velvet harbour")
    assert not verify_password(hashed, "plum tractor velvet harbor")
    assert not verify_password("not a hash", "plum tractor velvet harbour")


def test_same_password_typed_in_another_unicode_form_still_matches():
    hashed = hash_password("caf\u00e9 tractor velvet")
    assert verify_password(hashed, "cafe\u0301 tractor velvet")


@pytest.mark.shipped_password_hashing
def test_passwords_are_hashed_at_the_rfc_9106_low_memory_cost():
    hashed = hash_password("plum tractor velvet harbour")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert not needs_rehash(hashed)


@pytest.mark.shipped_password_hashing
def test_hash_made_with_weaker_parameters_needs_rehash():
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("some long secret")
    assert needs_rehash(old)
    assert not needs_rehash(hash_password("some long secret"))
