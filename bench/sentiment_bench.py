"""Sayso's sentiment beside plain NLTK VADER, against people's 1-5 sentiment scores.

    python bench/sentiment_bench.py FILE.jsonl [--plain] [--resamples 2000] [--worst 15]

FILE holds one JSON object a line, ``{"text": ..., "sentiment": 1-5}`` (a ``language``
key is used when present; otherwise the language is detected, as the service does for a
comment of unknown language). In one run it scores every line with Sayso (the default
theming pipeline, or patterns only with ``--plain``) and with NLTK's VADER as it comes
(its packaged lexicon, compound score, no domain words, no change to negation), and
prints for each:

* Spearman's rank correlation with the human scores, with a 95% bootstrap interval
  (percentiles of ``--resamples`` resamples of the lines, the same resamples for both);
* macro-F1 over three classes: human 1-2 negative, 3 neutral, 4-5 positive; a score of
  at least +0.05 positive, at most -0.05 negative, neutral between (the cut-offs VADER's
  authors recommend for its compound score);
* the paired difference (Sayso minus VADER) with its bootstrap interval;
* the number of lines, and the lines where Sayso is furthest from the human score.

Which figures count as results depends on the file: a set the team wrote or tuned on
(``tests/data/themes/sentiment_tune.jsonl``) gives development figures only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402

from app.themes.pipeline import ThemePipeline  # noqa: E402
from app.themes.sentiment import NEUTRAL_BAND  # noqa: E402

CLASSES = ("negative", "neutral", "positive")


class PlainVader(SentimentIntensityAnalyzer):
    """NLTK's VADER with the lexicon from the vaderSentiment package and nothing else
    (NLTK's own constructor would read the lexicon from downloaded nltk_data)."""

    def __init__(self) -> None:
        self.lexicon_file = (
            resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
        )
        self.lexicon = self.make_lex_dict()
        self.constants = VaderConstants()


def score_class(score: float) -> int:
    """0 negative, 1 neutral, 2 positive, by VADER's ±0.05 cut-offs."""
    return 2 if score >= NEUTRAL_BAND else 0 if score <= -NEUTRAL_BAND else 1


def human_class(rating: int) -> int:
    """0 negative (1-2), 1 neutral (3), 2 positive (4-5)."""
    return 0 if rating <= 2 else 1 if rating == 3 else 2


def read_lines(path: Path) -> list[dict]:
    """The labelled lines; a line without text or with a score outside 1-5 stops the run."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        if not isinstance(item.get("text"), str) or int(item.get("sentiment", 0)) not in range(
            1, 6
        ):
            sys.exit(f"{path}:{number}: needs a text and a sentiment from 1 to 5")
        items.append(item)
    return items


def figures(human: np.ndarray, scores: np.ndarray) -> tuple[float, float]:
    """(Spearman, 3-class macro-F1) of scores against human ratings."""
    rho = spearmanr(human, scores).statistic
    f1 = f1_score(
        [human_class(int(h)) for h in human],
        [score_class(float(s)) for s in scores],
        labels=[0, 1, 2],
        average="macro",
        zero_division=0.0,
    )
    return (0.0 if np.isnan(rho) else float(rho)), float(f1)


def bootstrap(
    human: np.ndarray, sayso: np.ndarray, vader: np.ndarray, resamples: int, seed: int = 18
) -> np.ndarray:
    """Per resample: Sayso's Spearman and F1, then VADER's (the same lines for both)."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(resamples):
        pick = rng.integers(0, len(human), len(human))
        rows.append((*figures(human[pick], sayso[pick]), *figures(human[pick], vader[pick])))
    return np.array(rows)


def interval(values: np.ndarray) -> str:
    low, high = np.percentile(values, [2.5, 97.5])
    return f"[{low:+.3f}, {high:+.3f}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="JSON Lines of {text, sentiment 1-5}")
    parser.add_argument("--plain", action="store_true", help="Sayso without the encoder")
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--worst", type=int, default=15, help="lines to list (0: none)")
    args = parser.parse_args()
    items = read_lines(args.path)
    human = np.array([int(item["sentiment"]) for item in items])

    started = time.perf_counter()
    pipeline = ThemePipeline(semantic=not args.plain)
    ready = time.perf_counter()
    themed = pipeline.theme_many((i, it["text"], it.get("language")) for i, it in enumerate(items))
    sayso = np.array([t.sentiment_score for t in themed])
    done = time.perf_counter()
    plain = PlainVader()
    vader = np.array([plain.polarity_scores(item["text"])["compound"] for item in items])

    print(f"file: {args.path}")
    print(f"lines: {len(items)}; human 1-5: {dict(sorted(Counter(human.tolist()).items()))}")
    print(f"languages (given or detected): {dict(Counter(t.language for t in themed))}")
    print(
        f"Sayso ({'patterns only' if args.plain else 'default path'}): start-up "
        f"{ready - started:.1f} s, scoring {done - ready:.1f} s"
    )
    runs = bootstrap(human, sayso, vader, args.resamples)
    print(f"\n{'':<14}{'Spearman':>9}  {'95% interval':<18}{'macro-F1':>9}  {'95% interval':<18}")
    for name, scores, (rho_col, f1_col) in (
        ("Sayso", sayso, (0, 1)),
        ("plain VADER", vader, (2, 3)),
    ):
        rho, f1 = figures(human, scores)
        print(
            f"{name:<14}{rho:>+9.3f}  {interval(runs[:, rho_col]):<18}"
            f"{f1:>9.3f}  {interval(runs[:, f1_col]):<18}"
        )
    (s_rho, s_f1), (v_rho, v_f1) = figures(human, sayso), figures(human, vader)
    print(
        f"{'difference':<14}{s_rho - v_rho:>+9.3f}  {interval(runs[:, 0] - runs[:, 2]):<18}"
        f"{s_f1 - v_f1:>+9.3f}  {interval(runs[:, 1] - runs[:, 3]):<18}"
    )
    print(f"({args.resamples} bootstrap resamples of the lines)")
    for name, scores in (("Sayso", sayso), ("plain VADER", vader)):
        found = Counter(CLASSES[score_class(s)] for s in scores)
        print(f"{name} classes: {dict(found)}")
    print(f"human classes: {dict(Counter(CLASSES[human_class(h)] for h in human))}")

    if args.worst:
        # Furthest from the human score: a rating of 1-5 mapped onto -1..1.
        gap = np.abs(sayso - (human - 3) / 2)
        print("\nlines where Sayso is furthest from the human score (human, Sayso, VADER):")
        for index in np.argsort(-gap)[: args.worst]:
            text = items[index]["text"].replace("\n", " ")[:90]
            print(f"  {human[index]}  {sayso[index]:+.2f}  {vader[index]:+.2f}  {text}")


if __name__ == "__main__":
    main()
