"""Servers the fault tests start, break and stop themselves: never the shared ones.

A throwaway Redis on its own port, Celery workers the test can kill outright, and an SMTP
server that stalls on its first message so a task can be caught half-way.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path

import redis
from aiosmtpd.controller import Controller

from tests.log_scan import subprocess_log
from tests.mail_server import Mailbox, free_port

ROOT = Path(__file__).resolve().parent.parent.parent
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``check`` until it is true; fail the test saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout} s")


class ThrowawayRedis:
    """A ``redis-server`` on a free port that keeps nothing on disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None
        self._folder = tempfile.mkdtemp(prefix="sayso-redis-")

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", self._folder),
                *("--loglevel", "warning"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        wait_until(lambda: self._answers(client), 10, "redis-server starting")
        client.close()

    def stop(self) -> None:
        """Stop the server outright: connections are refused until it starts again."""
        if self.process is None:
            return
        self.process.send_signal(signal.SIGCONT)
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None

    def freeze(self) -> None:
        """Pause the server: it accepts connections but never answers (a hung broker)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self._folder, ignore_errors=True)

    @staticmethod
    def _answers(client: redis.Redis) -> bool:
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False


class WorkerProcess:
    """``celery -A workers worker`` as a child process the test may kill at any moment."""

    def __init__(self, env: dict[str, str], queue_prefix: str, pool: str = "solo") -> None:
        self.queues = f"{queue_prefix},{queue_prefix}-high"
        self.env = os.environ | env | {"SAYSO_QUEUE_PREFIX": queue_prefix}
        self.pool = pool
        self.output: list[str] = []
        self.process: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60) -> None:
        self.output = []
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "workers", "worker"),
                *(f"--pool={self.pool}", "--concurrency=1", "--loglevel=INFO"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                *("--hostname", f"fault-{secrets.token_hex(3)}@%h", "-Q", self.queues),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, args=(self.process,), daemon=True).start()
        wait_until(lambda: self._ready_or_dead(), timeout, "the celery worker starting")
        if self.process.poll() is not None:
            raise AssertionError("celery worker died:\n" + self.log())

    def children(self) -> list[int]:
        """The pool's child processes (prefork), which run the tasks."""
        assert self.process is not None
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()]

    def kill(self) -> None:
        """SIGKILL the worker and everything it started: no warm shutdown, no acks."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=15)
        self.kill()

    def log(self) -> str:
        return "".join(self.output[-60:])

    def _ready_or_dead(self) -> bool:
        assert self.process is not None
        return any("ready." in line for line in self.output) or self.process.poll() is not None

    def _read(self, process: subprocess.Popen[str]) -> None:
        """Keep the worker's output for failure messages, and in a file the end-of-run
        log scan searches."""
        assert process.stdout is not None
        sink = subprocess_log("fault-worker")
        try:
            for line in process.stdout:
                self.output.append(line)
                if sink is not None:
                    sink.write(line)
        finally:
            if sink is not None:
                sink.close()


class StallingMailbox(Mailbox):
    """Keeps messages like :class:`Mailbox`, but holds the first ``stalls`` messages
    unanswered, as a slow mail server would, until the sender goes away.

    A message held this way is never counted: without the server's "250" reply it was
    not delivered, exactly as a real mail server treats it.
    """

    def __init__(self, stalls: int = 1, after: int = 0) -> None:
        super().__init__()
        self.stalls = stalls
        self.after = after
        self.stalled = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.after > 0:
            self.after -= 1
        elif self.stalls > 0:
            self.stalls -= 1
            self.stalled.set()
            # Cancelled by the server when the connection drops.
            await asyncio.sleep(3600)
        return await super().handle_DATA(server, session, envelope)

    def delivered(self) -> list[EmailMessage]:
        with self._lock:
            return list(self.messages)


@contextmanager
def stalling_smtp_server(stalls: int = 1, after: int = 0) -> Iterator[tuple[str, StallingMailbox]]:
    """Yield ``(smtp_url, mailbox)`` for a mail server that lets ``after`` messages through,
    then stalls on the next ``stalls``."""
    mailbox = StallingMailbox(stalls, after)
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{controller.port}", mailbox
    finally:
        controller.stop()


class SlowMailbox(Mailbox):
    """Keeps messages like :class:`Mailbox`, but takes ``seconds`` to answer each one, as
    a slow mail server does: a task sending several emails stays busy for a while."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.receiving = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.receiving.set()
        await asyncio.sleep(self.seconds)
        return await super().handle_DATA(server, session, envelope)


@contextmanager
def slow_smtp_server(seconds: float) -> Iterator[tuple[str, SlowMailbox]]:
    """Yield ``(smtp_url, mailbox)`` for a mail server that takes ``seconds`` per message."""
    mailbox = SlowMailbox(seconds)
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{controller.port}", mailbox
    finally:
        controller.stop()
