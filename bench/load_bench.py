"""Sayso under load, against a bare Flask "hello" app served the same way.

Starts Sayso under gunicorn on a throwaway PostgreSQL database with Redis, and a bare
Flask app under the same gunicorn settings, then drives both from a second process on
loopback and prints requests per second and p50/p95/p99 latency for four respondent
steps: opening a link, showing a question page, saving an answer and submitting.

A third app shows the floor under any page that reads the database: Flask doing nothing
but one ``SELECT 1`` per request, through SQLAlchemy with Sayso's engine settings, and
for a GET outside a transaction as Sayso reads ("one query"). Sayso's ratio to it says
how much Sayso adds to the round trip every respondent page needs (its draft lives in
the database, not in the browser).

Two measures for each step:
- saturation: ``--concurrency`` clients send back to back (throughput, and its ratio
  to the bare app; latency here is mostly queueing, concurrency / throughput);
- paced: the same number of respondents, each sending one request a second (people
  read and think between pages), for the latency a respondent would feel.

The driver is plain Python (threads and http.client), so it caps the rate it can
measure, and it shares the machine's cores with the servers: compare ratios, not
absolute figures, across machines.

Machines that share their cores with others change speed from one second to the next:
``--rounds`` measures each step that many times, taking the apps in turn each round, so
a slow spell falls on all of them, and adds the rounds up.

    python bench/load_bench.py [--seconds 20] [--rounds 2] [--concurrency 50] [--workers N]
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.databases import throwaway_database  # noqa: E402

SURVEY = "lac-review-young-person"
FIRST_PAGE = "knew-about-review"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
# Every client comes from 127.0.0.1: limits this high are counted (their cost is part of
# what is measured) but never reached.
UNREACHABLE_LIMITS = {
    f"SAYSO_RATE_LIMIT_{name}": "1000000000 per minute"
    for name in ("LINKS", "SUBMIT", "SIGN_IN", "RESUME")
}


def answering_every_path(app: Flask) -> Callable[[Callable[[str], str]], Callable[[str], str]]:
    """Register a view as ``app``'s answer to any path, GET or POST."""

    def register(view: Callable[[str], str]) -> Callable[[str], str]:
        for rule, defaults in (("/", {"path": ""}), ("/<path:path>", None)):
            app.add_url_rule(rule, defaults=defaults, view_func=view, methods=["GET", "POST"])
        return view

    return register


hello_app = Flask("hello")
one_query_app = Flask("one-query")


@answering_every_path(hello_app)
def hello(path: str) -> str:
    return "Hello"


@lru_cache(maxsize=1)
def _one_query_engine() -> Any:
    from sqlalchemy import create_engine

    from app.config import engine_options

    url = os.environ["SAYSO_DATABASE_URL"]
    return create_engine(url, **engine_options(url))


@answering_every_path(one_query_app)
def one_query(path: str) -> str:
    from flask import request
    from sqlalchemy import text

    with _one_query_engine().connect() as connection:
        if request.method == "GET":  # as Sayso reads for a GET: outside a transaction
            connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.execute(text("SELECT 1")).scalar_one()
    return "Hello"


# What each app is served as; all but Sayso answer any path with "Hello".
APPS = {
    "sayso": "app:create_app()",
    "one query": "bench.load_bench:one_query_app",
    "bare": "bench.load_bench:hello_app",
}


# ---------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(app_spec: str, env: dict[str, str], workers: int, threads: int) -> Iterator[int]:
    """Serve ``app_spec`` with gunicorn on a free port; yields the port."""
    port = free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads)),
            *("--backlog", "2048", "--log-level", "warning", "--chdir", str(ROOT)),
            app_spec,
        ],
        env=os.environ | env,
        start_new_session=True,
    )
    try:
        wait_for_port(port, process)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def prepare_database(env: dict[str, str]) -> None:
    """Migrate and publish the shipped surveys, as `sayso db upgrade` and `surveys publish`."""
    for command in (["db", "upgrade"], ["surveys", "publish"]):
        done = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", *command],
            cwd=ROOT,
            env=os.environ | env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"sayso {' '.join(command)} failed:\n{done.stderr[-3000:]}")


def forget_queues(redis_url: str, prefix: str) -> None:
    """Nothing consumes the bench's tasks: delete its queues from Redis afterwards."""
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"*{prefix}*"):
        client.delete(key)
    client.close()


# ---------------------------------------------------------------- respondents


