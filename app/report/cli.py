"""``sayso report build``: print a participation report as JSON or CSV.

Only what the options need is imported here; the report's code is imported when a
report is built, so ``sayso report build --help`` answers at once."""

from __future__ import annotations

import json
import sys
from typing import NoReturn

import click
from flask import current_app
from flask.cli import AppGroup

from app.responses.filters import CODED_FILTERS, Filters

report_cli = AppGroup("report", help="Build participation reports.")


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(2)


def _team_id(slug: str | None) -> int | None:
    if slug is None:
        return None
    from sqlalchemy import select

    from app.auth.models import Team
    from app.extensions import db

    team_id = db.session.scalar(select(Team.id).where(Team.slug == slug))
    if team_id is None:
        _fail(f"There is no team with the slug {slug!r}.")
    return team_id


def _chair_id(email: str | None) -> int | None:
    if email is None:
        return None
    from sqlalchemy import func, select

    from app.auth.models import StaffUser
    from app.extensions import db

    chair_id = db.session.scalar(
        select(StaffUser.id).where(func.lower(StaffUser.email) == email.strip().lower())
    )
    if chair_id is None:
        _fail(f"There is no member of staff with the email address {email!r}.")
    return chair_id


@report_cli.command("build")
@click.option("--survey", "survey_key", required=True, help="A survey id or a family id.")
@click.option(
    "--period",
    "period_text",
    required=True,
    help="2026, 2026-Q3 or Q3 2026, 2026-07 or July 2026, FY2026/27 or 2026-27.",
)
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json")
@click.option("--team", "team_slug", help="Only this team's meetings (the team's slug).")
@click.option("--chair", "chair_email", help="Only meetings this person chaired (email).")
@click.option(
    "--audience", type=click.Choice(list(CODED_FILTERS["audience"])), help="Only this audience."
)
@click.option(
    "--age-band", type=click.Choice(list(CODED_FILTERS["age_band"])), help="Only this age band."
)
@click.option(
    "--language",
    type=click.Choice(list(CODED_FILTERS["language"])),
    help="Only answers given in this language (e.g. cy).",
)
@click.option("--threshold", type=int, help="Smallest count shown (at least the setting).")
def build_command(
    survey_key: str,
    period_text: str,
    fmt: str,
    team_slug: str | None,
    chair_email: str | None,
    audience: str | None,
    age_band: str | None,
    language: str | None,
    threshold: int | None,
) -> None:
    """Print the report for a survey or family over a period; small counts are hidden."""
    from app.auth.audit import record_event
    from app.extensions import db
    from app.report.build import UnknownSurvey, build_report
    from app.report.exports import write_csv
    from app.responses.disclosure import RequestTooFine
    from app.responses.periods import parse_period

    try:
        period = parse_period(period_text)
    except ValueError as exc:
        _fail(str(exc))
    configured = int(current_app.config["SAYSO_SUPPRESSION_THRESHOLD"])
    if threshold is not None and threshold < configured:
        _fail(f"--threshold cannot be below SAYSO_SUPPRESSION_THRESHOLD ({configured}).")
    filters = Filters(
        team_id=_team_id(team_slug),
        chair_id=_chair_id(chair_email),
        audience=audience,
        age_band=age_band,
        language=language,
    )
    try:
        report = build_report(db.session, survey_key, period, filters, threshold or configured)
    except (UnknownSurvey, RequestTooFine) as exc:
        _fail(str(exc))
    finally:
        db.session.rollback()
    if fmt == "csv":
        write_csv(report, sys.stdout)
    else:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    # A report taken away on the command line is on the record, as the page's downloads are.
    details = {"format": fmt, "period": period.label} | filters.as_dict()
    record_event(db.session, None, "report_export", "report", survey_key, details)
    db.session.commit()
