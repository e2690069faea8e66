"""The ``sayso`` command: Flask's CLI for the Sayso app (``flask --app app`` works too).

Command groups are registered on ``app.cli`` by :func:`app.create_app`, so both entry
points offer the same commands.
"""

from __future__ import annotations

from flask import Flask
from flask.cli import FlaskGroup

from app import create_app


def create_background_app() -> Flask:
    """The app as the command line needs it: migrations and reports may take minutes,
    and the screen's files load when a command first screens something."""
    return create_app(background=True, load_screen_now=False)


cli = FlaskGroup(
    create_app=create_background_app,
    help="Sayso: survey and feedback for children's social care.",
)


def main() -> None:
    cli()
