"""An attacker: every way the audit recovered a hidden count or a child's answer, replayed
against demo data on PostgreSQL through the command line, the API, the report pages, the
theme pages, a reviewing officer's feedback page and report emails.

The attacker knows the published rules (``docs/disclosure-control.md``): the threshold
and how far perturbation can move a count. Each attack turns what it reads into a claim:
"this hidden count lies between ``low`` and ``high``" (or "this child answered X"). A
claim is checked against the database; it is a **true recovery** when it pins the count
to one value (``low == high``) that is right and from 1 to the threshold − 1, or names a
child's answer rightly. Any true recovery fails the test.

Every attack recovered counts from the code before disclosure control (the same file
run against it is how the figures in ``docs/disclosure-control.md`` were found); the
counters each test prints show the attack really ran, not that it found nothing to try.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import func, select

from app.api.tokens import create_api_token
from app.auth.models import StaffUser, Team
from app.coding.runs import code_new_comments
from app.config import database_bounds
from app.demo.generate import generate_demo
from app.extensions import db
from app.responses.models import Answer, Response
from tests.auth.conftest import PASSWORD, make_staff
from tests.conftest import SURVEYS, empty_tables, make_app, publish
from tests.pages import get

try:  # the published bound; the code before disclosure control moved nothing
    from app.responses.disclosure import PERTURBATION_BOUND as BOUND
except ImportError:  # pragma: no cover - only when replayed against the old code
    BOUND = 0

pytestmark = [pytest.mark.postgres, pytest.mark.random_record_keys]

THRESHOLD = 10
TODAY = date(2026, 11, 20)
DEMO_RESPONSES = 2000
SURVEY = "lac-review-young-person"
OTHER_SURVEYS = ("cp-conference-family", "lac-review-professional")
MONTHS = ("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
LANGUAGES = ("cy", "ar", "pl")
SECRET = "test-secret-key-not-for-production"


@dataclass(frozen=True)
class Claim:
    """What an attack worked out about one hidden count, and the truth."""

    what: str
    low: int
    high: int
    truth: int

    @property
    def true_recovery(self) -> bool:
        return self.low == self.high == self.truth and 0 < self.truth < THRESHOLD


@dataclass
class World:
    app: Flask
    teams: dict[str, int]
    admin_token: str
    lead_tokens: dict[str, str]


@pytest.fixture(scope="module")
def world(postgres_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The demo data (2,000 responses over two years, three teams, six languages),
    themed, with an administrator and a lead per team, each holding an API token."""
    instance = tmp_path_factory.mktemp("attack-instance")
    # The attacker's many reports and the demo data's bulk inserts are not what a web
    # request's 3 s database bound protects; on a slow, busy machine they outlast it.
    app = make_app(
        postgres_database,
        str(instance),
        SAYSO_SUPPRESSION_THRESHOLD=THRESHOLD,
        SAYSO_DATABASE_BOUNDS=database_bounds({}, background=True),
    )
    with app.app_context():
        upgrade()
        empty_tables()
        for path in sorted(SURVEYS.glob("*.yaml")):
            publish(path)
        generate_demo(db.session, DEMO_RESPONSES, TODAY, seed=11)
        db.session.commit()
        code_new_comments(db.session, max_batches=1000)
        db.session.commit()
        teams = {t.slug: t.id for t in db.session.scalars(select(Team))}
        admin = make_staff("admin@example.org", "admin", team=None)
        admin_token = create_api_token(db.session, admin, "attack", SECRET).token
        lead_tokens = {}
        for slug in ("north", "south", "east"):
            lead = make_staff(f"lead@{slug}.example.org", "participation_lead", team=None)
            lead.team_id = teams[slug]
            lead_tokens[slug] = create_api_token(db.session, lead, "attack", SECRET).token
        db.session.commit()
        yield World(app, teams, admin_token, lead_tokens)
        empty_tables()
        db.engine.dispose()


# --- the truth, straight from the database ------------------------------------------


