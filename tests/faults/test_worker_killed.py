"""A worker killed (SIGKILL) in the middle of emailing a safeguarding lead: the task is
delivered again and the lead gets exactly one email."""

from __future__ import annotations

import os
import signal
import time

import pytest
import redis
from sqlalchemy import select, text

from app.extensions import db
from app.safeguard.models import Alert
from tests.auth.conftest import make_staff
from tests.faults.conftest import running_sayso
from tests.faults.respondent import answer_safety_survey, send
from tests.faults.servers import ThrowawayRedis, WorkerProcess, stalling_smtp_server, wait_until

# How long an unacknowledged task waits before another worker may take it (an hour in
# production; a killed worker's alert is re-queued by the escalation sweep long before).
REDELIVERY_SECONDS = 3


def succeeded(worker: WorkerProcess, task_name: str) -> int:
    return sum(f"Task {task_name}[" in line and "succeeded" in line for line in worker.output)


def unacknowledged(redis_url: str) -> int:
    return int(redis.Redis.from_url(redis_url).hlen("unacked"))


@pytest.mark.parametrize("victim", ["the whole worker", "the pool process running the task"])
def test_worker_killed_mid_email_redelivers_the_task_and_the_lead_gets_one_email(
    database_url: str, redis_server: ThrowawayRedis, victim: str
) -> None:
    with (
        stalling_smtp_server(stalls=1) as (smtp_url, mailbox),
        running_sayso(
            database_url,
            SAYSO_REDIS_URL=redis_server.url,
            SAYSO_SMTP_URL=smtp_url,
            SAYSO_BROKER_VISIBILITY_TIMEOUT=str(REDELIVERY_SECONDS),
        ) as sayso,
    ):
        make_staff("lead@example.org", "safeguarding_lead", team=None)
        pool = "solo" if victim == "the whole worker" else "prefork"
        first = WorkerProcess(sayso.worker_env, sayso.queue_prefix, pool=pool)
        second = WorkerProcess(sayso.worker_env, sayso.queue_prefix, pool="solo")
        try:
            first.start()
            client = sayso.app.test_client()
            check_page = answer_safety_survey(client, sayso.survey_id, "no", "I am scared")
            assert send(client, check_page).h1() == "Thank you"

            # The worker is half-way through the email when it dies.
            assert mailbox.stalled.wait(timeout=120), first.log()
            if victim == "the whole worker":
                killed_at = time.monotonic()
                first.kill()
                assert unacknowledged(redis_server.url) == 1
                time.sleep(max(0.0, killed_at + REDELIVERY_SECONDS + 0.5 - time.monotonic()))
                second.start()
                worker = second
            else:
                for pid in first.children():
                    os.kill(pid, signal.SIGKILL)
                worker = first
                # The worker saw its pool process die and put the task back.
                wait_until(lambda: "WorkerLostError" in worker.log(), 120, "the requeue")

            wait_until(lambda: succeeded(worker, "notify-alert") == 1, 120, "redelivery")
            assert len(mailbox.delivered()) == 1, worker.log()

            # Nothing else is waiting to send it again: no unacknowledged task is left,
            # and the sweep that re-queues lost notifications finds nothing to do.
            wait_until(lambda: unacknowledged(redis_server.url) == 0, 10, "the ack")
            db.session.execute(text("UPDATE alert SET created_at = created_at - interval '3 min'"))
            db.session.commit()
            sayso.app.extensions["celery"].send_task("escalate-alerts", queue=sayso.queue_prefix)
            wait_until(lambda: succeeded(worker, "escalate-alerts") >= 1, 120, "the sweep")
            time.sleep(1)
        finally:
            first.kill()
            second.kill()

        delivered = mailbox.delivered()
        assert [message["To"] for message in delivered] == ["lead@example.org"]
        db.session.expire_all()
        alert = db.session.scalars(select(Alert)).one()
        assert delivered[0]["Subject"] == f"New safeguarding alert {alert.id}"
        assert alert.notified_at is not None
