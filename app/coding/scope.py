"""What a coding page works on: whose comments it may show (a report's survey, period and
filters, read from the address the way the report reads them, with a team's lead kept to
the team), the suppression threshold, and whether tasks run in this process."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn

from flask import abort, current_app, make_response, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from app.auth import teams
from app.auth.models import Team
from app.coding.runs import code_comments_if_embedded
from app.extensions import db
from app.responses import readers
from app.responses.filters import Filters
from app.responses.periods import Period
from app.responses.scope import CountScope
from app.responses.subjects import Subject, UnknownSurvey, resolve_subject

LEADS = ("participation_lead", "admin")


@dataclass(frozen=True)
class Scope:
    """A report's comments as one person may see them."""

    subject: Subject
    period: Period
    filters: Filters
    own_team: Team | None
    args: dict[str, str] = field(default_factory=dict)  # the filters, as query arguments

    @property
    def key(self) -> str:
        return self.subject.key

    @property
    def survey_ids(self) -> tuple[str, ...]:
        return self.subject.survey_ids

    @property
    def counts(self) -> CountScope:
        """The responses this page's figures count."""
        return CountScope.of(self.subject.survey_ids, self.period, self.filters)

    def url(self, endpoint: str, **values: object) -> str:
        """A page of this report, with its filters."""
        return url_for(
            endpoint, survey_key=self.key, period=self.period.label, **self.args, **values
        )


def report_scope(survey_key: str, period_text: str) -> Scope:
    """The scope the address asks for, or a page saying what is wrong with the address."""
    subject = survey_subject(survey_key)
    team = teams.own_team()
    args = MultiDict(request.args)
    args.setlist("survey", [survey_key])
    args.setlist("period", [period_text])
    form = readers.report_form(args, team)
    if not form.validate() or form.parsed_period is None:
        problems = [str(error) for errors in form.errors.values() for error in errors]
        _stop(_("This address does not lead to a report"), " ".join(problems))
    return Scope(subject, form.parsed_period, form.filters(), team, form.filter_args())


def survey_subject(survey_key: str) -> Subject:
    """The survey or family the address names, or a page saying there is none."""
    try:
        return resolve_subject(db.session, survey_key)
    except UnknownSurvey as error:
        _stop(_("This address does not lead to a report"), str(error))


def _stop(heading: str, message: str) -> NoReturn:
    response = make_response(
        render_template("errors/error.html", heading=heading, message=message, error_id=None), 404
    )
    abort(response)


def threshold() -> int:
    """The smallest group of comments a page may show."""
    return int(current_app.config["SAYSO_SUPPRESSION_THRESHOLD"])


def code_waiting_comments() -> None:
    """Comments arrive faster than the beat codes them only with a worker; without one,
    a page codes them before showing anything."""
    code_comments_if_embedded(db.session)
