"""Disclosure control on demo data: randomised attacks, and how much a lead still sees.

Loads the demo data (``sayso demo``: 2,000 responses over two years, three teams, six
languages) into a throwaway PostgreSQL database, then:

1. runs ``--searches`` randomised attack searches, each on a random questionnaire,
   quarter and team: the quarter minus two of its months (for the third), all teams
   minus the other two (for the third), and everyone minus English (for the rest),
   for responses and every answer option. Each search turns what the reports show into
   a range for the hidden count, knowing the published perturbation bound, and checks
   it against the database. A **true recovery** pins a count from 1 to threshold − 1
   to its true value. Goal: 0;
2. counts the share of cells a participation lead sees for one team's quarter, after
   (the reports as built now) and before (the rule reports used until now: counts from
   1 to threshold − 1 hidden, zeros shown, secondary suppression so a hidden count of
   a group with a shown total cannot be worked out; re-implemented here, on the same
   true counts, so both figures come from the same run).

    python bench/disclosure_bench.py [--searches 200] [--responses 2000] [--seed 5]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app import create_app  # noqa: E402
from app.auth.models import Team  # noqa: E402
from app.demo.generate import generate_demo  # noqa: E402
from app.extensions import db  # noqa: E402
from app.report.build import build_report  # noqa: E402
from app.responses.disclosure import PERTURBATION_BOUND  # noqa: E402
from app.responses.filters import Filters  # noqa: E402
from app.responses.models import Answer, Response  # noqa: E402
from app.responses.periods import Period, month_period, parse_period, utc_boundary  # noqa: E402
from app.responses.shape import Report  # noqa: E402
from app.responses.subjects import resolve_subject  # noqa: E402
from app.survey.publishing import publish_directory  # noqa: E402
from tests.databases import throwaway_database  # noqa: E402

SERVER = os.environ.get("SAYSO_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1/test")
THRESHOLD = 10
TODAY = date(2026, 11, 20)
QUARTERS = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
SURVEYS = [
    "lac-review-young-person",
    "lac-review-child",
    "lac-review-parent-carer",
    "lac-review-professional",
    "cp-conference-family",
    "cp-conference-professional",
    "care-leaver-accommodation",
]


@dataclass
class Tally:
    claims: int = 0
    true_recoveries: int = 0


def report(survey: str, period: Period, **filters: Any) -> Report:
    return build_report(db.session, survey, period, Filters(**filters), THRESHOLD)


def true_count(
    survey: str | tuple[str, ...], period: Period, question: str | None, value: str | None, **f: Any
) -> int:
    """The database's own count for responses (``question`` None) or one answer."""
    surveys = (survey,) if isinstance(survey, str) else survey
    scope = [
        Response.survey_id.in_(surveys),
        Response.submitted_at >= utc_boundary(period.start),
        Response.submitted_at < utc_boundary(period.end),
        *(getattr(Response, k) == v if k != "not_language" else Response.language != v
          for k, v in f.items()),
    ]  # fmt: skip
    if question is None:
        return db.session.scalar(select(func.count()).select_from(Response).where(*scope))
    return db.session.scalar(
        select(func.count())
        .select_from(Answer)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_id == question, Answer.choice == value, *scope)
    )


def cells(built: Report) -> dict[str, int | None]:
    """Every count a report shows, by name: responses and each question's."""
    found: dict[str, int | None] = {"responses": built.responses}
    for q in built.questions:
        found[f"{q.survey}|{q.id}|"] = q.answered
        for o in q.options:
            found[f"{q.survey}|{q.id}|{o.value}"] = o.count
    return found


def known_range(shown: int | None) -> tuple[int, int]:
    if shown is None:
        return 0, THRESHOLD - 1 + PERTURBATION_BOUND
    return max(0, shown - PERTURBATION_BOUND), shown + PERTURBATION_BOUND


def judge(
    tally: Tally,
    whole: dict[str, int | None],
    parts: list[dict[str, int | None]],
    own: dict[str, int | None] | None,
    truth: Any,
) -> None:
    """Claim a range for every hidden cell that whole − parts bounds; check each."""
    for name, total in whole.items():
        values = [p.get(name) for p in parts]
        if total is None or any(v is None for v in values):
            continue
        estimate = total - sum(values)  # type: ignore[arg-type]
        spread = PERTURBATION_BOUND * (1 + len(values))
        low, high = (0, 10**6) if own is None else known_range(own.get(name))
        low, high = max(low, estimate - spread), min(high, estimate + spread)
        if low > high or name.endswith("|"):
            continue
        tally.claims += 1
        if low == high:
            _survey, question, value = name.split("|") if "|" in name else ("", None, None)
            real = truth(question, value)
            if low == real and 0 < real < THRESHOLD:
                tally.true_recoveries += 1


