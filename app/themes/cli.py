"""``sayso themes``: theme comments from a file, learn from coded ones, check codebooks."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup

from app.themes.classifier import CodedComment, ModelPipeline, load_model, save_model, train_model
from app.themes.codebook import CODEBOOK_DIR, CodebookError, check_codebooks, load_codebook
from app.themes.emerging import emerging_themes
from app.themes.pipeline import ThemedComment, ThemePipeline

themes_cli = AppGroup("themes", help="Theme free-text comments, learn from coded ones.")
INPUT = click.Path(exists=True, dir_okay=False, path_type=Path)
BATCH = 256  # comments themed together: the encoder is much cheaper per comment in batches
PROGRESS = click.option(
    "--progress/--no-progress",
    default=None,
    help="Show progress on standard error (default: when it is a terminal).",
)


class ProgressLine:
    """Progress on standard error, one line per report (a terminal sees it rewritten)."""

    STEPS = {"reading": "reading comments", "fitting": "learning", "theming": "theming"}

    def __init__(self, shown: bool | None) -> None:
        self.shown = sys.stderr.isatty() if shown is None else shown
        self.terminal = sys.stderr.isatty()

    def __call__(self, step: str, done: int, of: int) -> None:
        if not self.shown:
            return
        text = f"{self.STEPS.get(step, step)}: {done}/{of}"
        if self.terminal:
            click.echo(f"\r{text}\x1b[K", err=True, nl=done >= of and step != "reading")
        else:
            click.echo(text, err=True)


def read_rows(path: Path, columns: list[str]) -> Iterator[dict[str, Any]]:
    """Rows of a .csv or .jsonl file; the first of ``columns`` must be present."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            found = reader.fieldnames or []
            if columns[0] not in found:
                raise click.BadParameter(
                    f"{path} has no column {columns[0]!r} (it has: {', '.join(found)})",
                    param_hint="--text-column",
                )
            yield from reader
        return
    if suffix != ".jsonl":
        raise click.BadParameter(f"{path} must be a .csv or .jsonl file", param_hint="--input")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.BadParameter(
                    f"{path}:{number}: not JSON", param_hint="--input"
                ) from exc
            yield record if isinstance(record, dict) else {columns[0]: str(record)}


def _comments(path: Path, text_column: str) -> Iterator[tuple[Any, str, str | None]]:
    for row in read_rows(path, [text_column]):
        language = row.get("language") or None
        yield row.get("id"), str(row.get(text_column) or ""), language


def summarise(results: list[ThemedComment], theme_ids: list[str]) -> dict[str, Any]:
    """Counts per theme (every theme given, in order, then any other found), per sentiment
    and per language."""
    counts = Counter(t for r in results for t in r.theme_ids)
    return {
        "summary": {
            "comments": len(results),
            "themes": {
                t: counts.get(t, 0) for t in [*theme_ids, *sorted(set(counts) - set(theme_ids))]
            },
            "sentiment": dict(Counter(r.sentiment for r in results)),
            "languages": dict(Counter(r.language for r in results)),
        }
    }


def _pipeline(
    model: Path | None, codebook: Path | None, semantic: bool = True
) -> ThemePipeline | ModelPipeline:
    try:
        chosen = load_codebook(codebook) if codebook else None
        if model is not None:
            return ModelPipeline(load_model(model), chosen)
        return ThemePipeline(chosen, semantic=semantic)
    except CodebookError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    except (OSError, ValueError) as exc:
        raise click.BadParameter(f"cannot read the model: {exc}", param_hint="--model") from exc


