"""``/reports/benchmarks``: participation leads upload others' figures to compare with.

The file is checked whole: any problem is listed by line and nothing is stored, so what
was uploaded before stays as it was. Each upload is in the audit trail (how many rows,
never their content).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
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
    known_indicators,
    read_benchmarks,
    store_benchmarks,
    stored_benchmarks,
)
from app.responses.wording import percent_text

blueprint = Blueprint(
    "benchmarks", __name__, url_prefix="/reports/benchmarks", template_folder="templates"
)
LEADS = ("participation_lead", "admin")


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
    problems = []
    if form.validate_on_submit():
        data = form.figures.data.read(MAX_BYTES + 1)
        rows, problems = read_benchmarks(data, known_indicators(db.session))
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
        percent_text=percent_text,
    )
    # A refused upload says so in its status too, as well as on the page.
    return page, 400 if problems or form.errors else 200
