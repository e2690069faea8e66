"""``sayso responses export``: every submitted response of a survey, as JSON lines or CSV."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from app.auth.audit import record_event
from app.extensions import db
from app.responses.export import export_csv, export_jsonl
from app.survey.models import Survey

responses_cli = AppGroup("responses", help="Work with submitted responses.")


@responses_cli.command("export")
@click.option("--survey", "survey_id", required=True, help="Survey id, e.g. lac-review-child.")
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True
)
def export_command(survey_id: str, fmt: str) -> None:
    """Print every submitted response with its answers (free text included)."""
    if db.session.get(Survey, survey_id) is None:
        click.echo(f"No survey called {survey_id!r} has been published.", err=True)
        sys.exit(1)
    out = sys.stdout
    count = (export_csv if fmt == "csv" else export_jsonl)(db.session, survey_id, out)
    # Free text leaves the service here, so who took it, and how much, is on the record.
    details = {"format": fmt, "responses": count}
    record_event(db.session, None, "responses_export", "survey", survey_id, details)
    db.session.commit()
    click.echo(f"Exported {count} responses.", err=True)