class Browser:
    """One respondent's keep-alive connection with its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.location = ""

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> str:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                break
            except (ConnectionError, http.client.HTTPException):
                # The server may close a kept-alive connection: reconnect once.
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt:
                    raise
        text = response.read().decode()
        self.location = response.getheader("Location") or ""
        if response.status >= 400:
            raise RuntimeError(f"{method} {path}: {response.status}")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return text

    def start_draft(self) -> str:
        """Open the link and press Start; returns the CSRF token for later forms."""
        self.cookies.pop(f"sayso_draft_{SURVEY}", None)
        token = CSRF.search(self.request("GET", f"/s/{SURVEY}"))
        assert token, "no CSRF token on the start page"
        self.request("POST", f"/s/{SURVEY}/start", {"csrf_token": token.group(1)})
        return token.group(1)


def open_link(browser: Browser, state: dict) -> None:
    browser.request("GET", f"/s/{SURVEY}")


def show_question(browser: Browser, state: dict) -> None:
    browser.request("GET", f"/s/{SURVEY}/q/{FIRST_PAGE}")


def save_answer(browser: Browser, state: dict) -> None:
    form = {"csrf_token": state["csrf"], "knew_about_review": "yes", "action": "continue"}
    browser.request("POST", f"/s/{SURVEY}/q/{FIRST_PAGE}", form)
    if "/q/" not in browser.location:
        raise RuntimeError("the answer was not saved")


def submit(browser: Browser, state: dict) -> None:
    """Press Send on the next of this client's ready drafts."""
    token, key = state["drafts"].pop()
    browser.cookies[f"sayso_draft_{SURVEY}"] = token
    browser.request(
        "POST", f"/s/{SURVEY}/check", {"csrf_token": state["csrf"], "submission_key": key}
    )
    if not browser.location.endswith("/done"):
        raise RuntimeError("the answers were not sent")


STEPS: dict[str, Callable[[Browser, dict], None]] = {
    "open a link": open_link,
    "question page": show_question,
    "save an answer": save_answer,
    "submit": submit,
}


def ready_drafts(env: dict[str, str], count: int) -> list[tuple[str, str]]:
    """``count`` drafts with answers, made directly in the database (untimed): each is one
    submission, so they bound the submit scenario. Returns (browser token, submission key)."""
    from app import create_app
    from app.extensions import db
    from app.respond.drafts import create_draft, save_answers
    from app.survey.publishing import current_version

    saved = os.environ.copy()
    os.environ.update(env)
    try:
        app = create_app()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    made = []
    with app.app_context():
        version = current_version(db.session, SURVEY)
        assert version is not None
        for n in range(count):
            draft, token = create_draft(db.session, version.id, env["SAYSO_SECRET_KEY"], 14)
            answers = {"knew_about_review": "yes", "make_better": f"More time to talk {n}"}
            save_answers(draft, answers, "make-better", 14)
            made.append((token, draft.submission_key))
            if n % 500 == 499:
                db.session.commit()
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return made


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[int(p) - 1] * 1000

    def add(self, other: Result) -> None:
        """Count another round of the same step in."""
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        self.seconds += other.seconds


def drive(
    port: int,
    step_name: str,
    bare: bool,
    seconds: float,
    pace: float | None,
    drafts: list[list[tuple[str, str]]],
) -> Result:
    """Run one step from one thread per client (``drafts`` has one list per client) for
    ``seconds``; ``pace`` spaces each client's requests that many seconds apart (None:
    back to back). ``bare``: the app is not Sayso (the bare app or the one-query app),
    and the same methods are sent to it as Sayso's step would send."""
    clients = len(drafts)
    send = STEPS[step_name]
    result = Result(step_name)
    lock = threading.Lock()
    ready = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(n: int) -> None:
        browser = Browser(port)
        state = {"drafts": drafts[n]}
        # Warm up untimed: every worker loads its templates and opens its database
        # connections before the clock starts.
        if bare:
            browser.request("GET", "/s/x")
        else:
            state["csrf"] = browser.start_draft()
            show_question(browser, state)
        ready.wait(timeout=300)
        next_send = time.monotonic() + (pace or 0) * n / clients
        while step_name != "submit" or state["drafts"]:
            if pace:
                time.sleep(max(0.0, next_send - time.monotonic()))
                next_send += pace
            if time.monotonic() >= stop_at[0]:
                return
            started = time.monotonic()
            try:
                if bare:
                    post = step_name in ("save an answer", "submit")
                    browser.request("POST" if post else "GET", "/s/x", {"a": "b"} if post else None)
                    if step_name == "submit":
                        state["drafts"].pop()
                else:
                    send(browser, state)
                took = time.monotonic() - started
                with lock:
                    result.latencies.append(took)
            except Exception:
                with lock:
                    result.errors += 1

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.monotonic() + 3600
    ready.wait(timeout=300)
    began = time.monotonic()
    stop_at[0] = began + seconds
    for thread in threads:
        thread.join(timeout=seconds + 60)
    result.seconds = min(time.monotonic() - began, seconds) if result.latencies else seconds
    return result


