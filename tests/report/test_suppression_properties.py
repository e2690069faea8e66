"""Suppression, proved over random numbers and over real reports built from random responses.

Properties, for every threshold:
- no count shown is from 1 to threshold − 1;
- in every group whose total is shown, the hidden cells are none, or at least two adding
  up to at least the threshold, so none can be worked out;
- no percentage is shown for a hidden count or over a hidden total.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from app.extensions import db
from app.report.build import build_report
from app.report.figures import QuestionCells, suppress_question
from app.report.filters import Filters
from app.report.models import ReportSnapshot
from app.report.periods import parse_period
from app.report.suppression import (
    Cell,
    Rate,
    hide_small_counts,
    hide_small_rates,
    protect_group,
    protect_rates,
    unshown,
)
from app.respond.models import Answer, Response
from app.survey.publishing import current_version, survey_for_version
from app.survey.schema import Option, Page, Question, Settings, Survey
from tests.report.factories import publish_shipped, respond

thresholds = st.integers(min_value=2, max_value=25)
counts = st.integers(min_value=0, max_value=60)


def is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def assert_safe(true_counts: list[int], hidden: list[bool], threshold: int) -> None:
    """The rule for a group with a shown total."""
    hidden_counts = [c for c, h in zip(true_counts, hidden, strict=True) if h]
    if sum(hidden_counts) == 0:
        return
    assert len(hidden_counts) >= 2, (true_counts, hidden)
    assert sum(hidden_counts) >= threshold, (true_counts, hidden)


def question(kind: str, size: int) -> Question:
    options = tuple(Option(f"o{i}", f"Option {i}") for i in range(size))
    return Question("q", kind, "A question?", options=options)


def survey_with(q: Question) -> Survey:
    return Survey("s", 1, "child", "A survey", "", "", Settings(), (Page("p", (q,)),))


@given(st.lists(counts, min_size=1, max_size=8), thresholds)
def test_single_choice_questions_never_show_or_give_away_a_small_count(values, threshold):
    q = question("single_choice", len(values))
    cells = QuestionCells(survey_with(q), q, Cell("answered", sum(values)))
    cells.options = [(f"o{i}", "", Cell(f"o{i}", v)) for i, v in enumerate(values)]
    suppress_question(cells, threshold)
    result = cells.result()

    shown = [o.count for o in result.options if o.count is not None]
    assert not any(is_small(c, threshold) for c in shown)
    assert not is_small(result.answered or 0, threshold)
    assert all(o.percent is None for o in result.options if o.count is None)
    assert all((o.count is None) == o.suppressed for o in result.options)
    if result.answered is None:
        assert all(o.percent is None for o in result.options)
    else:
        assert_safe(values, [o.suppressed for o in result.options], threshold)


@given(st.data(), thresholds)
def test_multiple_choice_options_never_show_a_small_count_or_complement(data, threshold):
    answered = data.draw(counts)
    values = data.draw(st.lists(st.integers(0, answered), min_size=1, max_size=8))
    q = question("multiple_choice", len(values))
    cells = QuestionCells(survey_with(q), q, Cell("answered", answered))
    cells.options = [(f"o{i}", "", Cell(f"o{i}", v)) for i, v in enumerate(values)]
    suppress_question(cells, threshold)
    result = cells.result()

    for option in result.options:
        if option.count is None:
            assert option.percent is None
            continue
        assert not is_small(option.count, threshold)
        if result.answered is not None:
            assert not is_small(result.answered - option.count, threshold)


@given(st.lists(counts, min_size=1, max_size=12), counts, thresholds)
def test_months_inside_a_period_never_give_away_a_hidden_month(months, rest, threshold):
    cells = [Cell(f"m{i}", v) for i, v in enumerate(months)]
    hide_small_counts(cells, threshold)
    whole = [*cells, unshown(rest)]
    if protect_group(whole, threshold):
        assert_safe([*months, rest], [c.hidden for c in whole], threshold)
    else:
        # Nothing left to hide would help, so the caller hides the total instead.
        assert all(c.count == 0 for c in cells if not c.hidden) or len(cells) == 1
    assert not any(is_small(c.count, threshold) for c in cells if not c.hidden)


@given(st.lists(st.tuples(counts, counts), min_size=1, max_size=12), thresholds)
def test_rates_inside_a_period_never_give_away_a_hidden_part(parts, threshold):
    rates = [
        Rate(f"m{i}", positives, positives + rest) for i, (positives, rest) in enumerate(parts)
    ]
    hide_small_rates(rates, threshold)
    if not protect_rates(rates, threshold):
        # Nothing left to hide would help, so the caller hides the total instead.
        assert all(rate.answered == 0 for rate in rates if not rate.hidden) or len(rates) == 1
        return
    hidden = [rate.hidden for rate in rates]
    assert_safe([p for p, _r in parts], hidden, threshold)
    assert_safe([r for _p, r in parts], hidden, threshold)
    for rate in rates:
        if not rate.hidden:
            assert not any(
                is_small(c, threshold)
                for c in (rate.answered, rate.positives, rate.answered - rate.positives)
            )
        else:
            assert rate.value is None


# A real report from random responses -------------------------------------------------

CHILD = "lac-review-child"
YOUNG = "lac-review-young-person"
SMILEY = ["good", "okay", "not_good"]
YES_NO = ["yes", "no", "not_sure"]
AGREEMENT = ["strongly_agree", "agree", "neither", "disagree", "strongly_disagree"]
TOOK_PART = ["came_to_meeting", "sent_views", "not_asked"]


@dataclass(frozen=True)
class Record:
    survey: str
    month: int
    team_id: int | None
    language: str
    answers: tuple[tuple[str, Any], ...]

    def answer(self, question_id: str) -> list[Any]:
        value = dict(self.answers).get(question_id)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]


def answers_for(survey: str) -> st.SearchStrategy[tuple[tuple[str, Any], ...]]:
    scale = SMILEY if survey == CHILD else YES_NO
    fields = {
        "knew_about_review": st.one_of(st.none(), st.sampled_from(scale)),
        "felt_listened_to": st.one_of(
            st.none(), st.sampled_from(AGREEMENT if survey == YOUNG else SMILEY)
        ),
        "how_took_part": st.one_of(st.none(), st.sets(st.sampled_from(TOOK_PART), min_size=1)),
    }
    return st.fixed_dictionaries(fields).map(
        lambda answers: tuple(
            (key, sorted(value) if isinstance(value, set) else value)
            for key, value in answers.items()
            if value is not None
        )
    )


@st.composite
def records(draw: st.DrawFn) -> Record:
    survey = draw(st.sampled_from([CHILD, YOUNG]))
    return Record(
        survey=survey,
        month=draw(st.integers(1, 12)),
        team_id=draw(st.sampled_from([None, 1, 2])),
        language=draw(st.sampled_from(["en", "cy"])),
        answers=draw(answers_for(survey)),
    )


def load(data: list[Record]) -> None:
    """Replace every response with ``data``, sent through the submit path."""
    db.session.execute(delete(ReportSnapshot))
    db.session.execute(delete(Answer))
    db.session.execute(delete(Response))
    for index, record in enumerate(data):
        response = respond(
            record.survey,
            dict(record.answers),
            datetime(2026, record.month, 1 + index % 28, 12),
            language=record.language,
        )
        response.team_id = record.team_id
    db.session.commit()


@dataclass(frozen=True)
class Truth:
    """The true counts behind a report, worked out here from what was loaded."""

    data: list[Record]
    filters: Filters
    months: range

    def covered(self, months: range | None = None) -> list[Record]:
        return [
            r
            for r in self.data
            if r.month in (months or self.months)
            and (self.filters.team_id is None or r.team_id == self.filters.team_id)
            and (self.filters.language is None or r.language == self.filters.language)
        ]

    def answering(self, survey: str, question_id: str, months: range | None = None):
        return [r for r in self.covered(months) if r.survey == survey and r.answer(question_id)]


def positive_values(survey_id: str, indicator_id: str) -> set[str]:
    version = current_version(db.session, survey_id)
    assert version is not None
    indicators = survey_for_version(version).indicators
    return next(set(i.positive) for i in indicators if i.id == indicator_id)


def check_counts(json: dict[str, Any], threshold: int) -> None:
    shown = [json["responses"], json["previous_responses"], json["invitations"]]
    shown += [point["responses"] for point in json["trend"]]
    shown += list(json["responses_by_audience"].values())
    for q in json["questions"]:
        shown += [q["answered"], *(o["count"] for o in q["options"])]
        for o in q["options"]:
            assert (o["count"] is None) == o["suppressed"]
            if o["count"] is None or q["answered"] is None:
                assert o["percent"] is None
    assert not any(is_small(c, threshold) for c in shown if c is not None)


def check_questions(json: dict[str, Any], truth: Truth, threshold: int) -> None:
    for q in json["questions"]:
        chosen = truth.answering(q["survey"], q["id"])
        values = Counter(v for r in chosen for v in r.answer(q["id"]))
        true = [values[o["value"]] for o in q["options"]]
        hidden = [o["suppressed"] for o in q["options"]]
        if q["type"] == "multiple_choice":
            for option, count in zip(q["options"], true, strict=True):
                if option["count"] is not None and q["answered"] is not None:
                    assert not is_small(len(chosen) - count, threshold)
        elif q["answered"] is not None:
            assert_safe(true, hidden, threshold)


def check_indicators(json: dict[str, Any], truth: Truth, threshold: int) -> None:
    questions = {(q["survey"], q["id"]): q for q in json["questions"]}
    for indicator in json["indicators"]:
        if indicator["value"] is None:
            continue
        positive = positive_values(indicator["survey"], indicator["id"])
        chosen = truth.answering(indicator["survey"], indicator["id"])
        positives = sum(1 for r in chosen if r.answer(indicator["id"])[0] in positive)
        counts = (len(chosen), positives, len(chosen) - positives)
        assert not any(is_small(c, threshold) for c in counts)
        options = questions[(indicator["survey"], indicator["id"])]["options"]
        values = Counter(r.answer(indicator["id"])[0] for r in chosen)
        for side in (True, False):
            part = [o for o in options if (o["value"] in positive) == side]
            assert_safe(
                [values[o["value"]] for o in part], [o["suppressed"] for o in part], threshold
            )
        check_indicator_trend(json, indicator, positive, truth, threshold)


def check_indicator_trend(json, indicator, positive, truth: Truth, threshold: int) -> None:
    """Months inside the period add up to the period's value: none may be worked out."""
    key = indicator["key"]
    parts = []
    for point in in_period(json, truth):
        month = int(point["period"][-2:])
        chosen = truth.answering(indicator["survey"], indicator["id"], range(month, month + 1))
        positives = sum(1 for r in chosen if r.answer(indicator["id"])[0] in positive)
        parts.append((positives, len(chosen) - positives, point["indicators"][key] is None))
    hidden = [h for _p, _n, h in parts]
    assert_safe([p for p, _n, _h in parts], hidden, threshold)
    assert_safe([n for _p, n, _h in parts], hidden, threshold)


