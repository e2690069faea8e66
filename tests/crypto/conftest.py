"""Fixtures for encryption at rest: the app with a key, on SQLite then PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import text

from app.extensions import db
from tests.conftest import copy_of, empty_tables, make_app

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@pytest.fixture(params=["sqlite", "postgresql"])
def keyed_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """Like ``app``, with ``SAYSO_ENCRYPTION_KEY`` set to ``KEY_A``.

    Tests change ``app.config["SAYSO_ENCRYPTION_KEY"]`` to act as a restart with another
    setting: the key is read each time a value is written or read.
    """
    if request.param == "sqlite":
        url = copy_of(request.getfixturevalue("migrated_sqlite"), tmp_path)
    else:
        url = request.getfixturevalue("postgres_database")
    flask_app = make_app(url, str(tmp_path / "instance"), SAYSO_ENCRYPTION_KEY=KEY_A)
    with flask_app.app_context():
        if request.param == "postgresql":
            upgrade()
            empty_tables()
        yield flask_app
        db.session.remove()
        if request.param == "postgresql":
            empty_tables()
        db.engine.dispose()


def stored(sql: str) -> list[object]:
    """Values exactly as the database holds them (plain SQL: no column types apply)."""
    db.session.commit()
    return list(db.session.execute(text(sql)).scalars())


@pytest.fixture
def client_for_keyed(keyed_app: Flask):  # type: ignore[no-untyped-def]
    return keyed_app.test_client()
