"""``sayso encryption``: make a key, and encrypt what was stored before a key was set (or
re-encrypt it with the newest key after a rotation)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import click
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import Column, Text, cast, select, update
from sqlalchemy.orm import Session

from app.crypto import (
    ENCRYPTED_PREFIX,
    JSON_MARKER,
    SETTING,
    EncryptedJSON,
    EncryptedText,
    EncryptionKeyError,
    current_keys,
    decrypt_json,
    decrypt_text,
    first_key_from_setting,
    is_encrypted,
    json_is_encrypted,
    new_key,
)
from app.extensions import db

BATCH = 500


@dataclass
class ColumnCounts:
    """What ``encrypt-existing`` did to one column."""

    encrypted: int = 0
    reencrypted: int = 0
    current: int = 0
    changed_meanwhile: int = 0


def encrypted_columns() -> list[Column[Any]]:
    """Every column typed EncryptedText or EncryptedJSON, found on the metadata so a new
    encrypted column is covered without a list to keep up to date."""
    return [
        column
        for table in db.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, EncryptedText | EncryptedJSON)
    ]


def _encrypted_by_first_key(token: str, first: Fernet) -> bool:
    try:
        first.decrypt(token[len(ENCRYPTED_PREFIX) :].encode("ascii"))
    except InvalidToken:
        return False
    return True


def _stored_token(column: Column[Any], raw: str) -> str | None:
    """The ciphertext in a stored value as the database returns it as text, or None."""
    if isinstance(column.type, EncryptedJSON):
        value = json.loads(raw)
        return value[JSON_MARKER] if json_is_encrypted(value) else None
    return raw if is_encrypted(raw) else None


def _plain_value(column: Column[Any], raw: str, keys: MultiFernet) -> Any:
    if isinstance(column.type, EncryptedJSON):
        return decrypt_json(json.loads(raw), keys)
    return decrypt_text(raw, keys)


def encrypt_column(
    session: Session, column: Column[Any], keys: MultiFernet, first: Fernet, batch: int = BATCH
) -> ColumnCounts:
    """Encrypt with the first key every value of ``column`` that is plain or under an older
    key, ``batch`` rows per transaction.

    Each row is updated only if it still holds what was read, so a draft saved meanwhile
    is not overwritten (it was written encrypted with the first key anyway).
    """
    table = column.table
    (key_column,) = table.primary_key.columns
    stored = cast(column, Text)
    counts = ColumnCounts()
    last = None
    while True:
        query = select(key_column, stored).where(column.is_not(None), stored != "")
        if last is not None:
            query = query.where(key_column > last)
        rows = session.execute(query.order_by(key_column).limit(batch)).all()
        if not rows:
            return counts
        for row_key, raw in rows:
            token = _stored_token(column, raw)
            if token is not None and _encrypted_by_first_key(token, first):
                counts.current += 1
                continue
            result = session.execute(
                update(table)
                .where(key_column == row_key, stored == raw)
                .values({column.name: _plain_value(column, raw, keys)})
            )
            if result.rowcount == 0:
                counts.changed_meanwhile += 1
            elif token is None:
                counts.encrypted += 1
            else:
                counts.reencrypted += 1
        session.commit()
        last = rows[-1][0]


encryption_cli = click.Group(
    "encryption", help="Encryption at rest of free text (SAYSO_ENCRYPTION_KEY)."
)


@encryption_cli.command("new-key")
def new_key_command() -> None:
    """Print a fresh random key for SAYSO_ENCRYPTION_KEY."""
    click.echo(new_key())


@encryption_cli.command("encrypt-existing")
@click.option("--batch", default=BATCH, show_default=True, help="Rows per transaction.")
@with_appcontext
def encrypt_existing_command(batch: int) -> None:
    """Encrypt stored free text with the first key in SAYSO_ENCRYPTION_KEY.

    Run it after turning encryption on, and after adding a new key in front of the old
    one; remove the old key only once this has finished. Safe to run again, and while
    Sayso is running.
    """
    keys = current_keys()
    if keys is None:
        raise click.ClickException(f"{SETTING} is not set: there is no key to encrypt with.")
    first = first_key_from_setting(current_app.config[SETTING])
    try:
        for column in encrypted_columns():
            counts = encrypt_column(db.session, column, keys, first, batch)
            click.echo(
                f"{column.table.name}.{column.name}: {counts.encrypted} encrypted, "
                f"{counts.reencrypted} re-encrypted with the new key, "
                f"{counts.current} already current, "
                f"{counts.changed_meanwhile} changed meanwhile (run again to check them)"
            )
    except EncryptionKeyError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
