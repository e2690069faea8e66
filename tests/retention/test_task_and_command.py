"""The nightly task and ``sayso retention purge`` run the purge; a dry run only counts."""

from __future__ import annotations

import importlib

import pytest
from celery.schedules import crontab
from sqlalchemy import select

from app.extensions import db
from app.responses.models import Response
from app.retention.tasks import BEAT
from tests.retention.conftest import NOW, RESPONSE_CUTOFF, SECOND, comment


@pytest.fixture
def one_old_one_new(young, monkeypatch) -> tuple[int, int]:
    monkeypatch.setattr("app.clock.utcnow", lambda: NOW)
    old, new = comment(RESPONSE_CUTOFF - SECOND).id, comment(RESPONSE_CUTOFF + SECOND).id
    db.session.commit()
    return old, new


def remaining() -> set[int]:
    return set(db.session.scalars(select(Response.id)))


def test_the_nightly_task_purges_expired_responses(app, one_old_one_new):
    importlib.import_module("app.task_registry")
    task = app.extensions["celery"].tasks["purge-expired-data"]

    result = task.apply()

    assert result.successful(), result.traceback
    assert result.result["responses"] == 1 and result.result["answers"] == 2
    assert remaining() == {one_old_one_new[1]}
    assert task.apply().result["responses"] == 0


def test_the_purge_is_scheduled_nightly_at_a_quiet_hour():
    entry = BEAT["purge-expired-data"]
    assert entry["task"] == "purge-expired-data"
    assert entry["schedule"] == crontab(hour=2, minute=30)


def test_a_dry_run_counts_and_removes_nothing_then_the_purge_removes(runner, one_old_one_new):
    dry = runner.invoke(args=["retention", "purge", "--dry-run"])

    assert dry.exit_code == 0, dry.output
    assert "Would remove:" in dry.output and "responses: 1" in dry.output
    assert "answers: 2" in dry.output
    assert remaining() == set(one_old_one_new)

    done = runner.invoke(args=["retention", "purge"])

    assert done.exit_code == 0, done.output
    assert "Removed:" in done.output and "responses: 1" in done.output
    assert remaining() == {one_old_one_new[1]}
