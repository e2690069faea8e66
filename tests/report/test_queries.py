"""The report's GROUP BY queries, on hand-built data, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import text

from app.clock import utcnow
from app.extensions import db
from app.report.invitations import count_invitations
from app.report.queries import (
    CURRENT,
    OTHER,
    PREVIOUS,
    ResponseKeys,
    Window,
    count_choices,
    count_respondents,
    count_responses,
    counting,
    id_range,
    response_keys,
)
from app.responses.filters import Filters
from app.responses.periods import parse_period, previous_period
from tests.report.factories import (
    make_chair,
    make_invitation,
    make_meeting,
    make_team,
    publish_shipped,
    respond,
)

YOUNG = "lac-review-young-person"
CHILD = "lac-review-child"
ALL = {"knew_about_review", "what_was_good", "felt_listened_to"}


def keys(survey_ids: list[str], text: str, filters: Filters = Filters()) -> ResponseKeys:  # noqa: B008
    period = parse_period(text)
    return response_keys(
        survey_ids, filters, Window(period, previous_period(period), date(2024, 10, 1))
    )


@pytest.fixture
def surveys(app):
    publish_shipped(YOUNG, CHILD)


def test_choices_are_counted_by_month_and_by_period(surveys):
    # Stored in UTC, counted in UK time: in summer, UK midnight is 23:00 UTC the day before.
    respond(YOUNG, {"knew_about_review": "yes"}, datetime(2026, 7, 31, 22, 59, 59))
    respond(YOUNG, {"knew_about_review": "yes"}, datetime(2026, 7, 31, 23, 0, 0))
    respond(YOUNG, {"knew_about_review": "no"}, datetime(2026, 6, 30, 22, 59))
    respond(YOUNG, {"knew_about_review": "no"}, datetime(2025, 1, 5))
    respond(YOUNG, {"knew_about_review": "no"}, datetime(2026, 10, 1))  # after the period
    respond(YOUNG, {"knew_about_review": "no"}, datetime(2024, 9, 30))  # before the trend
    db.session.commit()

    rows = count_choices(db.session, keys([YOUNG], "2026-Q3"), ALL, set())
    found = Counter()
    for row in rows:
        found[(row.month, row.segment, row.question_id, row.choice)] += row.tally.count
    assert found == {
        (202607, CURRENT, "knew_about_review", "yes"): 1,
        (202608, CURRENT, "knew_about_review", "yes"): 1,
    }

    rows = count_choices(db.session, keys([YOUNG], "2026-Q3"), ALL, {"knew_about_review"})
    months = Counter({(r.month, r.segment): r.tally.count for r in rows})
    assert months == {
        (202607, CURRENT): 1,
        (202608, CURRENT): 1,
        (202606, PREVIOUS): 1,
        (202501, OTHER): 1,
    }


def test_free_text_and_numbers_are_counted_without_their_values(surveys):
    respond(YOUNG, {"what_was_good": "My social worker came."}, datetime(2026, 7, 3))
    respond(YOUNG, {"what_was_good": "Pizza"}, datetime(2026, 7, 4))
    db.session.commit()
    rows = count_choices(db.session, keys([YOUNG], "2026-07"), ALL, set())
    assert [(r.question_id, r.choice, r.tally.count) for r in rows] == [("what_was_good", None, 2)]


def test_multiple_choice_counts_people_once_however_many_options_they_chose(surveys):
    respond(YOUNG, {"how_took_part": ["came_to_meeting", "sent_views"]}, datetime(2026, 7, 3))
    respond(YOUNG, {"how_took_part": ["sent_views"]}, datetime(2026, 7, 4))
    respond(CHILD, {"how_took_part": ["sent_views"]}, datetime(2026, 7, 4))
    db.session.commit()
    rows = count_respondents(
        db.session,
        keys([YOUNG, CHILD], "2026-07"),
        {YOUNG: {"how_took_part"}, CHILD: {"how_took_part"}},
        {"came": (YOUNG, "how_took_part", ["came_to_meeting"])},
    )
    by_survey = {r.survey_id: (r.answered.count, r.positives["came"].count) for r in rows}
    assert by_survey == {YOUNG: (2, 1), CHILD: (1, 0)}


def test_responses_are_counted_by_survey_and_month(surveys):
    respond(YOUNG, {}, datetime(2026, 7, 3))
    respond(YOUNG, {}, datetime(2026, 9, 3))
    respond(CHILD, {}, datetime(2026, 9, 4))
    db.session.commit()
    rows = count_responses(db.session, keys([YOUNG, CHILD], "2026-Q3"))
    assert sorted((r.survey_id, r.month, r.segment, r.tally.count) for r in rows) == [
        (CHILD, 202609, CURRENT, 1),
        (YOUNG, 202607, CURRENT, 1),
        (YOUNG, 202609, CURRENT, 1),
    ]


def test_filters_use_what_the_invitation_said_about_the_meeting(surveys):
    north, south = make_team("north"), make_team("south")
    chair = make_chair("iro@example.gov.uk", north)
    at = datetime(2026, 7, 10)
    ours = make_meeting(team=north, chair=chair, child_age=14)
    theirs = make_meeting(team=south, child_age=9)
    respond(YOUNG, {}, at, invitation=make_invitation(YOUNG, meeting=ours), language="cy")
    respond(YOUNG, {}, at, invitation=make_invitation(YOUNG, meeting=theirs))
    respond(YOUNG, {}, at)  # an open link: no team, chair or age
    db.session.commit()

    def responses(**filters: object) -> int:
        rows = count_responses(db.session, keys([YOUNG], "2026-07", Filters(**filters)))
        return sum(r.tally.count for r in rows)

    assert responses() == 3
    assert responses(team_id=north.id) == 1
    assert responses(chair_id=chair.id) == 1
    assert responses(age_band="12-15") == 1
    assert responses(age_band="8-11") == 1
    assert responses(language="cy") == 1
    assert responses(audience="young_person") == 3
    assert responses(audience="child") == 0
    assert responses(team_id=north.id, language="en") == 0


def test_invitations_made_in_the_period_and_how_many_were_answered(surveys):
    north = make_team("north")
    chair = make_chair("iro@example.gov.uk", north)
    meeting = make_meeting(team=north, chair=chair, child_age=15)
    july = datetime(2026, 7, 2)
    answered = make_invitation(YOUNG, meeting=meeting, created_at=july)
    respond(YOUNG, {}, datetime(2026, 7, 9), invitation=answered)
    make_invitation(YOUNG, meeting=meeting, created_at=july)
    make_invitation(YOUNG, created_at=july, language="cy")
    make_invitation(CHILD, meeting=make_meeting(child_age=9), created_at=july)
    make_invitation(YOUNG, created_at=datetime(2026, 6, 30))  # the quarter before
    withdrawn = make_invitation(YOUNG, created_at=july)
    withdrawn.revoked_at = utcnow()
    db.session.commit()

    def invitations(**filters: object) -> tuple[int, int]:
        found = count_invitations(
            db.session, [YOUNG, CHILD], Filters(**filters), parse_period("2026-Q3")
        )
        return found.invited.count, found.completed.count

    assert invitations() == (4, 1)
    assert invitations(team_id=north.id) == (2, 1)
    assert invitations(chair_id=chair.id) == (2, 1)
    assert invitations(age_band="12-15") == (2, 1)
    assert invitations(age_band="8-11") == (1, 0)
    assert invitations(language="cy") == (1, 0)
    assert invitations(audience="child") == (1, 0)


def test_response_counts_carry_the_range_of_ids_in_reach(surveys):
    before = respond(YOUNG, {}, datetime(2024, 1, 5))
    first = respond(YOUNG, {}, datetime(2026, 7, 3))
    respond(CHILD, {}, datetime(2026, 7, 4))
    last = respond(YOUNG, {}, datetime(2026, 8, 3))
    respond(YOUNG, {}, datetime(2026, 10, 3))
    db.session.commit()

    assert id_range(count_responses(db.session, keys([YOUNG], "2026-Q3"))) == (first.id, last.id)
    assert before.id < first.id
    assert id_range(count_responses(db.session, keys([YOUNG], "2023-Q1"))) is None


def test_answers_outside_the_id_range_are_not_read(surveys):
    respond(YOUNG, {"knew_about_review": "yes"}, datetime(2026, 7, 3))
    later = respond(YOUNG, {"knew_about_review": "no"}, datetime(2026, 7, 4))
    db.session.commit()
    only_first = replace(keys([YOUNG], "2026-07"), ids=(later.id - 1, later.id - 1))
    rows = count_choices(db.session, only_first, ALL, set())
    assert [(r.choice, r.tally.count) for r in rows] == [("yes", 1)]


def test_a_key_names_its_survey_month_and_segment_across_years():
    period = parse_period("2026-Q1")
    window = Window(period, previous_period(period), date(2024, 4, 1))
    found = response_keys([CHILD, YOUNG], Filters(), window)
    assert found.months == 25  # April 2024 to April 2026, the end's month included
    assert found.decode(0) == (CHILD, 202404, OTHER)
    assert found.decode((1 * 25 + 21) * 3 + 1) == (YOUNG, 202601, CURRENT)
    assert found.decode((0 * 25 + 18) * 3 + 2) == (CHILD, 202510, PREVIOUS)
    assert found.range_of(YOUNG) == (75, 149)


def test_the_report_settings_last_only_as_long_as_the_counting(surveys):
    db.session.commit()
    if db.session.get_bind().dialect.name != "postgresql":
        with counting(db.session):
            assert not db.session().in_transaction()  # nothing to set on SQLite
        return
    names = ("work_mem", "jit", "enable_sort", "parallel_setup_cost")
    before = {name: db.session.execute(text(f"SHOW {name}")).scalar_one() for name in names}
    with counting(db.session):
        assert db.session.execute(text("SHOW work_mem")).scalar_one() == "64MB"
        assert db.session.execute(text("SHOW jit")).scalar_one() == "off"
        assert db.session.execute(text("SHOW enable_sort")).scalar_one() == "off"
        assert db.session.execute(text("SHOW parallel_setup_cost")).scalar_one() == "100"
    after = {name: db.session.execute(text(f"SHOW {name}")).scalar_one() for name in names}
    assert after == before
