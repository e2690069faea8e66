"""Assisted coding on a hand-coded feedback set, beside a TF-IDF + LinearSVC baseline.

    .venv/bin/python bench/coding_bench.py [--train tests/data/coding/train.jsonl]
        [--test tests/data/coding/test.jsonl] [--speed 5000] [--cv]

The set (``tests/data/coding/``, README there) is feedback on a council's family and
children's services, coded by hand into its own codebook of themes, none of which is
Sayso's codebook. It was split once into train and test; nothing in Sayso was chosen by
looking at the test split. In one run it prints, each with a 95% bootstrap interval:

* macro-F1 over the coders' themes and themes per comment against the coders', for
  Sayso's learned model with the sentence encoder (the default), the same without the
  encoder (``--no-encoder``), and TF-IDF (words and word pairs) + LinearSVC, one per
  theme, trained on the same split;
* the learned model's macro-F1 as a multiple of the baseline's (the goal is 1.2x) and its
  themes per comment as a share of the coders' (the goal is within 10%);
* with ``--cv``, instead of all that: macro-F1 and themes per comment of each training
  method (``solver``) by an outer 5-fold cross-validation on the train split alone (each
  fold trains with its own inner folds and scores the held fifth), the figure every
  choice of method and setting was made on, so the test split is not read;
* training time on ``--speed`` comments built from the train split (CPU-seconds of this
  process, numerical libraries on one thread, start-up apart), with the encoder and
  without (the fits run under a one-thread limit, so BLAS threads do not change the model).
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402 - thread limits must be set before numpy loads
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.text.encoder import load_encoder  # noqa: E402
from app.themes.classifier import CodedComment, ModelPipeline, train_model  # noqa: E402
from app.themes.evaluation import LabelledComment, macro_f1, read_labelled, score_themes  # noqa: E402
from app.themes.pipeline import OTHER  # noqa: E402
from bench.themes_bench import Baseline, bootstrap  # noqa: E402

DATA = ROOT / "tests" / "data" / "coding"


def predict_model(pipeline: ModelPipeline, rows: list[LabelledComment]) -> list[set[str]]:
    found = pipeline.theme_many([(i, r.text, r.language) for i, r in enumerate(rows)])
    return [set(c.theme_ids) for c in found]


def scored(gold: list[set[str]], predicted: list[set[str]], themes: list[str]) -> dict:
    # A comment given nothing but "other" counts as given no theme: "other" is not one
    # of the coders' themes.
    predicted = [p - {OTHER} for p in predicted]
    count = len(gold)

    def f1(rows: list[int]) -> float:
        return macro_f1(score_themes([gold[i] for i in rows], [predicted[i] for i in rows], themes))

    def per(rows: list[int]) -> float:
        return sum(len(predicted[i]) for i in rows) / len(rows)

    every = list(range(count))
    return {"f1": (f1(every), bootstrap(f1, count)), "per": (per(every), bootstrap(per, count))}


def show(name: str, found: dict) -> None:
    f1, per = found["f1"], found["per"]
    print(
        f"{name:34} {f1[0]:.3f} [{f1[1][0]:.3f}, {f1[1][1]:.3f}]"
        f"   {per[0]:.2f} [{per[1][0]:.2f}, {per[1][1]:.2f}]",
        flush=True,
    )


def speed_rows(rows: list[LabelledComment], size: int) -> list[CodedComment]:
    """``size`` comments made from the train split, each new text (so no cache helps):
    half are one comment, half two comments joined, with their themes together."""
    rng = random.Random(3)
    made = []
    for number in range(size):
        one, two = rng.choice(rows), rng.choice(rows)
        if rng.random() < 0.5:
            made.append(CodedComment(f"{one.text} ({number})", one.themes, None))
        else:
            themes = tuple(sorted(set(one.themes) | set(two.themes)))
            made.append(CodedComment(f"{one.text} {two.text} ({number})", themes, None))
    return made


def timed_training(coded: list[CodedComment], encoder: bool) -> tuple[float, object]:
    load_encoder()._cache.clear()
    started = time.process_time()
    model = train_model(coded, folds=5, encoder=encoder)
    return time.process_time() - started, model


def outer_cross_validation(train: list[LabelledComment], solver: str, folds: int = 5) -> dict:
    """Train on four fifths of the train split, score the fifth held out, five times."""
    order = list(range(len(train)))
    random.Random(11).shuffle(order)
    predicted: list[set[str]] = [set() for _ in train]
    for fold in range(folds):
        held = order[fold::folds]
        kept = set(held)
        taught = [train[i] for i in order if i not in kept]
        model = train_model(
            [CodedComment(r.text, r.themes, r.language) for r in taught],
            folds=5,
            encoder=True,
            solver=solver,
        )
        found = predict_model(ModelPipeline(model), [train[i] for i in held])
        for row, themes in zip(held, found, strict=True):
            predicted[row] = themes
    themes = sorted({t for r in train for t in r.themes})
    return scored([set(r.themes) for r in train], predicted, themes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=DATA / "train.jsonl")
    parser.add_argument("--test", type=Path, default=DATA / "test.jsonl")
    parser.add_argument("--speed", type=int, default=5000, help="comments for the timing")
    parser.add_argument("--cv", action="store_true", help="outer CV on the train split only")
    args = parser.parse_args()
    if args.cv:
        train = read_labelled(args.train)
        print(f"outer 5-fold cross-validation on {len(train)} comments of the train split")
        for solver in ("ridge", "logistic"):
            show(f"learned, encoder + words, {solver}", outer_cross_validation(train, solver))
        return
    train, test = read_labelled(args.train), read_labelled(args.test)
    themes = sorted({t for r in train + test for t in r.themes})
    gold = [set(r.themes) for r in test]
    coded = [CodedComment(r.text, r.themes, r.language) for r in train]
    coders = sum(map(len, gold)) / len(gold)
    print(f"train {len(train)}, test {len(test)} comments, {len(themes)} themes")
    print(f"{'method':34} {'macro-F1 [95%]':>21}   themes/comment (coders {coders:.2f})")

    started = time.process_time()
    load_encoder()
    startup = time.process_time() - started
    with_encoder = train_model(coded, folds=5, encoder=True)
    words_only = train_model(coded, folds=5, encoder=False)
    results = {
        "learned, encoder + words": scored(
            gold, predict_model(ModelPipeline(with_encoder), test), themes
        ),
        "learned, words only": scored(gold, predict_model(ModelPipeline(words_only), test), themes),
        "baseline: TF-IDF + LinearSVC": scored(gold, Baseline(train, svc=True)(test), themes),
    }
    for name, found in results.items():
        show(name, found)
    ratio = (
        results["learned, encoder + words"]["f1"][0]
        / results["baseline: TF-IDF + LinearSVC"]["f1"][0]
    )
    share = results["learned, encoder + words"]["per"][0] / coders
    print(f"macro-F1, learned with encoder / baseline: {ratio:.2f}x (goal 1.20x)")
    print(f"themes per comment, learned / coders: {share:.2f} (goal 0.90 to 1.10)")

    if args.speed:
        rows = speed_rows(train, args.speed)
        print(f"\nTraining on {len(rows)} coded comments, 5 folds, one core (CPU-seconds)")
        print(f"start-up (loading the encoder), not counted: {startup:.1f} s")
        seconds, model = timed_training(rows, encoder=True)
        print(f"with the encoder: {seconds:.1f} s")
        seconds, _ = timed_training(rows, encoder=False)
        print(f"words only: {seconds:.1f} s")
        print(f"the model with the encoder: {len(model.to_bytes()):,} bytes")


if __name__ == "__main__":
    main()
