"""``/reports/subscriptions``: staff ask for a report by email every month or quarter."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect
from sqlalchemy.exc import IntegrityError
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from app import clock
from app.actions.public import period_words
from app.auth.access import current_staff, staff_required
from app.auth.audit import record_event
from app.extensions import db
from app.form_base import SaysoForm
from app.report.subscriptions import (
    FREQUENCIES,
    READERS,
    ReportSubscription,
    last_completed_period,
    subscribe,
    subscriptions_of,
)
from app.responses.subjects import report_subjects

blueprint = Blueprint(
    "subscriptions", __name__, url_prefix="/reports/subscriptions", template_folder="templates"
)


class SubscriptionForm(SaysoForm):
    survey = SelectField(
        _l("Report"),
        validators=[InputRequired(_l("Choose the questionnaire or family of questionnaires"))],
        widget=GovSelect(),
    )
    frequency = RadioField(
        _l("How often"),
        choices=[SelectChoice(k, v) for k, v in FREQUENCIES.items()],
        validators=[InputRequired(_l("Choose every month or every quarter"))],
        widget=GovRadioInput(),
    )


@blueprint.get("")
@staff_required(*READERS)
def list_subscriptions() -> ResponseReturnValue:
    return render_template(
        "report/email_subscriptions.html",
        subscriptions=subscriptions_of(db.session, current_staff().id),
        names=dict(report_subjects(db.session)),
        frequencies=FREQUENCIES,
    )


@blueprint.route("/new", methods=["GET", "POST"])
@staff_required(*READERS)
def new_subscription() -> ResponseReturnValue:
    names = dict(report_subjects(db.session))
    form = SubscriptionForm()
    form.survey.choices = [SelectChoice("", _("Choose a report"))] + [
        SelectChoice(k, v) for k, v in names.items()
    ]
    if form.validate_on_submit():
        staff = current_staff()
        try:
            made = subscribe(db.session, staff, form.survey.data, form.frequency.data)
        except IntegrityError:  # the same form sent twice at once: the first one won
            db.session.rollback()
            made = None
        if made is None:
            form.frequency.errors = [_("You already get this report that often.")]
        else:
            record_event(
                db.session,
                staff.id,
                "report_subscription.created",
                "report_subscription",
                made.id,
                {"survey": made.survey_key, "frequency": made.frequency},
            )
            db.session.commit()
            first = last_completed_period(made.frequency, clock.utcnow().date())
            flash(
                _(
                    "Subscribed. The first email, for %(period)s, will arrive within the hour.",
                    period=period_words(first.start, first.end),
                )
            )
            return redirect(url_for("subscriptions.list_subscriptions"))
    return render_template("report/email_subscribe.html", form=form)


@blueprint.post("/<int:subscription_id>/delete")
@staff_required(*READERS)
def delete(subscription_id: int) -> ResponseReturnValue:
    staff = current_staff()
    subscription = db.session.get(ReportSubscription, subscription_id)
    if subscription is None or subscription.user_id != staff.id:
        abort(404)
    record_event(
        db.session,
        staff.id,
        "report_subscription.deleted",
        "report_subscription",
        subscription.id,
        {"survey": subscription.survey_key, "frequency": subscription.frequency},
    )
    db.session.delete(subscription)
    db.session.commit()
    flash(_("You will not get that email any more."))
    return redirect(url_for("subscriptions.list_subscriptions"))
