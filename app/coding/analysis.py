"""The analysers coding uses, honouring what people decided.

The codebook always includes the themes participation leads added (``LocalTheme``). When
a lead has chosen to code with a learned model, the model decides the themes it learned
from people's codes, and the codebook still gives every theme the model never learned
(too few reviewed examples, or added since it was trained), so no theme goes silent.
Compiled pipelines are kept once per process; the database says which one to use, so
every worker agrees without being told.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.coding.coding import Analyser
from app.coding.model_choice import model_in_use
from app.coding.models import LocalTheme, ThemeModel
from app.themes.classifier import LearnedModel, ModelPipeline
from app.themes.codebook import named_codebook, with_local_themes
from app.themes.pipeline import (
    FALLBACK_CONFIDENCE,
    OTHER,
    ThemedComment,
    ThemeMention,
    ThemePipeline,
)

# (id, label, description, terms): hashable, so a set of local themes can key a cache.
LocalSpec = tuple[str, str, str, tuple[str, ...]]


@lru_cache(maxsize=1)
def default_pipeline() -> ThemePipeline:
    """The default codebook compiled once; compiling it is the slow part."""
    return ThemePipeline()


def codebook_analyser(pipeline: ThemePipeline | None = None) -> Analyser:
    """An analyser that themes each comment with the codebook."""
    chosen = pipeline or default_pipeline()

    def analyse(items: Sequence[tuple[str, str | None]]) -> list[ThemedComment]:
        return [chosen.theme(text, language) for text, language in items]

    return analyse


def theme_labels(pipeline: ThemePipeline | None = None) -> dict[str, str]:
    """Theme id → label, for reports and pages."""
    chosen = pipeline or default_pipeline()
    return {theme.id: theme.label for theme in chosen.codebook.themes}


def local_theme_specs(session: Session) -> tuple[LocalSpec, ...]:
    """The themes people added, oldest first."""
    rows = session.scalars(select(LocalTheme).order_by(LocalTheme.created_at, LocalTheme.id))
    return tuple((row.id, row.label, row.description, tuple(row.terms)) for row in rows)


@lru_cache(maxsize=4)
def pipeline_with(local: tuple[LocalSpec, ...]) -> ThemePipeline:
    """The default codebook plus ``local`` themes, compiled once per set of them."""
    if not local:
        return default_pipeline()
    added = [(theme_id, label, about, list(terms)) for theme_id, label, about, terms in local]
    return ThemePipeline(with_local_themes(named_codebook(), added))


def coding_pipeline(session: Session) -> ThemePipeline:
    """The codebook as it stands today: shipped themes and those people added."""
    return pipeline_with(local_theme_specs(session))


def coding_theme_labels(session: Session) -> dict[str, str]:
    """Theme id → label for every theme a comment can be given, in codebook order."""
    return theme_labels(coding_pipeline(session))


def shown_theme_labels(session: Session) -> dict[str, str]:
    """:func:`coding_theme_labels` in the page's language (a theme staff added keeps the
    name they gave it: nobody has translated it)."""
    from flask_babel import gettext

    return {theme_id: gettext(label) for theme_id, label in coding_theme_labels(session).items()}


@lru_cache(maxsize=2)
def model_pipeline(model_id: int, blob: bytes, local: tuple[LocalSpec, ...]) -> ModelPipeline:
    """A stored model made ready to code (a model's blob never changes once stored)."""
    return ModelPipeline(LearnedModel.from_bytes(blob), pipeline_with(local).codebook)


def learned_theme(chosen: ModelPipeline, text: str, language: str | None) -> ThemedComment:
    """The model's themes, plus the codebook's for every theme the model never learned."""
    analysis = chosen.pipeline.analyse(text, language)
    comment = analysis.comment
    if not comment.themes:
        return comment  # nothing but stopwords or punctuation: no theme at all
    probabilities = chosen.model.probabilities(chosen.features(analysis))
    by_codebook = {m.id: m for m in comment.themes}
    learned = sorted(chosen.model.decide(probabilities) - {OTHER}, key=lambda t: -probabilities[t])
    mentions = [
        ThemeMention(
            theme,
            round(probabilities[theme], 3),
            by_codebook[theme].sentiment_score if theme in by_codebook else comment.sentiment_score,
        )
        for theme in learned
    ]
    mentions += [m for m in comment.themes if m.id not in chosen.model.themes and m.id != OTHER]
    if not mentions:
        mentions = [ThemeMention(OTHER, FALLBACK_CONFIDENCE, comment.sentiment_score)]
    return ThemedComment(
        comment.id,
        comment.language,
        comment.redacted,
        comment.sentiment_score,
        tuple(mentions),
        analysis.vector,
    )


def model_analyser(session: Session, model: ThemeModel) -> Analyser:
    """An analyser that codes with a stored model (and the codebook where it is silent)."""
    chosen = model_pipeline(model.id, model.blob, local_theme_specs(session))

    def analyse(items: Sequence[tuple[str, str | None]]) -> list[ThemedComment]:
        return [learned_theme(chosen, text, language) for text, language in items]

    return analyse


def current_analyser(session: Session) -> tuple[Analyser, str]:
    """What codes comments now, and the source its codes are stored under."""
    model = model_in_use(session)
    if model is not None:
        return model_analyser(session, model), "model"
    return codebook_analyser(coding_pipeline(session)), "codebook"