@themes_cli.command("run")
@click.option("--input", "input_path", type=INPUT, required=True, help="A .csv or .jsonl file.")
@click.option("--text-column", default="text", show_default=True, help="Column or key of the text.")
@click.option(
    "--model", type=click.Path(exists=True, path_type=Path), help="A trained model folder."
)
@click.option("--codebook", type=INPUT, help="A codebook file (default: the shipped one).")
@click.option("--format", "output_format", type=click.Choice(["json"]), default="json")
@click.option("--plain", is_flag=True, help="Patterns only, without the sentence encoder (faster).")
@PROGRESS
def run_command(
    input_path: Path,
    text_column: str,
    model: Path | None,
    codebook: Path | None,
    output_format: str,
    plain: bool,
    progress: bool | None,
) -> None:
    """Print one JSON object per comment, in input order, then a summary object.

    An ``id`` and a ``language`` column or key, when present, are used too.
    """
    pipeline = _pipeline(model, codebook, semantic=not plain)
    comments = list(_comments(input_path, text_column))
    shown = ProgressLine(progress)
    results = []
    for start in range(0, len(comments), BATCH):
        for result in pipeline.theme_many(comments[start : start + BATCH]):
            results.append(result)
            sys.stdout.write(json.dumps(result.as_record(), ensure_ascii=False) + "\n")
        shown("theming", len(results), len(comments))
    # A learned model's own themes, not the codebook's (which it may not use at all).
    theme_ids = (
        sorted(pipeline.model.themes) if isinstance(pipeline, ModelPipeline) else pipeline.ids
    )
    sys.stdout.write(json.dumps(summarise(results, theme_ids), ensure_ascii=False) + "\n")


@themes_cli.command("train")
@click.option(
    "--input", "input_path", type=INPUT, required=True, help="Coded comments, .csv or .jsonl."
)
@click.option("--text-column", required=True, help="Column holding the comment.")
@click.option("--label-column", required=True, help="Column holding the theme ids.")
@click.option("--label-separator", default=",", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--codebook", type=INPUT, help="The codebook whose evidence the model reads.")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20))
@click.option(
    "--encoder/--no-encoder",
    default=True,
    show_default=True,
    help="Read the sentence encoder's vector of each comment as well as its words.",
)
@PROGRESS
def train_command(
    input_path: Path,
    text_column: str,
    label_column: str,
    label_separator: str,
    out_dir: Path,
    codebook: Path | None,
    folds: int,
    encoder: bool,
    progress: bool | None,
) -> None:
    """Learn from coded comments; print cross-validated precision and recall per theme."""
    coded, uncoded = [], 0
    for row in read_rows(input_path, [text_column, label_column]):
        if label_column not in row:
            raise click.BadParameter(
                f"{input_path} has no {label_column!r}", param_hint="--label-column"
            )
        raw = row.get(label_column) or ""
        labels = raw if isinstance(raw, list) else str(raw).split(label_separator)
        themes = tuple(t.strip() for t in labels if str(t).strip())
        if not themes:
            uncoded += 1
            continue
        coded.append(
            CodedComment(str(row.get(text_column) or ""), themes, row.get("language") or None)
        )
    if len(coded) < 2 * folds:
        click.echo(
            f"Need at least {2 * folds} coded comments to learn from; found {len(coded)}.", err=True
        )
        sys.exit(1)
    chosen = _pipeline(None, codebook).codebook
    model = train_model(
        coded, chosen, folds=folds, encoder=encoder, progress=ProgressLine(progress)
    )
    if not model.themes:
        click.echo(
            "No theme has enough coded comments (at least 2 with it and 2 without).", err=True
        )
        sys.exit(1)
    path = save_model(model, out_dir)
    report = {"model": str(path), "examples": len(coded), "uncoded": uncoded, **model.metrics}
    sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")


@themes_cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check_command(paths: tuple[Path, ...]) -> None:
    """Validate codebooks (default: surveys/codebooks); exit 1 listing every problem."""
    targets = list(paths) or [CODEBOOK_DIR]
    missing = [p for p in targets if not p.exists()]
    for path in missing:
        click.echo(f"{path}:1: no such file or folder", err=True)
    problems = check_codebooks([p for p in targets if p.exists()])
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems or missing:
        sys.exit(1)
    click.echo("All codebooks are valid.")


@themes_cli.command("emerging")
@click.option("--input", "input_path", type=INPUT, required=True, help="A .csv or .jsonl file.")
@click.option("--text-column", default="text", show_default=True)
@click.option("--codebook", type=INPUT, help="A codebook file (default: the shipped one).")
@click.option("--min-group", default=3, show_default=True, type=click.IntRange(2, 1000))
def emerging_command(
    input_path: Path, text_column: str, codebook: Path | None, min_group: int
) -> None:
    """Print candidate themes, one JSON object each, from comments no theme matched."""
    pipeline = _pipeline(None, codebook)
    results = [pipeline.theme(t, lang, i) for i, t, lang in _comments(input_path, text_column)]
    for candidate in emerging_themes(results, min_group=min_group):
        sys.stdout.write(json.dumps(candidate.as_record(), ensure_ascii=False) + "\n")
