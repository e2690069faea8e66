"""Representative quotes: a few short, redacted, typical comments for each theme.

A theme mentioned by fewer comments than the suppression threshold gets no quotes at
all, so a quote can never point to one of a handful of people. Comments the
safeguarding screen flags are never quoted: they belong in an alert, not a report.
These are only candidates: a participation lead approves each one before it is shared
(``app.coding.quotes``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.safeguard.screening import screen_text
from app.themes.emerging import content_words
from app.themes.pipeline import ThemedComment

MAX_CHARS = 160


@dataclass(frozen=True)
class Quote:
    comment_id: Any
    text: str
    sentiment: str

    def as_record(self) -> dict[str, Any]:
        return {"id": self.comment_id, "text": self.text, "sentiment": self.sentiment}


def representative_quotes(
    comments: Sequence[ThemedComment],
    threshold: int,
    per_theme: int = 3,
    max_chars: int = MAX_CHARS,
) -> dict[str, list[Quote]]:
    """Up to ``per_theme`` quotes for each theme mentioned by at least ``threshold`` comments.

    Typical means sharing the words the theme's comments use most, and the tone most of
    them have; shorter and more confidently themed comments win ties.
    """
    by_theme: dict[str, list[ThemedComment]] = defaultdict(list)
    for comment in comments:
        for theme in comment.theme_ids:
            by_theme[theme].append(comment)
    quotes: dict[str, list[Quote]] = {}
    for theme, group in by_theme.items():
        quotes[theme] = (
            ranked_quotes(theme, group, per_theme, max_chars) if len(group) >= threshold else []
        )
    return quotes


def ranked_quotes(
    theme: str, group: Sequence[ThemedComment], limit: int, max_chars: int = MAX_CHARS
) -> list[Quote]:
    """The ``limit`` most typical quotable comments of one theme's ``group``, best first:
    short enough, not repeated, and never one the safeguarding screen is concerned by."""
    words = {id(c): set(content_words(c)) for c in group}
    common = Counter(w for c in group for w in words[id(c)])
    tone = Counter(c.sentiment for c in group).most_common(1)[0][0] if group else ""

    def typicality(comment: ThemedComment) -> tuple[float, float, int]:
        shared = sum(common[w] for w in words[id(comment)]) / (1 + len(words[id(comment)]))
        confidence = next(m.confidence for m in comment.themes if m.id == theme)
        return (shared + (comment.sentiment == tone), confidence, -len(comment.redacted))

    chosen: list[Quote] = []
    seen: set[str] = set()
    for comment in sorted(group, key=typicality, reverse=True):
        text = comment.redacted.strip()
        if not text or len(text) > max_chars or text.casefold() in seen:
            continue
        if screen_text(text, comment.language).concern:
            continue
        seen.add(text.casefold())
        chosen.append(Quote(comment.id, text, comment.sentiment))
        if len(chosen) == limit:
            break
    return chosen
