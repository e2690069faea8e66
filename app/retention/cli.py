"""``sayso drafts purge``, ``sayso retention purge`` and ``sayso responses erase``.

The erase command joins the ``responses`` group where the app is put together.
"""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from app import clock
from app.extensions import db
from app.respond.drafts import purge_expired_drafts
from app.retention.purge import (
    ErasureRefused,
    PurgeCounts,
    RetentionSettings,
    count_expired,
    erase_response,
    purge_expired,
)

drafts_cli = AppGroup("drafts", help="Work with drafts (answers not yet sent).")
retention_cli = AppGroup("retention", help="Remove data past its retention period.")


@drafts_cli.command("purge")
def purge_command() -> None:
    """Delete drafts that have expired."""
    removed = purge_expired_drafts(db.session)
    db.session.commit()
    click.echo(f"Deleted {removed} expired drafts.")


@click.command("erase")
@click.option("--response", "response_id", type=int, required=True, help="The response's id.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase_command(response_id: int, yes: bool) -> None:
    """Erase one response at its respondent's request.

    Removes its answers, their themes and its place in emerging themes, so exports and
    reports no longer include it (stored reports of its survey are rebuilt). Prints
    counts, never content; audited as response_erased with the id only.

    A response that raised a safeguarding alert is part of the alert's record and is not
    erased: not while the alert is open (a safeguarding lead must close it), nor after it
    was closed. The nightly purge removes it with the alert SAYSO_ALERT_RETENTION_DAYS
    days after closing. Exit status 1, with the reason, when nothing was erased.
    """
    if not yes:
        click.confirm(
            _("Erase response %(id)s? This cannot be undone.", id=response_id), abort=True
        )
    try:
        erasure = erase_response(db.session, response_id, actor_id=None)
    except ErasureRefused as refused:
        db.session.rollback()
        click.echo(str(refused), err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(_("Erased response %(id)s.", id=response_id))
    click.echo(_("Answers removed: %(n)s", n=erasure.answers))
    click.echo(_("Themed comments removed: %(n)s", n=erasure.comment_codings))
    click.echo(_("Emerging themes changed: %(n)s", n=erasure.theme_candidates))
    click.echo(_("Stored reports to rebuild: %(n)s", n=erasure.report_snapshots))


@retention_cli.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what would be removed; remove nothing.")
def retention_purge_command(dry_run: bool) -> None:
    """Remove responses, closed safeguarding alerts, drafts and invitation email
    addresses past their retention periods (the nightly task does the same)."""
    settings = RetentionSettings.from_config(current_app.config)
    now = clock.utcnow()
    if dry_run:
        counts = count_expired(db.session, now, settings)
        db.session.rollback()
        click.echo(_("Would remove:"))
    else:
        counts = PurgeCounts()
        while True:
            batch = purge_expired(db.session, now, settings, max_batches=20)
            db.session.commit()
            counts.add(batch)
            if batch.finished:
                break
        click.echo(_("Removed:"))
    for line in _count_lines(counts):
        click.echo(f"  {line}")


def _count_lines(counts: PurgeCounts) -> list[str]:
    return [
        _("responses: %(n)s", n=counts.responses),
        _("answers: %(n)s", n=counts.answers),
        _("themed comments: %(n)s", n=counts.comment_codings),
        _("safeguarding alerts (closed): %(n)s", n=counts.alerts),
        _("alert notes: %(n)s", n=counts.alert_notes),
        _("drafts: %(n)s", n=counts.drafts),
        _("invitation email addresses: %(n)s", n=counts.invitation_emails),
        _("emerging themes changed: %(n)s", n=counts.theme_candidates),
    ]
