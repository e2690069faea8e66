"""Bounded waits on PostgreSQL: a slow statement or a held lock ends in an error the app
turns into the friendly 503 page, never in a request that waits for ever."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from app.config import ConfigurationError, database_bounds, load_settings
from app.extensions import db
from tests.conftest import make_app


@pytest.fixture
def postgres_app(postgres_database: str):  # type: ignore[no-untyped-def]
    app = make_app(postgres_database)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.mark.postgres
def test_a_slow_statement_is_cancelled_by_the_server(postgres_app) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    with pytest.raises(OperationalError, match="statement timeout"):
        db.session.execute(text("SELECT pg_sleep(30)"))
    db.session.rollback()
    assert time.monotonic() - started < 4


@pytest.mark.postgres
def test_waiting_for_a_lock_gives_up(postgres_app, postgres_database: str) -> None:  # type: ignore[no-untyped-def]
    holder = create_engine(postgres_database)
    name = f"lock_probe_{id(holder)}"
    try:
        with holder.begin() as connection:
            connection.execute(text(f"CREATE TABLE {name} (id int)"))
        with holder.connect() as connection:
            connection.execute(text(f"LOCK TABLE {name} IN ACCESS EXCLUSIVE MODE"))
            started = time.monotonic()
            with pytest.raises(OperationalError, match="lock timeout"):
                db.session.execute(text(f"SELECT * FROM {name}"))  # noqa: S608
            db.session.rollback()
            assert time.monotonic() - started < 3
            connection.rollback()
    finally:
        with holder.begin() as connection:
            connection.execute(text(f"DROP TABLE IF EXISTS {name}"))
        holder.dispose()


def test_web_requests_wait_briefly_and_the_background_waits_longer() -> None:
    web = database_bounds({})
    background = database_bounds({}, background=True)
    assert (web.connect, web.statement, web.lock) == (2, 3.0, 2.0)
    assert web.reply < 5
    assert background.statement == 240.0
    options = load_settings({"SAYSO_DATABASE_URL": "postgresql+psycopg://db/sayso"}, "/tmp", True)
    connect_args = options["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]
    assert connect_args["connect_timeout"] == 2
    assert "-c statement_timeout=3000" in connect_args["options"]
    assert "-c lock_timeout=2000" in connect_args["options"]


@pytest.mark.parametrize("value", ["soon", "0", "-3", "1e9"])
def test_a_mistyped_timeout_stops_the_app_with_a_clear_message(value: str) -> None:
    with pytest.raises(ConfigurationError, match="SAYSO_DATABASE_STATEMENT_TIMEOUT"):
        database_bounds({"SAYSO_DATABASE_STATEMENT_TIMEOUT": value})
