"""The whole screen: patterns and rules first, then the learned layer may raise.

The submit request runs only :func:`app.safeguard.screening.screen_text` (no model, no
Redis); the high-priority task and the command line run :func:`screen_texts`, which adds
the sentence encoder and classifier. Nothing here imports Flask or Celery.
"""

from __future__ import annotations

from dataclasses import replace

from app.safeguard.classifier import ScreenModel, classify_texts
from app.safeguard.screening import ScreenResult, screen_text, with_verdict
from app.text.encoder import SentenceEncoder


def screen_texts(
    texts: list[str],
    language: str | None = None,
    model: ScreenModel | None = None,
    encoder: SentenceEncoder | None = None,
) -> list[ScreenResult]:
    """Patterns, rules and the learned layer for each text, in input order.

    A text with a lesson, a past or a friend's story in some sentences and not in others
    is read twice: whole, and without those sentences. When the rest alone would be an
    alert, the stance lowers nothing and the more worrying of the two verdicts counts.
    """
    floors = [screen_text(text, language) for text in texts]
    readable = [i for i, text in enumerate(texts) if text and text.strip()]
    found = classify_texts([texts[i] for i in readable], model, encoder)
    verdicts = dict(zip(readable, found, strict=True))
    mixed = [i for i in readable if floors[i].stance and floors[i].unstanced]
    if mixed:
        rest = classify_texts([floors[i].unstanced or "" for i in mixed], model, encoder)
        for index, verdict in zip(mixed, rest, strict=True):
            if verdict.route == "alert":
                # The worry is outside the lesson, the past or the friend's story: the
                # stance lowers nothing, and the rest's own verdict counts when it is
                # the more worrying (a lesson around it can hide it from the whole).
                floors[index] = replace(floors[index], stance=None)
                if verdict.score > verdicts[index].score or verdicts[index].route != "alert":
                    verdicts[index] = verdict
    results = list(floors)
    for index, verdict in verdicts.items():
        results[index] = with_verdict(floors[index], verdict)
    return results
