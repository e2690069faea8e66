"""Report pages for participation leads: choose a report, read it, download it.

The choosing form is sent by GET, so a report's address can be shared; the report's own
address is ``/reports/<survey or family>/<period>?team=..&chair=..``. A participation
lead who belongs to a team sees only that team's answers, whatever the address asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from app.actions.models import ACTION_STATUSES
from app.auth import teams
from app.auth.access import current_staff, staff_required
from app.auth.audit import record_event
from app.auth.models import Team
from app.coding.runs import code_comments_if_embedded
from app.extensions import db
from app.languages import current_language, text_direction
from app.report.build import cached_report
from app.report.charts import indicator_key
from app.report.exports import report_csv, report_xlsx
from app.report.findings import key_findings
from app.report.notes import (
    indicator_code,
    option_code,
    theme_code,
    trend_code,
    triangulation_code,
)
from app.report.pages import in_page_language, report_page
from app.responses import readers
from app.responses.scope_choice import FILTER_FIELDS, ReportForm
from app.responses.shape import Report
from app.responses.subjects import UnknownSurvey
from app.responses.wording import (
    audience_name,
    awaiting_words,
    indicator_value_text,
    percent_text,
    quote_label,
    rag_name,
)

blueprint = Blueprint("reports", __name__, url_prefix="/reports", template_folder="templates")
READERS = ("participation_lead", "admin")
DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Chosen:
    """The form as filled in and, when it was valid, the report it asks for."""

    form: ReportForm
    own_team: Team | None
    report: Report | None = None


def _choose(survey_key: str, period_text: str) -> Chosen:
    args = request.args.copy()
    args["survey"], args["period"] = survey_key, period_text
    own_team = teams.own_team()
    chosen = Chosen(readers.report_form(args, own_team), own_team)
    if not chosen.form.validate():
        return chosen
    code_comments_if_embedded(db.session)
    try:
        chosen.report = cached_report(
            db.session, survey_key, chosen.form.parsed_period, chosen.form.filters(), _threshold()
        )
    except UnknownSurvey as error:
        chosen.form.survey.errors = [str(error)]
    db.session.commit()  # keeps a freshly built report for the next person who asks
    return chosen


def _threshold() -> int:
    return int(current_app.config["SAYSO_SUPPRESSION_THRESHOLD"])


def _choosing_page(chosen: Chosen) -> ResponseReturnValue:
    return render_template(
        "report/index.html",
        form=chosen.form,
        own_team=chosen.own_team,
        filter_fields=FILTER_FIELDS,
    )


@blueprint.get("")
@staff_required(*READERS)
def index() -> ResponseReturnValue:
    own_team = teams.own_team()
    form = readers.report_form(request.args, own_team)
    submitted = "survey" in request.args or "period" in request.args
    if submitted and form.validate():
        return redirect(
            url_for(
                ".report",
                survey_key=form.survey.data,
                period=form.parsed_period.label,
                **form.filter_args(),
            )
        )
    return _choosing_page(Chosen(form, own_team))


@blueprint.get("/<survey_key>/<period>")
@staff_required(*READERS)
def report(survey_key: str, period: str) -> ResponseReturnValue:
    chosen = _choose(survey_key, period)
    if chosen.report is None:
        return _choosing_page(chosen)
    return render_template(
        "report/report.html", **_page_context(chosen), coding=_coding_links(chosen)
    )


@blueprint.get("/<survey_key>/<period>.<any(csv, xlsx):file_format>")
@staff_required(*READERS)
def download(survey_key: str, period: str, file_format: str) -> ResponseReturnValue:
    chosen = _choose(survey_key, period)
    if chosen.report is None:
        return _choosing_page(chosen)
    report = in_page_language(chosen.report)
    if file_format == "csv":
        body: str | bytes = report_csv(report)
    else:
        body = report_xlsx(report, described_filters(chosen.form))
    _audit_export(chosen, file_format)
    filename = f"sayso-{survey_key}-{chosen.form.parsed_period.label}.{file_format}"
    return Response(
        body,
        mimetype=DOWNLOADS[file_format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@blueprint.get("/<survey_key>/<period>/board-pack")
@staff_required(*READERS)
def board_pack(survey_key: str, period: str) -> ResponseReturnValue:
    chosen = _choose(survey_key, period)
    if chosen.report is None:
        return _choosing_page(chosen)
    _audit_export(chosen, "board_pack")
    return render_template("report/board_pack.html", **_page_context(chosen))


def _page_context(chosen: Chosen) -> dict[str, object]:
    form = chosen.form
    rtl = text_direction(current_language()) == "rtl"
    page = report_page(in_page_language(chosen.report), rtl)
    key, label, filters = form.survey.data, form.parsed_period.label, form.filter_args()
    return {
        "page": page,
        "report": page.report,
        "filters": described_filters(form),
        "own_team": chosen.own_team,
        "links": {
            "csv": url_for(".download", survey_key=key, period=label, file_format="csv", **filters),
            "xlsx": url_for(
                ".download", survey_key=key, period=label, file_format="xlsx", **filters
            ),
            "board_pack": url_for(".board_pack", survey_key=key, period=label, **filters),
            "report": url_for(".report", survey_key=key, period=label, **filters),
            "change": url_for(".index", survey=key, period=label, **filters),
        },
    }


def _coding_links(chosen: Chosen) -> dict[str, object]:
    """Where the report's themes are checked and corrected (the report page links them)."""
    form = chosen.form
    key, label, filters = form.survey.data, form.parsed_period.label, form.filter_args()
    return {
        "theme": lambda theme_id: url_for(
            "coding.theme_page", survey_key=key, period=label, theme_id=theme_id, **filters
        ),
        "emerging": url_for("coding.emerging_page", survey_key=key, period=label, **filters),
        "model": url_for("coding.model_page", survey_key=key, period=label),
        # Only a participation lead approves quotes (see app.coding.quote_views).
        "quotes": (
            (
                lambda theme_id: url_for(
                    "coding.quotes_page", survey_key=key, period=label, theme_id=theme_id, **filters
                )
            )
            if current_staff().role in teams.QUOTE_APPROVERS
            else None
        ),
    }