def search(rng: random.Random, teams: list[int], tally: Tally) -> None:
    """One randomised search: three attack families on a random questionnaire and quarter."""
    survey, quarter = rng.choice(SURVEYS), parse_period(rng.choice(QUARTERS))
    team = rng.choice(teams)
    months = [month_period(quarter.start.year, quarter.start.month + n) for n in range(3)]
    target = rng.randrange(3)
    whole = cells(report(survey, quarter, team_id=team))
    parts = [cells(report(survey, m, team_id=team)) for i, m in enumerate(months) if i != target]
    own = cells(report(survey, months[target], team_id=team))

    def in_month(question: str | None, value: str | None) -> int:
        return true_count(survey, months[target], question, value, team_id=team)

    judge(tally, whole, parts, own, in_month)
    month = rng.choice(months)
    everyone = cells(report(survey, month))
    others = [cells(report(survey, month, team_id=t)) for t in teams if t != team]
    mine = cells(report(survey, month, team_id=team))

    def in_team(question: str | None, value: str | None) -> int:
        return true_count(survey, month, question, value, team_id=team)

    judge(tally, everyone, others, mine, in_team)
    english = cells(report(survey, month, language="en"))

    def not_english(question: str | None, value: str | None) -> int:
        return true_count(survey, month, question, value, not_language="en")

    judge(tally, everyone, [english], None, not_english)


def shares(survey: str, period: Period, team: int) -> tuple[float, float, int]:
    """The share of a team's quarter's cells shown: before (the old rule, here on the
    true counts) and after (the report as built now)."""
    after = cells(report(survey, period, team_id=team))
    surveys = resolve_subject(db.session, survey).survey_ids
    true = {"responses": true_count(surveys, period, None, None, team_id=team)}
    for name in after:
        if name == "responses":
            continue
        one, question, value = name.split("|")
        if value:
            true[name] = true_count(one, period, question, value, team_id=team)
        else:
            true[name] = true_answered(one, period, question, team)
    built = report(survey, period, team_id=team)
    before = legacy_shown(true, built)
    shown_after = sum(v is not None for v in after.values())
    return before, shown_after, len(after)


def true_answered(survey: str, period: Period, question: str, team: int) -> int:
    return db.session.scalar(
        select(func.count(func.distinct(Answer.response_id)))
        .join(Response, Response.id == Answer.response_id)
        .where(
            Answer.question_id == question,
            Response.survey_id == survey,
            Response.team_id == team,
            Response.submitted_at >= utc_boundary(period.start),
            Response.submitted_at < utc_boundary(period.end),
        )
    )


def legacy_shown(true: dict[str, int], built: Report) -> int:
    """How many of these cells the rule used until now would show (see the docstring)."""

    def small(n: int) -> bool:
        return 0 < n < THRESHOLD

    if small(true["responses"]):
        return 0
    shown = 1
    for q in built.questions:
        answered = true[f"{q.survey}|{q.id}|"]
        if small(answered):
            continue
        options = {o.value: true[f"{q.survey}|{q.id}|{o.value}"] for o in q.options}
        hidden = {v for v, n in options.items() if small(n)}
        if q.type == "multiple_choice":
            hidden |= {v for v, n in options.items() if small(answered - n)}
        else:
            while hidden and not (
                len(hidden) >= 2 and sum(options[v] for v in hidden) >= THRESHOLD
            ):
                rest = [v for v in options if v not in hidden and options[v] > 0]
                if not rest:
                    hidden = set(options)
                    break
                hidden.add(min(rest, key=options.__getitem__))
            if hidden == set(options) and options:
                continue  # the answered count is hidden too
        shown += 1 + len(options) - len(hidden)
    return shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--responses", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    with throwaway_database(SERVER, "sayso_disclosure_bench") as url:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "SAYSO_REDIS_URL": None}
        )
        with app.app_context():
            upgrade()
            publish_directory(db.session, ROOT / "surveys")
            generate_demo(db.session, args.responses, TODAY, seed=7)
            db.session.commit()
            teams = list(db.session.scalars(select(Team.id).order_by(Team.id)))
            rng = random.Random(args.seed)
            tally = Tally()
            for _ in range(args.searches):
                search(rng, teams, tally)
            print(f"randomised searches: {args.searches}")
            print(f"claims about hidden counts: {tally.claims}")
            print(f"true recoveries: {tally.true_recoveries} (goal 0)")
            quarter = parse_period("2026-Q3")
            sums = [0, 0, 0]
            for survey in ("lac-review", "cp-conference", *SURVEYS):
                before, after, total = shares(survey, quarter, teams[0])
                if survey in ("lac-review", "cp-conference"):
                    sums = [sums[0] + before, sums[1] + after, sums[2] + total]
                print(
                    f"{survey} team {teams[0]} 2026-Q3: cells {total}, shown before "
                    f"{before} ({100 * before / total:.0f}%), after {after} "
                    f"({100 * after / total:.0f}%)"
                )
            before, after, total = sums
            print(
                f"both families, team {teams[0]} 2026-Q3: cells {total}, shown before {before} "
                f"({100 * before / total:.0f}%), after {after} ({100 * after / total:.0f}%)"
            )
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
