"""`sayso demo`: fill the database with synthetic responses to try the reports with."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app import clock
from app.coding.runs import code_new_comments
from app.demo.generate import generate_demo
from app.extensions import db


@click.command("demo")
@click.option("--responses", default=2000, show_default=True, help="How many responses.")
@click.option("--seed", default=7, show_default=True, help="The same seed gives the same data.")
@with_appcontext
def demo_command(responses: int, seed: int) -> None:
    """Add realistic synthetic responses (several questionnaires, languages, teams and two
    years), then theme their comments. Never run it on a council's live database."""
    try:
        made = generate_demo(db.session, responses, clock.utcnow().date(), seed)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from exc
    db.session.commit()
    coded = code_new_comments(db.session, max_batches=1000)
    db.session.commit()
    click.echo(f"Added {made} responses and themed {coded} comments.")