def _bounds(period: str) -> tuple[datetime, datetime]:
    """A period's first and last moment as the demo stores them (its answers fall between
    08:00 and 21:00, so UK and UTC midnights agree about every one of them)."""
    if ".." in period:
        first, last = (date.fromisoformat(p) for p in period.split(".."))
        return datetime.combine(first, time.min), datetime.combine(last + timedelta(1), time.min)
    if "-Q" in period:
        year, quarter = period.split("-Q")
        start = date(int(year), 3 * int(quarter) - 2, 1)
        months = 3
    else:
        year, month = period.split("-")
        start, months = date(int(year), int(month), 1), 1
    index = start.year * 12 + start.month - 1 + months
    end = date(index // 12, index % 12 + 1, 1)
    return datetime.combine(start, time.min), datetime.combine(end, time.min)


def _scope(survey: str, period: str, filters: dict[str, Any]) -> list[Any]:
    start, end = _bounds(period)
    clauses = [
        Response.survey_id == survey,
        Response.submitted_at >= start,
        Response.submitted_at < end,
    ]
    for name, value in filters.items():
        clauses.append(getattr(Response, name) == value)
    return clauses


def true_responses(survey: str, period: str, **filters: Any) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Response).where(*_scope(survey, period, filters))
    )


def true_choices(survey: str, period: str, question: str, **filters: Any) -> dict[str, int]:
    rows = db.session.execute(
        select(Answer.choice, func.count())
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_id == question, *_scope(survey, period, filters))
        .group_by(Answer.choice)
    )
    return {choice: count for choice, count in rows if choice is not None}


# --- the channels -------------------------------------------------------------------


def via_cli(world: World, survey: str, period: str, **filters: Any) -> dict[str, Any] | None:
    """``sayso report build --format json``; None when Sayso refuses the request."""
    args = ["report", "build", "--survey", survey, "--period", period]
    slugs = {team_id: slug for slug, team_id in world.teams.items()}
    for name, value in filters.items():
        if name == "team_id":
            args += ["--team", slugs[value]]
        else:
            args += [f"--{name.replace('_', '-')}", str(value)]
    result = world.app.test_cli_runner().invoke(args=args)
    return json.loads(result.stdout) if result.exit_code == 0 else None


def via_api(
    world: World, survey: str, period: str, token: str | None = None, **filters: Any
) -> dict[str, Any] | None:
    """``GET /api/v1/reports/...``; None when Sayso refuses the request."""
    query = {("team" if k == "team_id" else k): v for k, v in filters.items()}
    response = world.app.test_client().get(
        f"/api/v1/reports/{survey}/{period}",
        query_string=query,
        headers={"Authorization": f"Bearer {token or world.admin_token}"},
    )
    return response.get_json() if response.status_code == 200 else None


def signed_in(world: World, email: str = "admin@example.org") -> Any:
    client = world.app.test_client()
    page = get(client, "/staff/sign-in")
    page.form().submit(client, {"email": email, "password": PASSWORD})
    return client


def via_page_csv(client: Any, survey: str, period: str, **filters: Any) -> dict[str, Any] | None:
    """The report page's CSV download, read back into the JSON's shape (counts only)."""
    query = {("team" if k == "team_id" else k): v for k, v in filters.items()}
    response = client.get(f"/reports/{survey}/{period}.csv", query_string=query)
    if response.status_code != 200 or response.mimetype != "text/csv":
        return None
    report: dict[str, Any] = {"responses": None, "questions": []}
    questions: dict[str, dict[str, Any]] = {}
    for row in csv.DictReader(io.StringIO(response.get_data(as_text=True))):
        value = int(float(row["value"])) if row["value"] else None
        if row["section"] == "summary" and row["measure"] == "responses" and not row["breakdown"]:
            report["responses"] = value
        elif row["section"] == "question":
            q = questions.setdefault(row["id"], {"id": row["id"], "answered": None, "options": []})
            if row["measure"] == "answered":
                q["answered"] = value
            elif row["measure"] == "count":
                q["options"].append({"value": row["breakdown"], "count": value})
    report["questions"] = list(questions.values())
    return report


def _labels_to_values(survey: str) -> dict[str, str]:
    from app.survey.publishing import current_version, survey_for_version

    definition = survey_for_version(current_version(db.session, survey))
    return {
        str(o.label): o.value
        for q in definition.questions()
        if q.is_choice
        for o in q.all_options()
    }


def option_counts(report: dict[str, Any], question: str) -> dict[str, int | None]:
    found = next((q for q in report["questions"] if q["id"] == question), None)
    return {} if found is None else {o["value"]: o["count"] for o in found["options"]}


def answered(report: dict[str, Any], question: str) -> int | None:
    found = next((q for q in report["questions"] if q["id"] == question), None)
    return None if found is None else found["answered"]


