"""Apps with small limits, so a test reaches them in a few requests, and clients that
come from a chosen address."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.ctx import AppContext
from flask.testing import FlaskClient

from app.extensions import db
from tests.conftest import copy_of, make_app

MakeApp = Callable[..., Flask]


@pytest.fixture
def limited_app(tmp_path: Path, migrated_sqlite: Path) -> Iterator[MakeApp]:
    """``limited_app(SAYSO_RATE_LIMIT_SIGN_IN="2 per minute")``: the app with those settings
    on a migrated SQLite database, its context pushed. Apps built in one test share the
    database, like web processes of one deployment."""
    contexts: list[AppContext] = []
    url = copy_of(migrated_sqlite, tmp_path)

    def build(**settings: object) -> Flask:
        flask_app = make_app(url, str(tmp_path / "instance"), **settings)
        context = flask_app.app_context()
        context.push()
        contexts.append(context)
        return flask_app

    yield build
    for context in reversed(contexts):
        db.session.remove()
        db.engine.dispose()
        context.pop()


def client_at(app: Flask, address: str) -> FlaskClient:
    """A test client whose requests come from ``address``."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client