def in_period(json: dict[str, Any], truth: Truth) -> list[dict[str, Any]]:
    return [
        p
        for p in json["trend"]
        if p["period"].startswith("2026-") and int(p["period"][-2:]) in truth.months
    ]


def check_groups(json: dict[str, Any], truth: Truth, threshold: int) -> None:
    if json["responses"] is None:
        return
    points = in_period(json, truth)
    months = [int(p["period"][-2:]) for p in points]
    true = [len(truth.covered(range(m, m + 1))) for m in months]
    assert_safe(true, [p["suppressed"] for p in points], threshold)
    audiences = json["responses_by_audience"]
    if audiences:
        by_audience = Counter(
            "child" if r.survey == CHILD else "young_person" for r in truth.covered()
        )
        assert_safe(
            [by_audience[a] for a in audiences],
            [count is None for count in audiences.values()],
            threshold,
        )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    data=st.lists(records(), max_size=70),
    key=st.sampled_from([YOUNG, "lac-review"]),
    period=st.sampled_from([("2026-Q3", range(7, 10)), ("2026-08", range(8, 9))]),
    team_id=st.sampled_from([None, 1]),
    language=st.sampled_from([None, "en"]),
    threshold=st.integers(3, 12),
)
def test_a_real_report_obeys_every_rule(
    sqlite_app, data, key, period, team_id, language, threshold
):
    if current_version(db.session, CHILD) is None:
        publish_shipped(CHILD, YOUNG)
    load(data)
    filters = Filters(team_id=team_id, language=language)
    if key == YOUNG:
        data = [r for r in data if r.survey == YOUNG]
    report = build_report(db.session, key, parse_period(period[0]), filters, threshold)
    truth = Truth(data, filters, period[1])
    json = report.to_json()
    check_counts(json, threshold)
    check_questions(json, truth, threshold)
    check_indicators(json, truth, threshold)
    check_groups(json, truth, threshold)