def hidden_range(shown: int | None) -> tuple[int, int]:
    """What a shown figure says about the true count: ``shown`` ± the bound, or for
    "fewer than N", anything from 0 up to N − 1 + the bound."""
    if shown is None:
        return 0, THRESHOLD - 1 + BOUND
    return max(0, shown - BOUND), shown + BOUND


def difference(total: int | None, parts: list[int | None], known: tuple[int, int]) -> tuple:
    """The range a hidden part must lie in, given a total and the other parts."""
    if total is None or any(p is None for p in parts):
        return None
    spread = BOUND * (1 + len(parts))
    estimate = total - sum(parts)  # type: ignore[arg-type]
    low, high = max(known[0], estimate - spread), min(known[1], estimate + spread)
    return (low, high) if low <= high else None


def assert_no_true_recovery(claims: list[Claim], tried: int) -> None:
    recovered = [c for c in claims if c.true_recovery]
    print(f"tried {tried}, claims {len(claims)}, true recoveries {len(recovered)}")
    assert tried > 0, "the attack had nothing to try: the demo data did not load"
    assert not recovered, f"{len(recovered)} hidden counts recovered, e.g. {recovered[:3]}"


# --- the attacks --------------------------------------------------------------------


def test_one_report_with_all_but_one_option_at_zero_tells_nothing(world):
    """A hidden option whose siblings all show 0 is everyone's answer: tried over every
    month by team and by language, with team and language stacked, and over one-day
    periods, through the command line."""
    claims, tried = [], 0
    with world.app.app_context():
        questions = _choice_questions(SURVEY)
        scopes = [{}] + [{"team_id": t} for t in world.teams.values()]
        scopes += [{"language": lang} for lang in LANGUAGES]
        scopes += [{"team_id": t, "language": "cy"} for t in world.teams.values()]
        periods = [*MONTHS, "2026-09-29..2026-09-30", "2026-07-01..2026-07-03"]
        for period in periods:
            for filters in scopes:
                report = via_cli(world, SURVEY, period, **filters)
                tried += 1
                if report is None:
                    continue
                for question in questions:
                    counts = option_counts(report, question)
                    hidden = [v for v, c in counts.items() if c is None]
                    zeros = [v for v, c in counts.items() if c == 0]
                    if len(hidden) == 1 and len(zeros) == len(counts) - 1:
                        truth = true_choices(SURVEY, period, question, **filters)
                        everyone = sum(truth.values())
                        # "Everyone here answered X": true if nobody answered otherwise.
                        right = truth.get(hidden[0], 0) == everyone
                        claims.append(Claim(f"{period} {filters} {question}", 1, 1, int(right)))
    assert_no_true_recovery(claims, tried)


def _choice_questions(survey: str) -> list[str]:
    from app.survey.publishing import current_version, survey_for_version

    definition = survey_for_version(current_version(db.session, survey))
    return [q.id for q in definition.questions() if q.is_choice]


def test_theme_pages_give_no_exact_count_the_report_hides(world):
    """The report hides a theme; its theme page used to list "1 to 1 of 1"."""
    claims, tried = [], 0
    with world.app.app_context():
        client = signed_in(world)
        from app.coding.analysis import coding_theme_labels

        themes = list(coding_theme_labels(db.session))
        for period in MONTHS[-3:]:
            for slug, team_id in world.teams.items():
                report = via_api(world, "lac-review", period, team_id=team_id)
                tried += 1
                if report is None:
                    continue
                shown = {t["id"]: t["count"] for t in report["themes"]}
                for theme in themes:
                    if shown.get(theme) is not None:
                        continue  # shown in the report: nothing hidden to recover
                    page = client.get(
                        f"/reports/lac-review/{period}/themes/{theme}",
                        query_string={"team": team_id},
                    )
                    if page.status_code != 200:
                        continue
                    text = page.get_data(as_text=True)
                    total = _listed_total(text)
                    if total is None:
                        continue
                    truth = _true_theme_count(theme, period, team_id)
                    claims.append(Claim(f"{period} {slug} {theme}", *total, truth))
    assert_no_true_recovery(claims, tried)


def _listed_total(text: str) -> tuple[int, int] | None:
    exact = re.search(r"Comments \d+ to \d+ of (\d+)", text)
    if exact:
        return int(exact.group(1)), int(exact.group(1))
    about = re.search(r"counts about (\d+) comments", text)
    if about:
        return hidden_range(int(about.group(1)))
    return None


