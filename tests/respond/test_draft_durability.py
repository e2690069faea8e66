"""Draft saves may skip PostgreSQL's wait for the disk; nothing else may."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import text

from app.extensions import db
from app.respond.drafts import commit_without_waiting_for_disk
from tests.conftest import make_app


@pytest.fixture
def postgres_app(postgres_database: str, tmp_path: Path) -> Iterator[Flask]:
    flask_app = make_app(postgres_database, str(tmp_path / "instance"))
    with flask_app.app_context():
        upgrade()
        yield flask_app
        db.session.remove()
        db.engine.dispose()


def synchronous_commit() -> str | None:
    return db.session.scalar(text("SHOW synchronous_commit"))


def test_only_the_draft_save_itself_skips_waiting_for_the_disk(postgres_app: Flask):
    assert synchronous_commit() == "on"
    commit_without_waiting_for_disk(db.session)
    assert synchronous_commit() == "off"
    db.session.commit()
    # The connection goes back to the pool: the next transaction on it (a submission,
    # say) waits for the disk again.
    assert synchronous_commit() == "on"
    db.session.rollback()
