"""Every task Sayso has, listed by feature, and the beat schedule they make together.

Importing a feature's ``tasks`` module registers its tasks with Celery; this is the one
place that does so, for the web process (which queues them) and the worker (which runs
them). A new feature's tasks are added here, with their beat entries.
"""

from __future__ import annotations

from typing import Any

from app.auth import tasks as auth_tasks
from app.coding import tasks as coding_tasks
from app.invite import tasks as invite_tasks
from app.report import tasks as report_tasks
from app.retention import tasks as retention_tasks
from app.safeguard import tasks as safeguard_tasks

FEATURES = (auth_tasks, invite_tasks, safeguard_tasks, coding_tasks, report_tasks, retention_tasks)


def beat_entries() -> dict[str, dict[str, Any]]:
    """The beat entries of every feature (names are unique across features)."""
    entries: dict[str, dict[str, Any]] = {}
    for module in FEATURES:
        for name, entry in module.BEAT.items():
            if name in entries:
                raise RuntimeError(f"two features schedule {name!r}")
            entries[name] = dict(entry)
    return entries
