"""The counting a report needs, done by the database: GROUP BY queries in SQLAlchemy Core.

Every query returns counts, never answers, and runs unchanged on SQLite and PostgreSQL.
One pass over the answers serves the whole report. To make that pass cheap, each
response in reach is first given one small integer, its *key*, naming its survey, its
month and whether it falls in the report's period, the period before, or only in the
trend (:class:`ResponseKeys`). The answers are then grouped by key, question and choice:
three plain columns, so the database hashes them in one go instead of sorting millions
of rows (see :func:`counting` for the settings that keep it hashing, on two cores).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Select,
    Subquery,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.responses.disclosure import Tally
from app.responses.filters import Filters
from app.responses.models import Answer, Response
from app.responses.periods import Period
from app.responses.scope import at_midnight, in_period, response_conditions

CURRENT = "current"
PREVIOUS = "previous"
OTHER = "other"
SEGMENTS = (OTHER, CURRENT, PREVIOUS)  # a key's segment is its index here


@dataclass(frozen=True)
class Window:
    """The dates one report counts: its period, the one before, and the trend's reach."""

    period: Period
    previous: Period
    trend_start: date

    @property
    def start(self) -> date:
        return min(self.trend_start, self.previous.start)

    def period_only(self) -> Window:
        """The report's period alone (no period before, no trend): every key is CURRENT."""
        return Window(self.period, self.period, self.period.start)


@dataclass(frozen=True)
class ChoiceCount:
    survey_id: str
    month: int  # year * 100 + month, e.g. 202607
    segment: str  # CURRENT, PREVIOUS or OTHER
    question_id: str
    choice: str | None  # None for a number, date or text answer
    tally: Tally
    number_sum: float | None = None  # the numbers stored with these answers (a ranking's positions)


@dataclass(frozen=True)
class RespondentCount:
    """Multiple choice: how many responses answered the question, and chose a positive."""

    survey_id: str
    month: int
    segment: str
    question_id: str
    answered: Tally
    positives: dict[str, Tally]  # indicator id -> responses choosing any positive option


@dataclass(frozen=True)
class ResponseCount:
    survey_id: str
    month: int
    segment: str
    tally: Tally
    first_id: int  # the lowest and highest response id counted here
    last_id: int


