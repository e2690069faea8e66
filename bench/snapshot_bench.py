"""How long a stored report takes to open, against building it afresh (not a test).

Creates a throwaway PostgreSQL database, loads synthetic responses as
``bench/report_bench.py`` does, codes every free-text answer with one or two codebook
themes and approves some quotes (so the themes section has work to do), then times, in
the same run and for each report:

- ``uncached``: building the report from the responses (``build_report``);
- ``recount``: opening the stored report and counting its themes and quotes again, which
  is what every view of a stored report did before stored reports kept their themes;
- ``stored``: opening the stored report now (``cached_report`` with a fresh snapshot);
- ``page``: the whole report page for a signed-in participation lead, HTML included,
  with Redis configured as in production (so the page does not code new comments itself).

    .venv/bin/python bench/snapshot_bench.py --responses 100000

Goal: a stored report opens (page) in under 200 ms. Each figure is the median of three
runs after a warm-up; wall time only. ``--profile`` prints where a page's time goes.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.auth.accounts import create_account  # noqa: E402
from app.auth.passwords import hash_password  # noqa: E402
from app.extensions import db  # noqa: E402
from app.report.build import build_report, cached_report, report_themes  # noqa: E402
from app.responses.filters import Filters  # noqa: E402
from app.responses.periods import parse_period  # noqa: E402
from app.responses.subjects import resolve_subject  # noqa: E402
from app.survey.publishing import publish_directory  # noqa: E402
from bench.report_bench import (  # noqa: E402
    SERVER,
    WEIGHTS,
    Timing,
    code_every_comment,
    load,
    timed,
)
from tests.auth.conftest import PASSWORD, sign_in  # noqa: E402
from tests.databases import throwaway_database  # noqa: E402

REPORTS = [("lac-review", "2026-Q3"), ("lac-review", "2026"), ("care-leaver-accommodation", "2026")]
LEAD = "bench.lead@example.org"


def row(name: str, timing: Timing, base: Timing) -> str:
    # Wall time only: a stored report commits, and the next transaction may be served by
    # another database process, so the server CPU read in report_bench is not comparable.
    return f"  {name:<10}{timing.wall * 1000:>9.0f} ms{timing.wall / base.wall:>8.2f}x"


def main() -> None:
    # Loading by COPY takes longer than a web request may wait for a statement.
    os.environ.setdefault("SAYSO_DATABASE_STATEMENT_TIMEOUT", "600")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="where a page's time goes")
    parser.add_argument(
        "--redis-url", default=os.environ.get("SAYSO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    args = parser.parse_args()
    with throwaway_database(SERVER, "sayso_bench") as url:
        # With Redis, as in production: the page leaves coding new comments to the worker.
        settings = {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "TESTING": True,
            "SAYSO_REDIS_URL": args.redis_url,
            "SAYSO_QUEUE_PREFIX": f"sayso-bench-{secrets.token_hex(4)}",
        }
        app = create_app(settings)
        with app.app_context():
            run(app, args.responses, args.profile)
            db.session.remove()
            db.engine.dispose()


def run(app, count: int, profile: bool = False) -> None:  # type: ignore[no-untyped-def]
    from flask_migrate import upgrade

    upgrade()
    publish_directory(db.session, ROOT / "surveys")
    user = create_account(db.session, LEAD, "participation_lead", None)
    user.password_hash = hash_password(PASSWORD)
    db.session.commit()
    surveys = {}
    for survey_id in WEIGHTS:
        subject = resolve_subject(db.session, survey_id)
        surveys[survey_id] = (subject.surveys[0], subject.version_ids[0])
    # Loading takes minutes: a transaction left open meanwhile would be ended by the
    # server's idle-in-transaction timeout.
    db.session.rollback()
    started = time.perf_counter()
    answers = load(count, surveys)
    coded = code_every_comment()
    loaded = time.perf_counter() - started
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("response", "answer", "comment_coding", "comment_theme"):
            conn.execute(text(f"VACUUM ANALYZE {table}"))
    print(f"loaded {count:,} responses, {answers:,} answers, {coded:,} coded comments")
    print(f"in {loaded:.1f} s; median of 3 after a warm-up, ratio against uncached")
    client = app.test_client()
    sign_in(client, LEAD)
    for survey_key, period_text in REPORTS:
        period = parse_period(period_text)
        subject = resolve_subject(db.session, survey_key)

        def uncached(key: str = survey_key, p=period) -> object:  # type: ignore[no-untyped-def]
            return build_report(db.session, key, p, Filters(), 10)

        def stored(key: str = survey_key, p=period) -> object:  # type: ignore[no-untyped-def]
            report = cached_report(db.session, key, p, Filters(), 10)
            db.session.commit()
            return report

        def recount(ids=subject.survey_ids, p=period) -> object:  # type: ignore[no-untyped-def]
            stored()
            return report_themes(db.session, ids, p, Filters(), 10)

        def page(key: str = survey_key, label: str = period.label) -> object:
            response = client.get(f"/reports/{key}/{label}")
            assert response.status_code == 200, response.status_code
            return response

        base = timed(uncached)
        db.session.rollback()
        stored()  # keeps the snapshot the rest open
        print(f"{survey_key} {period_text}")
        print(row("uncached", base, base))
        print(row("recount", timed(recount), base))
        print(row("stored", timed(stored), base))
        print(row("page", timed(page), base))
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(page)
            pstats.Stats(profiler).sort_stats(
                os.environ.get("BENCH_SORT", "cumulative")
            ).print_stats(30)
        db.session.rollback()


if __name__ == "__main__":
    main()
