"""Copy a freshly written screening corpus into tests/data/screening/ as train and tune.

    python bench/split_screening_corpus.py CORPUS_DIR [--tune-share 0.2]

Reads every ``*.jsonl`` in CORPUS_DIR (the corpus format: text, route, category,
language, stance, persona), drops exact repeats, and splits it stratified by route and
language (a fixed seed, so the split is reproducible): ``train.jsonl`` teaches the model,
``tune.jsonl`` chooses its thresholds. The blind set is never made here: it is written
separately, after the screen is final, and only measured.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from app.safeguard.training import _example

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "screening"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--tune-share", type=float, default=0.2)
    args = parser.parse_args()
    rows, seen = [], set()
    for path in sorted(args.corpus.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                _example(row)  # checks route and category
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                print(f"skipped {path.name}:{number}: {exc}")
                continue
            key = " ".join(str(row["text"]).casefold().split())
            if key not in seen:
                seen.add(key)
                rows.append({**row, "source": path.stem})
    strata: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        strata[(row["route"], row.get("language", "en"))].append(row)
    chooser = random.Random(16)
    train, tune = [], []
    for key in sorted(strata):
        group = strata[key]
        chooser.shuffle(group)
        cut = round(len(group) * args.tune_share)
        tune.extend(group[:cut])
        train.extend(group[cut:])
    OUT.mkdir(parents=True, exist_ok=True)
    for name, part in (("train", train), ("tune", tune)):
        with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for row in part:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} items: {len(train)} train, {len(tune)} tune, in {OUT}")


if __name__ == "__main__":
    main()
