"""``sayso screen train``: retrain the learned layer from the shipped corpus and a
council's own decisions, show what it does, and install it only if it is no worse.

1. Read the training text (``TRAIN_FILES``) and the leads' decisions.
2. Cross-validate (5 folds) and print recall and false alerts per category.
3. Fit on everything; choose the per-severity thresholds on the tune set.
4. On the blind set, compare the whole screen with the new model against the screen with
   the installed one; refuse to install a model that finds fewer disclosures, or raises
   more false alerts for the same recall. Between blind sets (the last one measured has
   joined training and the next is not written yet) there is no blind file: the two are
   then compared on the tune set instead, which is said plainly, because the tune set
   chose the thresholds and flatters whichever model was tuned on it last.
Nothing here imports Flask or Celery.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.imports import import_on_first_use
from app.safeguard.classifier import (
    ModelFileError,
    ScreenModel,
    classify_texts,
    verdicts_from_features,
)
from app.safeguard.learned import screen_texts
from app.safeguard.quality import Quality, measure_quality
from app.safeguard.screening import screen_text, with_verdict
from app.safeguard.training import (
    Example,
    choose_thresholds,
    decision_examples,
    example_features,
    example_idf,
    fit_heads,
    read_examples,
)
from app.text.encoder import SentenceEncoder

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix
else:  # imported on first use: see app/imports.py
    np = import_on_first_use("numpy")
    sparse = import_on_first_use("scipy.sparse")
    model_selection = import_on_first_use("sklearn.model_selection")


DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
CORPUS = DATA / "screening"
TRAIN_FILES = (
    CORPUS / "train.jsonl",
    # The sealed blind sets, each measured once (docs/safeguarding.md), then retired into
    # training: each change to the screen gets a fresh blind set and the old one joins here.
    CORPUS / "train_blind_1.jsonl",
    CORPUS / "train_blind_2.jsonl",
    CORPUS / "train_blind_3.jsonl",
    CORPUS / "train_blind_4.jsonl",
    CORPUS / "train_blind_5.jsonl",
    CORPUS / "train_blind_6.jsonl",
    CORPUS / "train_blind_7.jsonl",
    CORPUS / "train_blind_8.jsonl",
    CORPUS / "train_blind_9.jsonl",
    # Written for training by writers briefed with children's, young people's, parents',
    # carers' and professionals' voices, who saw no pattern, model or other set.
    CORPUS / "train_personas_1.jsonl",
    CORPUS / "train_personas_2.jsonl",
    # Ordinary comments that use alarming words harmlessly, in every shipped language.
    CORPUS / "train_hard_negatives.jsonl",
    # Jokes, banter, professionals' notes and complaints beside disclosures that look like
    # them (a threat written as a joke, a new concern in a worker's note), likewise.
    CORPUS / "train_banter.jsonl",
    # The older sets: written for the patterns, now training text like any other.
    DATA / "screening_labelled.jsonl",
    DATA / "screening_holdout.jsonl",
    DATA / "screening_blind.jsonl",
)
TUNE_FILE = CORPUS / "tune.jsonl"
# Where the next sealed blind set goes. It is absent until its writer delivers it.
BLIND_FILE = CORPUS / "blind.jsonl"
RECALL_SLACK = 0.005  # a new model may find this much less on the blind set...
FALSE_ALERT_SLACK = 0.01  # ...or raise this many more false alerts, within noise


@dataclass
class TrainingRun:
    model: ScreenModel
    cross_validated: Quality
    tune: Quality
    blind_new: Quality | None = None
    blind_current: Quality | None = None
    judged_on: Path | None = None  # the set the new and installed models were compared on
    installed: bool = False
    refusal: str | None = None


def screen_quality(examples: list[Example], results: list) -> Quality:
    """Quality of screen results against the examples' labels."""
    return measure_quality(
        [(e.route, e.category, e.language) for e in examples],
        [(r.route, r.severity, r.category) for r in results],
    )


def _cross_validate(
    rows: csr_matrix, examples: list[Example], thresholds: dict[str, float], idf: np.ndarray
) -> Quality:
    """The model alone, each example scored by a model that never saw it (the n-gram
    weights are those of all the training text: they hold no labels)."""
    labels = np.array([e.concern for e in examples])
    folds = model_selection.StratifiedKFold(n_splits=5, shuffle=True, random_state=16)
    results: list = [None] * len(examples)
    for train_index, test_index in folds.split(np.zeros(len(labels)), labels):
        model = fit_heads(rows[train_index], [examples[i] for i in train_index], thresholds, idf)
        count = len(test_index)
        verdicts = verdicts_from_features(model, rows[test_index], list(range(count)), count)
        for index, verdict in zip(test_index, verdicts, strict=True):
            results[index] = with_verdict(screen_text(""), verdict)
    return screen_quality(examples, results)


def train_screen(
    encoder: SentenceEncoder,
    decisions: Iterable[tuple[str, bool]] = (),
    train_files: Iterable[Path] = TRAIN_FILES,
    tune_file: Path = TUNE_FILE,
    blind_file: Path | None = BLIND_FILE,
    current: Path | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> TrainingRun:
    """Train, tune and judge a new model (``current``: the installed model's file)."""
    examples = [e for path in train_files for e in read_examples(path)]
    examples += decision_examples(decisions)
    tune = read_examples(tune_file)
    say(f"training on {len(examples)} examples, tuning on {len(tune)}")
    idf = example_idf(examples)
    rows = example_features(examples, encoder, idf)
    model = fit_heads(rows, examples, idf=idf)
    floors = [screen_text(e.text) for e in tune]
    verdicts = classify_texts([e.text for e in tune], model, encoder)
    thresholds = choose_thresholds(
        np.array([v.score for v in verdicts]),
        np.array([v.alert_score for v in verdicts]),
        tune,
        np.array([f.route != "none" for f in floors]),
    )
    model = replace(model, thresholds=thresholds)
    tuned = screen_texts([e.text for e in tune], model=model, encoder=encoder)
    run = TrainingRun(
        model, _cross_validate(rows, examples, thresholds, idf), screen_quality(tune, tuned)
    )
    if blind_file is not None:
        run.judged_on = blind_file if blind_file.is_file() else tune_file
        if run.judged_on != blind_file:
            say(
                f"no blind set at {blind_file}: comparing with the installed model on the "
                f"tune set {tune_file} instead (it chose the thresholds, so a weaker check)"
            )
        _judge_on_blind(run, read_examples(run.judged_on), current, encoder)
    return run


def _judge_on_blind(
    run: TrainingRun, blind: list[Example], current: Path | None, encoder: SentenceEncoder
) -> None:
    texts = [e.text for e in blind]
    run.blind_new = screen_quality(blind, screen_texts(texts, model=run.model, encoder=encoder))
    if current is None:
        return
    try:
        installed = ScreenModel.load(current)
    except ModelFileError:
        return
    run.blind_current = screen_quality(blind, screen_texts(texts, model=installed, encoder=encoder))
    new, old = run.blind_new, run.blind_current
    if new.recall.rate < old.recall.rate - RECALL_SLACK:
        run.refusal = (
            f"the new model finds fewer disclosures on the blind set "
            f"({new.recall.rate:.3f} against {old.recall.rate:.3f})"
        )
    elif new.recall.rate <= old.recall.rate and (
        new.false_alerts.rate > old.false_alerts.rate + FALSE_ALERT_SLACK
    ):
        run.refusal = (
            f"the new model raises more false alerts on the blind set "
            f"({new.false_alerts.rate:.3f} against {old.false_alerts.rate:.3f}) "
            "without finding more"
        )
