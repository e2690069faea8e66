from datetime import datetime

from app.coding.summaries import theme_counts, theme_summaries
from app.extensions import db
from app.responses.filters import Filters
from app.responses.periods import parse_period
from app.responses.scope import CountScope
from tests.coding.factories import approve_every_quote, coded, comment

Q3 = parse_period("2026-Q3")


def summaries(survey_id: str, threshold: int = 10):
    return theme_summaries(
        db.session, CountScope.of([survey_id], Q3, Filters()), threshold, {"safety": "Safety"}
    )


def counted(survey_id: str, filters: Filters = Filters()) -> dict[str, tuple[int, int, int]]:  # noqa: B008
    """Each theme's true counts (comments, positive, negative), as the database gives them."""
    return {
        found.theme_id: (found.comments.count, found.positive.count, found.negative.count)
        for found in theme_counts(db.session, CountScope.of([survey_id], Q3, filters))
    }


def test_counts_each_comment_once_per_theme_with_its_tone(app, every_type):
    for tone in (0.6, 0.6, -0.7):
        coded(comment(every_type, "text"), {"safety": tone, "money": None})
    assert counted(every_type) == {"safety": (3, 2, 1), "money": (3, 0, 0)}


def test_human_codes_replace_automatic_ones_once_reviewed(app, every_type):
    answer = comment(every_type, "my social worker keeps changing")
    coded(answer, {"safety": 0.0})
    coded(answer, {"social_worker_change": -0.5}, source="human", reviewed=True)
    assert {t: n for t, (n, _p, _m) in counted(every_type).items()} == {"social_worker_change": 1}


def test_comments_outside_the_period_or_filters_are_not_counted(app, every_type):
    # 22:59 UTC on 30 June is 23:59 in the UK: still June.
    coded(comment(every_type, "old", at=datetime(2026, 6, 30, 22, 59)), {"safety": 0.0})
    coded(comment(every_type, "other team", team_id=7), {"safety": 0.0})
    coded(comment(every_type, "in", team_id=3), {"safety": 0.0})
    assert counted(every_type, Filters(team_id=3)) == {"safety": (1, 0, 0)}


def test_a_theme_below_the_threshold_is_not_listed_at_all(app, every_type):
    for _ in range(9):
        coded(comment(every_type, "I feel safe"), {"safety": 0.5})
    # Listed as "fewer than 10" it would still say that somebody wrote about it.
    assert summaries(every_type) == ([], [])


def test_tone_split_hides_when_one_side_is_small(app, every_type):
    for index in range(12):
        coded(comment(every_type, f"comment {index}"), {"safety": 0.5 if index < 3 else -0.5})
    (summary,), notes = summaries(every_type)
    assert (summary.count, summary.positive, summary.negative) == (12, None, None)
    assert [(n.where, n.reason) for n in notes] == [("themes/safety/tone", "below threshold")]
    # Nothing is quoted until a participation lead approves it; then three are.
    assert (summary.quotes, summary.quotes_awaiting) == ([], 3)
    approve_every_quote()
    (summary,), _notes = summaries(every_type)
    assert len(summary.quotes) == 3 and summary.quotes_awaiting == 0


def test_tone_split_shows_when_every_part_is_large_enough(app, every_type):
    for index in range(20):
        coded(comment(every_type, f"comment {index}"), {"safety": 0.5 if index < 10 else -0.5})
    (summary,), notes = summaries(every_type)
    assert (summary.count, summary.positive, summary.negative) == (20, 10, 10)
    assert summary.label == "Safety" and notes == []
