"""``sayso users create`` and ``sayso users set-password-link``."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from app.auth.accounts import (
    AccountError,
    create_account,
    find_account,
    issue_set_password_link,
    set_password,
)
from app.auth.models import StaffUser
from app.auth.roles import ROLES
from app.extensions import db

users_cli = AppGroup("users", help="Manage staff accounts.")


@users_cli.command("create")
@click.option("--email", required=True, help="The person's work email address.")
@click.option("--role", required=True, type=click.Choice(list(ROLES)), help="What they can do.")
@click.option("--team", "team_name", help="Team name or slug; created if it does not exist.")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from standard input instead of printing a set-password link.",
)
def create_command(email: str, role: str, team_name: str | None, password_stdin: bool) -> None:
    """Create a staff account and print a one-time link to set its password."""
    try:
        user = create_account(db.session, email, role, team_name)
        if password_stdin:
            set_password(db.session, user, _password_from_stdin())
    except AccountError as error:
        db.session.rollback()
        click.echo(str(error), err=True)
        sys.exit(1)
    link = None if password_stdin else _set_password_url(user)
    db.session.commit()
    click.echo(f"Created {ROLES[role].lower()} account {user.id}.")
    if link:
        click.echo("Send this link to the person; it works once, for 72 hours:")
        click.echo(link)


@users_cli.command("set-password-link")
@click.option("--email", required=True, help="The account's email address.")
def set_password_link_command(email: str) -> None:
    """Print a new one-time link to (re)set an account's password."""
    user = find_account(db.session, email)
    if user is None or not user.is_active:
        click.echo("There is no active account with that email address.", err=True)
        sys.exit(1)
    link = _set_password_url(user)
    db.session.commit()
    click.echo(link)


def _set_password_url(user: StaffUser) -> str:
    token = issue_set_password_link(db.session, user)
    return f"{current_app.config['SAYSO_BASE_URL']}/staff/set-password/{token}"


def _password_from_stdin() -> str:
    # Only the line ending is removed: spaces at either end are part of a passphrase.
    return sys.stdin.readline().rstrip("\r\n")
