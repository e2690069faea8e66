"""Beat's schedule without a beat process: with no ``SAYSO_REDIS_URL`` (``make run``),
a thread in each web process looks every ``SAYSO_EMBEDDED_BEAT_SECONDS`` for due jobs and
runs them in-process, so alerts escalate, reminders go and old data is purged there too.

Several web processes may run this thread: :func:`claim_due_job` lets exactly one of them
take each due run, through a conditional UPDATE on :class:`PeriodicRun` that the database
applies atomically (SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from celery.schedules import crontab
from flask import Flask
from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import clock
from app.extensions import db
from app.periodic.models import PeriodicRun

log = logging.getLogger(__name__)
# A job still running after this long is taken to have died with its process.
HOLD = timedelta(minutes=10)


def is_due(schedule: Any, last_run_at: datetime | None, now: datetime) -> bool:
    """Whether a job on ``schedule`` (seconds, or a daily-style crontab of hours and
    minutes, in UTC) is due at ``now`` after last running at ``last_run_at``."""
    if isinstance(schedule, crontab):
        slots = [
            datetime(day.year, day.month, day.day, hour, minute)
            for day in (now.date() - timedelta(days=1), now.date())
            for hour in schedule.hour
            for minute in schedule.minute
        ]
        latest = max((slot for slot in slots if slot <= now), default=None)
        return latest is not None and (last_run_at is None or last_run_at < latest)
    seconds = float(schedule.total_seconds() if isinstance(schedule, timedelta) else schedule)
    return last_run_at is None or now - last_run_at >= timedelta(seconds=seconds)


def claim_due_job(session: Session, name: str, schedule: Any, now: datetime) -> bool:
    """Take the due run of ``name`` for this process; False if it is not due or another
    process took it first. The caller commits."""
    run = session.get(PeriodicRun, name)
    if run is None:
        try:
            with session.begin_nested():
                session.add(PeriodicRun(name=name))
        except IntegrityError:
            pass  # another process added it at the same moment
        run = session.get(PeriodicRun, name)
    assert run is not None
    if not is_due(schedule, run.last_run_at, now):
        return False
    taken = session.execute(
        update(PeriodicRun)
        .where(
            PeriodicRun.name == name,
            PeriodicRun.last_run_at.is_(None)
            if run.last_run_at is None
            else PeriodicRun.last_run_at == run.last_run_at,
            or_(PeriodicRun.held_until.is_(None), PeriodicRun.held_until < now),
        )
        .values(last_run_at=now, held_until=now + HOLD)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def release_job(session: Session, name: str) -> None:
    session.execute(update(PeriodicRun).where(PeriodicRun.name == name).values(held_until=None))


def run_due_jobs(app: Flask) -> list[str]:
    """Run, in this process, every job of the beat schedule that is due and not taken."""
    celery = app.extensions["celery"]
    ran = []
    for entry in celery.conf.beat_schedule.values():
        name = entry["task"]
        with app.app_context():
            taken = claim_due_job(db.session, name, entry["schedule"], clock.utcnow())
            db.session.commit()
        if not taken:
            continue
        try:
            celery.tasks[name].apply(throw=False)
            ran.append(name)
        finally:
            with app.app_context():
                release_job(db.session, name)
                db.session.commit()
    return ran


def known_runs(session: Session) -> dict[str, datetime | None]:
    """When each job last ran (for tests and the admin's eye)."""
    return {run.name: run.last_run_at for run in session.scalars(select(PeriodicRun))}


def start_embedded_beat(app: Flask) -> threading.Thread:
    """Start the thread that runs due jobs every ``SAYSO_EMBEDDED_BEAT_SECONDS``."""
    stop = threading.Event()
    every = float(app.config["SAYSO_EMBEDDED_BEAT_SECONDS"])

    def loop() -> None:
        while not stop.wait(every):
            try:
                run_due_jobs(app)
            except Exception:
                # The next tick tries again; one broken job must not stop the others.
                log.exception("embedded beat: a periodic job failed")

    thread = threading.Thread(target=loop, name="sayso-embedded-beat", daemon=True)
    app.extensions["sayso_embedded_beat"] = stop
    thread.start()
    return thread