@dataclass(frozen=True)
class ResponseKeys:
    """One integer per response naming its survey, month and segment, and back again.

    ``key = ((survey index × months in reach) + month index) × 3 + segment index``.
    """

    survey_ids: tuple[str, ...]
    filters: Filters
    window: Window
    # The lowest and highest response id in reach (see ``id_range``).
    ids: tuple[int, int] | None = None

    @property
    def months(self) -> int:
        start, end = self.window.start, self.window.period.end
        return (end.year - start.year) * 12 + end.month - start.month + 1

    def key(self) -> ColumnElement[int]:
        survey = case(
            {survey_id: index for index, survey_id in enumerate(self.survey_ids)},
            value=Response.survey_id,
            else_=0,
        )
        month = self.month_index()
        segment = case(
            (in_period(Response.submitted_at, self.window.period), SEGMENTS.index(CURRENT)),
            (in_period(Response.submitted_at, self.window.previous), SEGMENTS.index(PREVIOUS)),
            else_=SEGMENTS.index(OTHER),
        )
        return (survey * self.months + month) * len(SEGMENTS) + segment

    def month_index(self) -> ColumnElement[int]:
        """Which month in reach (0 = the first) a response falls in, in UK local time:
        the boundaries are worked out here, so every database agrees on them."""
        start = self.window.start
        firsts = [
            date(start.year + (start.month - 1 + n) // 12, (start.month - 1 + n) % 12 + 1, 1)
            for n in range(1, self.months)
        ]
        whens = [
            (Response.submitted_at >= at_midnight(first), index)
            for index, first in reversed(list(enumerate(firsts, start=1)))
        ]
        return case(*whens, else_=0) if whens else literal(0)

    def decode(self, key: int) -> tuple[str, int, str]:
        """(survey id, month as yyyymm, segment) for a key."""
        rest, segment = divmod(key, len(SEGMENTS))
        survey, month = divmod(rest, self.months)
        year, index = divmod(self.window.start.year * 12 + self.window.start.month - 1 + month, 12)
        return self.survey_ids[survey], year * 100 + index + 1, SEGMENTS[segment]

    def range_of(self, survey_id: str) -> tuple[int, int]:
        """The first and last key a response to ``survey_id`` can have."""
        first = self.survey_ids.index(survey_id) * self.months * len(SEGMENTS)
        return first, first + self.months * len(SEGMENTS) - 1

    def conditions(self) -> list[ColumnElement[bool]]:
        return response_conditions(
            self.survey_ids, self.filters, self.window.start, self.window.period.end
        )

    def answers_in_reach(self) -> list[ColumnElement[bool]]:
        """A cheap first cut of the answers, by response id, before any join."""
        return [Answer.response_id.between(*self.ids)] if self.ids else []

    def subquery(self) -> Subquery:
        """Responses in reach with their key.

        PostgreSQL folds this into the join and may work the key out once per answer
        rather than once per response; fencing it off (``OFFSET 0``) prevented that but
        also kept the query on one core, which cost more (see ``bench/report_bench.py``).
        """
        return (
            select(
                Response.id.label("id"),
                Response.record_key.label("record_key"),
                self.key().label("key"),
                in_period(Response.submitted_at, self.window.period).label("in_period"),
            )
            .where(*self.conditions())
            .subquery("keyed")
        )


def response_keys(survey_ids: Collection[str], filters: Filters, window: Window) -> ResponseKeys:
    return ResponseKeys(tuple(sorted(survey_ids)), filters, window)


def id_range(counts: Collection[ResponseCount]) -> tuple[int, int] | None:
    """The lowest and highest response id among some counts; None when there are none.

    Ids grow with time, so a report's responses sit in one stretch of ids and so do
    their answers: the range lets the database skip the rest of the history, however
    long it grows.
    """
    if not counts:
        return None
    return min(c.first_id for c in counts), max(c.last_id for c in counts)


def choice_counts_query(
    keys: ResponseKeys, questions: Collection[str], trend_questions: Collection[str]
) -> Select[Any]:
    """Answers by response key, question and choice: the one pass over the answers.

    Only answers to ``questions`` (those the report shows) are joined to their
    responses, and outside the report's period only ``trend_questions`` (the
    indicators' questions) are kept: the trend and the previous period need nothing else.
    """
    keyed = keys.subquery()
    return (
        select(
            keyed.c.key,
            Answer.question_id,
            Answer.choice,
            func.count(),
            func.sum(keyed.c.record_key),
            func.sum(Answer.number),
        )
        .select_from(Answer)
        .join(keyed, Answer.response_id == keyed.c.id)
        .where(
            *keys.answers_in_reach(),
            Answer.question_id.in_(sorted(questions)),
            or_(keyed.c.in_period, Answer.question_id.in_(sorted(trend_questions))),
        )
        .group_by(keyed.c.key, Answer.question_id, Answer.choice)
    )


@contextmanager
def counting(session: Session) -> Iterator[None]:
    """Settings for the report's big GROUP BYs on PostgreSQL, for their duration only.

    - ``work_mem``: the groups must fit one in-memory hash table, or the database
      spills every answer to disk in batches.
    - ``jit`` off: compiling the query to machine code costs more than it saves for a
      query that runs once.
    - ``enable_sort`` off: the database cannot tell how few groups a computed key makes
      (a few thousand from millions of answers), guesses millions, and would sort every
      answer to group them; hashing is what these queries need.
    - parallel workers made cheaper to start: each query reads hundreds of thousands of
      rows, where the default costs keep a second core idle on small questionnaires.
    """
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    for name, value in COUNTING_SETTINGS:
        session.execute(text(f"SET LOCAL {name} = {value}"))
    yield
    # Not on failure: the transaction is then rolled back, which undoes SET LOCAL anyway.
    for name, _value in COUNTING_SETTINGS:
        session.execute(text(f"SET LOCAL {name} TO DEFAULT"))


COUNTING_SETTINGS = (
    ("work_mem", "'64MB'"),
    ("jit", "off"),
    ("enable_sort", "off"),
    ("parallel_setup_cost", "100"),
    ("parallel_tuple_cost", "0.01"),
)


def count_choices(
    session: Session,
    keys: ResponseKeys,
    questions: Collection[str],
    trend_questions: Collection[str],
) -> list[ChoiceCount]:
    rows = session.execute(choice_counts_query(keys, questions, trend_questions))
    return [
        ChoiceCount(
            *keys.decode(key), question, choice, Tally(count, int(key_sum or 0)), number_sum
        )
        for key, question, choice, count, key_sum, number_sum in rows
    ]


def respondents_query(
    keys: ResponseKeys,
    questions: Collection[str],
    positives: Mapping[str, tuple[str, str, Sequence[str]]],
) -> Select[Any]:
    """Per key and multiple-choice question: responses answering, and choosing a positive.

    First one row per response and question (did it choose a positive option?), then
    those rows are counted: two hashed GROUP BYs instead of a sorted COUNT(DISTINCT).
    """
    keyed = keys.subquery()
    chose_positive = [
        func.max(
            case(
                (
                    and_(
                        keyed.c.key.between(*keys.range_of(survey_id)),
                        Answer.question_id == question_id,
                        Answer.choice.in_(list(values)),
                    ),
                    1,
                ),
                else_=0,
            )
        )
        for survey_id, question_id, values in positives.values()
    ]
    on_indicator = sorted({question for _survey, question, _values in positives.values()})
    per_response = (
        select(keyed.c.key, Answer.question_id, func.max(keyed.c.record_key), *chose_positive)
        .select_from(Answer)
        .join(keyed, Answer.response_id == keyed.c.id)
        .where(
            *keys.answers_in_reach(),
            Answer.question_id.in_(sorted(questions)),
            or_(keyed.c.in_period, Answer.question_id.in_(on_indicator)),
        )
        .group_by(keyed.c.key, Answer.question_id, Answer.response_id)
        .subquery("per_response")
    )
    key, question_id, record_key, *flags = per_response.c
    return select(
        key,
        question_id,
        func.count(),
        func.sum(record_key),
        *(func.sum(flag) for flag in flags),
        *(func.sum(flag * record_key) for flag in flags),
    ).group_by(key, question_id)


def count_respondents(
    session: Session,
    keys: ResponseKeys,
    questions: Mapping[str, Collection[str]],
    positives: Mapping[str, tuple[str, str, Sequence[str]]],
) -> list[RespondentCount]:
    """Distinct responses per multiple-choice question (one answer row per option chosen).

    ``questions`` maps survey id to its multiple-choice question ids; ``positives`` maps
    an indicator id to (survey id, question id, positive values) for indicators on them.
    """
    wanted = {q for ids in questions.values() for q in ids}
    if not wanted:
        return []
    found = []
    for key, question_id, answered, key_sum, *chosen in session.execute(
        respondents_query(keys, wanted, positives)
    ):
        survey_id, month, segment = keys.decode(key)
        if question_id in questions.get(survey_id, ()):
            counts, sums = chosen[: len(positives)], chosen[len(positives) :]
            tallies = {
                name: Tally(int(count or 0), int(total or 0))
                for name, count, total in zip(positives, counts, sums, strict=True)
            }
            answered_tally = Tally(answered, int(key_sum or 0))
            found.append(
                RespondentCount(survey_id, month, segment, question_id, answered_tally, tallies)
            )
    return found


def count_responses(session: Session, keys: ResponseKeys) -> list[ResponseCount]:
    """Responses by survey, month and segment, with their range of ids.

    A survey has one audience, so counts by audience are counts by survey; this reads
    only what the (survey, submitted at, id) index holds.
    """
    keyed = keys.subquery()
    rows = session.execute(
        select(
            keyed.c.key,
            func.count(),
            func.sum(keyed.c.record_key),
            func.min(keyed.c.id),
            func.max(keyed.c.id),
        ).group_by(keyed.c.key)
    )
    return [
        ResponseCount(*keys.decode(key), Tally(count, int(key_sum or 0)), low, high)
        for key, count, key_sum, low, high in rows
    ]
