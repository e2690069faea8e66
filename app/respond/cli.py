"""``sayso responses export`` and ``sayso drafts purge``."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from app.auth.audit import record_event
from app.extensions import db
from app.respond.drafts import purge_expired_drafts
from app.respond.export import export_csv, export_jsonl
from app.survey.models import Survey

responses_cli = AppGroup("responses", help="Work with submitted responses.")
drafts_cli = AppGroup("drafts", help="Work with drafts (answers not yet sent).")


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


@drafts_cli.command("purge")
def purge_command() -> None:
    """Delete drafts that have expired."""
    removed = purge_expired_drafts(db.session)
    db.session.commit()
    click.echo(f"Deleted {removed} expired drafts.")
