"""Alert pages for safeguarding leads. Every view and change is audited; no other role
sees alert content."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount
from sqlalchemy import select
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from app import clock
from app.auth.access import current_staff, staff_required
from app.auth.audit import record_event
from app.extensions import db
from app.form_base import SaysoForm
from app.invite.models import MEETING_KINDS, RESPONDENT_ROLES, Invitation
from app.questions.number import whole_or_decimal
from app.respond.models import Response
from app.safeguard.labels import concern_labels, severity_label, status_label
from app.safeguard.models import ALERT_STATUSES, Alert, AlertNote
from app.safeguard.notify import deliveries
from app.safeguard.readers import may_read_alert, settings_marked
from app.safeguard.review import readable_review_items
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.survey.translation import survey_text

blueprint = Blueprint("alerts", __name__, url_prefix="/alerts", template_folder="templates")
blueprint.add_app_template_filter(status_label, "alert_status")
blueprint.add_app_template_filter(severity_label, "severity")
blueprint.add_app_template_filter(concern_labels, "concerns")
blueprint.add_app_template_filter(settings_marked)
LEADS = ("safeguarding_lead",)
NEXT_STATUS = {"acknowledge": "acknowledged", "action": "actioned", "close": "closed"}


class NoteForm(SaysoForm):
    note = TextAreaField(validators=[InputRequired(), Length(max=5000)], widget=GovCharacterCount())


class ActionForm(SaysoForm):
    """Acknowledge, mark actioned (with the outcome) or close an alert."""

    outcome = TextAreaField(validators=[Length(max=5000)], widget=GovCharacterCount())


def _chain() -> list[str]:
    return [a for a in current_app.config["SAYSO_ESCALATION_CHAIN"] if a]


def _readable(alert: Alert) -> bool:
    """The one rule (app.safeguard.readers) that also chooses who is emailed."""
    return may_read_alert(
        db.session, current_staff(), alert.team_id, alert.escalation_level, _chain()
    )


def _alert(alert_id: int) -> Alert:
    alert = db.session.get(Alert, alert_id)
    if alert is None or not _readable(alert):
        abort(404)
    return alert


@blueprint.get("")
@staff_required(*LEADS)
def list_alerts() -> ResponseReturnValue:
    status = request.args.get("status", "new")
    if status not in ALERT_STATUSES:
        status = "new"
    candidates = db.session.scalars(
        select(Alert).where(Alert.status == status).order_by(Alert.created_at.desc()).limit(2000)
    ).all()
    # One look at the rule per team and level, not per alert.
    readable: dict[tuple[int | None, int], bool] = {}
    alerts = []
    for alert in candidates:
        key = (alert.team_id, alert.escalation_level)
        if key not in readable:
            readable[key] = _readable(alert)
        if readable[key]:
            alerts.append(alert)
    alerts = alerts[:500]
    to_review = len(readable_review_items(db.session, current_staff()))
    record_event(db.session, current_staff().id, "alerts.listed", details={"status": status})
    db.session.commit()
    return render_template(
        "safeguard/list.html",
        alerts=alerts,
        status=status,
        statuses=ALERT_STATUSES,
        to_review=to_review,
    )


@blueprint.get("/<int:alert_id>")
@staff_required(*LEADS)
def show_alert(alert_id: int) -> ResponseReturnValue:
    alert = _alert(alert_id)
    response = db.session.get(Response, alert.response_id)
    version = db.session.get(SurveyVersion, response.survey_version_id)
    survey = survey_for_version(version)
    invitation = (
        db.session.get(Invitation, response.invitation_id) if response.invitation_id else None
    )
    answers = []
    for answer in response.answers:
        try:
            question = survey.question(answer.question_id)
        except KeyError:
            continue
        # What they typed is in their own language; a choice is shown in the reader's.
        typed = bool(answer.text)
        value = answer.text or (
            survey_text(question.label_for(answer.choice)) if answer.choice else None
        )
        if value is None:
            value = (
                answer.date_value.isoformat()
                if answer.date_value
                else whole_or_decimal(answer.number)
            )
        answers.append(
            {
                "question": survey_text(question.text),
                "value": value,
                "typed": typed,
                "flagged": question.id in alert.questions,
            }
        )
    record_event(db.session, current_staff().id, "alert.viewed", "alert", alert.id)
    db.session.commit()
    return render_template(
        "safeguard/alert.html",
        alert=alert,
        response=response,
        survey=survey,
        answers=answers,
        invitation=invitation,
        meeting=invitation.meeting if invitation else None,
        kinds=MEETING_KINDS,
        roles=RESPONDENT_ROLES,
        note_form=NoteForm(),
        action_form=ActionForm(),
        deliveries=deliveries(db.session, alert.id),
    )


@blueprint.post("/<int:alert_id>/notes")
@staff_required(*LEADS)
def add_note(alert_id: int) -> ResponseReturnValue:
    alert = _alert(alert_id)
    form = NoteForm()
    if not form.validate_on_submit():
        flash(_("Write a note before saving it."))
        return redirect(url_for("alerts.show_alert", alert_id=alert.id))
    staff = current_staff()
    alert.notes.append(AlertNote(author_id=staff.id, at=clock.utcnow(), text=form.note.data))
    record_event(db.session, staff.id, "alert.note_added", "alert", alert.id)
    db.session.commit()
    flash(_("Note saved."))
    return redirect(url_for("alerts.show_alert", alert_id=alert.id))


@blueprint.post("/<int:alert_id>/<any(acknowledge, action, close):step>")
@staff_required(*LEADS)
def change_status(alert_id: int, step: str) -> ResponseReturnValue:
    alert = _alert(alert_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    staff = current_staff()
    now = clock.utcnow()
    before = alert.status
    alert.status = NEXT_STATUS[step]
    if alert.acknowledged_at is None:
        # Any step by a lead counts as acknowledging: escalation stops here.
        alert.acknowledged_at, alert.acknowledged_by_id = now, staff.id
    if form.outcome.data:
        alert.outcome = form.outcome.data
    if step == "close":
        alert.closed_at = now
    record_event(
        db.session, staff.id, f"alert.{alert.status}", "alert", alert.id, details={"from": before}
    )
    db.session.commit()
    flash(
        _(
            "The status of alert %(id)s is now “%(status)s”.",
            id=alert.id,
            status=status_label(alert.status),
        )
    )
    return redirect(url_for("alerts.show_alert", alert_id=alert.id))
