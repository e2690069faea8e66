"""The learned model's page: how many reviews there are, how far to trust the model for
each theme, and the choice to code with it (or stop)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.auth.access import current_staff
from app.auth.audit import record_event
from app.coding.analysis import shown_theme_labels
from app.coding.learning import reviewed_examples, theme_quality
from app.coding.model_choice import latest_model, model_in_use, stop_using_models, use_model
from app.coding.models import ThemeModel
from app.coding.progress import training_progress
from app.coding.scope import survey_subject
from app.coding.tasks import code_with_model_task, train_theme_model_task
from app.extensions import db
from app.responses.periods import parse_period
from app.tasks import enqueue, runs_in_process


def model_page(survey_key: str) -> ResponseReturnValue:
    subject = survey_subject(survey_key)
    if request.method == "POST":
        return _model_action(subject.key)
    labels = shown_theme_labels(db.session)
    latest = latest_model(db.session)
    in_use = model_in_use(db.session)
    return render_template(
        "coding/model.html",
        subject=subject,
        back=_report_link(subject.key),
        examples=reviewed_examples(db.session),
        labels=labels,
        latest=latest,
        in_use=in_use,
        quality=theme_quality(latest, labels) if latest else [],
        progress=training_progress(),
    )


def _report_link(survey_key: str) -> str:
    """Back to the report the lead came from (its period travels in the address)."""
    period = request.args.get("period", "")
    try:
        label = parse_period(period).label
    except ValueError:
        return url_for("reports.index", survey=survey_key)
    return url_for("reports.report", survey_key=survey_key, period=label)


def _model_action(survey_key: str) -> ResponseReturnValue:
    action = request.form.get("action")
    staff = current_staff()
    here = url_for(".model_page", survey_key=survey_key, period=request.args.get("period"))
    if action == "train":
        flash(_train(staff.id))
        return redirect(here)
    if action == "use":
        model = db.session.get(ThemeModel, request.form.get("model", type=int) or 0)
        if model is None:
            abort(404)
        use_model(db.session, model, staff.id)
        record_event(db.session, staff.id, "theme_model_used", "theme_model", model.id)
        db.session.commit()
        enqueue(code_with_model_task, model.id)
        flash(_("Comments nobody has reviewed are being coded with the model."))
        return redirect(here)
    if action == "stop":
        stop_using_models(db.session)
        record_event(db.session, staff.id, "theme_model_stopped", "theme_model", None)
        db.session.commit()
        enqueue(code_with_model_task, None)
        flash(_("Comments nobody has reviewed are being coded with the codebook again."))
        return redirect(here)
    abort(400)


def _train(staff_id: int) -> str:
    """Start a training; what to tell the lead about it."""
    if not reviewed_examples(db.session).ready:
        return _("There are not enough reviewed comments to learn from yet.")
    before = latest_model(db.session)
    if not enqueue(train_theme_model_task, staff_id):
        return _("Training could not be started just now. Try again in a few minutes.")
    if not runs_in_process():
        return _("Training has started. Refresh this page in a minute or two to see the results.")
    db.session.expire_all()
    after = latest_model(db.session)
    if after is None:
        return _("Training did not finish. Try again in a few minutes.")
    if before is None or after.id != before.id:
        return _("The model has been trained. Its results are below.")
    return _(
        "Nobody has reviewed a comment since the model below was trained, so it is up to date."
    )
