"""The database's counts for one report, arranged by scope: the period, the period
before, or one trend bucket (a month or quarter), so the builder only looks things up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from app.report.invitations import InvitationCount, count_invitations
from app.report.queries import (
    CURRENT,
    OTHER,
    PREVIOUS,
    ResponseCount,
    ResponseKeys,
    Window,
    count_choices,
    count_respondents,
    count_responses,
    counting,
    id_range,
    response_keys,
)
from app.responses.disclosure import EMPTY, Tally
from app.responses.filters import Filters
from app.responses.periods import Period
from app.responses.subjects import Subject
from app.survey.questions import question_type
from app.survey.schema import Indicator, Survey

Scope = str  # CURRENT, PREVIOUS, or a trend bucket's label ("2026-07", "2026-Q3")


def indicator_key(survey: Survey, indicator: Indicator, subject: Subject) -> str:
    """How the trend and triangulation name an indicator: its id, or survey/id in a family."""
    return f"{survey.id}/{indicator.id}" if subject.is_family else indicator.id


def bucket_label(month: int, by: str) -> str:
    year, number = divmod(month, 100)
    if by == "quarter":
        return f"{year:04d}-Q{(number - 1) // 3 + 1}"
    return f"{year:04d}-{number:02d}"


def _tallies() -> defaultdict[str | None, Tally]:
    return defaultdict(lambda: EMPTY)


@dataclass
class Tallies:
    """Counts (with their key sums, see :mod:`app.responses.disclosure`) keyed by
    (scope, survey id, question id), and responses by scope. Never shown as they are."""

    choices: dict[tuple[Scope, str, str], defaultdict[str | None, Tally]] = field(
        default_factory=lambda: defaultdict(_tallies)
    )
    respondents: defaultdict[tuple[Scope, str, str], Tally] = field(
        default_factory=lambda: defaultdict(lambda: EMPTY)
    )
    respondent_positives: defaultdict[tuple[Scope, str], Tally] = field(
        default_factory=lambda: defaultdict(lambda: EMPTY)
    )
    # The positions given to each option of a ranking question, added up, by (scope,
    # survey id, question id) and option. Never shown as they are.
    rank_sums: defaultdict[tuple[Scope, str, str], defaultdict[str | None, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    responses: defaultdict[Scope, Tally] = field(default_factory=lambda: defaultdict(lambda: EMPTY))
    responses_by_audience: defaultdict[str, Tally] = field(
        default_factory=lambda: defaultdict(lambda: EMPTY)
    )
    invitations: InvitationCount = field(default_factory=lambda: InvitationCount(EMPTY, EMPTY))

    def answered(self, scope: Scope, survey: Survey, question_id: str) -> Tally:
        """The responses that answered a question in ``scope``."""
        question = survey.question(question_id)
        if question_type(question.type).several_rows:
            return self.respondents[(scope, survey.id, question_id)]
        return sum(self.choices[(scope, survey.id, question_id)].values(), EMPTY)

    def positives(self, scope: Scope, survey: Survey, indicator: Indicator, key: str) -> Tally:
        if question_type(survey.question(indicator.question).type).several_rows:
            return self.respondent_positives[(scope, key)]
        counts = self.choices[(scope, survey.id, indicator.question)]
        return sum((counts[value] for value in indicator.positive), EMPTY)


def _scopes(month: int, segment: str, by: str, buckets: set[str]) -> list[Scope]:
    scopes = [segment] if segment != OTHER else []
    label = bucket_label(month, by)
    if label in buckets:
        scopes.append(label)
    return scopes


def tally(
    session: Session,
    subject: Subject,
    filters: Filters,
    window: Window,
    trend: list[Period],
    by: str,
) -> Tallies:
    """Run the report's queries and arrange their counts."""
    tallies = Tallies()
    buckets = {bucket.label for bucket in trend}
    tallies.invitations = count_invitations(session, subject.survey_ids, filters, window.period)
    keys = response_keys(subject.survey_ids, filters, window)
    responses = count_responses(session, keys)
    audiences = {survey.id: survey.audience for survey in subject.surveys}
    for row in responses:
        for scope in _scopes(row.month, row.segment, by, buckets):
            tallies.responses[scope] += row.tally
        if row.segment == CURRENT:
            tallies.responses_by_audience[audiences[row.survey_id]] += row.tally
    if not responses:
        return tallies  # nothing in reach: no answers to count
    questions = {q.id for survey in subject.surveys for q in survey.questions()}
    trend_questions = {i.question for s in subject.surveys for i in s.indicators}
    with counting(session):
        keys = replace(keys, ids=id_range(responses))
        for row in count_choices(session, keys, questions, trend_questions):
            for scope in _scopes(row.month, row.segment, by, buckets):
                tallies.choices[(scope, row.survey_id, row.question_id)][row.choice] += row.tally
                if row.number_sum is not None and row.choice is not None:
                    where = (scope, row.survey_id, row.question_id)
                    tallies.rank_sums[where][row.choice] += row.number_sum
        _tally_respondents(session, subject, keys, responses, by, buckets, tallies)
    return tallies


def _tally_respondents(
    session: Session,
    subject: Subject,
    keys: ResponseKeys,
    responses: list[ResponseCount],
    by: str,
    buckets: set[str],
    tallies: Tallies,
) -> None:
    """Questions answered in several rows (multiple choice, ranking), counted by person;
    over the trend's reach only when an indicator needs it, otherwise over the period."""
    questions = {
        survey.id: {q.id for q in survey.questions() if question_type(q.type).several_rows}
        for survey in subject.surveys
    }
    positives = {
        indicator_key(survey, indicator, subject): (
            survey.id,
            indicator.question,
            indicator.positive,
        )
        for survey in subject.surveys
        for indicator in survey.indicators
        if indicator.question in questions[survey.id]
    }
    if not positives:
        in_period = id_range([row for row in responses if row.segment == CURRENT])
        if in_period is None:
            return
        keys = replace(keys, window=keys.window.period_only(), ids=in_period)
    for row in count_respondents(session, keys, questions, positives):
        for scope in _scopes(row.month, row.segment, by, buckets):
            tallies.respondents[(scope, row.survey_id, row.question_id)] += row.answered
            for key, count in row.positives.items():  # count: a Tally
                tallies.respondent_positives[(scope, key)] += count


__all__ = ["CURRENT", "PREVIOUS", "Scope", "Tallies", "bucket_label", "indicator_key", "tally"]
