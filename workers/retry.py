"""The one shape of a task that can fail for a while (mail server down, database
restarting): its work and commit inside ``retried_on``, which rolls the transaction back
and asks Celery to run the task again later (with the task's own backoff)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from celery import Task

from app.extensions import db


@contextmanager
def retried_on(task: Task, *errors: type[Exception]) -> Iterator[None]:
    try:
        yield
    except errors as exc:
        db.session.rollback()
        raise task.retry(exc=exc) from exc
