"""The whole screen: patterns and rules first, then the learned layer may raise.

The submit request runs only :func:`app.safeguard.screening.screen_text` (no model, no
Redis); the high-priority task and the command line run :func:`screen_texts`, which adds
the sentence encoder and classifier. Nothing here imports Flask or Celery.
"""

from __future__ import annotations

from app.safeguard.classifier import ScreenModel, classify_texts
from app.safeguard.screening import ScreenResult, screen_text, with_verdict
from app.text.encoder import SentenceEncoder


def screen_texts(
    texts: list[str],
    language: str | None = None,
    model: ScreenModel | None = None,
    encoder: SentenceEncoder | None = None,
) -> list[ScreenResult]:
    """Patterns, rules and the learned layer for each text, in input order."""
    floors = [screen_text(text, language) for text in texts]
    readable = [i for i, text in enumerate(texts) if text and text.strip()]
    verdicts = classify_texts([texts[i] for i in readable], model, encoder)
    results = list(floors)
    for index, verdict in zip(readable, verdicts, strict=True):
        results[index] = with_verdict(floors[index], verdict)
    return results