def _drive_in_child(queue: multiprocessing.Queue, *args: object) -> None:
    queue.put(drive(*args))  # type: ignore[arg-type]


def drive_from_another_process(*args: object) -> Result:
    """The load comes from a separate process, as it would from other machines."""
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue = context.Queue()
    process = context.Process(target=_drive_in_child, args=(queue, *args))
    process.start()
    result = queue.get(timeout=900)
    process.join(timeout=60)
    return result


# ---------------------------------------------------------------- report


def table(title: str, rows: list[dict[str, Result]], show_ratio: bool) -> str:
    lines = [
        title,
        f"{'scenario':<16}{'app':<11}{'requests':>9}{'errors':>7}{'rps':>8}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        + (f"{'vs bare':>9}{'vs 1 query':>11}" if show_ratio else ""),
    ]
    for results in rows:
        bare, floor = results["bare"], results["one query"]
        for app, result in results.items():
            ratios = ""
            if show_ratio and app != "bare":
                ratios = f"{result.rps / bare.rps:>9.0%}" if bare.rps else f"{'':>9}"
                if app == "sayso" and floor.rps:
                    ratios += f"{result.rps / floor.rps:>11.0%}"
            lines.append(
                f"{result.name:<16}{app:<11}{len(result.latencies):>9}{result.errors:>7}"
                f"{result.rps:>8.0f}{result.percentile(50):>9.1f}{result.percentile(95):>9.1f}"
                f"{result.percentile(99):>9.1f}{ratios}"
            )
    return "\n".join(lines)


def measure_step(
    name: str, pace: float | None, args: argparse.Namespace, env: dict[str, str]
) -> dict[str, Result]:
    """One step on every app, ``args.rounds`` times with the apps in turn, added up."""
    results: dict[str, Result] = {}
    for _ in range(args.rounds):
        for app, spec in APPS.items():
            bare = app != "sayso"
            drafts: list[list[tuple[str, str]]] = [[] for _ in range(args.concurrency)]
            if name == "submit":
                # The other apps get the same bound on requests.
                total = args.drafts * args.concurrency
                made = [("", "")] * total if bare else ready_drafts(env, total)
                drafts = [made[n :: args.concurrency] for n in range(args.concurrency)]
            with gunicorn(spec, env, args.workers, args.threads) as port:
                result = drive_from_another_process(port, name, bare, args.seconds, pace, drafts)
            if app in results:
                results[app].add(result)
            else:
                results[app] = result
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20, help="per scenario (default 20)")
    parser.add_argument(
        "--rounds", type=int, default=2, help="times each step is measured per app (default 2)"
    )
    parser.add_argument("--concurrency", type=int, default=50, help="respondents (default 50)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4, help="gthread threads per worker")
    parser.add_argument(
        "--pace", type=float, default=1.0, help="seconds between a paced client's requests"
    )
    parser.add_argument(
        "--database-server",
        default=os.environ.get(
            "SAYSO_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("SAYSO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--only", choices=list(STEPS), action="append")
    parser.add_argument(
        "--drafts", type=int, default=200, help="ready drafts per client for submit (default 200)"
    )
    args = parser.parse_args()
    steps = args.only or list(STEPS)
    prefix = f"sayso-bench-{secrets.token_hex(4)}"

    with throwaway_database(args.database_server, "sayso_bench") as database_url:
        env = {
            "SAYSO_DATABASE_URL": database_url,
            "SAYSO_REDIS_URL": args.redis_url,
            "SAYSO_QUEUE_PREFIX": prefix,
            "SAYSO_SECRET_KEY": secrets.token_urlsafe(32),
            **UNREACHABLE_LIMITS,
        }
        prepare_database(env)
        print(
            f"gunicorn: {args.workers} workers x {args.threads} threads (gthread); "
            f"{args.concurrency} clients, {args.seconds:g} s per scenario, {args.rounds} "
            f"round(s); {os.cpu_count()} cores shared by the servers and the driver",
            flush=True,
        )
        saturated: list[dict[str, Result]] = []
        paced: list[dict[str, Result]] = []
        try:
            for mode, rows, pace in (("saturation", saturated, None), ("paced", paced, args.pace)):
                for name in steps:
                    rows.append(measure_step(name, pace, args, env))
                    print(f"  {mode}: {name} measured", flush=True)
        finally:
            forget_queues(args.redis_url, prefix)
    print()
    print(table("Saturation: clients send back to back", saturated, show_ratio=True))
    print()
    print(
        table(
            f"Paced: {args.concurrency} respondents, one request each every {args.pace:g} s",
            paced,
            show_ratio=False,
        )
    )


if __name__ == "__main__":
    main()
