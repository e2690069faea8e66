"""Celery entry points: `celery -A workers worker` and `celery -A workers beat`.

The worker's app (``workers.celery``) is made on first use, not when the package is
imported: the web process imports the tasks (``app/task_registry.py``) to queue them, and
must not build a second Flask app while doing so.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "celery":
        from workers.celery_app import celery

        return celery
    raise AttributeError(f"module 'workers' has no attribute {name!r}")
