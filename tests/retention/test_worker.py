"""The purge task on a real Celery worker (PostgreSQL and Redis), as the beat runs it."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.responses.models import Response
from app.retention.tasks import purge_expired_data_task
from app.tasks import enqueue
from tests.report.factories import publish_shipped
from tests.retention.conftest import YOUNG, comment


def response_ids_once_changed(before: set[int], timeout: float = 30) -> set[int]:
    """The response ids, as soon as they differ from ``before`` (or when time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.rollback()
        now = set(db.session.scalars(select(Response.id)))
        if now != before or time.monotonic() > deadline:
            return now
        time.sleep(0.2)


def test_a_worker_runs_the_nightly_purge(mail_setup):
    publish_shipped(YOUNG)
    now = clock.utcnow()
    old = comment(now - timedelta(days=1096, hours=1)).id
    recent = comment(now - timedelta(days=1)).id
    db.session.commit()

    assert enqueue(purge_expired_data_task)

    assert response_ids_once_changed({old, recent}) == {recent}