def _true_theme_count(theme: str, period: str, team_id: int) -> int:
    from app.coding.models import CommentCoding, CommentTheme
    from app.coding.summaries import effective_theme_rows

    start, end = _bounds(period)
    return db.session.scalar(
        select(func.count(func.distinct(CommentTheme.answer_id)))
        .join(CommentCoding, CommentCoding.answer_id == CommentTheme.answer_id)
        .join(Response, Response.id == CommentCoding.response_id)
        .where(
            CommentTheme.theme_id == theme,
            effective_theme_rows(),
            Response.survey_id.like("lac-review-%"),
            Response.submitted_at >= start,
            Response.submitted_at < end,
            Response.team_id == team_id,
        )
    )


def test_overlapping_periods_do_not_give_a_month_or_a_day_away(world):
    """A period minus the same period without its first or last day gives that day's
    answers; a quarter minus two of its months gives the third: through the API."""
    claims, tried = [], 0
    with world.app.app_context():
        questions = _choice_questions(SURVEY)
        for period in (*MONTHS, "2026-Q1", "2026-Q2", "2026-Q3"):
            start, end = (moment.date() for moment in _bounds(period))
            last = end - timedelta(days=1)
            for day, rest in (
                (last, f"{start}..{last - timedelta(days=1)}"),
                (start, f"{start + timedelta(days=1)}..{last}"),
            ):
                whole, most = via_api(world, SURVEY, period), via_api(world, SURVEY, rest)
                tried += 1
                if not (whole and most):
                    continue
                one_day = f"{day}..{day}"
                claims += _differences(whole, [most], None, one_day, {}, questions)
        for filters in [{}] + [{"team_id": t} for t in world.teams.values()]:
            reports = [via_api(world, SURVEY, p, **filters) for p in ("2026-Q3", *MONTHS[2:5])]
            tried += 1
            if all(reports):
                quarter, july, august, september = reports
                claims += _differences(
                    quarter, [july, august], september, "2026-09", filters, questions
                )
    assert_no_true_recovery(claims, tried)


def _differences(
    whole: dict[str, Any],
    parts: list[dict[str, Any]],
    target: dict[str, Any] | None,
    period: str,
    filters: dict[str, Any],
    questions: list[str],
) -> list[Claim]:
    """Claims about ``period`` (whole minus parts), for its responses and every option;
    ``target`` is what Sayso itself shows for ``period``, if it is a report of its own."""
    claims = []

    def known(count: int | None) -> tuple[int, int]:
        return hidden_range(count) if target is not None else (0, 10**6)

    found = difference(
        whole["responses"],
        [p["responses"] for p in parts],
        known(target["responses"] if target else None),
    )
    if found:
        truth = true_responses(SURVEY, period, **filters)
        claims.append(Claim(f"{period} {filters} responses", *found, truth))
    for question in questions:
        total, pieces = option_counts(whole, question), [option_counts(p, question) for p in parts]
        own = option_counts(target, question) if target else {}
        truth_counts = true_choices(SURVEY, period, question, **filters)
        for value, count in total.items():
            found = difference(count, [p.get(value) for p in pieces], known(own.get(value)))
            if found:
                what = f"{period} {filters} {question}={value}"
                claims.append(Claim(what, *found, truth_counts.get(value, 0)))
    return claims


def test_a_month_hidden_in_one_trend_is_not_shown_in_another(world):
    """The same month in the trends of different reports (a month, its quarter, the next
    quarter), pooled: a month hidden in one trend but shown in another, or the one month
    of a quarter that no trend shows, worked out from the quarter, through the CLI."""
    claims, tried = [], 0
    with world.app.app_context():
        for survey in (SURVEY, *OTHER_SURVEYS):
            for filters in [{}, *({"team_id": t} for t in world.teams.values())]:
                seen: dict[str, set[int | None]] = {}
                quarters: dict[str, int | None] = {}
                for period in ("2026-07", "2026-08", "2026-09", "2026-Q3", "2026-Q4", "2026"):
                    report = via_cli(world, survey, period, **filters)
                    tried += 1
                    if report is None:
                        continue
                    for point in report["trend"]:
                        seen.setdefault(point["period"], set()).add(point["responses"])
                    if "-Q" in period:
                        quarters[period] = report["responses"]
                shown = {label: _one_shown(values) for label, values in seen.items()}
                for label, values in seen.items():
                    if None in values and shown[label] is not None:
                        truth = true_responses(survey, label, **filters)
                        claims.append(
                            Claim(f"{survey} {label} {filters}", *hidden_range(shown[label]), truth)
                        )
                months = ("2026-07", "2026-08", "2026-09")
                for month in months:
                    others = [shown.get(m) for m in months if m != month]
                    found = difference(
                        quarters.get("2026-Q3"), others, hidden_range(shown.get(month))
                    )
                    if found:
                        truth = true_responses(survey, month, **filters)
                        claims.append(Claim(f"{survey} {month} from Q3 {filters}", *found, truth))
    assert_no_true_recovery(claims, tried)


