"""How many short English comments the language detector takes for another language.

    python bench/language_short_bench.py [FILE]

FILE holds one short English comment a line (default: tests/data/text/short_english.txt,
written by the team, so a development figure, not a result). Every line is English, so
every other answer is a false detection; each is listed with the language given.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.text.language import detect_language  # noqa: E402
from bench.intervals import wilson  # noqa: E402

DEFAULT_FILE = ROOT / "tests" / "data" / "text" / "short_english.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_FILE)
    args = parser.parse_args()
    lines = [line.strip() for line in args.path.read_text(encoding="utf-8").splitlines()]
    comments = [line for line in lines if line]
    started = time.perf_counter()
    detected = [(text, detect_language(text)) for text in comments]
    elapsed = time.perf_counter() - started
    wrong = [(text, language) for text, language in detected if language != "en"]
    low, high = wilson(len(wrong), len(comments))
    print(f"file: {args.path}")
    print(f"comments: {len(comments)} (detected in {elapsed:.2f} s with loading)")
    print(
        f"detected as another language: {len(wrong)} "
        f"({len(wrong) / max(len(comments), 1):.1%}, 95% interval {low:.1%}-{high:.1%})"
    )
    for language, count in sorted(Counter(lang for _, lang in wrong).items()):
        print(f"  {language}: {count}")
    for text, language in wrong:
        print(f"  {language}\t{text}")


if __name__ == "__main__":
    main()
