"""Calibrate the encoder's theme thresholds on the coded examples the codebook ships.

    .venv/bin/python bench/themes_calibrate.py [--codebook childrens-social-care] [--write]

Reads ``app/themes/data/examples/<codebook>.jsonl`` (the English comments of
``tests/data/themes_labelled.jsonl`` and of the first blind set, which became training
data once theming changed), themes each with the patterns alone, and chooses per theme
the similarity threshold that makes patterns plus encoder agree best with the coders,
every example left out of its own theme's vectors. It prints the themes per comment and
the F1 that gives on the examples (a training figure, not a measure of quality: the
tune-set figures come from ``bench/themes_bench.py``), and with ``--write`` stores the
thresholds in ``<codebook>.calibration.json``.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402 - thread limits must be set before numpy loads
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.themes.codebook import named_codebook  # noqa: E402
from app.themes.evaluation import macro_f1, score_themes  # noqa: E402
from app.themes.pipeline import OTHER, ThemePipeline  # noqa: E402
from app.themes.semantic import (  # noqa: E402
    TOP,
    ThemeSpace,
    calibrate,
    calibration_path,
    embed_cached,
    examples_path,
    read_examples,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", default="childrens-social-care")
    parser.add_argument("--top", type=int, default=TOP)
    parser.add_argument("--margin", type=float, default=0.0)
    parser.add_argument("--add-to-patterns", type=int, default=1)
    parser.add_argument("--add-alone", type=int, default=1)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    codebook = named_codebook(args.codebook)
    examples = read_examples(examples_path(codebook.id))
    descriptions = {t.id: t.description for t in codebook.themes}
    ids = [t for t in codebook.theme_ids if t != OTHER]
    texts = [descriptions[t] for t in ids if descriptions.get(t)]
    vectors = embed_cached(texts + [text for text, _ in examples], codebook.id)
    space = ThemeSpace(codebook.theme_ids, descriptions, examples, vectors)
    plain = ThemePipeline(codebook, semantic=False)
    found = [set(plain.theme(text, "en").theme_ids) - {OTHER} for text, _ in examples]
    gold = [set(themes) for _, themes in examples]
    calibration = calibrate(
        space,
        vectors[space.described :],
        gold,
        found,
        top=args.top,
        margin=args.margin,
        add_to_patterns=args.add_to_patterns,
        add_alone=args.add_alone,
    )
    scores = space.scores(vectors[space.described :], leave_out=list(range(len(gold))))
    combined = [
        (found[i] | {t for t, _ in space.suggest(scores[i], sorted(found[i]))}) or {OTHER}
        for i in range(len(gold))
    ]
    patterns = [f or {OTHER} for f in found]
    themes = codebook.theme_ids
    print(f"{len(examples)} examples; coders {sum(map(len, gold)) / len(gold):.2f} themes each")
    for name, predicted in (("patterns", patterns), ("patterns + encoder", combined)):
        hit = sum(1 for g, p in zip(gold, predicted, strict=True) if g & p) / len(gold)
        print(
            f"{name:20} macro-F1 {macro_f1(score_themes(gold, predicted, themes)):.3f}"
            f"  human theme among predicted {hit:.1%}"
            f"  themes per comment {sum(map(len, predicted)) / len(predicted):.2f}"
        )
    print(json.dumps(calibration.as_record()))
    if args.write:
        path = calibration_path(codebook.id)
        path.write_text(json.dumps(calibration.as_record(), indent=1) + "\n", encoding="utf-8")
        print(f"written to {path}")


if __name__ == "__main__":
    main()