def _one_shown(values: set[int | None]) -> int | None:
    shown = sorted(v for v in values if v is not None)
    return shown[0] if shown else None


def _everyone_and_each_team(world: World, period: str) -> tuple[dict, dict] | None:
    """The whole service's report for ``period`` (the administrator's token) and each
    team's, read by its own lead's token; None when Sayso refuses any of them."""
    everyone = via_api(world, SURVEY, period)
    by_team = {
        slug: via_api(world, SURVEY, period, token=token)
        for slug, token in world.lead_tokens.items()
    }
    if everyone is None or any(r is None for r in by_team.values()):
        return None
    return everyone, by_team


def test_all_teams_minus_the_other_teams_gives_no_team_away(world):
    """The whole service's figure minus each other team's, with every team's figure read
    by its own lead's API token, for every month, count and answer."""
    claims, tried = [], 0
    with world.app.app_context():
        questions = _choice_questions(SURVEY)
        for period in MONTHS:
            tried += 1
            if (everyone_and_teams := _everyone_and_each_team(world, period)) is None:
                continue
            everyone, by_team = everyone_and_teams
            for slug, team_id in world.teams.items():
                others = [r for s, r in by_team.items() if s != slug]
                mine = by_team[slug]
                found = difference(
                    everyone["responses"],
                    [r["responses"] for r in others],
                    hidden_range(mine["responses"]),
                )
                if found:
                    truth = true_responses(SURVEY, period, team_id=team_id)
                    claims.append(Claim(f"{period} {slug} responses", *found, truth))
                for question in questions:
                    total = option_counts(everyone, question)
                    parts = [option_counts(r, question) for r in others]
                    own = option_counts(mine, question)
                    truth_counts = true_choices(SURVEY, period, question, team_id=team_id)
                    for value in total:
                        found = difference(
                            total.get(value),
                            [p.get(value) for p in parts],
                            hidden_range(own.get(value)),
                        )
                        if found:
                            claims.append(
                                Claim(
                                    f"{period} {slug} {question}={value}",
                                    *found,
                                    truth_counts.get(value, 0),
                                )
                            )
    assert_no_true_recovery(claims, tried)


def test_a_filter_against_its_complement_gives_no_remainder_away(world):
    """A team against the same team in English gives the team's other languages; and
    everyone against English, read from the report page's CSV download."""
    claims, tried = [], 0
    with world.app.app_context():
        client = signed_in(world)
        questions = _choice_questions(SURVEY)
        labels = _labels_to_values(SURVEY)
        for period in MONTHS:
            pairs = [
                ({"team_id": t}, {"team_id": t, "language": "en"}) for t in world.teams.values()
            ]
            pairs.append(({}, {"language": "en"}))
            for whole_filters, part_filters in pairs:
                whole = via_page_csv(client, SURVEY, period, **whole_filters)
                part = via_page_csv(client, SURVEY, period, **part_filters)
                tried += 1
                if whole is None or part is None:
                    continue
                rest = {k: v for k, v in whole_filters.items()}
                not_english = _true_not_english(period, rest)
                found = difference(whole["responses"], [part["responses"]], (0, 10**6))
                if found:
                    claims.append(Claim(f"{period} {rest} not English", *found, not_english[None]))
                for question in questions:
                    w, p = option_counts(whole, question), option_counts(part, question)
                    for label, count in w.items():
                        found = difference(count, [p.get(label)], (0, 10**6))
                        value = labels.get(label, label)
                        if found:
                            truth = not_english.get((question, value), 0)
                            claims.append(
                                Claim(f"{period} {rest} {question}={value}", *found, truth)
                            )
    assert_no_true_recovery(claims, tried)


