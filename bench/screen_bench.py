"""How well the safeguarding screen finds disclosures, and what its learned layer costs.

    python bench/screen_bench.py [--blind PATH] [--runs 50] [--compare-model OLD.npz]

On a labelled set (default ``tests/data/screening/blind.jsonl`` when a sealed blind set is
there, else the tune set, which is then said to be no measure; the same JSON Lines format
as the corpus) it prints, side by side in one run, recall (alert or review) and
false alerts with 95% Wilson intervals, overall, per category and per language, for:

- the screen as shipped (patterns and rules in the request, the learned layer after);
- the patterns and rules alone (what the request decides before the model reads it);
- a TF-IDF + logistic regression baseline trained on the same training text, its
  threshold chosen on the same tune set for the same recall target.

Then where the screen's false alerts come from (stance, and the layer that raised them),
and the encoder's latency for a 2,000-character answer (p50 and p99, cache cleared
before each) and the memory one process needs for the encoder and model.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.safeguard.classifier import ScreenModel, classify_texts, encoder_text, load_model
from app.safeguard.learned import screen_texts
from app.safeguard.quality import Quality, Tally
from app.safeguard.retraining import (
    BLIND_FILE,
    TRAIN_FILES,
    TUNE_FILE,
    screen_quality,
)
from app.safeguard.screening import UNREADABLE, ScreenResult, screen_text
from app.safeguard.training import TARGET_RECALL, Example, read_examples
from app.text.encoder import load_encoder


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def baseline_results(train: list[Example], tune: list[Example], test: list[Example]) -> list:
    """TF-IDF (words and character n-grams) + logistic regression, tuned like ours."""
    vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    rows = vectoriser.fit_transform([encoder_text(e.text).lower() for e in train])
    model = LogisticRegression(C=8.0, class_weight="balanced", max_iter=3000)
    model.fit(rows, [e.concern for e in train])

    def scores(items: list[Example]) -> np.ndarray:
        texts = [encoder_text(e.text).lower() for e in items]
        return model.predict_proba(vectoriser.transform(texts))[:, 1]

    tune_scores, concern = scores(tune), np.array([e.concern for e in tune])
    threshold = 0.5
    for candidate in sorted(tune_scores[concern], reverse=True):
        if (tune_scores[concern] >= candidate).mean() >= TARGET_RECALL:
            threshold = candidate
            break
    return [
        ScreenResult(
            bool(s >= threshold),
            "low" if s >= threshold else None,
            [],
            route="review" if s >= threshold else "none",
        )
        for s in scores(test)
    ]


def _cell(tally: Tally | None) -> str:
    return tally.describe() if tally and tally.total else "-"


def print_side_by_side(names: list[str], qualities: list[Quality]) -> None:
    width = 34
    print(f"{'':28}" + "".join(f"{name:{width}}" for name in names))

    def row(label: str, tallies: list[Tally | None]) -> None:
        print(f"{label:28}" + "".join(f"{_cell(t):{width}}" for t in tallies))

    row("recall (alert or review)", [q.recall for q in qualities])
    row("alerts found as alerts", [q.alert_recall for q in qualities])
    row("false alerts (any)", [q.false_alerts for q in qualities])
    row("false alerts raised high", [q.false_high for q in qualities])
    print("recall per category")
    for category in sorted({c for q in qualities for c in q.by_category}):
        row(f"  {category}", [q.by_category.get(category) for q in qualities])
    print("recall per language")
    for language in sorted({lang for q in qualities for lang in q.by_language}):
        row(f"  {language}", [q.by_language.get(language) for q in qualities])
    print("false alerts per language")
    for language in sorted({lang for q in qualities for lang in q.false_by_language}):
        row(f"  {language}", [q.false_by_language.get(language) for q in qualities])


def print_false_alert_sources(test: list[Example], results: list[ScreenResult]) -> None:
    """Where the screen's false alerts come from: by stance, and by the layer that raised
    them (a pattern, the language gate, or the learned model alone)."""
    stances: dict[str, Tally] = {}
    layers = {"patterns": 0, "language gate": 0, "learned model": 0}
    for example, result in zip(test, results, strict=True):
        if example.concern:
            continue
        flagged = result.route != "none"
        stances.setdefault(example.stance or "ordinary", Tally()).add(flagged)
        if not flagged:
            continue
        floor = screen_text(example.text)
        if floor.route == "none":
            layers["learned model"] += 1
        elif floor.reasons == [UNREADABLE]:
            layers["language gate"] += 1
        else:
            layers["patterns"] += 1
    print("screen's false alerts per stance of the ordinary comment")
    for stance, tally in sorted(stances.items()):
        print(f"  {stance:26}{_cell(tally)}")
    ordinary = sum(1 for e in test if not e.concern)
    print("screen's false alerts by the layer that raised them (of all ordinary comments)")
    for layer, count in layers.items():
        print(f"  {layer:26}{count}/{ordinary}")


def long_answers(examples: list[Example], count: int) -> list[str]:
    """2,000-character answers made of labelled sentences, different each time."""
    chooser = random.Random(16)
    texts = [e.text for e in examples]
    answers = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < 2000:
            parts.append(chooser.choice(texts).rstrip(".") + ".")
        answers.append(" ".join(parts)[:2000])
    return answers


def load_and_measure() -> tuple[float, float, float]:
    """(MiB before loading, MiB after, seconds): the encoder and model, first thing."""
    load_encoder.cache_clear()
    before = rss_mib()
    started = time.perf_counter()
    load_encoder()
    load_model()
    classify_texts(["warm up: the first call reads the memory-mapped weights"])
    return before, rss_mib(), time.perf_counter() - started


def _classifier_timings(answers: list[str], model: ScreenModel) -> list[float]:
    """Seconds per answer for the classifier's part: the encoder's vectors are cached."""
    classify_texts(answers, model)
    found = []
    for text in answers:
        started = time.perf_counter()
        classify_texts([text], model)
        found.append(time.perf_counter() - started)
    return found


def measure_latency(
    examples: list[Example],
    runs: int,
    loading: tuple[float, float, float],
    other: Path | None = None,
) -> None:
    before, after_load, loaded = loading
    encoder = load_encoder()
    timings, full = [], []
    for text in long_answers(examples, runs):
        encoder._cache.clear()  # a new answer: nothing to reuse
        started = time.perf_counter()
        encoder.encode_chunks([text])
        timings.append(time.perf_counter() - started)
        encoder._cache.clear()
        started = time.perf_counter()
        classify_texts([text])
        full.append(time.perf_counter() - started)
    answers = long_answers(examples, runs)
    cached = {"classifier alone": _classifier_timings(answers, load_model())}
    if other is not None:
        cached[f"classifier alone ({other.name})"] = _classifier_timings(
            answers, ScreenModel.load(other)
        )
    print(f"\nlatency for a 2,000-character answer ({runs} answers, cache cleared each time):")
    rows = [("encoder alone", timings), ("encoder + classifier", full), *cached.items()]
    for name, values in rows:
        p50, p99 = np.percentile(values, 50) * 1000, np.percentile(values, 99) * 1000
        print(f"  {name:34} p50 {p50:7.1f} ms   p99 {p99:7.1f} ms")
    print("  (classifier alone: the same answers with their encoder vectors already cached)")
    print(f"  loading the encoder and model: {loaded * 1000:.0f} ms")
    print(
        f"memory per process: {after_load - before:.0f} MiB after loading, "
        f"{rss_mib() - before:.0f} MiB after screening everything above (resident set; "
        f"the {90868376 / 2**20:.0f} MiB of weights are memory-mapped and shared between "
        "processes on one machine, but for the transposed layer copies)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blind", type=Path, default=None, help="a labelled .jsonl set")
    parser.add_argument("--runs", type=int, default=50, help="answers timed for latency")
    parser.add_argument(
        "--compare-model",
        type=Path,
        default=None,
        help="another screen_model.npz whose classifier is timed beside the shipped one",
    )
    args = parser.parse_args()
    loading = load_and_measure()
    path = args.blind or (BLIND_FILE if BLIND_FILE.is_file() else TUNE_FILE)
    if args.blind is None and path == TUNE_FILE:
        print(f"no blind set at {BLIND_FILE}")
    if path.resolve() == TUNE_FILE.resolve():
        print("measuring the TUNE set, which chose the thresholds: figures for orientation only")
    test = read_examples(path)
    train = [e for p in TRAIN_FILES for e in read_examples(p)]
    tune = read_examples(TUNE_FILE)
    seen = {e.text for e in train}
    trained_on = sum(1 for e in test if e.text in seen)
    if trained_on:
        print(f"{trained_on} of its {len(test)} texts are training text: not a blind measure")
    print(
        f"{path}: {sum(e.concern for e in test)} disclosures, "
        f"{sum(not e.concern for e in test)} ordinary comments\n"
    )
    texts = [e.text for e in test]
    screened = screen_texts(texts)
    shipped = screen_quality(test, screened)
    patterns = screen_quality(test, [screen_text(t) for t in texts])
    baseline = screen_quality(test, baseline_results(train, tune, test))
    print_side_by_side(
        ["screen (patterns + model)", "patterns and rules alone", "TF-IDF + LR baseline"],
        [shipped, patterns, baseline],
    )
    print("(the baseline only says concern or not: it raises nothing as an alert)")
    print_false_alert_sources(test, screened)
    measure_latency(train, args.runs, loading, args.compare_model)


if __name__ == "__main__":
    main()
