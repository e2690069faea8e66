"""How far the training of a theme model has got, for the learning page to show.

The task reports each step (reading the reviewed comments, then each cross-validation
fold and the final fit) into Redis under the deployment's queue prefix, kept for an
hour; the page reads it back. Without Redis (the embedded default) training runs while
the page waits, so there is nothing to show and nothing is kept. A failing Redis never
stops a training: progress is only a courtesy.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import redis
from flask import current_app

log = logging.getLogger(__name__)

KEEP_SECONDS = 60 * 60
TIMEOUT_SECONDS = 1


def _client() -> Any:
    url = current_app.config.get("SAYSO_REDIS_URL")
    if not url:
        return None
    return redis.Redis.from_url(
        url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
    )


def _key() -> str:
    return f"{current_app.config['SAYSO_QUEUE_PREFIX']}-theme-training"


def report_training(step: str, done: int, of: int) -> None:
    """Keep how far training has got: ``step`` is "reading", "fitting" or "finished"."""
    client = _client()
    if client is None:
        return
    record = {"step": step, "done": int(done), "of": int(of), "at": time.time()}
    try:
        client.set(_key(), json.dumps(record), ex=KEEP_SECONDS)
    except (redis.RedisError, OSError):  # progress is a courtesy; training goes on
        log.warning("could not record the theme training's progress")


def training_progress() -> dict[str, Any] | None:
    """The latest report of a training, or None (none running, or no Redis)."""
    client = _client()
    if client is None:
        return None
    try:
        raw = client.get(_key())
    except (redis.RedisError, OSError):
        return None
    if not raw:
        return None
    record = json.loads(raw)
    of = max(1, int(record.get("of", 1)))
    record["percent"] = min(100, round(100 * int(record.get("done", 0)) / of))
    return record
