"""Assisted coding: learn from comments people have coded, then code the rest.

A linear score per theme over stems, word pairs, negation, the codebook's own evidence
and the local sentence encoder's vector of the comment (``app/text/encoder.py``), so it
starts from what the codebook knows, generalises to phrasings nobody coded, and learns
where people disagree with the codebook. The features are one matrix, made once
(``app/themes/fitting.py``); with the encoder every theme is fitted on it at once (ridge
by conjugate gradients, calibrated into probabilities), without it one liblinear
logistic regression per theme (``solver`` chooses either way).
Quality is measured by k-fold cross-validation: precision and recall per theme from
predictions on comments the model did not learn from. Each theme's decision line is
chosen from those same cross-validated predictions (best F1 per theme, then moved
together until the model gives as many themes per comment as the coders did).

The fits run on one thread: training takes the same time and gives the same model
however busy the machine is (BLAS is held to one thread as well).

A trained model is stored as gzipped JSON (the feature names once, then each theme's
weights by feature number), never pickled: it can be kept in the database or a folder
and read back without running code from the file. Models in the first, plain JSON format
are still read, and so are models fitted by either solver: the format is the same.
"""

from __future__ import annotations

import gzip
import json
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threadpoolctl import threadpool_limits

from app.imports import import_on_first_use
from app.text.encoder import EncoderFilesError
from app.text.negation import negated
from app.text.stemming import has_stemmer, stem
from app.text.stopwords import stopwords
from app.text.vector_memory import VectorMemory
from app.themes.codebook import Codebook, CodebookError, named_codebook
from app.themes.evaluation import score_themes
from app.themes.fitting import FeatureMatrix, calibration, fit_lines, probabilities
from app.themes.pipeline import OTHER, Analysis, ThemedComment, ThemeMention, ThemePipeline

if TYPE_CHECKING:
    import numpy as np
else:  # imported on first use: see app/imports.py
    np = import_on_first_use("numpy")


FORMAT = "sayso-theme-model/2"
OLD_FORMAT = "sayso-theme-model/1"
MODEL_FILE = "model.json"
DECISION = 0.5
MIN_EXAMPLES = 2  # a theme needs this many coded comments (and as many without) to learn
EMBEDDING = "emb:"  # feature names of the encoder's dimensions
EMBEDDING_SCALE = 1.0  # the encoder's unit vectors, scaled to weigh like the word features
Progress = Callable[[str, int, int], None]  # (step, done, of)


@dataclass(frozen=True)
class CodedComment:
    """A comment a person has coded: its text, language (if known) and theme ids."""

    text: str
    themes: tuple[str, ...]
    language: str | None = None


def comment_features(analysis: Analysis, vector: Any = None) -> dict[str, float]:
    """What the classifier reads: stems, negated stems, word pairs, codebook evidence and,
    when given, the encoder's vector of the comment."""
    language = analysis.comment.language
    stop = stopwords(language)
    features: dict[str, float] = {f"cb:{t}": c for t, c in analysis.evidence.items()}
    if vector is not None:
        for index, value in enumerate(vector):
            features[f"{EMBEDDING}{index}"] = round(float(value) * EMBEDDING_SCALE, 5)
    for clause in analysis.clauses:
        previous = None
        for index, word in enumerate(clause):
            if not word[:1].isalnum() or word in stop:
                continue
            # Without a Snowball stemmer, the first letters stand in for a stem.
            root = stem(word, language) if has_stemmer(language) else word[:6]
            key = f"not:{root}" if negated(clause, index) else root
            features[key] = 1.0
            if previous is not None:
                features[f"{previous}+{root}"] = 1.0
            previous = root
    return features


