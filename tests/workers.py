"""A real Celery worker process for the tests, on the real Redis, with its own queue."""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

import redis

from tests.log_scan import subprocess_log

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


@contextmanager
def celery_worker(env: dict[str, str]) -> Iterator[str]:
    """Start ``celery -A workers worker`` on a queue only this test uses; yield its prefix.

    The queue's keys are deleted afterwards, so nothing else on the Redis server is touched.
    """
    prefix = f"sayso-test-{secrets.token_hex(4)}"
    full_env = os.environ | env | {"SAYSO_QUEUE_PREFIX": prefix}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "workers",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            f"{prefix},{prefix}-high",
        ],
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sink = subprocess_log("celery-worker")
    try:
        _wait_until_ready(process, sink)
        yield prefix
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        if process.stdout is not None:
            process.stdout.close()
        if sink is not None:
            sink.close()
        client = redis.Redis.from_url(env["SAYSO_REDIS_URL"])
        for key in client.scan_iter(f"*{prefix}*"):
            client.delete(key)


def _wait_until_ready(process: subprocess.Popen, sink: TextIO | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    seen = []
    assert process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            seen.append(line)
            if sink is not None:
                sink.write(line)
            if "ready." in line:
                os.set_blocking(process.stdout.fileno(), True)
                _drain(process, sink)
                return
        elif process.poll() is not None:
            break
        else:
            time.sleep(0.1)
    raise AssertionError("celery worker did not start:\n" + "".join(seen[-40:]))


def _drain(process: subprocess.Popen, sink: TextIO | None) -> None:
    """Keep reading the worker's output so its pipe never fills and blocks it, into the
    file the end-of-run log scan searches."""
    import threading

    def read() -> None:
        assert process.stdout is not None
        with contextlib.suppress(ValueError):  # the sink closed as the worker stopped
            for line in process.stdout:
                if sink is not None:
                    sink.write(line)

    threading.Thread(target=read, daemon=True).start()


def wait_for_worker_commit(read: Callable[[], T], timeout: float = 15) -> T:
    """What ``read`` returns once it is not None: a worker commits its record of the work
    (an email's "sent" mark) just after the work itself, so a test that saw the email may
    look a moment too early. Gives up after ``timeout`` seconds and returns the last value."""
    from app.extensions import db

    deadline = time.monotonic() + timeout
    while True:
        db.session.expire_all()
        value = read()
        if value is not None or time.monotonic() > deadline:
            return value
        db.session.rollback()
        time.sleep(0.1)
