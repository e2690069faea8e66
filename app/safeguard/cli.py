"""``sayso screen``: the safeguarding screen from the command line, one JSON line per text."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from app.safeguard.screening import screen_records


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


@click.command("screen")
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
def screen_command(
    text: str | None, input_path: Path | None, text_column: str, language: str | None
) -> None:
    """Print {"concern", "severity", "reasons"} for each text, in input order."""
    if (text is None) == (input_path is None):
        raise click.UsageError("Give either --text or --input.")
    texts = [text] if text is not None else _texts(input_path, text_column)
    for record in screen_records(texts, language):
        sys.stdout.write(json.dumps(record) + "\n")