@dataclass
class LearnedModel:
    """Per theme, a logistic model: intercept and weights by feature name."""

    codebook_id: str
    themes: dict[str, tuple[float, dict[str, float]]]
    metrics: dict[str, Any] = field(default_factory=dict)
    examples: int = 0
    thresholds: dict[str, float] = field(default_factory=dict)  # per theme; DECISION if none
    encoder: bool = False  # reads the sentence encoder's vector

    def decide(self, probabilities: dict[str, float]) -> set[str]:
        """The themes over their own decision lines; "other" when none is."""
        return decide(probabilities, self.thresholds)

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        found = {}
        for theme, (intercept, weights) in self.themes.items():
            total = intercept + sum(weights.get(f, 0.0) * v for f, v in features.items())
            found[theme] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
        return found

    def to_bytes(self) -> bytes:
        names = sorted({name for _, weights in self.themes.values() for name in weights})
        number = {name: index for index, name in enumerate(names)}
        data = {
            "format": FORMAT,
            "codebook": self.codebook_id,
            "examples": self.examples,
            "metrics": self.metrics,
            "features": names,
            "thresholds": {t: round(v, 4) for t, v in sorted(self.thresholds.items())},
            "encoder": self.encoder,
            "themes": {
                theme: {
                    "intercept": intercept,
                    "weights": sorted([number[name], w] for name, w in weights.items()),
                }
                for theme, (intercept, weights) in self.themes.items()
            },
        }
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return gzip.compress(text.encode("utf-8"), mtime=0)

    @classmethod
    def from_bytes(cls, blob: bytes) -> LearnedModel:
        if blob[:2] == b"\x1f\x8b":
            blob = gzip.decompress(blob)
        data = json.loads(blob.decode("utf-8"))
        if data.get("format") == OLD_FORMAT:
            themes = {
                t: (float(v["intercept"]), {k: float(w) for k, w in v["weights"].items()})
                for t, v in data["themes"].items()
            }
        elif data.get("format") == FORMAT:
            names = data["features"]
            themes = {
                t: (float(v["intercept"]), {names[i]: float(w) for i, w in v["weights"]})
                for t, v in data["themes"].items()
            }
        else:
            raise ValueError("not a Sayso theme model (or one from another version)")
        return cls(
            data["codebook"],
            themes,
            data.get("metrics", {}),
            data.get("examples", 0),
            {t: float(v) for t, v in data.get("thresholds", {}).items()},
            bool(data.get("encoder", False)),
        )


def _quiet(_step: str, _done: int, _of: int) -> None:
    return None


def analyse_for_model(
    pipeline: ThemePipeline,
    items: Sequence[tuple[str, str | None]],
    encoder: bool,
    progress: Progress = _quiet,
    batch: int = 256,
) -> tuple[list[dict[str, float]], np.ndarray | None]:
    """Every comment's word features and, with the encoder, its vector as the model reads
    it (one row each); the encoder is given the comments in batches."""
    rows: list[dict[str, float]] = []
    vectors: list[Any] = []
    for start in range(0, len(items), batch):
        part = items[start : start + batch]
        analyses = pipeline.analyse_many([(None, text, language) for text, language in part])
        found: list[Any] = [a.vector for a in analyses]
        if encoder:
            missing = [i for i, v in enumerate(found) if v is None]
            if missing:
                encoded = pipeline.embed([analyses[i].comment.redacted for i in missing])
                for row, i in enumerate(missing):
                    found[i] = encoded[row]
            vectors.extend(found)
        rows.extend(comment_features(a) for a in analyses)
        progress("reading", min(len(items), start + batch), len(items))
    if not encoder:
        return rows, None
    # As comment_features gives them to a stored model: the same numbers at coding time.
    return rows, np.round(np.asarray(vectors, dtype=np.float64) * EMBEDDING_SCALE, 5)


def encoder_available() -> bool:
    try:
        from app.text.encoder import load_encoder

        load_encoder()
    except EncoderFilesError:
        return False
    return True


def train_model(
    coded: Sequence[CodedComment],
    codebook: Codebook | None = None,
    folds: int = 5,
    seed: int = 0,
    encoder: bool | None = None,
    progress: Progress = _quiet,
    solver: str | None = None,
    memory: VectorMemory | None = None,
) -> LearnedModel:
    """Learn from coded comments; ``metrics`` holds cross-validated precision and recall.

    ``encoder`` (default: whenever its files are installed) adds the sentence encoder's
    vector to the features. ``solver`` is ``ridge`` (every theme at once: the default with
    the encoder) or ``logistic`` (one liblinear fit per theme: the default without it,
    where it is as fast and no worse; docs/themes.md has the figures).
    ``progress(step, done, of)`` is told how far training is. ``memory`` holds encoder
    vectors worked out before (when the comments were themed, or by an earlier training):
    only comments it lacks are encoded, and their vectors are added to it.
    """
    encoder = encoder_available() if encoder is None else encoder
    solver = solver or ("ridge" if encoder else "logistic")
    # Without the encoder nothing is encoded: the codebook's evidence comes from its
    # patterns alone, at training and (ModelPipeline) at coding time alike.
    pipeline = ThemePipeline(codebook, semantic=encoder, memory=memory if encoder else None)
    # One thread for the encoder too: on a busy 2-core machine OpenBLAS's second thread
    # made encoding twice as slow, and its vectors differ in the last bits.
    with threadpool_limits(limits=1):
        rows, vectors = analyse_for_model(
            pipeline, [(c.text, c.language) for c in coded], encoder, progress
        )
    features = FeatureMatrix.of(rows, vectors, EMBEDDING)
    gold = [set(c.themes) for c in coded]
    themes = sorted({t for g in gold for t in g})
    labels = np.array([[t in g for t in themes] for g in gold], dtype=np.float64)
    with threadpool_limits(limits=1):
        scores, learnt = _cross_validated(features, labels, themes, folds, seed, solver, progress)
        slopes, offsets = np.ones(len(themes)), np.zeros(len(themes))
        if solver != "logistic":  # logistic scores are log-odds already
            slopes, offsets = calibration(scores, labels, learnt)
        found = np.where(learnt, probabilities(scores * slopes + offsets), 0.0)
        probability = {t: found[:, column] for column, t in enumerate(themes)}
        thresholds = choose_thresholds(probability, gold)
        predicted = decide_all(found, themes, thresholds)
        keep = _learnable(labels, range(len(coded)))
        chosen = [t for t, k in zip(themes, keep, strict=True) if k]
        lines = fit_lines(features, range(len(coded)), labels[:, keep], chosen, solver)
        fitted = lines.calibrated(slopes[keep], offsets[keep]).as_models(features)
        progress("fitting", folds + 1, folds + 1)
    scored = score_themes(gold, predicted, themes)
    metrics = {
        "folds": folds,
        "themes": {t: s.as_record() for t, s in scored.items()},
        "macro_f1": round(sum(s.f1 for s in scored.values()) / max(1, len(scored)), 3),
        "themes_per_comment": round(sum(map(len, predicted)) / max(1, len(predicted)), 3),
        "coders_themes_per_comment": round(sum(map(len, gold)) / max(1, len(gold)), 3),
    }
    thresholds = {t: v for t, v in thresholds.items() if t in fitted}
    return LearnedModel(
        pipeline.codebook.id, fitted, metrics, len(coded), thresholds, encoder=encoder
    )


