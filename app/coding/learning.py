"""Learning from people's codes: the reviewed comments there are, a model trained from
them, and how far each theme's automatic codes can be trusted.

A model learns from the redacted text of reviewed comments, never the original: its
weights are named after the words it read, and a name must not become one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.coding.analysis import coding_pipeline
from app.coding.coding import store_vectors
from app.coding.model_choice import forget_old_models, latest_model
from app.coding.models import CommentCoding, CommentTheme, CommentVector, ThemeModel
from app.text.vector_memory import VectorMemory, digest, from_text
from app.themes.classifier import MIN_EXAMPLES, CodedComment, Progress, train_model

MIN_REVIEWED = 20  # fewer than this and cross-validation says nothing useful
FEW_EXAMPLES = 5  # a theme reviewed on fewer comments than this cannot be judged
MAX_EXAMPLES = 5000  # newest first: bounds the time a training takes
GOOD = 0.8
FAIR = 0.6


@dataclass(frozen=True)
class Examples:
    """How many comments people have reviewed, in all and with each theme."""

    reviewed: int
    by_theme: dict[str, int]
    needed: int = MIN_REVIEWED

    @property
    def learnable(self) -> list[str]:
        """Themes with enough comments both with and without them to learn from."""
        return [
            theme
            for theme, count in self.by_theme.items()
            if MIN_EXAMPLES <= count <= self.reviewed - MIN_EXAMPLES
        ]

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.reviewed)

    @property
    def ready(self) -> bool:
        return self.reviewed >= self.needed and bool(self.learnable)


def reviewed_examples(session: Session) -> Examples:
    """Counted by the database: reviewed comments, and reviewed comments per theme."""
    reviewed = session.scalar(
        select(func.count())
        .select_from(CommentCoding)
        .where(CommentCoding.reviewed_at.is_not(None))
    )
    by_theme = session.execute(
        select(CommentTheme.theme_id, func.count(func.distinct(CommentTheme.answer_id)))
        .join(CommentCoding, CommentCoding.answer_id == CommentTheme.answer_id)
        .where(CommentTheme.source == "human", CommentCoding.reviewed_at.is_not(None))
        .group_by(CommentTheme.theme_id)
        .order_by(CommentTheme.theme_id)
    )
    return Examples(int(reviewed or 0), {theme: int(n) for theme, n in by_theme})


def reviewed_comments(session: Session, limit: int = MAX_EXAMPLES) -> list[CodedComment]:
    """The newest reviewed comments, redacted, with the themes people gave them."""
    return [comment for _answer_id, comment in _reviewed(session, limit)]


def _reviewed(session: Session, limit: int) -> list[tuple[int, CodedComment]]:
    rows = session.execute(
        select(CommentCoding.answer_id, CommentCoding.redacted, CommentCoding.language)
        .where(CommentCoding.reviewed_at.is_not(None))
        .order_by(CommentCoding.reviewed_at.desc(), CommentCoding.answer_id.desc())
        .limit(limit)
    ).all()
    themes: dict[int, list[str]] = {answer_id: [] for answer_id, _text, _language in rows}
    for answer_id, theme_id in session.execute(
        select(CommentTheme.answer_id, CommentTheme.theme_id)
        .where(CommentTheme.answer_id.in_(list(themes)), CommentTheme.source == "human")
        .order_by(CommentTheme.answer_id, CommentTheme.theme_id)
    ):
        themes[answer_id].append(theme_id)
    return [
        (answer_id, CodedComment(text, tuple(themes[answer_id]), language))
        for answer_id, text, language in rows
    ]


def _kept_vectors(session: Session, answer_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Answer id → (digest, stored vector) of the vectors kept for these comments."""
    found: dict[int, tuple[str, str]] = {}
    for start in range(0, len(answer_ids), 1000):
        part = answer_ids[start : start + 1000]
        rows = session.execute(
            select(CommentVector.answer_id, CommentVector.digest, CommentVector.vector).where(
                CommentVector.answer_id.in_(part)
            )
        )
        found.update((answer_id, (key, vector)) for answer_id, key, vector in rows)
    return found


