"""The analysers coding uses: the codebook pipeline, kept once per process."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from app.coding.coding import Analyser
from app.themes.pipeline import ThemedComment, ThemePipeline


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
