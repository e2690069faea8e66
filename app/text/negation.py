"""Is a phrase negated? ("I don't feel safe", "he never hits me", "nie czuję się bezpiecznie")."""

from __future__ import annotations

NEGATORS = {
    "en": {
        "not",
        "no",
        "never",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "won't",
        "can't",
        "cannot",
        "couldn't",
        "wouldn't",
        "shouldn't",
        "haven't",
        "hasn't",
        "hadn't",
        "ain't",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "hardly",
        "barely",
        "without",
        "n't",
    },
    "cy": {"ddim", "na", "nac", "nid", "heb", "byth", "neb", "dim"},
    "pl": {"nie", "nigdy", "nikt", "nic", "bez", "ani"},
    "ro": {"nu", "niciodată", "nimeni", "nimic", "fără", "n"},
    "uk": {"не", "ні", "ніколи", "ніхто", "ніщо", "без", "нема", "немає"},
    "ar": {"لا", "ليس", "ليست", "لست", "ما", "لم", "لن", "مش", "ماكو", "بدون", "أبدا", "ابدا"},
    "fa": {"نه", "نمی", "نیست", "هیچ", "هرگز", "بدون", "نمی‌کنم", "نیستم"},
    "ps": {"نه", "نشته", "هیڅ", "هېڅ", "مه", "بې"},
}
ALL_NEGATORS = frozenset().union(*NEGATORS.values())
NEGATIVE_PREFIXES = ("نمی", "نمي")  # Persian verbs are negated with a prefix
WINDOW = 4
# A new subject or a linking word starts a new idea: "nobody knows he hurts me" does not
# negate "hurts", nor does "I don't know why he hits me".
SCOPE_BREAKS = frozenset(
    {
        "he",
        "she",
        "they",
        "that",
        "why",
        "when",
        "what",
        "who",
        "because",
        "if",
        "so",
        "and",
        "he's",
        "she's",
        "they're",
        "but",
        "which",
        "where",
        "how",
    }
)
# Pashto and Persian put the negative after what it negates ("خوندي نه احساسوم").
NEGATION_AFTER = frozenset({"نه", "نشته", "نیست", "نیستم", "نمیکنم", "ندارم", "نکوم"})


def is_negator(token: str) -> bool:
    """A negating word in any shipped language (including prefixed verbs: "نمی‌خوام")."""
    if token in ALL_NEGATORS:
        return True
    return token.startswith(NEGATIVE_PREFIXES) and len(token) > 3


def negated(words: list[str], start: int, end: int | None = None, window: int = WINDOW) -> bool:
    """True if ``words[start:end]`` is negated.

    A negator counts within ``window`` words before the phrase, unless a new subject or a
    linking word stands between them; in Pashto and Persian also just after it. Several
    negators do not cancel out: Polish, Romanian, Ukrainian and Arabic stack them
    ("nimeni nu mă bate", "nobody never hits me" in many children's English).
    """
    for word in reversed(words[max(0, start - window) : start]):
        if word in SCOPE_BREAKS:
            break
        if is_negator(word):
            return True
    end = start + 1 if end is None else end
    after = words[end : end + 3]
    return any(w in NEGATION_AFTER or w.startswith(NEGATIVE_PREFIXES) for w in after)
