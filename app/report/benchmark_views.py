"""``/reports/benchmarks``: participation leads upload others' figures to compare with.

The file is checked whole: any problem is listed by line and nothing is stored, so what
was uploaded before stays as it was. A saved figure can be removed again. Each upload and
removal is in the audit trail (how many rows, or which indicator; never text anyone
typed).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput

from app.auth.access import current_staff, staff_required
from app.auth.audit import record_event
from app.extensions import db
from app.form_base import SaysoForm
from app.report.benchmarks import (
    COLUMNS,
    MAX_BYTES,
    indicator_names,
    known_indicators,
    read_benchmarks,
    remove_benchmark,
    store_benchmarks,
    stored_benchmarks,
)
from app.responses.wording import percent_text

blueprint = Blueprint(
    "benchmarks", __name__, url_prefix="/reports/benchmarks", template_folder="templates"
)
LEADS = ("participation_lead", "admin")


class RemoveForm(SaysoForm):
    """Removing a figure is a POST with the page's CSRF token; it has no fields."""


class BenchmarkUploadForm(SaysoForm):
    figures = FileField(
        _l("CSV file of figures to compare with"),
        validators=[FileRequired(_l("Choose a CSV file"))],
        widget=GovFileInput(),
    )


@blueprint.route("", methods=["GET", "POST"])
@staff_required(*LEADS)
def upload() -> ResponseReturnValue:
    form = BenchmarkUploadForm()
    names = indicator_names(db.session)
    problems = []
    if form.validate_on_submit():
        data = form.figures.data.read(MAX_BYTES + 1)
        rows, problems = read_benchmarks(data, known_indicators(db.session, names))
        if not problems:
            staff = current_staff()
            stored = store_benchmarks(db.session, rows, staff.id)
            details = {"rows": stored}
            record_event(db.session, staff.id, "benchmarks_uploaded", "benchmark", None, details)
            db.session.commit()
            flash(_("%(count)s figures saved.", count=stored))
            return redirect(url_for(".upload"))
    page = render_template(
        "report/benchmarks.html",
        form=form,
        problems=problems,
        columns=COLUMNS,
        benchmarks=stored_benchmarks(db.session),
        names=names,
        percent_text=percent_text,
        remove_form=RemoveForm(),
    )
    # A refused upload says so in its status too, as well as on the page.
    return page, 400 if problems or form.errors else 200


@blueprint.post("/<int:benchmark_id>/remove")
@staff_required(*LEADS)
def remove(benchmark_id: int) -> ResponseReturnValue:
    if not RemoveForm().validate_on_submit():
        abort(400)
    removed = remove_benchmark(db.session, benchmark_id)
    if removed is None:
        abort(404)
    # Codes only: the source's name was typed by staff, so it stays out of the trail.
    details = {"survey": removed.survey_id, "indicator": removed.indicator_id}
    record_event(
        db.session, current_staff().id, "benchmark_removed", "benchmark", benchmark_id, details
    )
    db.session.commit()
    flash(
        _(
            "Figure removed: %(indicator)s, %(source)s, %(year)s.",
            indicator=removed.indicator_id,
            source=removed.source,
            year=removed.year,
        )
    )
    return redirect(url_for(".upload"))
