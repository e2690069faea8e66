"""Fault tests: Sayso on real PostgreSQL and Redis while the servers fail under it.

Each test starts and breaks its own servers (a throwaway Redis, a proxy in front of
PostgreSQL, its own workers and mail server), cleans them up even when it fails, and is
stopped by an alarm if it ever runs longer than its bound.
"""

from __future__ import annotations

import contextlib
import secrets
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.extensions import db
from tests.conftest import DATA, make_app, publish
from tests.databases import postgres_server_url, throwaway_postgres_database
from tests.faults.proxy import CuttableProxy
from tests.faults.servers import ThrowawayRedis

# No fault test may take longer than this, whatever goes wrong.
TEST_BOUND_SECONDS = 120
SECRET = "fault-test-secret-key"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)
            item.add_marker(pytest.mark.postgres)


class FaultTestTooSlow(Exception):
    """A fault test ran past its bound (a hang is a failure, never a wait)."""


@pytest.fixture(autouse=True)
def time_bound() -> Iterator[None]:
    def too_slow(signum: int, frame: object) -> None:
        raise FaultTestTooSlow(f"fault test ran longer than {TEST_BOUND_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(TEST_BOUND_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def database_url() -> Iterator[str]:
    """A PostgreSQL database of this test's own, dropped afterwards."""
    with throwaway_postgres_database() as url:
        yield url


@pytest.fixture
def redis_server() -> Iterator[ThrowawayRedis]:
    server = ThrowawayRedis()
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def database_proxy() -> Iterator[CuttableProxy]:
    """A proxy in front of the test PostgreSQL server, wherever its URL puts it."""
    server = make_url(postgres_server_url())
    proxy = CuttableProxy(server.host or "127.0.0.1", server.port or 5432)
    try:
        yield proxy
    finally:
        proxy.close()


@dataclass
class Sayso:
    """The app under test, and the settings a worker needs to share its database."""

    app: Flask
    survey_id: str
    queue_prefix: str
    worker_env: dict[str, str]


@contextmanager
def running_sayso(
    database_url: str, app_database_url: str | None = None, **settings: str
) -> Iterator[Sayso]:
    """The app on a migrated ``database_url`` (reached at ``app_database_url``, e.g. through
    a proxy) with the safety survey published, inside its app context."""
    prefix = f"sayso-fault-{secrets.token_hex(4)}"
    app = make_app(
        app_database_url or database_url,
        SECRET_KEY=SECRET,
        SAYSO_QUEUE_PREFIX=prefix,
        SAYSO_REDIS_URL=settings.get("SAYSO_REDIS_URL"),
        SAYSO_SMTP_URL=settings.get("SAYSO_SMTP_URL"),
    )
    env = {
        "SAYSO_DATABASE_URL": database_url,
        "SAYSO_SECRET_KEY": SECRET,
        "SAYSO_BASE_URL": "https://feedback.example.gov.uk",
    } | {key: value for key, value in settings.items() if value}
    with app.app_context():
        upgrade()
        survey_id = publish(DATA / "surveys" / "safety-check.yaml")
        try:
            yield Sayso(app, survey_id, prefix, env)
        finally:
            # The connection the test's own requests used may be one the test cut.
            with contextlib.suppress(DBAPIError):
                db.session.remove()
            db.engine.dispose()
