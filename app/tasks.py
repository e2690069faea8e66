"""Celery wiring: tasks run inside an app context; with no Redis they run in-process.

Each feature keeps its tasks, and their beat entries, in its own ``tasks.py``, as thin
wrappers around plain functions; ``app/task_registry.py`` lists them all. Code queues a
task by reference with :func:`enqueue`, which never raises: the database is the source
of truth and a periodic sweep picks up anything whose message was lost.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from celery import Celery, Task
from flask import Flask, current_app

log = logging.getLogger(__name__)


def runs_in_process(config: Mapping[str, Any] | None = None) -> bool:
    """No Redis: tasks run in this process as they are queued (``make run``), so work that
    a worker would do in the background must be weighed against a person waiting.
    ``config``: the app's settings, where there is no app context yet (the app's own)."""
    return not (current_app.config if config is None else config).get("SAYSO_REDIS_URL")


def high_queue() -> str:
    """The queue for urgent work (safeguarding), which slow theming runs cannot hold up."""
    return f"{current_app.config['SAYSO_QUEUE_PREFIX']}-high"


def beat_schedule(
    entries: Mapping[str, Mapping[str, Any]], prefix: str
) -> dict[str, dict[str, Any]]:
    """Celery's beat schedule from the features' entries; ``urgent`` ones go on the
    high-priority queue."""
    schedule: dict[str, dict[str, Any]] = {}
    for name, entry in entries.items():
        schedule[name] = {key: value for key, value in entry.items() if key != "urgent"}
        if entry.get("urgent"):
            schedule[name]["options"] = {"queue": f"{prefix}-high"}
    return schedule


@contextmanager
def retried_on(task: Task, *errors: type[Exception]) -> Iterator[None]:
    """The one shape of a task that can fail for a while (mail server down, database
    restarting): its work and commit inside this, which rolls the transaction back and
    asks Celery to run the task again later (with the task's own backoff)."""
    from app.extensions import db

    try:
        yield
    except errors as exc:
        db.session.rollback()
        raise task.retry(exc=exc) from exc


def celery_init_app(app: Flask, beat: Mapping[str, Mapping[str, Any]]) -> Celery:
    """Create the Celery app for ``app`` and keep it in ``app.extensions['celery']``.

    ``beat``: every feature's beat entries (``app/task_registry.py``). The tasks register
    themselves with this app when their modules are imported, which the registry does.
    """

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
        beat_schedule=beat_schedule(beat, app.config["SAYSO_QUEUE_PREFIX"]),
        timezone="UTC",
    )
    celery.set_default()
    app.extensions["celery"] = celery
    return celery


# A sweep asked for by a busy stream of submissions is queued at most this often per
# process (see enqueue_sweep).
SWEEP_EVERY_SECONDS = 5.0

# After the broker fails, a web process stops trying it for this long: a hung Redis would
# otherwise cost every respondent the full timeout, and the sweeps pick the work up anyway.
BROKER_PAUSE_SECONDS = 15.0


def enqueue(task: Task, *args: Any, urgent: bool = False) -> bool:
    """Queue ``task`` after the caller's transaction committed; report, never raise, failure.

    ``urgent`` work (safeguarding) goes on the high-priority queue.
    """
    task_name = task.name
    # The task as this app's Celery knows it: a shared task's own object follows whichever
    # app was made last, which in a process with several apps is not always this one.
    bound = current_app.extensions["celery"].tasks[task_name]
    queue = current_app.config["SAYSO_QUEUE_PREFIX"] + ("-high" if urgent else "")
    if time.monotonic() < current_app.extensions.get("sayso_broker_paused_until", 0.0):
        log.warning("broker unavailable; %s left for the sweep", task_name)
        return False
    try:
        bound.apply_async(args=args, retry=False, queue=queue)
        return True
    except Exception as exc:
        current_app.extensions["sayso_broker_paused_until"] = (
            time.monotonic() + BROKER_PAUSE_SECONDS
        )
        log.warning(
            "could not queue %s (%s); the sweep will pick it up", task_name, type(exc).__name__
        )
        return False


def enqueue_sweep(task: Task) -> bool:
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
    last = queued.get(task.name)
    if last is not None and now - last < SWEEP_EVERY_SECONDS:
        return False
    queued[task.name] = now
    return enqueue(task)