def _keep_vectors(
    session: Session,
    reviewed: list[tuple[int, CodedComment]],
    kept: dict[int, tuple[str, str]],
    memory: VectorMemory,
    pipeline_prepare: Callable[[str, str | None], tuple[str, str]],
) -> None:
    """Store the vectors this training encoded, against the comments they belong to."""
    if not memory.added:
        return
    found = {}
    for answer_id, comment in reviewed:
        if answer_id in kept and kept[answer_id][0] in memory.used:
            continue  # its kept vector was used as it is
        key = digest(pipeline_prepare(comment.text, comment.language)[1])
        if key in memory.added:
            found[answer_id] = (key, memory.added[key])
    store_vectors(session, found, existing=set(kept))


def _reviews_marker(session: Session, examples: Examples) -> dict[str, object]:
    """What a model was learned from: the number of reviews and the latest one's time."""
    latest = session.scalar(select(func.max(CommentCoding.reviewed_at)))
    return {
        "reviewed": examples.reviewed,
        "reviewed_up_to": latest.isoformat(timespec="microseconds") if latest else None,
    }


def train_theme_model(
    session: Session, staff_id: int | None, progress: Progress | None = None
) -> ThemeModel | None:
    """Learn from every reviewed comment (newest first, bounded) and store the model.

    None when there are too few reviews. Safe to run twice: if nobody has reviewed a
    comment since the newest model was trained, that model is returned as it is.
    """
    examples = reviewed_examples(session)
    if not examples.ready:
        return None
    marker = _reviews_marker(session, examples)
    newest = latest_model(session)
    if newest is not None and all(newest.metrics.get(k) == v for k, v in marker.items()):
        return newest
    reviewed = _reviewed(session, MAX_EXAMPLES)
    kept = _kept_vectors(session, [answer_id for answer_id, _ in reviewed])
    loaded = ((key, from_text(vector)) for key, vector in kept.values())
    memory = VectorMemory({key: vector for key, vector in loaded if vector is not None})
    pipeline = coding_pipeline(session)
    learned = train_model(
        [comment for _answer_id, comment in reviewed],
        pipeline.codebook,
        progress=progress or (lambda _step, _done, _of: None),
        memory=memory,
    )
    _keep_vectors(session, reviewed, kept, memory, pipeline.prepare)
    model = ThemeModel(
        trained_at=clock.utcnow(),
        trained_by_id=staff_id,
        examples=learned.examples,
        metrics=learned.metrics | marker,
        blob=learned.to_bytes(),
    )
    session.add(model)
    session.flush()
    forget_old_models(session)
    return model


@dataclass(frozen=True)
class ThemeQuality:
    """One theme's cross-validated precision and recall, and what they mean for trust."""

    theme_id: str
    label: str
    precision: float
    recall: float
    examples: int
    verdict: str  # good | fair | poor | few


def verdict(precision: float, recall: float, examples: int) -> str:
    """How far to trust a theme's automatic codes, as a code the page puts into words."""
    if examples < FEW_EXAMPLES:
        return "few"
    worst = min(precision, recall)
    if worst >= GOOD:
        return "good"
    return "fair" if worst >= FAIR else "poor"


def theme_quality(model: ThemeModel, labels: dict[str, str]) -> list[ThemeQuality]:
    """Each theme the model was measured on, in codebook order (unknown ids last)."""
    order = {theme_id: index for index, theme_id in enumerate(labels)}
    measured = (model.metrics or {}).get("themes", {})
    found = [
        ThemeQuality(
            theme_id,
            labels.get(theme_id, theme_id),
            float(record["precision"]),
            float(record["recall"]),
            int(record["support"]),
            verdict(float(record["precision"]), float(record["recall"]), int(record["support"])),
        )
        for theme_id, record in measured.items()
    ]
    return sorted(found, key=lambda q: (order.get(q.theme_id, len(order)), q.theme_id))
