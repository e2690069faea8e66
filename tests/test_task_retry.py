"""A task that fails for a while (mail server down, database restarting) leaves nothing
half-written and is run again later (app/tasks.py, retried_on)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import func, select

from app.auth.models import Team
from app.extensions import db
from app.mail import MailError
from app.tasks import retried_on


class RecordingTask:
    """Stands in for a bound Celery task: ``retry`` returns the exception Celery raises."""

    def __init__(self) -> None:
        self.retried_with: list[BaseException] = []

    def retry(self, exc: BaseException) -> Exception:
        self.retried_with.append(exc)
        return RuntimeError("retry later")


def teams() -> int:
    return db.session.scalar(select(func.count()).select_from(Team)) or 0


def test_a_passing_failure_rolls_back_and_asks_for_a_retry(sqlite_app: Flask):
    task = RecordingTask()
    failure = MailError("mail server not answering")
    with pytest.raises(RuntimeError, match="retry later") as raised, retried_on(task, MailError):
        db.session.add(Team(name="Half written", slug="half-written"))
        db.session.flush()
        raise failure
    assert task.retried_with == [failure]
    assert raised.value.__cause__ is failure
    assert teams() == 0  # the flushed row went with the rollback


def test_other_errors_are_not_retried(sqlite_app: Flask):
    task = RecordingTask()
    with pytest.raises(ValueError), retried_on(task, MailError):
        raise ValueError("a bug, not a passing failure")
    assert task.retried_with == []


def test_work_that_finishes_is_kept(sqlite_app: Flask):
    task = RecordingTask()
    with retried_on(task, MailError):
        db.session.add(Team(name="Kept", slug="kept"))
        db.session.commit()
    assert task.retried_with == [] and teams() == 1
