"""``sayso screen``: the safeguarding screen from the command line, one JSON line per text."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from app.safeguard.learned import screen_texts
from app.safeguard.screening import screen_records
from app.safeguard.train_cli import train_command

BATCH = 64


def _texts(path: Path, column: str) -> Iterator[str]:
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if column not in (reader.fieldnames or []):
                raise click.BadParameter(
                    f"{path} has no column {column!r}", param_hint="--text-column"
                )
            for row in reader:
                yield row[column] or ""
        return
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise click.BadParameter(f"{path}:{number}: not JSON") from exc
            yield str(record.get(column, "")) if isinstance(record, dict) else str(record)


@click.group("screen", invoke_without_command=True)
@click.option("--text", "text", default=None, help="One text to screen.")
@click.option(
    "--input",
    "input_path",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A .jsonl or .csv file of texts.",
)
@click.option(
    "--text-column",
    default="text",
    show_default=True,
    help="The CSV column or JSON key holding the text.",
)
@click.option("--language", default=None, help="A language hint, e.g. ar.")
@click.option(
    "--patterns-only", is_flag=True, help="Skip the learned layer (what the request runs)."
)
@click.pass_context
def screen_command(
    context: click.Context,
    text: str | None,
    input_path: Path | None,
    text_column: str,
    language: str | None,
    patterns_only: bool,
) -> None:
    """Print {"concern", "severity", "reasons", "score", "category", "route", "language"}
    for each text, in input order. `sayso screen train` retrains the learned layer."""
    if context.invoked_subcommand is not None:
        return
    if (text is None) == (input_path is None):
        raise click.UsageError("Give either --text or --input.")
    texts = [text] if text is not None else _texts(input_path, text_column)
    records = screen_records(texts, language) if patterns_only else _screened(texts, language)
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _screened(texts: Iterable[str], language: str | None) -> Iterator[dict]:
    batch: list[str] = []
    for text in [*texts, None]:
        if text is not None:
            batch.append(text)
        if batch and (text is None or len(batch) == BATCH):
            yield from (result.as_record() for result in screen_texts(batch, language))
            batch = []


screen_command.add_command(train_command)
