"""Redis restarts while a worker is in the middle of a task (an alert email to three
leads through a slow mail server): the same worker keeps running, finishes, and delivers
what is queued after Redis is back."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from app.extensions import db
from app.safeguard.models import Alert
from tests.auth.conftest import make_staff
from tests.faults.conftest import running_sayso
from tests.faults.respondent import answer_safety_survey, send
from tests.faults.servers import ThrowawayRedis, WorkerProcess, slow_smtp_server, wait_until

LEADS = ["lead.a@example.org", "lead.b@example.org", "lead.c@example.org"]


def succeeded(worker: WorkerProcess, task_name: str) -> int:
    return sum(f"Task {task_name}[" in line and "succeeded" in line for line in worker.output)


@pytest.mark.parametrize("pool", ["prefork", "solo"])
def test_the_same_worker_survives_a_redis_restart_mid_task_and_then_delivers(
    database_url: str, redis_server: ThrowawayRedis, pool: str
) -> None:
    with (
        slow_smtp_server(seconds=1.5) as (smtp_url, mailbox),
        running_sayso(
            database_url, SAYSO_REDIS_URL=redis_server.url, SAYSO_SMTP_URL=smtp_url
        ) as sayso,
    ):
        for address in LEADS:
            make_staff(address, "safeguarding_lead", team=None)
        worker = WorkerProcess(sayso.worker_env, sayso.queue_prefix, pool=pool)
        try:
            worker.start()
            pid = worker.process.pid if worker.process else None
            client = sayso.app.test_client()
            check_page = answer_safety_survey(client, sayso.survey_id, "no", "he hits me")
            assert send(client, check_page).h1() == "Thank you"

            # The worker is in the task (the first email is being answered slowly) when
            # Redis goes away and comes back.
            assert mailbox.receiving.wait(timeout=120), worker.log()
            # Down longer than the task takes, so the task ends (and would be acknowledged)
            # while Redis is away.
            redis_server.stop()
            time.sleep(6)
            redis_server.start()

            wait_until(lambda: len(mailbox.messages) == 3, 120, "the three emails")
            time.sleep(3)
            assert worker.process is not None and worker.process.poll() is None, worker.log()
            assert worker.process.pid == pid
            everything = "".join(worker.output)
            assert "Connection to broker lost" in everything  # it did see Redis go
            assert "Unrecoverable error" not in everything

            # A second alert after the restart: the same worker takes it from the new Redis.
            check_page = answer_safety_survey(client, sayso.survey_id, "no", "she hurts me")
            assert send(client, check_page).h1() == "Thank you"
            wait_until(lambda: len(mailbox.messages) == 6, 120, "the second alert's emails")
            assert worker.process.poll() is None, worker.log()
        finally:
            worker.stop()

        db.session.expire_all()
        alerts = db.session.scalars(select(Alert).order_by(Alert.id)).all()
        assert len(alerts) == 2 and all(a.notified_at is not None for a in alerts)
        for alert in alerts:
            to = sorted(m["To"] for m in mailbox.messages if m["Subject"].endswith(f" {alert.id}"))
            assert to == LEADS, worker.log()
