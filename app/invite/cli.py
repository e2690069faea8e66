"""``sayso invite create``: one personal link from the command line."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from app.extensions import db
from app.invite.invitations import InvitationError, create_invitation, invitation_link
from app.invite.tasks import send_invitation_task
from app.tasks import enqueue

invite_cli = AppGroup("invite", help="Create personal feedback links.")


def _context(pairs: tuple[str, ...]) -> dict[str, str]:
    context = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not key=value", param_hint="--context")
        context[key.strip()] = value.strip()
    return context


@invite_cli.command("create")
@click.option("--survey", "survey_id", required=True, help="Survey id, e.g. lac-review-child.")
@click.option("--email", default=None, help="Send the link to this address.")
@click.option("--language", default="en", show_default=True, help="Language code, e.g. cy.")
@click.option(
    "--context",
    "pairs",
    multiple=True,
    metavar="KEY=VALUE",
    help="Context recorded with the response (repeatable), e.g. meeting_kind=lac_review.",
)
def create_command(
    survey_id: str, email: str | None, language: str, pairs: tuple[str, ...]
) -> None:
    """Create an invitation and print its link (and email it when --email is given)."""
    config = current_app.config
    try:
        new = create_invitation(
            db.session,
            survey_id=survey_id,
            key=config["SECRET_KEY"],
            days=int(config["SAYSO_INVITATION_DAYS"]),
            language=language,
            email=email,
            context=_context(pairs),
        )
    except InvitationError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    db.session.commit()
    if email:
        enqueue(send_invitation_task, new.invitation.id)
    click.echo(invitation_link(new.invitation, config["SECRET_KEY"], config["SAYSO_BASE_URL"]))