def _true_not_english(period: str, filters: dict[str, Any]) -> dict[Any, int]:
    scope = [*_scope(SURVEY, period, filters), Response.language != "en"]
    found: dict[Any, int] = {
        None: db.session.scalar(select(func.count()).select_from(Response).where(*scope))
    }
    for question, choice, count in db.session.execute(
        select(Answer.question_id, Answer.choice, func.count())
        .join(Response, Response.id == Answer.response_id)
        .where(*scope)
        .group_by(Answer.question_id, Answer.choice)
    ):
        found[(question, choice)] = count
    return found


def test_report_emails_give_no_team_away_by_subtraction(world):
    """The monthly email to the whole service minus the emails to each team's lead."""
    from app.report.subscriptions import send_report_email, subscribe

    claims, tried = [], 0
    with world.app.app_context():
        readers = {
            "all": db.session.scalar(
                select(StaffUser).where(StaffUser.email == "admin@example.org")
            )
        }
        for slug in world.teams:
            readers[slug] = db.session.scalar(
                select(StaffUser).where(StaffUser.email == f"lead@{slug}.example.org")
            )
        outbox = world.app.instance_path
        numbers: dict[str, int | None] = {}
        for name, user in readers.items():
            subscription = subscribe(db.session, user, SURVEY, "monthly")
            db.session.commit()
            if subscription is None:
                continue
            send_report_email(db.session, subscription.id, TODAY)
            db.session.commit()
            numbers[name] = _responses_in_latest_email(outbox, user.email)
            tried += 1
        for slug, team_id in world.teams.items():
            others = [numbers[s] for s in world.teams if s != slug]
            found = difference(numbers.get("all"), others, hidden_range(numbers.get(slug)))
            if found:
                truth = true_responses(SURVEY, "2026-10", team_id=team_id)
                claims.append(Claim(f"email October {slug}", *found, truth))
    assert_no_true_recovery(claims, tried)


def _responses_in_latest_email(instance_path: str, to: str) -> int | None:
    from email import message_from_bytes
    from pathlib import Path

    for path in sorted(Path(instance_path, "mail").glob("*.eml")):
        message = message_from_bytes(path.read_bytes())
        if message["To"] != to:
            continue
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                body = part.get_payload(decode=True).decode()
                match = re.search(r"Responses: (\d+|fewer than \d+)", body)
                if match and match.group(1).isdigit():
                    return int(match.group(1))
                return None
    return None


def test_a_reviewing_officer_cannot_see_one_childs_answer_by_looking_twice(world, monkeypatch):
    """The officer reads their feedback, the one child from a known meeting answers, and
    the officer reads it again: nothing on the page may change."""
    from app import clock
    from tests.report.factories import make_invitation, make_meeting, respond

    with world.app.app_context():
        team = db.session.get(Team, world.teams["north"])
        chair = make_staff("officer@example.org", "iro", team=None)
        chair.team_id = team.id
        db.session.commit()
        # 36 answers last quarter (the window the page covers), 12 more this quarter.
        for index in range(48):
            at = datetime(2026, 8, 3, 10) if index < 36 else datetime(2026, 10, 5, 10)
            meeting = make_meeting(team=team, chair=chair, child_age=14)
            answer = "agree" if index % 3 else "disagree"
            invitation = make_invitation(SURVEY, meeting=meeting)
            respond(SURVEY, {"felt_listened_to": answer}, at, invitation=invitation)
        db.session.commit()
        monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 11, 20, 12))
        client = signed_in(world, "officer@example.org")
        before = _feedback_figures(client)
        meeting = make_meeting(team=team, chair=chair, child_age=14)
        invitation = make_invitation(SURVEY, meeting=meeting)
        respond(
            SURVEY,
            {"felt_listened_to": "strongly_disagree"},
            datetime(2026, 11, 20, 11),
            invitation=invitation,
        )
        db.session.commit()
        after = _feedback_figures(client)
    print(f"before {before}, after {after}")
    assert before, "the page showed no figures to compare"
    # Any change would be the one child's answer (count up by one, percentage down).
    assert before == after


def _feedback_figures(client: Any) -> list[str]:
    text = get(client, "/staff/my-feedback").text()
    return re.findall(r"\d+%|about \d+|Based on \d+", text)


