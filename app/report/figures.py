"""The counts a report shows, in cells, disclosed: totals, the trend's responses, questions.

Each function builds the cells for one part of the report and asks
:mod:`app.report.suppression` (and through it :mod:`app.responses.disclosure`) what may be
shown; it can then turn them into the report's declared shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.report.queries import CURRENT, PREVIOUS
from app.report.suppression import (
    SECONDARY,
    Cell,
    Rate,
    disclose_cells,
    disclose_rates,
    hide_all,
    hide_all_rates,
    share,
)
from app.report.tallies import Tallies
from app.responses.disclosure import protect_mean
from app.responses.periods import Period
from app.responses.shape import OptionCount, QuestionResult, RankedOption
from app.responses.subjects import Subject
from app.survey.questions import question_type
from app.survey.questions.ranking import average_position
from app.survey.schema import Question, Survey


@dataclass
class Totals:
    """Responses in the period and the one before, by audience, and by trend bucket."""

    current: Cell
    previous: Cell
    by_audience: dict[str, Cell]
    buckets: dict[str, Cell]
    invited: Cell
    completed: Cell
    rate: Rate

    def cells(self) -> list[Cell]:
        fixed = [self.current, self.previous, self.invited, self.completed]
        return [*fixed, *self.by_audience.values(), *self.buckets.values()]


def inside(buckets: list[Period], period: Period) -> list[str]:
    """The labels of the trend buckets that lie wholly within ``period``."""
    return [b.label for b in buckets if period.start <= b.start and b.end <= period.end]


def total_cells(subject: Subject, tallies: Tallies, trend: list[Period], threshold: int) -> Totals:
    """Response counts and the response rate, disclosed; all hidden when the period's
    own base is below the threshold."""
    invitations = tallies.invitations
    totals = Totals(
        current=Cell("responses", tallies.responses[CURRENT]),
        previous=Cell("previous_responses", tallies.responses[PREVIOUS]),
        by_audience={
            audience: Cell(
                f"responses_by_audience.{audience}", tallies.responses_by_audience[audience]
            )
            for audience in dict.fromkeys(survey.audience for survey in subject.surveys)
        }
        if subject.is_family
        else {},
        buckets={
            b.label: Cell(f"trend.{b.label}.responses", tallies.responses[b.label]) for b in trend
        },
        invited=Cell("invitations", invitations.invited),
        completed=Cell("response_rate", invitations.completed),
        rate=Rate("response_rate", invitations.completed, invitations.invited),
    )
    disclose_cells(totals.cells(), threshold)
    disclose_rates([totals.rate], threshold)
    if totals.current.hidden:
        hide_all(totals.cells())
        hide_all_rates([totals.rate])
    return totals


@dataclass
class QuestionCells:
    survey: Survey
    question: Question
    answered: Cell
    options: list[tuple[str, str, Cell]] = field(default_factory=list)  # value, label, count
    threshold: int = 10
    # A ranking question's positions given to each option, added up (never shown).
    rank_sums: dict[str | None, float] = field(default_factory=dict)

    def cells(self) -> list[Cell]:
        return [self.answered, *(cell for _value, _label, cell in self.options)]

    def result(self) -> QuestionResult:
        answered = self.answered.shown_count
        result = QuestionResult(
            id=self.question.id,
            type=self.question.type,
            text=self.question.text,
            answered=answered,
            survey=self.survey.id,
            suppressed=self.answered.hidden,
        )
        if question_type(self.question.type).report_figure == "average_rank":
            result.average_ranks = self.average_ranks()
            return result
        result.options = [
            OptionCount(
                value=value,
                label=label,
                count=cell.shown_count,
                percent=share(cell, self.answered, self.threshold),
                suppressed=cell.hidden,
            )
            for value, label, cell in self.options
        ]
        return result

    def average_ranks(self) -> list[RankedOption]:
        """Each option's average position, where its count is shown, lowest first."""
        places = len(self.question.options)
        ranked = []
        for value, label, cell in self.options:
            mean = None
            if not cell.hidden:
                total = self.rank_sums.get(value, 0.0)
                mean = protect_mean(total, cell.tally, self.threshold, (places + 1) / 2)
            average = None if mean is None else average_position(mean, places)
            ranked.append(RankedOption(value, label, average, cell.shown_count, average is None))
        shown = sorted((r for r in ranked if r.average is not None), key=lambda r: r.average)
        return [*shown, *(r for r in ranked if r.average is None)]


def question_cells(
    subject: Subject, tallies: Tallies, threshold: int, scope_shown: bool
) -> list[QuestionCells]:
    """Every question of the report's surveys with its counts for the period, disclosed."""
    found = []
    for survey in subject.surveys:
        for question in survey.questions():
            where = f"questions.{survey.id}.{question.id}"
            cells = QuestionCells(
                survey,
                question,
                Cell(f"{where}.answered", tallies.answered(CURRENT, survey, question.id)),
                threshold=threshold,
            )
            counts = tallies.choices[(CURRENT, survey.id, question.id)]
            per_option = bool(question_type(question.type).report_figure)
            if per_option:
                known = [(o.value, o.label) for o in question.all_options()]
                # Answers to an option a later version dropped are still counted.
                values = {v for v, _label in known}
                known += [(v, v) for v in sorted(c for c in counts if c and c not in values)]
                cells.options = [(v, label, Cell(f"{where}.{v}", counts[v])) for v, label in known]
                cells.rank_sums = dict(tallies.rank_sums[(CURRENT, survey.id, question.id)])
            disclose_question(cells, threshold, scope_shown)
            if per_option:
                # A dropped option is listed only when shown: its row alone would say
                # that somebody chose it.
                listed = {o.value for o in question.all_options()}
                cells.options = [o for o in cells.options if o[0] in listed or not o[2].hidden]
            found.append(cells)
    return found


def disclose_question(cells: QuestionCells, threshold: int, scope_shown: bool) -> None:
    """A question shows nothing, not even zeros, unless its own base is shown."""
    if not scope_shown:
        hide_all(cells.cells())
        return
    disclose_cells([cells.answered], threshold)
    options = [cell for _value, _label, cell in cells.options]
    if cells.answered.hidden:
        hide_all(options)
        return
    disclose_cells(options, threshold)


__all__ = ["SECONDARY", "QuestionCells", "Totals", "inside", "question_cells", "total_cells"]
