"""The ``sayso`` command: Flask's CLI for the Sayso app (``flask --app app`` works too).

Command groups are registered on ``app.cli`` by :func:`app.create_app`, so both entry
points offer the same commands.
"""

from __future__ import annotations

from flask.cli import FlaskGroup

from app import create_app

cli = FlaskGroup(
    create_app=create_app, help="Sayso: survey and feedback for children's social care."
)


def main() -> None:
    cli()
