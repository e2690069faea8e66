"""The learned layer after the request: the high-priority task reads every response with
free text, raises what the patterns missed, and a sweep catches what the task never got."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.safeguard.model_screens import GRACE_SECONDS, due_model_screens, screen_with_model
from app.safeguard.models import Alert, ModelScreen
from app.safeguard.screening import screen_text
from app.task_registry import beat_entries
from app.tasks import celery_init_app
from tests.safeguard.test_alerts import answer_safety

# Giving belongings away before "this weekend": no pattern has it, the model does.
UNFORESEEN = "gave all my stuff away to my mates today, wont need it after this weekend"


def test_the_model_raises_an_alert_the_patterns_missed(client, safety):
    assert screen_text(UNFORESEEN).route == "none"
    answer_safety(client, safety, "yes", UNFORESEEN)
    screen = db.session.scalars(select(ModelScreen)).one()
    assert screen.screened_at is not None and screen.route == "alert"
    alert = db.session.scalars(select(Alert)).one()
    assert alert.severity in ("high", "medium") and alert.questions == ["what_would_help"]


def test_an_ordinary_answer_is_read_by_the_model_and_raises_nothing(client, safety):
    answer_safety(client, safety, "yes", "my flat is nice and my worker rings me back")
    assert db.session.scalars(select(ModelScreen)).one().route == "none"
    assert db.session.scalars(select(Alert)).all() == []


def test_the_sweep_screens_a_response_whose_task_was_lost_when_redis_was_down(app, safety):
    app.config["SAYSO_REDIS_URL"] = "redis://127.0.0.1:1/0"  # nothing listens there
    celery_init_app(app, beat_entries())
    answer_safety(app.test_client(), safety, "yes", UNFORESEEN)
    screen = db.session.scalars(select(ModelScreen)).one()
    assert screen.screened_at is None and db.session.scalars(select(Alert)).all() == []
    # Redis is back; the sweep runs GRACE_SECONDS later and finds the response.
    app.config["SAYSO_REDIS_URL"] = None
    celery = celery_init_app(app, beat_entries())
    screen.queued_at -= timedelta(seconds=GRACE_SECONDS + 1)
    db.session.commit()
    assert due_model_screens(db.session) == [screen.response_id]
    db.session.rollback()
    assert celery.tasks["sweep-model-screens"].apply().get(disable_sync_subtasks=False) == 1
    db.session.expire_all()
    assert db.session.get(ModelScreen, screen.response_id).screened_at is not None
    assert db.session.scalars(select(Alert)).one().severity in ("high", "medium")
    assert due_model_screens(db.session) == []


def test_screening_a_response_twice_changes_nothing(client, safety):
    answer_safety(client, safety, "yes", UNFORESEEN)
    alert = db.session.scalars(select(Alert)).one()
    severity, screened_at = (
        alert.severity,
        db.session.get(ModelScreen, alert.response_id).screened_at,
    )
    assert screen_with_model(db.session, alert.response_id, 60) is None
    assert alert.severity == severity
    assert db.session.get(ModelScreen, alert.response_id).screened_at == screened_at
