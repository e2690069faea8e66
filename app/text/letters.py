"""Which Latin-script language a short text's letters look like: English, Welsh, Polish
or Romanian.

Short answers often hold no common word of any language ("Czuje sie samotny", "Dwi'n
hapus", "Merge bine"), and typed on a phone they lose their accents. Letters still tell
the languages apart: "cz", "rz" and "ie" are Polish, "dd", "wy" and "'n" Welsh, "ul",
"ii" and "sa" Romanian. Each language's counts of letter triples (accents folded, words
padded with spaces) come from Sayso's labelled comments in that language and are shipped
in ``data/letters.json``; a text is scored by naive Bayes over its triples.

Rebuild the counts after the labelled comments change::

    .venv/bin/python -m app.text.letters

:func:`app.text.language.detect_language` asks this only when the text's words do not
decide (no common word of any language, or a tie), and only trusts it over English when
the letters are clearly more likely in the other language.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

LETTERS_FILE = Path(__file__).parent / "data" / "letters.json"
LANGUAGES = ("en", "cy", "pl", "ro")
# Where the counts come from (paths inside the project; every line has "text" and
# "language").
SOURCES = (
    "tests/data/screening/train.jsonl",
    "tests/data/screening/tune.jsonl",
    "tests/data/screening/train_banter.jsonl",
    "tests/data/screening/train_hard_negatives.jsonl",
    "tests/data/screening/train_personas_1.jsonl",
    "tests/data/screening/train_personas_2.jsonl",
    *(f"tests/data/screening/train_blind_{n}.jsonl" for n in range(1, 10)),
    "tests/data/themes_labelled.jsonl",
)
_NOT_LETTER = re.compile(r"[^a-z']+")
SMOOTHING = 0.5


def fold(text: str) -> str:
    """Lower case, accents taken off ("się" → "sie", "ł" → "l"), and only letters and
    apostrophes kept, one space between words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ł", "l"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_LETTER.sub(" ", bare.replace("’", "'")).strip()


def triples(text: str) -> list[str]:
    """The letter triples of each word, padded with a space at each end."""
    found: list[str] = []
    for word in fold(text).split():
        padded = f" {word} "
        found.extend(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


def build(root: Path) -> dict[str, dict[str, int]]:
    """Counts of letter triples per language from the labelled comments under ``root``."""
    counts = {language: Counter() for language in LANGUAGES}
    for source in SOURCES:
        for line in (root / source).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("language") in counts:
                counts[row["language"]].update(triples(row["text"]))
    return {language: dict(sorted(c.items())) for language, c in counts.items()}


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Log-probabilities of each seen triple per language, and of an unseen one."""
    counts = json.loads(LETTERS_FILE.read_text(encoding="utf-8"))
    vocabulary = len({t for c in counts.values() for t in c}) + 1
    seen: dict[str, dict[str, float]] = {}
    unseen: dict[str, float] = {}
    for language, table in counts.items():
        total = sum(table.values()) + SMOOTHING * vocabulary
        seen[language] = {t: math.log((n + SMOOTHING) / total) for t, n in table.items()}
        unseen[language] = math.log(SMOOTHING / total)
    return seen, unseen


def letter_scores(text: str) -> dict[str, float]:
    """Mean log-probability per letter triple of ``text`` in each language (higher is
    likelier); empty when the text has no letters."""
    found = triples(text)
    if not found:
        return {}
    seen, unseen = _model()
    return {
        language: sum(table.get(t, unseen[language]) for t in found) / len(found)
        for language, table in seen.items()
    }


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    counts = build(root)
    LETTERS_FILE.write_text(json.dumps(counts, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"{LETTERS_FILE}: " + ", ".join(f"{k} {sum(v.values())}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
