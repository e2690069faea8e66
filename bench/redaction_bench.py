"""How much identifying detail automatic redaction removes, on a labelled set it never saw.

    python bench/redaction_bench.py [--labelled tests/data/redaction/blind.jsonl]

The labelled set is JSON Lines: ``{"text": ..., "identifiers": [{"text": ..., "kind": ...}],
"audience": ...}``, each identifier an exact substring of the text. An identifier counts as
removed when its words no longer appear, in order, in the redacted text (case ignored);
the place inside a description that singles someone out ("the only deaf girl in Bala")
is enough to remove it. A comment with no identifiers counts as over-redacted when
redaction changed it at all.

It prints recall overall and per kind, and over-redaction, each with a 95% Wilson
interval, for Sayso's redaction and for a plain baseline in the same run: capitalised
words that do not start a sentence, and anything that looks like a phone number, email
address or handle.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.text.redaction import redact  # noqa: E402
from bench.intervals import wilson  # noqa: E402

DEFAULT_SET = ROOT / "tests" / "data" / "redaction" / "blind.jsonl"
BASELINE_PATTERNS = [
    re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)*"),
    re.compile(r"\+?\(?\d[\d\s()-]{7,}\d"),
    re.compile(r"\S+@\S+\.\w+"),
    re.compile(r"@\w+"),
]


def baseline_redact(text: str, language: str | None = None) -> str:
    for pattern in BASELINE_PATTERNS:
        text = pattern.sub("[removed]", text)
    return text


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def still_there(identifier: str, redacted: str) -> bool:
    """Whether the identifier's words survive, in order and next to each other."""
    wanted, have = words(identifier), words(redacted)
    if not wanted:
        return identifier in redacted
    span = len(wanted)
    return any(have[i : i + span] == wanted for i in range(len(have) - span + 1))


def measure(items: list[dict], redactor: Callable[[str, str | None], str]) -> dict:
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean = [0, 0]
    for item in items:
        redacted = redactor(item["text"], None)
        if not item["identifiers"]:
            clean[0] += redacted != item["text"]
            clean[1] += 1
            continue
        for identifier in item["identifiers"]:
            removed = not still_there(identifier["text"], redacted)
            for key in ("all", identifier["kind"]):
                found[key][0] += removed
                found[key][1] += 1
    return {"recall": dict(found), "over": clean}


def show(label: str, hits: int, total: int) -> str:
    low, high = wilson(hits, total)
    share = hits / total if total else 0.0
    return f"{label:<16} {hits:>4}/{total:<4} {share:6.1%}  [{low:5.1%}, {high:5.1%}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labelled", type=Path, default=DEFAULT_SET)
    args = parser.parse_args()
    items = [json.loads(line) for line in args.labelled.open(encoding="utf-8") if line.strip()]
    results = {"Sayso": measure(items, redact), "baseline": measure(items, baseline_redact)}
    print(f"{len(items)} comments from {args.labelled}")
    for name, result in results.items():
        print(f"\n{name}: identifiers removed (recall), 95% Wilson interval")
        recall = result["recall"]
        for kind in ["all", *sorted(k for k in recall if k != "all")]:
            print("  " + show(kind, *recall[kind]))
        print("  " + show("over-redacted", *result["over"]) + "  (comments with nothing to hide)")


if __name__ == "__main__":
    main()