@blueprint.context_processor
def report_words() -> dict[str, object]:
    """What the report templates use to put codes and numbers into words."""
    return {
        "percent_text": percent_text,
        "indicator_value_text": indicator_value_text,
        "key_findings": key_findings,
        "rag_name": rag_name,
        "audience_name": audience_name,
        "action_status": lambda code: str(ACTION_STATUSES.get(code, code)),
        "option_code": option_code,
        "indicator_code": indicator_code,
        "indicator_key": indicator_key,
        "trend_code": trend_code,
        "triangulation_code": triangulation_code,
        "theme_code": theme_code,
        "quote_label": quote_label,
        "awaiting_words": awaiting_words,
    }


def described_filters(form: ReportForm) -> list[tuple[str, str]]:
    """The filters in force, as (name, chosen value) in words."""
    described = []
    for name in FILTER_FIELDS:
        field = getattr(form, name)
        if field.data:
            chosen = next(
                (label for value, label, *_rest in field.iter_choices() if value == field.data),
                field.data,
            )
            described.append((str(field.label.text), str(chosen)))
    return described


def _audit_export(chosen: Chosen, file_format: str) -> None:
    """Who took which report away, in codes only (the filters are ids and codes)."""
    user = current_staff()
    form = chosen.form
    details: dict[str, str | int | float | bool | None] = {
        "format": file_format,
        "period": form.parsed_period.label,
    }
    details |= form.filters().as_dict()
    record_event(
        db.session, user.id if user else None, "report_export", "report", form.survey.data, details
    )
    db.session.commit()
