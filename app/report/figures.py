"""The counts a report shows, in cells, suppressed: totals, the trend's responses, questions.

Each function builds the cells for one part of the report, runs the suppression rules
that apply to it (see :mod:`app.report.suppression`) and can turn them into the report's
declared shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.report.periods import Period
from app.report.queries import CURRENT, PREVIOUS, Window
from app.report.shape import OptionCount, QuestionResult
from app.report.subjects import Subject
from app.report.suppression import (
    SECONDARY,
    Cell,
    hide_small_counts,
    percent,
    protect_complements,
    protect_group,
    unshown,
)
from app.report.tallies import Tallies
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

    def cells(self) -> list[Cell]:
        fixed = [self.current, self.previous, self.invited, self.completed]
        return [*fixed, *self.by_audience.values(), *self.buckets.values()]


def inside(buckets: list[Period], period: Period) -> list[str]:
    """The labels of the trend buckets that lie wholly within ``period``."""
    return [b.label for b in buckets if period.start <= b.start and b.end <= period.end]


def total_cells(
    subject: Subject, tallies: Tallies, window: Window, trend: list[Period], threshold: int
) -> Totals:
    """Response counts, suppressed; a total is hidden if its parts cannot be made safe."""
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
        invited=Cell("invitations", tallies.invitations.invited),
        completed=Cell("response_rate", tallies.invitations.completed),
    )
    hide_small_counts(totals.cells(), threshold)
    groups = [(totals.current, list(totals.by_audience.values()))]
    for total, period in ((totals.current, window.period), (totals.previous, window.previous)):
        groups.append((total, [totals.buckets[label] for label in inside(trend, period)]))
    for total, parts in groups:
        # Whatever the parts leave uncovered (days outside whole months) is hidden too.
        rest = unshown(total.count - sum(part.count for part in parts))
        if parts and not protect_group([*parts, rest], threshold):
            total.reason = total.reason or SECONDARY
    return totals


@dataclass
class QuestionCells:
    survey: Survey
    question: Question
    answered: Cell
    options: list[tuple[str, str, Cell]] = field(default_factory=list)  # value, label, count

    def cells(self) -> list[Cell]:
        return [self.answered, *(cell for _value, _label, cell in self.options)]

    def result(self) -> QuestionResult:
        answered = self.answered.shown_count
        return QuestionResult(
            id=self.question.id,
            type=self.question.type,
            text=self.question.text,
            answered=answered,
            options=[
                OptionCount(
                    value=value,
                    label=label,
                    count=cell.shown_count,
                    percent=percent(cell.shown_count, answered),
                    suppressed=cell.hidden,
                )
                for value, label, cell in self.options
            ],
            survey=self.survey.id,
            suppressed=self.answered.hidden,
        )


def question_cells(subject: Subject, tallies: Tallies, threshold: int) -> list[QuestionCells]:
    """Every question of the report's surveys with its counts for the period, suppressed."""
    found = []
    for survey in subject.surveys:
        for question in survey.questions():
            where = f"questions.{survey.id}.{question.id}"
            cells = QuestionCells(
                survey,
                question,
                Cell(f"{where}.answered", tallies.answered(CURRENT, survey, question.id)),
            )
            counts = tallies.choices[(CURRENT, survey.id, question.id)]
            if question.is_choice:
                known = [(o.value, o.label) for o in question.all_options()]
                # Answers to an option a later version dropped are still counted.
                values = {v for v, _label in known}
                known += [(v, v) for v in sorted(c for c in counts if c and c not in values)]
                cells.options = [(v, label, Cell(f"{where}.{v}", counts[v])) for v, label in known]
            suppress_question(cells, threshold)
            found.append(cells)
    return found


def suppress_question(cells: QuestionCells, threshold: int) -> None:
    hide_small_counts(cells.cells(), threshold)
    options = [cell for _value, _label, cell in cells.options]
    if cells.question.type == "multiple_choice":
        protect_complements(options, cells.answered, threshold)
    elif options and not cells.answered.hidden and not protect_group(options, threshold):
        cells.answered.reason = SECONDARY
