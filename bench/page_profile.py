"""CPU cost of one respondent request, in process, against a bare Flask "hello" app.

Load figures on a shared machine move with whatever else runs; the CPU a request costs
does not. This creates Sayso on a throwaway PostgreSQL database (with Redis, as in
production), publishes the shipped surveys, starts one draft, then sends ``--requests``
requests of each kind through the Flask test client and prints CPU milliseconds per
request (``time.process_time``) and wall milliseconds, next to the same figures for the
bare app measured in the same run. ``--profile`` adds the functions that cost the most.

    python bench/page_profile.py [--requests 500] [--profile] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402

from bench.load_bench import (  # noqa: E402
    CSRF,
    FIRST_PAGE,
    SURVEY,
    UNREACHABLE_LIMITS,
    forget_queues,
    hello_app,
    prepare_database,
)
from tests.databases import throwaway_database  # noqa: E402


@dataclass
class Timing:
    name: str
    cpu_ms: list[float]
    wall_ms: list[float]

    def row(self, bare: Timing | None) -> str:
        cpu = statistics.mean(self.cpu_ms)
        ratio = f"{statistics.mean(bare.cpu_ms) / cpu:>8.1%}" if bare else ""
        return (
            f"{self.name:<24}{cpu:>9.2f}{statistics.median(self.cpu_ms):>9.2f}"
            f"{statistics.mean(self.wall_ms):>9.2f}{_p99(self.wall_ms):>9.2f}{ratio:>9}"
        )


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def time_requests(name: str, count: int, send: Callable[[], None]) -> Timing:
    """``count`` calls of ``send`` after a few untimed warm-up calls."""
    for _ in range(5):
        send()
    cpu, wall = [], []
    for _ in range(count):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        send()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    return Timing(name, cpu, wall)


def sayso_app(env: dict[str, str]) -> Flask:
    """The app as gunicorn would create it, from the environment."""
    from app import create_app

    saved = os.environ.copy()
    os.environ.update(env)
    try:
        return create_app()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def respondent(app: Flask) -> tuple[FlaskClient, str]:
    """A client holding a fresh draft (link opened, Start pressed), and its CSRF token."""
    client = app.test_client()
    page = client.get(f"/s/{SURVEY}").get_data(as_text=True)
    found = CSRF.search(page)
    assert found, "no CSRF token on the start page"
    started = client.post(f"/s/{SURVEY}/start", data={"csrf_token": found.group(1)})
    assert started.status_code == 302, started.status_code
    return client, found.group(1)


def expect(status: int, location_part: str | None = None) -> Callable:
    def check(response) -> None:  # type: ignore[no-untyped-def]
        assert response.status_code == status, response.status_code
        if location_part:
            assert location_part in response.headers["Location"], response.headers["Location"]

    return check


def sayso_requests(client: FlaskClient, csrf: str) -> dict[str, Callable[[], None]]:
    page_ok, saved = expect(200), expect(302, "/q/")
    answer = {"csrf_token": csrf, "knew_about_review": "yes", "action": "continue"}
    return {
        "open a link": lambda: page_ok(client.get(f"/s/{SURVEY}")),
        "question page": lambda: page_ok(client.get(f"/s/{SURVEY}/q/{FIRST_PAGE}")),
        "save an answer": lambda: saved(client.post(f"/s/{SURVEY}/q/{FIRST_PAGE}", data=answer)),
    }


def bare_requests(client: FlaskClient) -> dict[str, Callable[[], None]]:
    ok = expect(200)
    return {
        "bare GET": lambda: ok(client.get("/s/x")),
        "bare POST": lambda: ok(client.post("/s/x", data={"a": "b"})),
    }


def profile(name: str, count: int, send: Callable[[], None], top: int) -> None:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(count):
        send()
    profiler.disable()
    print(f"\n--- {name}: {count} requests, top {top} by cumulative CPU")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)
    print(f"--- {name}: top {top} by own CPU")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=500, help="per kind (default 500)")
    parser.add_argument("--profile", action="store_true", help="print the costliest functions")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--database-server",
        default=os.environ.get(
            "SAYSO_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("SAYSO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    args = parser.parse_args()
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
        app = sayso_app(env)
        try:
            client, csrf = respondent(app)
            sends = sayso_requests(client, csrf)
            bare_sends = bare_requests(hello_app.test_client())
            bare = {n: time_requests(n, args.requests, s) for n, s in bare_sends.items()}
            timings = [time_requests(n, args.requests, s) for n, s in sends.items()]
            print(f"{args.requests} requests each, Flask test client, one process")
            print(
                f"{'request':<24}{'cpu ms':>9}{'cpu p50':>9}{'wall ms':>9}{'wall p99':>9}"
                f"{'vs bare':>9}"
            )
            for timing in bare.values():
                print(timing.row(None))
            for timing in timings:
                baseline = bare["bare POST" if timing.name == "save an answer" else "bare GET"]
                print(timing.row(baseline))
            if args.profile:
                for name, send in sends.items():
                    profile(name, args.requests, send, args.top)
        finally:
            with app.app_context():
                from app.extensions import db

                db.session.remove()
                db.engine.dispose()
            forget_queues(args.redis_url, prefix)


if __name__ == "__main__":
    main()
