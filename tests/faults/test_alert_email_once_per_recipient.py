"""A worker killed between two leads' emails: the sweep (and the redelivered task) send
only to the lead not yet emailed, so every lead gets exactly one email."""

from __future__ import annotations

import time
from collections import Counter

import pytest
import redis
from sqlalchemy import select, text

from app.extensions import db
from app.safeguard.models import Alert
from tests.auth.conftest import make_staff
from tests.faults.conftest import running_sayso
from tests.faults.respondent import answer_safety_survey, send
from tests.faults.servers import ThrowawayRedis, WorkerProcess, stalling_smtp_server, wait_until

LEADS = ["lead.a@example.org", "lead.b@example.org"]
REDELIVERY_SECONDS = 3


def succeeded(worker: WorkerProcess, task_name: str) -> int:
    return sum(f"Task {task_name}[" in line and "succeeded" in line for line in worker.output)


@pytest.mark.parametrize("task_left", ["redelivered", "lost with the worker"])
def test_worker_killed_between_two_sends_then_the_sweep_emails_nobody_twice(
    database_url: str, redis_server: ThrowawayRedis, task_left: str
) -> None:
    with (
        stalling_smtp_server(stalls=1, after=1) as (smtp_url, mailbox),
        running_sayso(
            database_url,
            SAYSO_REDIS_URL=redis_server.url,
            SAYSO_SMTP_URL=smtp_url,
            SAYSO_BROKER_VISIBILITY_TIMEOUT=str(REDELIVERY_SECONDS),
        ) as sayso,
    ):
        for address in LEADS:
            make_staff(address, "safeguarding_lead", team=None)
        first = WorkerProcess(sayso.worker_env, sayso.queue_prefix)
        second = WorkerProcess(sayso.worker_env, sayso.queue_prefix)
        try:
            first.start()
            client = sayso.app.test_client()
            check_page = answer_safety_survey(client, sayso.survey_id, "no", "he hits me")
            assert send(client, check_page).h1() == "Thank you"

            # The first lead's email went; the worker dies during the second one's.
            assert mailbox.stalled.wait(timeout=120), first.log()
            first.kill()
            assert [m["To"] for m in mailbox.delivered()] == LEADS[:1]
            if task_left == "lost with the worker":
                # As if Redis restarted without its data: only the sweep can send now.
                redis.Redis.from_url(redis_server.url).delete("unacked", "unacked_index")

            # Beat's sweep, two minutes on, and the redelivered task both try again.
            db.session.execute(text("UPDATE alert SET created_at = created_at - interval '3 min'"))
            db.session.commit()
            second.start()
            sayso.app.extensions["celery"].send_task("escalate-alerts", queue=sayso.queue_prefix)
            wait_until(lambda: succeeded(second, "escalate-alerts") >= 1, 120, "the sweep")
            wait_until(lambda: succeeded(second, "notify-alert") >= 1, 120, "the notification")
            wait_until(lambda: len(mailbox.delivered()) >= 2, 120, "the second lead's email")
            # Time for whichever of the sweep and the redelivered task came second.
            time.sleep(REDELIVERY_SECONDS + 2)
        finally:
            first.kill()
            second.stop()

        assert Counter(m["To"] for m in mailbox.delivered()) == Counter(LEADS), second.log()
        db.session.expire_all()
        assert db.session.scalars(select(Alert)).one().notified_at is not None
