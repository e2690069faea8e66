"""How long a participation report takes on a realistic volume of data (not a test).

Creates a throwaway PostgreSQL database, migrates it, publishes the shipped
questionnaires, loads synthetic responses over three years with COPY (one response
answers about ten questions; about three in ten write a comment), codes every comment
with one or two codebook themes and approves some quotes, then times each shipped
questionnaire's year report (and the lac-review family's quarter and year) next to:

- ``bare``: the one GROUP BY over answers Sayso's builder itself runs;
- ``plain``: a plain GROUP BY written directly in SQL over the same rows: every answer
  in the report's reach (its trend window through the period's end) counted by month,
  question and choice, and every themed comment in the period counted by theme.

The ratio the goal speaks of is ``build / plain`` (goal: at most 1.3). The database is
dropped at the end.

    .venv/bin/python bench/report_bench.py                   # 1,000,000 responses
    .venv/bin/python bench/report_bench.py --responses 50000

The server is ``SAYSO_BENCH_DATABASE_URL`` (default: the test server at 127.0.0.1).

Each figure is the median of three runs after a warm-up. Wall time is what a reader
waits; when the server runs on this machine, CPU time (this process plus the database
process serving it, not any parallel workers) is printed too, because on a machine busy
with other work it shows the report's own cost where wall time cannot.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.report.build import build_report  # noqa: E402
from app.report.queries import (  # noqa: E402
    Window,
    at_midnight,
    choice_counts_query,
    count_responses,
    counting,
    id_range,
    response_keys,
)
from app.responses.filters import Filters  # noqa: E402
from app.responses.keys import KEY_RANGE  # noqa: E402
from app.responses.periods import (  # noqa: E402
    default_trend_by,
    parse_period,
    previous_period,
    trend_buckets,
)
from app.responses.subjects import resolve_subject  # noqa: E402
from app.survey.publishing import publish_directory  # noqa: E402
from app.survey.schema import Survey  # noqa: E402
from app.themes.codebook import named_codebook  # noqa: E402
from tests.databases import throwaway_database  # noqa: E402

SERVER = os.environ.get("SAYSO_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1/test")
FIRST_DAY = datetime(2024, 1, 1)
DAYS = 3 * 365
# Roughly how often each questionnaire is answered: reviews far outnumber the rest.
WEIGHTS = {
    "lac-review-child": 18,
    "lac-review-young-person": 22,
    "lac-review-parent-carer": 14,
    "lac-review-professional": 16,
    "cp-conference-family": 12,
    "cp-conference-professional": 10,
    "care-leaver-accommodation": 8,
    "pathway-plan-review": 6,
}
LANGUAGES = ["en"] * 16 + ["cy", "pl", "ro", "uk", "ar"]
AGE_BANDS = ["8-11", "12-15", "16-18", None]
RESPONSE_COPY = (
    "COPY response (id, survey_id, survey_version_id, submission_key, language, channel,"
    " context, submitted_at, audience, team_id, chair_id, age_band, record_key) FROM STDIN"
)
ANSWER_COPY = "COPY answer (response_id, question_id, choice, text) FROM STDIN"
REPORTS = [
    ("lac-review", "2026-Q3"),
    ("lac-review", "2026"),
    *((survey_id, "2026") for survey_id in WEIGHTS),
]
QUOTES = 300
PLAIN_ANSWERS = (
    "SELECT date_trunc('month', r.submitted_at) AS month, a.question_id, a.choice, count(*)"
    " FROM answer a JOIN response r ON r.id = a.response_id"
    " WHERE r.survey_id IN :surveys AND r.submitted_at >= :start AND r.submitted_at < :end"
    " GROUP BY 1, 2, 3"
)
PLAIN_THEMES = (
    "SELECT t.theme_id, count(*) FROM comment_theme t"
    " JOIN comment_coding c ON c.answer_id = t.answer_id"
    " JOIN response r ON r.id = c.response_id"
    " WHERE r.survey_id IN :surveys AND r.submitted_at >= :start AND r.submitted_at < :end"
    " GROUP BY t.theme_id"
)


def answer_rows(survey: Survey, rng: random.Random) -> Iterator[tuple[object, ...]]:
    """A plausible set of answers: most choice questions answered, skewed to the positive."""
    for question in survey.questions():
        if question.is_choice and rng.random() < 0.95:
            values = [o.value for o in question.all_options()]
            weights = [len(values) - i for i in range(len(values))]
            if question.type == "multiple_choice":
                for value in set(rng.choices(values, k=rng.randint(1, 3))):
                    yield (question.id, value, None)
            else:
                yield (question.id, rng.choices(values, weights)[0], None)
        elif question.is_free_text and rng.random() < 0.3:
            yield (question.id, None, "It was fine and people listened to me.")


def load(count: int, surveys: dict[str, tuple[Survey, int]], seed: int = 7) -> int:
    """COPY ``count`` responses, then their answers; returns the number of answers."""
    rng = random.Random(seed)
    ids = list(WEIGHTS)
    picked = bytearray(rng.choices(range(len(ids)), [WEIGHTS[i] for i in ids], k=count))
    # As in real life, later responses have higher ids (and their answers come later).
    seconds = sorted(rng.randrange(DAYS * 86400) for _ in range(count))
    answers = 0
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(RESPONSE_COPY) as responses:
            for response_id, (index, second) in enumerate(zip(picked, seconds, strict=True), 1):
                survey, version_id = surveys[ids[index]]
                at = FIRST_DAY + timedelta(seconds=second)
                team = rng.randint(1, 6)
                responses.write_row(
                    (response_id, survey.id, version_id, f"bench-{response_id}",
                     rng.choice(LANGUAGES), "invitation", "{}", at, survey.audience,
                     team, team * 10 + rng.randint(0, 4), rng.choice(AGE_BANDS),
                     rng.randrange(KEY_RANGE))
                )  # fmt: skip
        with cursor.copy(ANSWER_COPY) as rows:
            for response_id, index in enumerate(picked, start=1):
                for question_id, choice, words in answer_rows(surveys[ids[index]][0], rng):
                    rows.write_row((response_id, question_id, choice, words))
                    answers += 1
        cursor.execute("SELECT setval('response_id_seq', %s)", (count,))
        raw.commit()
    finally:
        raw.close()
    return answers


def code_every_comment() -> int:
    """Every comment coded with one codebook theme, every other one with two, and the
    latest few approved as quotes; returns how many comments were coded."""
    themes = [theme.id for theme in named_codebook().themes][:8]
    db.session.execute(
        text(
            "INSERT INTO comment_coding (answer_id, response_id, survey_id, question_id,"
            " language, sentiment, redacted, analysed_at)"
            " SELECT a.id, a.response_id, r.survey_id, a.question_id, r.language,"
            " 0.2 * ((a.id % 5) - 2), a.text, now()"
            " FROM answer a JOIN response r ON r.id = a.response_id WHERE a.text IS NOT NULL"
        )
    )
    for offset, step in ((0, 1), (3, 2)):
        db.session.execute(
            text(
                "INSERT INTO comment_theme (answer_id, theme_id, source, confidence, sentiment)"
                " SELECT answer_id, (CAST(:themes AS text[]))[1 + (answer_id + :offset) % :n],"
                " 'codebook', 0.9, sentiment FROM comment_coding WHERE answer_id % :step = 0"
                " ON CONFLICT DO NOTHING"
            ),
            {"themes": themes, "offset": offset, "n": len(themes), "step": step},
        )
    db.session.execute(
        text(
            "INSERT INTO quote_decision (answer_id, state, text, decided_at)"
            " SELECT answer_id, 'approved', redacted, now() FROM comment_coding"
            " ORDER BY answer_id DESC LIMIT :n"
        ),
        {"n": QUOTES},
    )
    coded = db.session.execute(text("SELECT count(*) FROM comment_coding")).scalar_one()
    db.session.commit()
    return int(coded)


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float | None  # this process and the database process serving it; None if unknown


def backend_cpu() -> float | None:
    """CPU seconds used so far by the database process serving this session.

    Read from /proc, so only when the server runs on this machine. On a machine busy
    with other work, CPU time shows the report's own cost where wall time cannot.
    """
    pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(action: Callable[[], object], repeat: int = 3) -> Timing:
    """The median of ``repeat`` runs after one to warm the cache."""
    action()
    walls, cpus = [], []
    for _ in range(repeat):
        backend, mine = backend_cpu(), time.process_time()
        started = time.perf_counter()
        action()
        walls.append(time.perf_counter() - started)
        after = backend_cpu()
        if backend is not None and after is not None:
            cpus.append(after - backend + time.process_time() - mine)
    return Timing(statistics.median(walls), statistics.median(cpus) if cpus else None)


def bare_query(survey_key: str, period_text: str) -> Callable[[], object]:
    """The one GROUP BY over answers that the report needs, run on its own."""
    period = parse_period(period_text)
    trend = trend_buckets(period, default_trend_by(period))
    window = Window(period, previous_period(period), trend[0].start)
    subject = resolve_subject(db.session, survey_key)
    questions = {q.id for survey in subject.surveys for q in survey.questions()}
    trend_questions = {i.question for s in subject.surveys for i in s.indicators}
    keys = response_keys(subject.survey_ids, Filters(), window)
    keys = replace(keys, ids=id_range(count_responses(db.session, keys)))
    query = choice_counts_query(keys, questions, trend_questions)

    def run() -> object:
        with counting(db.session):
            return db.session.execute(query).all()

    return run


def plain_query(survey_key: str, period_text: str) -> Callable[[], object]:
    """The same rows counted by a plain GROUP BY in SQL, as someone would write it by hand."""
    period = parse_period(period_text)
    trend = trend_buckets(period, default_trend_by(period))
    start = min(trend[0].start, previous_period(period).start)
    surveys = tuple(resolve_subject(db.session, survey_key).survey_ids)
    answers = text(PLAIN_ANSWERS).bindparams(bindparam("surveys", expanding=True))
    themes = text(PLAIN_THEMES).bindparams(bindparam("surveys", expanding=True))
    reach = {"surveys": surveys, "start": at_midnight(start), "end": at_midnight(period.end)}
    scope = reach | {"start": at_midnight(period.start)}

    def run() -> object:
        return (
            db.session.execute(answers, reach).all(),
            db.session.execute(themes, scope).all(),
        )

    return run


def build(survey_key: str, period_text: str) -> Callable[[], object]:
    period = parse_period(period_text)
    return lambda: build_report(db.session, survey_key, period, Filters(), 10)


def main() -> None:
    # Loading by COPY takes longer than a web request may wait for a statement.
    os.environ.setdefault("SAYSO_DATABASE_STATEMENT_TIMEOUT", "600")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    args = parser.parse_args()
    with throwaway_database(SERVER, "sayso_bench") as url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
        with app.app_context():
            run(args.responses)
            db.session.remove()
            db.engine.dispose()


def run(count: int) -> None:
    from flask_migrate import upgrade

    upgrade()
    publish_directory(db.session, ROOT / "surveys")
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
    db.session.rollback()  # an open transaction would keep VACUUM from marking pages visible
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("response", "answer", "comment_coding", "comment_theme"):
            conn.execute(text(f"VACUUM ANALYZE {table}"))
    print(f"loaded {count:,} responses, {answers:,} answers and {coded:,} themed comments")
    print(f"in {loaded:.1f} s")
    heading = f"{'report':<38}{'build':>8}{'bare':>8}{'plain':>8}{'ratio':>7}"
    print(heading + f"{'cpu: build':>12}{'plain':>7}{'ratio':>7}")
    for survey_key, period_text in REPORTS:
        built = timed(build(survey_key, period_text))
        bare = timed(bare_query(survey_key, period_text))
        plain = timed(plain_query(survey_key, period_text))
        line = f"{survey_key + ' ' + period_text:<38}{built.wall:>7.2f}s{bare.wall:>7.2f}s"
        line += f"{plain.wall:>7.2f}s{built.wall / plain.wall:>7.2f}"
        if built.cpu is not None and plain.cpu is not None:
            line += f"{built.cpu:>11.2f}s{plain.cpu:>6.2f}s{built.cpu / plain.cpu:>7.2f}"
        print(line)
        db.session.rollback()


if __name__ == "__main__":
    main()
