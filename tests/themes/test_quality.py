"""Measured quality of codebook theming against labelled comments.

Two sets, written by one person in the voices of children, young people, care leavers,
parents, carers and professionals, with misspellings and text-speak, not reviewed by
native speakers of the other languages (see tests/data/README_themes.md):

* ``themes_labelled.jsonl`` (353 comments) was used to tune the codebook. Its first-sight
  macro-F1 was 0.892; after tuning it is 0.953. The thresholds below stop regressions:
  they are not evidence that the codebook generalises.
* ``themes_holdout.jsonl`` (143 comments) was written before any tuning, in a messier
  voice, and has never been used to change a pattern (its wrong answers have not been
  read). Macro-F1 0.717 at first sight, 0.720 after tuning on the other set: that is
  the honest figure for comments nobody has seen.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from app.themes.evaluation import macro_f1, read_labelled, score_themes

DATA = Path(__file__).resolve().parents[1] / "data"
TUNED = read_labelled(DATA / "themes_labelled.jsonl")
HELD_OUT = read_labelled(DATA / "themes_holdout.jsonl")


def measure(pipeline, rows):
    predicted = [pipeline.theme(r.text, r.language).theme_ids for r in rows]
    return score_themes([r.themes for r in rows], predicted, pipeline.ids)


@pytest.fixture(scope="module")
def tuned_scores(pipeline):
    return measure(pipeline, TUNED)


@pytest.mark.parametrize("theme", sorted({t for r in TUNED for t in r.themes}))
def test_precision_and_recall_per_theme_on_the_tuning_set(tuned_scores, theme):
    score = tuned_scores[theme]
    print(f"\n{theme}: precision {score.precision:.2f} recall {score.recall:.2f}")
    assert score.precision >= 0.75 and score.recall >= 0.85, score


def test_macro_f1_on_the_tuning_set(tuned_scores):
    assert macro_f1(tuned_scores) >= 0.93


def test_held_out_set_written_before_tuning_stays_where_it_was(pipeline):
    scores = measure(pipeline, HELD_OUT)
    print({t: (round(s.precision, 2), round(s.recall, 2)) for t, s in scores.items()})
    assert macro_f1(scores) >= 0.70
    # Every named theme is still found some of the time in unseen phrasing.
    assert all(s.recall >= 0.35 for t, s in scores.items() if t != "other"), scores


def test_the_labelled_comments_are_many_and_varied():
    rows = TUNED + HELD_OUT
    assert len(TUNED) >= 300 and len(rows) >= 450
    assert len({r.text for r in rows}) == len(rows)
    languages = Counter(r.language for r in rows)
    assert set(languages) == {"en", "cy", "ar", "fa", "ps", "pl", "ro", "uk"}
    assert all(count >= 20 for count in languages.values()), languages
    voices = Counter(r.voice for r in rows)
    assert set(voices) == {"child", "young_person", "care_leaver", "parent_carer", "professional"}
    per_theme = Counter(t for r in TUNED for t in r.themes)
    assert len(per_theme) == 16 and min(per_theme.values()) >= 15, per_theme
    assert sum(len(r.themes) > 1 for r in rows) >= 15  # comments with several themes