THRESHOLD_GRID = tuple(round(0.05 * i, 2) for i in range(1, 20))


def choose_thresholds(
    probabilities: dict[str, np.ndarray], gold: Sequence[set[str]]
) -> dict[str, float]:
    """Per theme, the decision line with the best cross-validated F1; then, only if the
    themes per comment are more than 5% off the coders', all of them moved together (in
    log-odds) by the least that brings them within 5%."""
    themes = list(probabilities)
    found = np.zeros((len(gold), 0))
    if themes:
        found = np.column_stack([probabilities[t] for t in themes])
    truth = np.array([[t in g for t in themes] for g in gold], dtype=bool)
    grid = np.array(THRESHOLD_GRID)
    said = found[:, :, None] >= grid  # (comments, themes, lines)
    hits = (said & truth[:, :, None]).sum(axis=0)
    f1 = 2 * hits / np.maximum(1, said.sum(axis=0) + truth.sum(axis=0)[:, None])
    chosen = {}
    for column, theme in enumerate(themes):
        top = f1[column].max()
        # Of the lines that do best, the one nearest the usual line: a perfect separation
        # on a few examples should not push a line to an extreme.
        chosen[theme] = min(
            (line for line, f in zip(THRESHOLD_GRID, f1[column], strict=True) if f >= top - 1e-9),
            key=lambda line: abs(line - DECISION),
        )
    wanted = sum(map(len, gold)) / max(1, len(gold))
    odds = np.array([math.log(chosen[t] / (1 - chosen[t])) for t in themes])

    def shifted(shift: float) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(odds + shift)))

    def per_comment(lines: np.ndarray) -> float:
        return float(_themes_given(found, themes, lines).mean()) if len(gold) else 0.0

    # The smallest move that brings themes per comment within 5% of the coders'.
    moves = sorted((x / 20 for x in range(-60, 61)), key=abs)
    best_shift = next(
        (m for m in moves if abs(per_comment(shifted(m)) - wanted) <= 0.05 * wanted),
        min(moves, key=lambda m: abs(per_comment(shifted(m)) - wanted)),
    )
    return {t: round(float(v), 4) for t, v in zip(themes, shifted(best_shift), strict=True)}


def _themes_given(found: np.ndarray, themes: list[str], lines: np.ndarray) -> np.ndarray:
    """How many themes :func:`decide` gives each comment ("other" alone counts one)."""
    counted = np.array([t != OTHER for t in themes], dtype=bool)
    over = ((found >= lines) & counted).sum(axis=1)
    return np.maximum(over, 1)


def decide_all(
    found: np.ndarray, themes: list[str], thresholds: dict[str, float]
) -> list[set[str]]:
    """:func:`decide` for every row of a (comments, themes) array of probabilities."""
    lines = np.array([thresholds.get(t, DECISION) for t in themes])
    over = found >= lines
    return [
        {themes[c] for c in np.flatnonzero(row) if themes[c] != OTHER} or {OTHER} for row in over
    ]


