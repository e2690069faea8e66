"""Fixtures: the app on a throwaway database (SQLite and PostgreSQL), a client, a runner."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from app.auth import passwords
from app.extensions import db
from app.ratelimit import SETTINGS as RATE_LIMIT_SETTINGS
from app.survey.loader import load_definition
from app.survey.publishing import publish_survey
from tests.databases import throwaway_postgres_database

pytest_plugins = ["tests.log_scan", "tests.grouping", "tests.scheduling"]
DATA = Path(__file__).parent / "data"
SURVEYS = Path(__file__).parent.parent / "surveys"


@pytest.fixture(autouse=True)
def record_keys_all_zero(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Responses and invitations stored during a test get record key 0, whose cell key
    the perturbation table maps to no change: tests of what a report counts can then
    expect exact figures. Tests of disclosure control itself (and anything marked
    ``random_record_keys``) keep the random keys production uses."""
    if request.node.get_closest_marker("random_record_keys") is None:
        monkeypatch.setattr("app.responses.keys.randbelow", lambda _range: 0)


# Staff passwords made in tests are hashed at argon2's lowest cost: at the shipped cost
# (RFC 9106's low-memory profile) each hash takes a third of a second of CPU, and the
# suite makes hundreds. Verifying reads the cost from the hash, so sign-in works the same.
# Tests marked ``shipped_password_hashing`` keep the shipped hasher.
SHIPPED_HASHER = passwords.HASHER
QUICK_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
passwords.HASHER = QUICK_HASHER  # for fixtures that outlive one test


@pytest.fixture(autouse=True)
def quick_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = request.node.get_closest_marker("shipped_password_hashing") is not None
    monkeypatch.setattr(passwords, "HASHER", SHIPPED_HASHER if shipped else QUICK_HASHER)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    with throwaway_postgres_database() as url:
        yield url


class FreshContextClient(FlaskClient):
    """A test client whose every request gets its own ``g``, as in production.

    The fixtures keep an app context pushed so tests can query the database, and Flask
    reuses a pushed context for requests; without this, one client's CSRF token (cached
    in ``g``) would leak into another client's requests.
    """

    def open(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def, override]
        from flask import g

        with contextlib.suppress(RuntimeError):
            g.__dict__.clear()
        return super().open(*args, **kwargs)


def make_app(database_url: str, instance_path: str | None = None, **overrides: object) -> Flask:
    config = {
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SAYSO_REDIS_URL": None,
        # Tests run periodic work themselves; the one that tests the thread turns it on.
        "SAYSO_EMBEDDED_BEAT": False,
        # Limits stay on, so their code runs in every test, but never stop the suite's 127.0.0.1.
        **dict.fromkeys(RATE_LIMIT_SETTINGS, "1000 per minute"),
        "TESTING": True,
    } | overrides
    if instance_path is None:
        import tempfile

        instance_path = tempfile.mkdtemp(prefix="sayso-instance-")
    flask_app = create_app(config, instance_path=instance_path)
    flask_app.test_client_class = FreshContextClient
    return flask_app


def empty_tables() -> None:
    db.session.rollback()
    db.session.execute(text("UPDATE survey SET current_version_id = NULL"))
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database file built once per test process by running the real migrations;
    each test gets its own copy, which is what migrating afresh would give it."""
    path = tmp_path_factory.mktemp("migrated") / "sayso.db"
    flask_app = make_app(f"sqlite:///{path}", str(path.parent / "instance"))
    with flask_app.app_context():
        upgrade()
        db.session.remove()
        db.engine.dispose()
    return path


def copy_of(migrated: Path, tmp_path: Path) -> str:
    """The URL of a fresh copy of the migrated SQLite database in ``tmp_path``."""
    target = tmp_path / "sayso.db"
    shutil.copyfile(migrated, target)
    return f"sqlite:///{target}"


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    """The app on a freshly migrated database: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        url = copy_of(request.getfixturevalue("migrated_sqlite"), tmp_path)
        flask_app = make_app(url, str(tmp_path / "instance"))
    else:
        flask_app = make_app(
            request.getfixturevalue("postgres_database"), str(tmp_path / "instance")
        )
    with flask_app.app_context():
        if request.param == "postgresql":
            upgrade()
            empty_tables()
        yield flask_app
        db.session.remove()
        if request.param == "postgresql":
            empty_tables()
        db.engine.dispose()


@pytest.fixture
def sqlite_app(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Flask]:
    """The app on SQLite only, for tests whose point is not the database."""
    flask_app = make_app(copy_of(migrated_sqlite, tmp_path), str(tmp_path / "instance"))
    with flask_app.app_context():
        yield flask_app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def publish(path: Path) -> str:
    """Publish one definition file into the current app's database; returns its id."""
    survey = load_definition(path)
    publish_survey(db.session, survey)
    db.session.commit()
    return survey.id


@pytest.fixture
def every_type(app: Flask) -> str:
    return publish(DATA / "surveys" / "every-type.yaml")


MAIL_SECRET = "email-test-secret-key"


@contextlib.contextmanager
def app_with_worker(postgres_database: str, smtp_url: str, **settings: str) -> Iterator[Flask]:
    """The app on PostgreSQL with a real Celery worker on Redis, both sending mail through
    ``smtp_url``; ``settings`` (e.g. ``SAYSO_DUTY_EMAIL``) apply to both."""
    from tests.databases import redis_url
    from tests.workers import celery_worker

    env = {
        "SAYSO_DATABASE_URL": postgres_database,
        "SAYSO_REDIS_URL": redis_url(),
        "SAYSO_SMTP_URL": smtp_url,
        "SAYSO_SECRET_KEY": MAIL_SECRET,
        "SAYSO_BASE_URL": "https://feedback.example.gov.uk",
        "SAYSO_COUNCIL_NAME": "Northshire Council",
    } | settings
    with celery_worker(env) as prefix:
        flask_app = make_app(
            postgres_database,
            SAYSO_REDIS_URL=redis_url(),
            SAYSO_SMTP_URL=smtp_url,
            SECRET_KEY=MAIL_SECRET,
            SAYSO_BASE_URL=env["SAYSO_BASE_URL"],
            SAYSO_COUNCIL_NAME="Northshire Council",
            SAYSO_QUEUE_PREFIX=prefix,
            **settings,
        )
        with flask_app.app_context():
            upgrade()
            empty_tables()
            yield flask_app
            empty_tables()
            db.engine.dispose()


@pytest.fixture
def mail_setup(postgres_database: str):  # type: ignore[no-untyped-def]
    """The app on PostgreSQL with a real Celery worker on Redis and a real SMTP server.

    Yields ``(app, mailbox, smtp_url)``; the worker and the app share the database.
    """
    from tests.mail_server import smtp_server

    with smtp_server() as (smtp_url, mailbox), app_with_worker(postgres_database, smtp_url) as app:
        yield app, mailbox, smtp_url