def test_asking_again_gives_the_same_figures_so_nothing_averages_out(world):
    """The same report through the command line, the API and the CSV download shows the
    same numbers every time: no fresh noise to average away."""
    with world.app.app_context():
        client = signed_in(world)
        team_id = world.teams["south"]
        cli = [via_cli(world, SURVEY, "2026-Q3", team_id=team_id) for _ in range(3)]
        api = [via_api(world, SURVEY, "2026-Q3", team_id=team_id) for _ in range(3)]
        page = via_page_csv(client, SURVEY, "2026-Q3", team_id=team_id)
    assert cli[0] is not None and page is not None
    figures = [(r["responses"], [q["answered"] for q in r["questions"]]) for r in cli + api]
    assert len(set(map(repr, figures))) == 1
    assert page["responses"] == cli[0]["responses"]


def test_a_band_tells_no_more_than_fewer_than_the_threshold(world):
    """A banded indicator ("90% or more") is combined with everything else the same
    report shows (the number answering, each option's count) to pin down the hidden side,
    over every month and quarter, by team and by language. Each band must also be true."""
    from app.survey.publishing import current_version, survey_for_version

    claims, tried, banded = [], 0, 0
    with world.app.app_context():
        surveys = (SURVEY, *OTHER_SURVEYS)
        definitions = {s: survey_for_version(current_version(db.session, s)) for s in surveys}
        scopes = [{}] + [{"team_id": t} for t in world.teams.values()]
        scopes += [{"language": lang} for lang in LANGUAGES]
        for survey in surveys:
            for period in (*MONTHS, "2026-Q2", "2026-Q3"):
                for filters in scopes:
                    report = via_cli(world, survey, period, **filters)
                    tried += 1
                    if report is None:
                        continue
                    for item in report["indicators"]:
                        if item["at_least"] is None and item["at_most"] is None:
                            continue
                        banded += 1
                        indicator = next(
                            i for i in definitions[survey].indicators if i.id == item["id"]
                        )
                        truth = true_choices(survey, period, indicator.question, **filters)
                        whole = sum(truth.values())
                        part = sum(truth.get(v, 0) for v in indicator.positive)
                        percent = 100.0 * part / whole
                        # The band is true, and never says all or none.
                        if item["at_least"] is not None:
                            assert item["at_least"] <= percent, (period, filters, item)
                            assert item["at_least"] < 100
                        if item["at_most"] is not None:
                            assert item["at_most"] > 0 and percent <= item["at_most"]
                        claims.append(
                            _band_claim(report, item, indicator, (period, filters), part, whole)
                        )
    print(f"banded indicators {banded}")
    assert_no_true_recovery(claims, tried)


def _band_claim(report, item, indicator, where, part, whole) -> Claim:
    """The narrowest range for the hidden side: from the band and the shown base, and
    from the shown base less the shown options on the other side."""
    shown_whole = item["answered"]
    counts = option_counts(report, indicator.question)
    hidden_is_rest = item["at_least"] is not None
    truth = whole - part if hidden_is_rest else part
    low, high = hidden_range(None)
    share = (100 - item["at_least"]) if hidden_is_rest else item["at_most"]
    high = min(high, int(share / 100 * (shown_whole + BOUND)))
    side = [c for v, c in counts.items() if (v in indicator.positive) == hidden_is_rest]
    found = difference(shown_whole, side, (low, high))
    if found is not None:
        low, high = found
    return Claim(f"{where} {item['id']} band", low, high, truth)


# --- a ranking question's averages ------------------------------------------------------

RANKING = "what_matters_where_you_live"
QUARTERS = {"2026-Q2": ("2026-04", "2026-05", "2026-06"), "2026-Q3": MONTHS[2:5]}


@dataclass(frozen=True)
class RankClaim:
    """What an attack worked out about the positions a hidden group gave one option,
    added up (one child's position, when the group is one child), and the truth."""

    what: str
    low: int
    high: int
    truth: int
    people: int

    @property
    def true_recovery(self) -> bool:
        return self.low == self.high == self.truth and 0 < self.people < THRESHOLD