def _learnable(labels: np.ndarray, rows: Iterable[int]) -> np.ndarray:
    """Themes with enough coded comments, and enough without, among ``rows``."""
    chosen = labels[np.asarray(list(rows), dtype=np.intp)]
    count = chosen.sum(axis=0)
    return (count >= MIN_EXAMPLES) & (count <= len(chosen) - MIN_EXAMPLES)


def _cross_validated(
    features: FeatureMatrix,
    labels: np.ndarray,
    themes: list[str],
    folds: int,
    seed: int,
    solver: str,
    progress: Progress = _quiet,
) -> tuple[np.ndarray, np.ndarray]:
    """Each theme's score for each comment from a model that never saw it, and whether
    that comment's fold had enough examples of the theme to learn it."""
    count = features.rows
    order = list(range(count))
    random.Random(seed).shuffle(order)  # noqa: S311 - fold assignment, not secrecy
    folds = max(2, min(folds, count))
    scores = np.zeros((count, len(themes)))
    learnt = np.zeros((count, len(themes)), dtype=bool)
    previous = None
    for fold in range(folds):
        held = order[fold::folds]
        kept = set(held)
        train = [i for i in order if i not in kept]
        keep = _learnable(labels, train)
        if keep.any():
            chosen = [t for t, k in zip(themes, keep, strict=True) if k]
            taught = labels[np.ix_(train, keep)]
            lines = fit_lines(features, train, taught, chosen, solver, previous)
            scores[np.ix_(held, keep)] = lines.scores(features, held)
            learnt[np.ix_(held, keep)] = True
            previous = lines if keep.all() else None
        progress("fitting", fold + 1, folds + 1)
    return scores, learnt


def decide(probabilities: dict[str, float], thresholds: dict[str, float] | None = None) -> set[str]:
    """The themes over their decision lines (``DECISION`` for a theme without one);
    "other" when none is."""
    lines = thresholds or {}
    chosen = {t for t, p in probabilities.items() if p >= lines.get(t, DECISION) and t != OTHER}
    return chosen or {OTHER}


class ModelPipeline:
    """Codes comments with a learned model; redaction, language and sentiment as usual."""

    def __init__(self, model: LearnedModel, codebook: Codebook | None = None) -> None:
        self.model = model
        self.pipeline = ThemePipeline(codebook or _codebook_for(model), semantic=model.encoder)

    def theme(
        self, text: str, language: str | None = None, comment_id: Any = None
    ) -> ThemedComment:
        return self.from_analysis(self.pipeline.analyse(text, language, comment_id))

    def features(self, analysis: Analysis) -> dict[str, float]:
        """What the model reads of an analysed comment (the encoder's vector if it uses it)."""
        vector = analysis.vector
        if self.model.encoder and vector is None:
            vector = self.pipeline.embed([analysis.comment.redacted])[0]
        return comment_features(analysis, vector if self.model.encoder else None)

    def from_analysis(self, analysis: Analysis) -> ThemedComment:
        comment = analysis.comment
        if not analysis.clauses:
            return comment
        probabilities = self.model.probabilities(self.features(analysis))
        by_codebook = {m.id: m for m in comment.themes}
        mentions = tuple(
            ThemeMention(
                theme,
                round(probabilities.get(theme, 0.5), 3),
                by_codebook[theme].sentiment_score
                if theme in by_codebook
                else comment.sentiment_score,
            )
            for theme in sorted(
                self.model.decide(probabilities), key=lambda t: -probabilities.get(t, 0)
            )
        )
        return ThemedComment(
            comment.id, comment.language, comment.redacted, comment.sentiment_score, mentions
        )

    def theme_many(self, comments: Iterable[tuple[Any, str, str | None]]) -> list[ThemedComment]:
        analyses = self.pipeline.analyse_many(comments)
        if self.model.encoder:
            missing = [i for i, a in enumerate(analyses) if a.vector is None and a.clauses]
            if missing:
                encoded = self.pipeline.embed([analyses[i].comment.redacted for i in missing])
                for row, i in enumerate(missing):
                    analyses[i] = replace(analyses[i], vector=encoded[row])
        return [self.from_analysis(a) for a in analyses]


def _codebook_for(model: LearnedModel) -> Codebook:
    try:
        return named_codebook(model.codebook_id)
    except CodebookError:  # a model can outlive a renamed codebook: use the default
        return named_codebook()


def save_model(model: LearnedModel, directory: Path) -> Path:
    """Write the model into ``directory`` (created if needed); returns the file."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    path.write_bytes(model.to_bytes())
    return path


def load_model(directory: Path) -> LearnedModel:
    """Read a model written by :func:`save_model` (``directory`` or the file itself)."""
    path = directory / MODEL_FILE if directory.is_dir() else directory
    return LearnedModel.from_bytes(path.read_bytes())
