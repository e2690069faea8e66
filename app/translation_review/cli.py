"""``sayso translations review-export|review-import``: a language's catalogs as a review
spreadsheet for a native speaker, and their corrections back (see sheets.py)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app import clock
from app.languages import KNOWN
from app.translation_review.sheets import ReviewError, export_review, import_review

translations_cli = AppGroup("translations", help="Native-speaker review of translations.")


def _root() -> Path:
    return Path(current_app.root_path) / current_app.config["BABEL_TRANSLATION_DIRECTORIES"]


def _language(code: str) -> str:
    if code not in KNOWN or code == "en":
        raise click.BadParameter(f"one of {', '.join(c for c in KNOWN if c != 'en')}")
    return code


@translations_cli.command("review-export")
@click.option("--language", required=True, callback=lambda _c, _p, v: _language(v))
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def review_export(language: str, output: Path | None) -> None:
    """Write every string of LANGUAGE with its context to a spreadsheet (.xlsx)."""
    target = output or _root() / "review" / f"{language}.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    export_review(_root(), language).save(target)
    click.echo(f"Wrote {target}: fill in 'Reviewed translation' where a string should change.")


@translations_cli.command("review-import")
@click.option("--language", required=True, callback=lambda _c, _p, v: _language(v))
@click.option(
    "--input", "source", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--reviewer", required=True, help="Who reviewed the translations.")
def review_import(language: str, source: Path, reviewer: str) -> None:
    """Apply a reviewed spreadsheet to LANGUAGE's catalogs and record the review."""
    try:
        result = import_review(_root(), language, source, reviewer, clock.utcnow().date())
    except ReviewError as problem:
        raise click.ClickException(str(problem)) from problem
    click.echo(
        f"{result.changed} translations changed, {result.unchanged} kept; the catalogs now "
        f"record the review by {reviewer}. Run `make install` to compile them."
    )
