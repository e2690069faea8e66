"""Emerging themes: found from comments no theme fits, shown only in groups big enough,
accepted into the codebook or set aside for good."""

from sqlalchemy import select

from app.coding.candidates import (
    accept_candidate,
    dismiss_candidate,
    find_candidates,
    shown_candidates,
    suggested_theme_id,
    unmatched_comments,
)
from app.coding.models import CommentTheme, LocalTheme, ThemeCandidate
from app.coding.runs import code_new_comments
from app.extensions import db
from app.responses.filters import Filters
from app.responses.periods import parse_period
from app.responses.scope import CountScope
from tests.auth.conftest import make_staff
from tests.coding.factories import FOOTBALL, WIFI, comment, comments

Q3 = parse_period("2026-Q3")
EVERYONE = Filters()


def find(survey_id: str, threshold: int = 10, filters: Filters = EVERYONE):
    found = find_candidates(
        db.session, survey_id, CountScope.of([survey_id], Q3, filters), threshold
    )
    db.session.commit()
    return found


def shown(survey_id: str, threshold: int = 10, filters: Filters = EVERYONE, **options):
    scope = CountScope.of([survey_id], Q3, filters)
    return shown_candidates(db.session, survey_id, scope, threshold, **options)


def themes_of(answer_id: int) -> set[str]:
    return set(
        db.session.scalars(select(CommentTheme.theme_id).where(CommentTheme.answer_id == answer_id))
    )


def test_only_comments_whose_one_theme_is_other_are_grouped(app, every_type):
    fits = comments(every_type, ["I feel safe at my foster home"])
    loose = comments(every_type, ["the wifi at the centre keeps dropping out"])
    assert [
        c.id for c in unmatched_comments(db.session, CountScope.of([every_type], Q3, Filters()))
    ] == [loose[0].id]
    assert fits[0].id not in {
        c.id for c in unmatched_comments(db.session, CountScope.of([every_type], Q3, Filters()))
    }


def test_groups_are_found_with_labels_terms_and_redacted_examples(app, every_type):
    comments(every_type, WIFI + FOOTBALL + ["Sarah says the wifi at the centre is bad"])
    stored = find(every_type)
    labels = {c.label for c in stored}
    assert any("wifi" in label for label in labels) and any("football" in label for label in labels)
    visible = shown(every_type)
    assert {c.candidate.id for c in visible} == {c.id for c in stored}
    for candidate in visible:
        assert candidate.size >= 10 and 1 <= len(candidate.examples) <= 3
        assert candidate.candidate.key_terms
        assert not any("Sarah" in example for example in candidate.examples)


def test_a_group_smaller_than_the_threshold_is_never_shown(app, every_type):
    comments(every_type, WIFI[:5] + FOOTBALL[:4])
    assert find(every_type, threshold=10) == []
    # Found with a lower threshold, then read where the threshold is higher: still hidden.
    assert find(every_type, threshold=3)
    assert shown(every_type, threshold=10) == []


def test_a_team_sees_a_group_only_if_enough_of_it_is_theirs(app, every_type):
    comments(every_type, WIFI[:8], team_id=1)
    comments(every_type, WIFI[8:], team_id=2)
    comments(every_type, FOOTBALL, team_id=2)
    assert len(find(every_type)) == 2  # found across every team, as an administrator would
    assert shown(every_type, filters=Filters(team_id=1)) == []  # eight of the wifi group
    (football,) = shown(every_type, filters=Filters(team_id=2))  # four wifi: hidden
    assert football.size == 12 and all("football" in text for text in football.examples)


def test_finding_again_replaces_undecided_candidates_and_dismissed_ones_stay_away(app, every_type):
    comments(every_type, WIFI + FOOTBALL)
    first = find(every_type)
    wifi = next(c for c in first if "wifi" in c.label)
    dismiss_candidate(wifi, staff_id=None)
    db.session.commit()

    again = find(every_type)
    assert not any("wifi" in c.label for c in again)
    statuses = db.session.execute(select(ThemeCandidate.status, ThemeCandidate.label)).all()
    assert ("dismissed", wifi.label) in statuses
    assert sorted(s for s, _label in statuses) == sorted(["dismissed"] + ["new"] * len(again))
    assert [c.candidate.label for c in shown(every_type, statuses=("dismissed",))] == [wifi.label]


def test_an_accepted_candidate_becomes_a_theme_that_codes_new_comments(app, every_type):
    comments(every_type, WIFI + FOOTBALL)
    wifi = next(c for c in find(every_type) if "wifi" in c.label)
    accept_candidate(db.session, wifi, "internet_access", "Internet access", ["wifi"], None)
    db.session.commit()

    assert db.session.get(LocalTheme, "internet_access").label == "Internet access"
    assert db.session.get(ThemeCandidate, wifi.id).status == "accepted"
    new = comment(every_type, "no wifi in my room")
    db.session.commit()
    code_new_comments(db.session)
    assert themes_of(new.id) == {"internet_access"}


def test_a_suggested_code_is_one_a_lead_can_use():
    from app.coding.forms import ID_LIMIT
    from app.themes.codebook import THEME_ID

    for label in ("wifi signal", "2 buses a day", "Ärger mit dem Bus", "x" * 90, "!!!"):
        suggested = suggested_theme_id(label)
        assert THEME_ID.match(suggested) and len(suggested) <= ID_LIMIT, (label, suggested)
    assert suggested_theme_id("Wifi signal") == "wifi_signal"


def test_one_team_s_search_keeps_another_team_s_undecided_suggestions(app, every_type):
    north = make_staff("north@example.org", "participation_lead", team="North").team_id
    south = make_staff("south@example.org", "participation_lead", team="South").team_id
    comments(every_type, WIFI, team_id=north)
    comments(every_type, FOOTBALL, team_id=south)
    (north_wifi,) = find(every_type, filters=Filters(team_id=north))
    (south_football,) = find(every_type, filters=Filters(team_id=south))
    assert "wifi" in north_wifi.label and "football" in south_football.label

    # South searches again, and again: North's suggestion is still there for North.
    find(every_type, filters=Filters(team_id=south))
    find(every_type, filters=Filters(team_id=south))
    (still,) = shown(every_type, filters=Filters(team_id=north))
    assert still.candidate.id == north_wifi.id and still.candidate.team_id == north
    # A search across the whole service keeps both teams' suggestions too.
    find(every_type)
    assert north_wifi.id in [
        c.candidate.id for c in shown(every_type, filters=Filters(team_id=north))
    ]
    south_now = db.session.scalars(
        select(ThemeCandidate).where(
            ThemeCandidate.team_id == south, ThemeCandidate.status == "new"
        )
    ).all()
    assert len(south_now) == 1 and "football" in south_now[0].label