def _ranked(report: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    found = next((q for q in (report or {}).get("questions", []) if q["id"] == RANKING), None)
    return {} if found is None else {o["value"]: o for o in found["average_ranks"]}


def rank_total_range(option: dict[str, Any] | None, places: int) -> tuple[int, int] | None:
    """What a shown average and count say about the positions' true sum, knowing the
    published rules: the count moved by at most the bound, the sum by at most the bound
    times the middle position, the average rounded to one decimal and kept within 1 to
    ``places``. None when the average is not shown."""
    if not option or option["average"] is None or option["ranked"] is None:
        return None
    middle = (places + 1) / 2
    people_low, people_high = max(1, option["ranked"] - BOUND), option["ranked"] + BOUND
    mean_low, mean_high = option["average"] - 0.05, option["average"] + 0.05
    if option["average"] <= 1:
        mean_low = 1 - BOUND * middle
    if option["average"] >= places:
        mean_high = places + BOUND * middle
    low = max(people_low, mean_low * people_low - BOUND * middle)
    high = min(places * people_high, mean_high * people_high + BOUND * middle)
    return int(-(-low // 1)), int(high // 1)


def true_rank_total(period: str, option: str, **filters: Any) -> tuple[int, int]:
    """The positions given to ``option`` in the scope, added up, and by how many people."""
    total, people = db.session.execute(
        select(func.coalesce(func.sum(Answer.number), 0), func.count())
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.question_id == RANKING, Answer.choice == option)
        .where(*_scope(SURVEY, period, filters))
    ).one()
    return int(total), people


def _rank_differences(
    whole: dict[str, Any], parts: list[dict[str, Any]], target: dict[str, Any], what: str
) -> list[tuple[str, str, int, int]]:
    """For each option the target hides: the range its positions' sum must lie in, from
    the whole's sum minus the parts' sums."""
    places = len(_ranked(whole)) or 1
    found = []
    for value, option in _ranked(target).items():
        if option["average"] is not None:
            continue  # shown: nothing hidden to recover
        total = rank_total_range(_ranked(whole).get(value), places)
        pieces = [rank_total_range(_ranked(p).get(value), places) for p in parts]
        if total is None or any(p is None for p in pieces):
            continue
        people_low, people_high = hidden_range(option["ranked"])
        low = max(total[0] - sum(p[1] for p in pieces), people_low)
        high = min(total[1] - sum(p[0] for p in pieces), places * people_high)
        if low <= high:
            found.append((f"{what} {value}", value, low, high))
    return found


def test_ranking_averages_give_no_hidden_groups_positions_away(world):
    """A ranking question's average positions, differenced: a quarter's sums minus two
    of its months' give the third month's; the whole service's minus the other teams'
    give a team's. Each average and count is turned back into the range its sum must lie
    in, by the published rules; a hidden group's sum pinned to its true value, or one
    child's position, would be a true recovery."""
    claims, tried, narrowest = [], 0, None
    with world.app.app_context():
        scopes = [{}] + [{"team_id": t} for t in world.teams.values()]
        scopes += [{"language": code} for code in LANGUAGES]
        for quarter, months in QUARTERS.items():
            for filters in scopes:
                whole = via_api(world, SURVEY, quarter, **filters)
                by_month = [via_api(world, SURVEY, m, **filters) for m in months]
                tried += 1
                if whole is None or any(r is None for r in by_month):
                    continue
                for hidden in range(3):
                    others = [r for i, r in enumerate(by_month) if i != hidden]
                    what = f"{months[hidden]} {filters}"
                    for label, value, low, high in _rank_differences(
                        whole, others, by_month[hidden], what
                    ):
                        truth, people = true_rank_total(months[hidden], value, **filters)
                        claims.append(RankClaim(label, low, high, truth, people))
        for period in MONTHS:
            tried += 1
            if (everyone_and_teams := _everyone_and_each_team(world, period)) is None:
                continue
            everyone, by_team = everyone_and_teams
            for slug, team_id in world.teams.items():
                others = [r for s, r in by_team.items() if s != slug]
                for label, value, low, high in _rank_differences(
                    everyone, others, by_team[slug], f"{period} {slug}"
                ):
                    truth, people = true_rank_total(period, value, team_id=team_id)
                    claims.append(RankClaim(label, low, high, truth, people))
    for claim in claims:
        width = claim.high - claim.low
        narrowest = width if narrowest is None else min(narrowest, width)
    print(f"narrowest range a hidden group's positions were pinned to: {narrowest}")
    assert_no_true_recovery(claims, tried)
