"""Building a report: what a participation lead reads for a period, on both databases."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.extensions import db
from app.report.build import UnknownSurvey, build_report, report_subjects
from app.report.indicators import rag
from app.responses.filters import Filters
from app.responses.periods import parse_period
from app.responses.shape import Report
from tests.report.factories import (
    make_invitation,
    make_meeting,
    make_team,
    publish_shipped,
    respond,
    respond_many,
)

YOUNG = "lac-review-young-person"
CHILD = "lac-review-child"
PARENT = "lac-review-parent-carer"
JULY = datetime(2026, 7, 6, 10)
AUGUST = datetime(2026, 8, 6, 10)


def report(key: str, period: str = "2026-Q3", threshold: int = 3, **filters: object) -> Report:
    return build_report(db.session, key, parse_period(period), Filters(**filters), threshold)


def question(built: Report, survey: str, question_id: str):
    return next(q for q in built.questions if q.survey == survey and q.id == question_id)


def indicator(built: Report, survey: str, indicator_id: str):
    return next(i for i in built.indicators if i.survey == survey and i.id == indicator_id)


@pytest.fixture
def family(app):
    publish_shipped(CHILD, YOUNG, PARENT)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (80.0, "green"),
        (95.0, "green"),
        (79.9, "amber"),
        (65.0, "amber"),
        (64.9, "red"),
        (None, None),
    ],
)
def test_rag_is_green_at_target_amber_at_the_amber_line_and_red_below(value, expected):
    assert rag(value, target=80, amber=65) == expected


def test_a_survey_report_counts_each_questions_answers(family):
    respond_many(YOUNG, {"felt_listened_to": "agree", "how_took_part": ["sent_views"]}, 6, JULY)
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 4, AUGUST)
    respond(YOUNG, {"felt_listened_to": "agree"}, datetime(2026, 6, 30))  # the quarter before
    db.session.commit()

    built = report(YOUNG)

    assert (built.survey, built.period, built.responses, built.title) == (
        YOUNG,
        "2026-Q3",
        10,
        "Your review meeting",
    )
    listened = question(built, YOUNG, "felt_listened_to")
    assert listened.text == "I felt listened to in my review meeting."
    assert listened.answered == 10
    # A zero is shown as "fewer than 3" like any small count: it would otherwise say
    # that the other options are everybody.
    assert [(o.value, o.label, o.count, o.percent, o.suppressed) for o in listened.options] == [
        ("strongly_agree", "Strongly agree", None, None, True),
        ("agree", "Agree", 6, 60.0, False),
        ("neither", "Neither agree nor disagree", None, None, True),
        ("disagree", "Disagree", 4, 40.0, False),
        ("strongly_disagree", "Strongly disagree", None, None, True),
    ]
    took_part = question(built, YOUNG, "how_took_part")
    assert took_part.answered == 6
    sent = next(o for o in took_part.options if o.value == "sent_views")
    assert (sent.count, sent.percent) == (6, 100.0)
    assert question(built, YOUNG, "what_was_good").answered is None


def test_indicators_show_value_target_rag_and_the_period_before(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 7, JULY)
    respond_many(YOUNG, {"felt_listened_to": "neither"}, 3, JULY)
    respond_many(YOUNG, {"felt_listened_to": "strongly_agree"}, 4, datetime(2026, 5, 2))
    db.session.commit()

    listened = indicator(report(YOUNG), YOUNG, "felt_listened_to")

    assert (listened.value, listened.target, listened.amber, listened.rag) == (
        70.0,
        80.0,
        65.0,
        "amber",
    )
    assert listened.answered == 10
    # 100% would show that nobody in the period before disagreed: not shown.
    assert listened.previous is None
    assert listened.key == "felt_listened_to"
    assert not listened.suppressed
    unanswered = indicator(report(YOUNG), YOUNG, "understood_decisions")
    assert (unanswered.value, unanswered.rag, unanswered.suppressed) == (None, None, True)


def test_the_trend_runs_by_month_over_two_years_with_each_indicator(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 4, JULY)
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 3, JULY)
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 3, datetime(2025, 2, 3))
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 5, datetime(2025, 2, 3))
    db.session.commit()

    built = report(YOUNG)

    assert [p.period for p in built.trend][:2] == ["2024-10", "2024-11"]
    assert built.trend[-1].period == "2026-09"
    points = {p.period: p for p in built.trend}
    assert points["2026-07"].responses == 7
    assert points["2026-07"].indicators["felt_listened_to"] == 57.1
    assert points["2025-02"].indicators["felt_listened_to"] == 37.5
    # A month nobody answered in reads "fewer than 3", not 0, and has no percentage.
    assert (points["2026-08"].responses, points["2026-08"].suppressed) == (None, True)
    assert points["2026-08"].indicators["felt_listened_to"] is None


def test_a_years_trend_runs_by_quarter(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 5, JULY)
    db.session.commit()
    built = report(YOUNG, "2026")
    assert built.trend_by == "quarter"
    assert [p.period for p in built.trend] == [
        f"{y}-Q{q}" for y in (2025, 2026) for q in range(1, 5)
    ]
    assert {p.period: p.responses for p in built.trend}["2026-Q3"] == 5
    assert built.previous_period == "2025"


def test_a_family_report_groups_questions_by_survey_and_sets_audiences_side_by_side(family):
    respond_many(CHILD, {"felt_listened_to": "good"}, 4, JULY)
    respond_many(CHILD, {"felt_listened_to": "okay"}, 4, JULY)
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 9, JULY)
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 3, JULY)
    respond_many(PARENT, {"felt_listened_to": "strongly_agree"}, 3, JULY)
    db.session.commit()

    built = report("lac-review")

    assert built.title == "Looked-after child review: every questionnaire"
    assert built.responses == 23
    assert built.responses_by_audience == {"child": 8, "young_person": 12, "parent_carer": 3}
    assert [q.survey for q in built.questions] == sorted(
        (q.survey for q in built.questions), key=[CHILD, YOUNG, PARENT].index
    )
    listened = next(row for row in built.triangulation if row.id == "felt_listened_to")
    # Everyone agreeing would show a hidden zero: 100% is not shown.
    assert listened.by_audience == {"child": 50.0, "young_person": 75.0, "parent_carer": None}
    keys = {i.key for i in built.indicators}
    assert {f"{CHILD}/felt_listened_to", f"{YOUNG}/felt_listened_to"} <= keys
    july = next(p for p in built.trend if p.period == "2026-07")
    assert july.indicators[f"{YOUNG}/felt_listened_to"] == 75.0


def test_filters_narrow_every_count_and_are_named_in_the_report(family):
    north, south = make_team("north"), make_team("south")
    answers = ((north, "agree", 4), (north, "disagree", 3), (south, "disagree", 5))
    for team, answer, count in answers:
        for _ in range(count):
            invitation = make_invitation(YOUNG, meeting=make_meeting(team=team, child_age=13))
            respond(YOUNG, {"felt_listened_to": answer}, JULY, invitation=invitation)
    db.session.commit()

    built = report(YOUNG, team_id=north.id)

    assert built.filters == {"team_id": north.id}
    assert built.responses == 7
    assert indicator(built, YOUNG, "felt_listened_to").value == 57.1
    assert report(YOUNG, age_band="12-15").responses == 12
    assert report(YOUNG, age_band="16-18").responses is None
    assert report(YOUNG, language="cy").responses is None


def test_response_rate_is_answered_invitations_over_invitations_made(family):
    at = datetime(2026, 7, 1)
    for index in range(30):
        invitation = make_invitation(YOUNG, created_at=at)
        if index < 18:
            respond(YOUNG, {}, JULY, invitation=invitation)
    respond(YOUNG, {}, JULY)  # an open link counts as a response, not towards the rate
    db.session.commit()

    built = report(YOUNG, threshold=10)
    assert (built.invitations, built.response_rate, built.responses) == (30, 60.0, 19)


def test_response_rate_is_hidden_when_few_invitations_were_answered(family):
    for index in range(20):
        invitation = make_invitation(YOUNG, created_at=datetime(2026, 7, 1))
        if index < 4:
            respond(YOUNG, {}, JULY, invitation=invitation)
    respond_many(YOUNG, {}, 10, JULY)  # open links: enough responses for the report to show
    db.session.commit()

    built = report(YOUNG, threshold=10)
    assert (built.invitations, built.response_rate) == (20, None)
    assert ("response_rate", "below threshold") in [(n.where, n.reason) for n in built.suppression]


def test_small_counts_are_hidden_and_the_report_says_where_and_why(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 30, JULY)
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 12, JULY)
    respond_many(YOUNG, {"felt_listened_to": "strongly_disagree"}, 2, JULY)
    db.session.commit()

    built = report(YOUNG, threshold=10)

    listened = question(built, YOUNG, "felt_listened_to")
    counts = {o.value: (o.count, o.percent, o.suppressed) for o in listened.options}
    assert counts["agree"] == (30, 68.2, False)
    assert counts["strongly_disagree"] == (None, None, True)
    # No secondary suppression: with random record keys every shown count is perturbed,
    # so 44 - 30 - 12 is noise, not the 2 (tests/report/test_disclosure_attacks.py).
    assert counts["disagree"] == (12, 27.3, False)
    notes = {(n.where, n.reason) for n in built.suppression}
    assert (f"questions.{YOUNG}.felt_listened_to.strongly_disagree", "below threshold") in notes
    assert (f"questions.{YOUNG}.felt_listened_to.neither", "below threshold") in notes
    assert indicator(built, YOUNG, "felt_listened_to").value == 68.2


def test_a_report_with_too_few_responses_shows_no_numbers(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 4, JULY)
    db.session.commit()
    built = report(YOUNG, threshold=10)
    assert built.responses is None
    assert question(built, YOUNG, "felt_listened_to").answered is None
    listened = indicator(built, YOUNG, "felt_listened_to")
    assert (listened.value, listened.rag, listened.suppressed) == (None, None, True)
    assert ("responses", "below threshold") in [(n.where, n.reason) for n in built.suppression]


def test_an_unknown_survey_is_refused_by_name(family):
    with pytest.raises(UnknownSurvey, match="no-such-survey"):
        report("no-such-survey")


def test_report_subjects_offer_each_family_and_each_survey(family):
    subjects = dict(report_subjects(db.session))
    assert subjects["lac-review"] == "Looked-after child review: every questionnaire"
    # Named as the report's heading names it: one name for a questionnaire everywhere.
    assert subjects[YOUNG] == "Young people: “Your review meeting”"
    assert next(iter(subjects)) == "lac-review"


def test_the_report_json_has_the_published_shape(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 3, JULY)
    db.session.commit()
    data = report(YOUNG).to_json()
    for key in ("survey", "period", "filters", "responses", "response_rate", "questions"):
        assert key in data
    assert {"indicators", "trend", "themes", "actions"} <= set(data)
    assert set(data["questions"][0]) >= {"id", "type", "text", "answered", "options"}
    assert set(data["questions"][0]["options"][0]) == {
        "value",
        "label",
        "count",
        "percent",
        "suppressed",
    }
    assert set(data["indicators"][0]) >= {"id", "label", "value", "target", "rag", "suppressed"}
    assert Report.from_json(data).to_json() == data


def test_half_past_midnight_bst_on_the_first_of_july_counts_in_july(family):
    # 00:30 BST on 1 July is 23:30 UTC on 30 June, the way timestamps are stored.
    respond_many(YOUNG, {}, 3, datetime(2026, 6, 30, 23, 30))
    # 00:30 GMT on 1 December is 00:30 UTC: after the clocks went back, no hour moves.
    respond_many(YOUNG, {}, 4, datetime(2026, 12, 1, 0, 30))
    # 23:30 GMT on 30 November stays in November.
    respond_many(YOUNG, {}, 5, datetime(2026, 11, 30, 23, 30))
    db.session.commit()
    assert report(YOUNG, "2026-07").responses == 3
    assert report(YOUNG, "2026-06").responses is None
    assert report(YOUNG, "2026-12").responses == 4
    assert report(YOUNG, "2026-11").responses == 5


def test_each_trend_bucket_counts_what_its_own_months_report_counts(family):
    # Late on 30 September in the UK, and the first minutes of October (still BST).
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 6, datetime(2026, 9, 30, 22, 0))
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 4, datetime(2026, 9, 30, 23, 10))
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 5, datetime(2026, 8, 31, 23, 30))
    db.session.commit()

    built = report(YOUNG, "2026-Q3")
    trend = {point.period: point.responses for point in built.trend}
    assert built.trend[-1].period == "2026-09"
    assert trend["2026-09"] == report(YOUNG, "2026-09").responses == 11
    assert trend["2026-08"] == report(YOUNG, "2026-08").responses is None
    assert report(YOUNG, "2026-10").responses == 4


def test_a_financial_years_trend_runs_by_whole_quarters_to_march(family):
    respond_many(YOUNG, {}, 3, datetime(2027, 3, 31, 22, 30))  # 23:30 BST, 31 March
    respond_many(YOUNG, {}, 4, datetime(2027, 3, 31, 23, 30))  # 00:30 BST, 1 April
    db.session.commit()
    built = report(YOUNG, "FY2026-27")
    assert (built.period, built.trend_by, built.previous_period) == (
        "FY2026-27",
        "quarter",
        "FY2025-26",
    )
    assert built.trend[-1].period == "2027-Q1"
    assert built.trend[-1].responses == report(YOUNG, "2027-Q1").responses == 3
    assert built.responses == 3
    assert report(YOUNG, "FY2027-28").responses == 4


def test_response_rate_counts_invitations_and_answers_by_the_invitations_language(family):
    # Invited in Welsh; some answered in English. The rate follows one meaning of
    # language (the invitation's), so with a Welsh filter it is answered over invited.
    at = datetime(2026, 7, 1, 9)
    for index in range(20):
        invitation = make_invitation(YOUNG, created_at=at, language="cy")
        if index < 12:
            respond(YOUNG, {}, JULY, invitation=invitation, language="en" if index % 2 else "cy")
    for _ in range(10):
        make_invitation(YOUNG, created_at=at, language="en")
    db.session.commit()

    welsh = report(YOUNG, threshold=3, language="cy")
    assert (welsh.invitations, welsh.response_rate) == (20, 60.0)
    assert report(YOUNG, threshold=3).response_rate == 40.0


def test_a_good_result_with_a_few_others_shows_a_band_and_the_rating_it_decides(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 118, JULY)
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 2, JULY)
    db.session.commit()
    listened = indicator(report(YOUNG, threshold=10), YOUNG, "felt_listened_to")
    assert (listened.value, listened.suppressed, listened.answered) == (None, True, 120)
    assert (listened.hidden_because, listened.at_least, listened.at_most) == ("other", 90, None)
    assert listened.rag == "green"


def test_a_poor_result_with_a_few_positives_shows_a_band_at_or_below(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 2, JULY)
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 118, JULY)
    db.session.commit()
    listened = indicator(report(YOUNG, threshold=10), YOUNG, "felt_listened_to")
    assert (listened.hidden_because, listened.at_least, listened.at_most) == ("positive", None, 10)
    assert listened.rag == "red"


def test_a_hidden_indicator_says_truly_which_part_was_too_small(family):
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 12, JULY)
    respond_many(YOUNG, {"felt_listened_to": "disagree"}, 1, JULY)
    db.session.commit()
    built = report(YOUNG, threshold=10)
    listened = indicator(built, YOUNG, "felt_listened_to")
    assert (listened.hidden_because, listened.at_least, listened.rag) == ("other", None, None)
    assert indicator(built, YOUNG, "felt_listened_to").answered == 13
    few = report(YOUNG, "2026-08", threshold=10)
    assert indicator(few, YOUNG, "felt_listened_to").hidden_because == "period"
