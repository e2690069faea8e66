"""Sending answers with comments asks the workers to theme them, without one message per
submission (app/tasks.py enqueue_sweep), on a real Redis."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade

from app.extensions import db
from tests.conftest import DATA, make_app, publish
from tests.databases import redis_url
from tests.pages import get


@pytest.fixture
def queued_app(tmp_path: Path) -> Iterator[tuple[Flask, str, redis.Redis]]:
    """The app on SQLite with Redis as its broker (nothing consumes the queue)."""
    prefix = f"sayso-test-{secrets.token_hex(4)}"
    flask_app = make_app(
        f"sqlite:///{tmp_path / 'sayso.db'}",
        str(tmp_path / "instance"),
        SAYSO_REDIS_URL=redis_url(),
        SAYSO_QUEUE_PREFIX=prefix,
    )
    broker = redis.Redis.from_url(redis_url())
    with flask_app.app_context():
        upgrade()
        survey_id = publish(DATA / "surveys" / "every-type.yaml")
        yield flask_app, survey_id, broker
        db.session.remove()
        db.engine.dispose()
    for key in broker.scan_iter(f"*{prefix}*"):
        broker.delete(key)
    broker.close()


def queued_tasks(app: Flask, broker: redis.Redis) -> list[str]:
    queue = app.config["SAYSO_QUEUE_PREFIX"]
    return [json.loads(m)["headers"]["task"] for m in broker.lrange(queue, 0, -1)]


def send_answers(client: FlaskClient, survey_id: str, comment: str | None) -> None:
    start = get(client, f"/s/{survey_id}")
    start.form().submit(client)
    page = get(client, f"/s/{survey_id}/q/name")
    page.form().submit(client, {"better": comment or ""})
    done = get(client, f"/s/{survey_id}/check").form().submit(client)
    assert done.h1() == "Thank you"


def test_comments_are_queued_for_theming_once_for_a_burst_of_submissions(queued_app):
    app, survey_id, broker = queued_app
    send_answers(app.test_client(), survey_id, None)
    assert queued_tasks(app, broker) == []  # nothing written, nothing to theme
    for n in range(3):
        send_answers(app.test_client(), survey_id, f"More snacks please {n}")
    assert queued_tasks(app, broker) == ["code-new-comments"]


def test_comments_are_queued_again_once_the_interval_has_passed(queued_app, monkeypatch):
    app, survey_id, broker = queued_app
    monkeypatch.setattr("app.tasks.SWEEP_EVERY_SECONDS", 0.0)
    for n in range(2):
        send_answers(app.test_client(), survey_id, f"More snacks please {n}")
    assert queued_tasks(app, broker) == ["code-new-comments", "code-new-comments"]
