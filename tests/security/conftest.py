"""Shared pieces for the hostile-input tests: a published world, pages read as a browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from werkzeug.test import TestResponse

from app.auth.accounts import issue_set_password_link
from app.extensions import db
from app.invite.invitations import create_invitation
from tests.auth.conftest import make_staff
from tests.conftest import DATA, SURVEYS, copy_of, empty_tables, make_app, publish

SURVEY = "every-type"
SHIPPED = "care-leaver-accommodation"
# What a page must never show, whatever was sent: a traceback or the debugger.
LEAKS = ("Traceback (most recent call last)", "__debugger__", "Werkzeug Debugger")
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass(frozen=True)
class World:
    """Real values for route arguments, so hostile requests also reach deep code."""

    survey_id: str
    page_id: str
    invitation_token: str
    set_password_token: str

    def real(self, argument: str, rule: str = "") -> str:
        if rule.startswith("/staff/set-password/"):
            return self.set_password_token
        return {
            "survey_id": self.survey_id,
            "page_id": self.page_id,
            "token": self.invitation_token,
            "survey_key": "lac-review",
            "period": "2026-Q3",
            "filename": "build/sayso.css",
            "anything": "reports",
        }.get(argument, "1")


def build_world(app: Flask) -> World:
    """Publish two questionnaires, an invitation and a waiting staff account."""
    publish(DATA / "surveys" / "every-type.yaml")
    publish(SURVEYS / f"{SHIPPED}.yaml")
    invitation = create_invitation(
        db.session, survey_id=SURVEY, key=app.config["SECRET_KEY"], days=30
    )
    user = make_staff("waiting@example.org", "iro", password=None)
    link = issue_set_password_link(db.session, user)
    db.session.commit()
    return World(SURVEY, "feeling", invitation.token, link)


@pytest.fixture
def fuzz_app(migrated_sqlite: Path, tmp_path: Path) -> Iterator[Flask]:
    """The app on its own SQLite file, as ``sqlite_app``, with rate limits off: hundreds of
    requests a second from one address is exactly what they exist to stop."""
    flask_app = make_app(
        copy_of(migrated_sqlite, tmp_path), str(tmp_path / "instance"), SAYSO_RATE_LIMITS=False
    )
    with flask_app.app_context():
        yield flask_app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def postgres_app(postgres_database: str, tmp_path: Path) -> Iterator[Flask]:
    """The same on PostgreSQL, which refuses a NUL byte in text where SQLite stores it."""
    flask_app = make_app(postgres_database, str(tmp_path / "instance"), SAYSO_RATE_LIMITS=False)
    with flask_app.app_context():
        upgrade()
        empty_tables()
        yield flask_app
        db.session.remove()
        empty_tables()
        db.engine.dispose()


@pytest.fixture
def world(fuzz_app: Flask) -> World:
    return build_world(fuzz_app)


def csrf_token(client: FlaskClient, path: str = f"/s/{SURVEY}") -> str:
    """The token a real form on ``path`` carries (one per browser session)."""
    found = CSRF_FIELD.search(client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def started(app: Flask, survey_id: str = SURVEY) -> tuple[FlaskClient, str]:
    """A new browser that has started ``survey_id``; returns it and its CSRF token."""
    client = app.test_client()
    token = csrf_token(client, f"/s/{survey_id}")
    response = client.post(f"/s/{survey_id}/start", data={"csrf_token": token})
    assert response.status_code == 302, response.status_code
    return client, token


def assert_friendly(response: TestResponse, context: object = "") -> None:
    """Never a server error; an HTML answer is a page in the service's own layout."""
    assert response.status_code < 500, (response.status_code, context)
    body = response.get_data(as_text=True)
    for leak in LEAKS:
        assert leak not in body, (leak, context)
    if response.mimetype == "text/html" and not 300 <= response.status_code < 400:
        assert re.search(r"<title>\s*\S", body), (response.status_code, context)
        # The service's layout, or the plain page used when no link can be built.
        layout = 'class="govuk-template"' in body
        assert layout or "Childline free on 0800 1111" in body, (response.status_code, context)


class ScriptFinder(HTMLParser):
    """Collects what a browser would run: script elements, on* attributes, js: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str, str]] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith(
                "javascript:"
            ):
                self.handlers.append((tag, name, value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def runnable_parts(html: str) -> ScriptFinder:
    finder = ScriptFinder()
    finder.feed(html)
    finder.close()
    return finder
