"""``sayso surveys check`` and ``sayso surveys publish``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.extensions import db
from app.survey.loader import DefinitionError, check_paths
from app.survey.publishing import publish_directory

surveys_cli = AppGroup("surveys", help="Check and publish survey definitions.")


@surveys_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check_command(paths: tuple[Path, ...]) -> None:
    """Validate definitions (default: the surveys folder); exit 1 listing every problem."""
    targets = list(paths) or [Path(current_app.config["SAYSO_SURVEYS_DIR"])]
    missing = [p for p in targets if not p.exists()]
    for path in missing:
        click.echo(f"{path}:1: no such file or folder", err=True)
    problems = check_paths([p for p in targets if p.exists()])
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems or missing:
        sys.exit(1)
    click.echo("All survey definitions are valid.")


@surveys_cli.command("publish")
def publish_command() -> None:
    """Load definitions from the surveys folder; a new version only when content changed."""
    directory = Path(current_app.config["SAYSO_SURVEYS_DIR"])
    try:
        results = publish_directory(db.session, directory)
    except DefinitionError as exc:
        db.session.rollback()
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    db.session.commit()
    for result in results:
        state = "published" if result.changed else "unchanged"
        click.echo(f"{result.survey_id}: version {result.version} ({state})")
