"""Time-and-stance rules: harm that is past and resolved, told about someone else, or the
subject of a lesson goes to the review queue rather than raising an alert.

The rules are data (``stance.yaml``). They only ever lower an alert to review: a
disclosure is never silenced by them, and "lol", "haha" or an emoji are not among them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

STANCE_FILE = Path(__file__).parent / "stance.yaml"
LOWERING = ("past_resolved", "reported", "lesson")
ONGOING = "ongoing"  # words that cancel every lowering stance


@lru_cache(maxsize=1)
def stance_rules() -> dict[str, tuple[re.Pattern[str], ...]]:
    data = yaml.safe_load(STANCE_FILE.read_text(encoding="utf-8"))
    unknown = set(data) - set(LOWERING) - {ONGOING}
    if unknown:
        raise ValueError(f"{STANCE_FILE}: unknown stances {sorted(unknown)}")
    return {
        stance: tuple(re.compile(rf"(?<![\w'])(?:{text})(?![\w'])") for text in expressions)
        for stance, expressions in data.items()
    }


def lowering_stance(normalised: str) -> str | None:
    """The first stance in ``normalised`` text that lowers an alert to review, if any;
    none when the text says the harm is going on ("still", "again", "every night")."""
    rules = stance_rules()
    if any(expression.search(normalised) for expression in rules.get(ONGOING, ())):
        return None
    for stance, expressions in rules.items():
        if stance == ONGOING:
            continue
        if any(expression.search(normalised) for expression in expressions):
            return stance
    return None
