"""Small factories for theming tests."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from app.themes.pipeline import ThemedComment, ThemeMention


def themed(
    comment_id: object,
    text: str,
    themes: dict[str, float],
    score: float = 0.0,
    language: str = "en",
) -> ThemedComment:
    """A comment as the pipeline would return it (already redacted)."""
    mentions = tuple(ThemeMention(t, c, score) for t, c in themes.items())
    return ThemedComment(comment_id, language, text, score, mentions)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


CODEBOOK = """\
id: tiny
title: A tiny codebook
themes:
  - id: pets
    label: Pets
    description: Animals people live with.
    patterns:
      en: [dog, cat, {match: "no pets", tone: negative}]
  - id: food
    label: Food
    description: Meals and snacks.
    patterns:
      en: [food, dinner, {match: "not enough food", tone: negative}]
      pl: [jedzeni*]
"""
