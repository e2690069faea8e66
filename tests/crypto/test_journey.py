"""A whole respondent journey on PostgreSQL with a key set: nothing the respondent typed
reaches the database in clear, and everything reads back where staff need it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import select

from app.coding.models import CommentCoding
from app.coding.runs import code_new_comments
from app.extensions import db
from tests.conftest import DATA, empty_tables, make_app, publish
from tests.crypto.conftest import KEY_A, stored
from tests.respond.test_journey import answer, start

WHY = "Nobody told me Priya from school was coming"
BETTER = "Let me bring my little brother Sami"


@pytest.fixture
def keyed_postgres_app(postgres_database: str, tmp_path: Path) -> Iterator[Flask]:
    flask_app = make_app(postgres_database, str(tmp_path / "instance"), SAYSO_ENCRYPTION_KEY=KEY_A)
    with flask_app.app_context():
        upgrade()
        empty_tables()
        yield flask_app
        db.session.remove()
        empty_tables()
        db.engine.dispose()


def in_clear(*words: str) -> list[str]:
    """Every stored value holding any of ``words`` as written."""
    raw = stored("SELECT text FROM answer WHERE text IS NOT NULL")
    raw += stored("SELECT CAST(answers AS TEXT) FROM draft")
    raw += stored("SELECT redacted FROM comment_coding")
    return [value for value in raw if any(word in value for word in words)]


def test_respondent_journey_stores_no_free_text_in_clear(keyed_postgres_app):
    survey = publish(DATA / "surveys" / "every-type.yaml")
    client = keyed_postgres_app.test_client()
    page = start(client, survey)
    page = answer(client, page, feeling="good")
    page = answer(client, page, listened="agree")
    page = answer(client, page, knew="no")
    page = answer(client, page, why_not=WHY)
    assert stored("SELECT count(*) FROM draft") == [1]
    assert in_clear("Priya") == []
    page = answer(client, page, how=["came"], where="school")
    page = answer(client, page, score="7")
    page = answer(client, page, when=["27", "3", "2026"])
    page = answer(client, page, better=BETTER)
    assert page.h1() == "Check your answers"
    assert WHY in page.text() and BETTER in page.text()
    assert page.form().submit(client).h1() == "Thank you"

    assert stored("SELECT count(*) FROM answer WHERE text IS NOT NULL") == [2]
    assert code_new_comments(db.session) == 1  # what the worker does after a submission
    assert stored("SELECT count(*) FROM comment_coding") == [1]
    assert in_clear("Priya", "Sami", "brother", "school") == []
    coding = db.session.scalars(select(CommentCoding)).one()
    assert coding.redacted.startswith("Nobody told me") and "school was coming" in coding.redacted

    result = keyed_postgres_app.test_cli_runner().invoke(
        args=["responses", "export", "--survey", survey, "--format", "csv"]
    )
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert (row["why_not"], row["better"], row["feeling"]) == (WHY, BETTER, "good")
