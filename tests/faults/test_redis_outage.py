"""Redis stops while people submit: nothing is lost, nobody waits, and once it is back the
sweeps send every safeguarding email and theme every comment exactly once."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select, text

from app.coding.models import CommentCoding
from app.coding.tasks import code_new_comments_task
from app.extensions import db
from app.responses.models import Response
from app.safeguard.models import Alert
from app.safeguard.tasks import notify_alert_task
from app.tasks import enqueue
from tests.auth.conftest import make_staff
from tests.faults.conftest import Sayso, running_sayso
from tests.faults.respondent import answer_safety_survey, send
from tests.faults.servers import ThrowawayRedis, WorkerProcess, wait_until
from tests.mail_server import smtp_server

ACKNOWLEDGED_WITHIN = 5.0
RESPONDENTS = [
    ("no", "I do not feel safe, my stepdad hits me"),
    ("yes", "More time with my social worker"),
    ("no", "Someone keeps coming to my room at night and I am scared"),
    ("yes", "A bus pass so I can see my friends"),
]


def count(model: type) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def finished(worker: WorkerProcess, task_name: str) -> int:
    return sum(f"Task {task_name}[" in line and "succeeded" in line for line in worker.output)


def beat_sends(sayso: Sayso, task_name: str) -> None:
    celery = sayso.app.extensions["celery"]
    celery.send_task(task_name, queue=sayso.queue_prefix)


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_submissions_while_redis_is_down_are_kept_and_swept_up_exactly_once(
    database_url: str, redis_server: ThrowawayRedis, outage: str
) -> None:
    with (
        smtp_server() as (smtp_url, mailbox),
        running_sayso(
            database_url, SAYSO_REDIS_URL=redis_server.url, SAYSO_SMTP_URL=smtp_url
        ) as sayso,
    ):
        make_staff("lead@example.org", "safeguarding_lead", team=None)
        client = sayso.app.test_client()

        # Redis stopped (connections refused) or frozen (connections hang).
        redis_server.stop() if outage == "stopped" else redis_server.freeze()
        for feel_safe, comment in RESPONDENTS:
            check_page = answer_safety_survey(client, sayso.survey_id, feel_safe, comment)
            started = time.monotonic()
            done = send(client, check_page)
            took = time.monotonic() - started
            assert done.h1() == "Thank you"
            assert took < ACKNOWLEDGED_WITHIN, f"acknowledged after {took:.1f} s"

        assert count(Response) == len(RESPONDENTS)
        alerts = db.session.scalars(select(Alert)).all()
        assert len(alerts) == 2
        assert all(alert.notified_at is None for alert in alerts)
        assert mailbox.messages == []

        redis_server.start() if outage == "stopped" else redis_server.thaw()
        # Two minutes pass: the sweep leaves a just-made alert to the task already queued.
        db.session.execute(text("UPDATE alert SET created_at = created_at - interval '3 min'"))
        db.session.commit()
        worker = WorkerProcess(sayso.worker_env, sayso.queue_prefix)
        try:
            worker.start()
            # What beat would send: the sweeps, each twice.
            for _ in range(2):
                beat_sends(sayso, "escalate-alerts")
                beat_sends(sayso, "code-new-comments")
            wait_until(lambda: finished(worker, "escalate-alerts") == 2, 120, "both sweeps")
            wait_until(lambda: finished(worker, "code-new-comments") == 2, 120, "coding")
            wait_until(lambda: finished(worker, "notify-alert") == 2, 120, "notifications")
        finally:
            worker.stop()

        assert len(mailbox.messages) == 2, worker.log()
        subjects = sorted(message["Subject"] for message in mailbox.messages)
        assert subjects == sorted(f"New safeguarding alert {a.id}" for a in alerts)
        db.session.expire_all()
        assert all(alert.notified_at is not None for alert in db.session.scalars(select(Alert)))
        assert count(CommentCoding) == len(RESPONDENTS)


def test_a_hung_broker_costs_one_timeout_then_none_until_it_is_tried_again(
    database_url: str, redis_server: ThrowawayRedis
) -> None:
    with running_sayso(database_url, SAYSO_REDIS_URL=redis_server.url):
        redis_server.freeze()
        started = time.monotonic()
        assert enqueue(code_new_comments_task) is False
        first = time.monotonic() - started
        started = time.monotonic()
        assert enqueue(notify_alert_task, 1, 0, urgent=True) is False
        assert enqueue(code_new_comments_task) is False
        after = time.monotonic() - started
    assert first < ACKNOWLEDGED_WITHIN
    assert after < 0.5, f"each later enqueue waited on the hung broker ({after:.1f} s)"
