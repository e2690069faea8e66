"""Celery wiring: tasks run inside an app context; with no Redis they run in-process.

Task code lives in ``workers/`` and calls plain functions in ``app/``. Web code enqueues
with :func:`enqueue`, which never raises: the database is the source of truth and a
periodic sweep picks up anything whose message was lost.
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import Any

from celery import Celery, Task
from celery.schedules import crontab
from flask import Flask, current_app

log = logging.getLogger(__name__)

BEAT_SCHEDULE = {
    "purge-expired-drafts": {"task": "purge-expired-drafts", "schedule": 60 * 60},
    "queue-due-reminders": {"task": "queue-due-reminders", "schedule": 15 * 60},
    "sweep-unsent-invitations": {"task": "sweep-unsent-invitations", "schedule": 5 * 60},
    "escalate-alerts": {"task": "escalate-alerts", "schedule": 60},
    # Daily, in the morning UK time: one email to each lead with answers to review.
    "send-review-digest": {"task": "send-review-digest", "schedule": crontab(hour=7, minute=30)},
    # Every response read by the screen's learned layer within a minute, even if the
    # task's message was lost (app/safeguard/model_screens.py).
    # On the high-priority queue (set in celery_init_app), away from slow theming runs.
    "sweep-model-screens": {"task": "sweep-model-screens", "schedule": 15},
    "rebuild-report-snapshots": {"task": "rebuild-report-snapshots", "schedule": 5 * 60},
    "code-new-comments": {"task": "code-new-comments", "schedule": 60},
    # Hourly, so an email goes soon after each month or quarter ends; each period once.
    "send-report-emails": {"task": "send-report-emails", "schedule": 60 * 60},
    # Nightly, at a quiet hour (UTC): what is past its retention period (app/retention.py).
    "purge-expired-data": {
        "task": "purge-expired-data",
        "schedule": crontab(hour=2, minute=30),
    },
}


def _beat_schedule(prefix: str) -> dict[str, dict[str, Any]]:
    schedule = {name: dict(entry) for name, entry in BEAT_SCHEDULE.items()}
    schedule["sweep-model-screens"]["options"] = {"queue": f"{prefix}-high"}
    return schedule


def celery_init_app(app: Flask) -> Celery:
    """Create the Celery app for ``app`` and keep it in ``app.extensions['celery']``."""

    class FlaskTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    redis_url = app.config.get("SAYSO_REDIS_URL")
    celery = Celery(app.name, task_cls=FlaskTask)
    celery.conf.update(
        broker_url=redis_url or "memory://",
        result_backend=None,
        task_ignore_result=True,
        task_always_eager=not redis_url,
        task_eager_propagates=False,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_time_limit=300,
        task_soft_time_limit=240,
        broker_connection_timeout=2,
        broker_connection_retry_on_startup=True,
        # A worker that loses Redis keeps trying to reconnect for as long as it takes.
        # Celery's default gives up after 100 attempts and shuts the worker down, which
        # during a long Redis outage leaves alert emails waiting for a person.
        broker_connection_retry=True,
        broker_connection_max_retries=None,
        # A task running when the connection drops is allowed to finish (an email half
        # sent is better finished). Its message was put back on the queue when the
        # connection dropped, so it may run again: every task is idempotent, and alert
        # emails are recorded per recipient, so nobody is emailed twice.
        worker_cancel_long_running_tasks_on_connection_loss=False,
        broker_transport_options={
            "socket_timeout": 2,
            "socket_connect_timeout": 2,
            # One immediate reconnect (a pooled connection may have gone stale), never a
            # pause: a respondent's request is waiting on this.
            "max_retries": 1,
            "interval_start": 0,
            # Longer than any task runs (task_time_limit), or a slow task would be
            # delivered to a second worker while the first still works on it.
            "visibility_timeout": int(app.config.get("SAYSO_BROKER_VISIBILITY_TIMEOUT", 3600)),
        },
        task_default_queue=app.config["SAYSO_QUEUE_PREFIX"],
        beat_schedule=_beat_schedule(app.config["SAYSO_QUEUE_PREFIX"]),
        timezone="UTC",
    )
    celery.set_default()
    app.extensions["celery"] = celery
    # Registered now rather than at the first enqueue, which a respondent would wait for.
    importlib.import_module("workers.tasks")
    return celery


# A sweep asked for by a busy stream of submissions is queued at most this often per
# process (see enqueue_sweep).
SWEEP_EVERY_SECONDS = 5.0

# After the broker fails, a web process stops trying it for this long: a hung Redis would
# otherwise cost every respondent the full timeout, and the sweeps pick the work up anyway.
BROKER_PAUSE_SECONDS = 15.0


def enqueue(task_name: str, *args: Any, urgent: bool = False) -> bool:
    """Queue a task after the caller's transaction committed; report, never raise, failure.

    ``urgent`` work (safeguarding) goes on the high-priority queue.
    """
    celery: Celery = current_app.extensions["celery"]
    task = celery.tasks[task_name]
    queue = current_app.config["SAYSO_QUEUE_PREFIX"] + ("-high" if urgent else "")
    if time.monotonic() < current_app.extensions.get("sayso_broker_paused_until", 0.0):
        log.warning("broker unavailable; %s left for the sweep", task_name)
        return False
    try:
        task.apply_async(args=args, retry=False, queue=queue)
        return True
    except Exception as exc:
        current_app.extensions["sayso_broker_paused_until"] = (
            time.monotonic() + BROKER_PAUSE_SECONDS
        )
        log.warning(
            "could not queue %s (%s); the sweep will pick it up", task_name, type(exc).__name__
        )
        return False


def enqueue_sweep(task_name: str) -> bool:
    """Queue a sweep (a task that does all the work waiting, not one request's) unless this
    process queued it less than ``SWEEP_EVERY_SECONDS`` ago.

    Fifty submissions a second need one theming run every few seconds, not fifty: each
    message costs the sender a broker round trip and the workers a run that finds nothing
    new. Work that arrives just after a queued sweep started waits for the next one, or
    for beat's (every sweep is on the beat schedule too). Never for safeguarding, whose
    messages each carry their own alert.
    """
    queued: dict[str, float] = current_app.extensions.setdefault("sayso_sweeps_queued", {})
    now = time.monotonic()
    last = queued.get(task_name)
    if last is not None and now - last < SWEEP_EVERY_SECONDS:
        return False
    queued[task_name] = now
    return enqueue(task_name)
