"""Emerging themes from unmatched comments, and representative quotes."""

from __future__ import annotations

from app.themes.emerging import collocations, emerging_themes
from app.themes.quotes import representative_quotes
from tests.themes.factories import themed

UNMATCHED = [
    "the wifi in my room is rubbish",
    "wifi keeps cutting out",
    "can we get better wifi",
    "wifi password changes every day",
    "more days out please",
    "we never go on days out",
    "days out would be nice",
    "want more days out in summer",
    "xbox time is too short",
    "want more xbox time",
    "xbox time limits are unfair",
]


def test_unmatched_comments_are_grouped_into_labelled_candidates(pipeline):
    results = pipeline.theme_many([(i, t, "en") for i, t in enumerate(UNMATCHED)])
    candidates = emerging_themes(results)
    labels = {c.label for c in candidates}
    assert {"days out", "xbox time"} <= labels and any("wifi" in label for label in labels)
    days = next(c for c in candidates if c.label == "days out")
    assert set(days.comment_ids) == {4, 5, 6, 7}
    assert "days out" in days.key_terms and len(days.examples) == 3


def test_comments_a_theme_matched_are_not_candidates(pipeline):
    results = pipeline.theme_many([(i, "i miss my mum", "en") for i in range(6)])
    assert emerging_themes(results) == []


def test_candidates_never_show_a_name(pipeline):
    texts = [f"{name} took the xbox again" for name in ("Sarah", "Tom", "Kacper", "Amira")]
    results = pipeline.theme_many([(i, t, "en") for i, t in enumerate(texts)])
    for candidate in emerging_themes(results):
        assert not any(n in e for e in candidate.examples for n in ("Sarah", "Tom", "Kacper"))


def test_collocations_find_words_that_belong_together():
    documents = [["days", "out", "fun"], ["more", "days", "out"], ["days", "out", "please"]]
    assert collocations(documents)[0] == ("days", "out")


def group(theme: str, texts: list[str], score: float = -0.5):
    return [themed(f"{theme}{i}", t, {theme: 0.8}, score) for i, t in enumerate(texts)]


def test_no_quote_comes_from_a_group_smaller_than_the_threshold():
    comments = group("money", ["no money for food"] * 1 + [f"need money {i}" for i in range(4)])
    assert representative_quotes(comments, threshold=10) == {"money": []}
    assert len(representative_quotes(comments, threshold=5)["money"]) == 3


def test_quotes_are_short_typical_different_and_never_disclosures():
    texts = [
        "my social worker keeps changing",
        "my social worker keeps changing",
        "social worker changed again",
        "my social worker keeps changing and he hits me",
        "new social worker every month, " + "so annoying " * 20,
        "another new social worker",
    ]
    quotes = representative_quotes(group("social_worker_change", texts), threshold=3)
    chosen = [q.text for q in quotes["social_worker_change"]]
    assert chosen[0] == "my social worker keeps changing"
    assert len(chosen) == len(set(chosen)) == 3
    assert all(len(q) <= 160 for q in chosen)
    assert not any("hits me" in q for q in chosen)
