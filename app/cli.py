"""The ``sayso`` command: Flask's CLI with Sayso's own command groups."""

from __future__ import annotations

from flask.cli import FlaskGroup

from app import create_app
from app.respond.cli import drafts_cli, responses_cli
from app.survey.cli import surveys_cli

cli = FlaskGroup(create_app=create_app, help="Sayso: survey and feedback for children's social care.")
for group in (surveys_cli, responses_cli, drafts_cli):
    cli.add_command(group)


def main() -> None:
    cli()
