"""``/alerts/review``: the answers a safeguarding lead reads and decides on. Every view
and decision is audited; only those who may read the team's alerts see an item."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from app.auth.access import current_staff, staff_required
from app.auth.audit import record_event
from app.extensions import db
from app.form_base import SaysoForm
from app.responses.models import Response
from app.safeguard.models import ReviewItem
from app.safeguard.readers import may_read_alert
from app.safeguard.review import decide_review, flagged_answers, readable_review_items
from app.safeguard.tasks import notify_alert_task
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.tasks import enqueue

blueprint = Blueprint("review", __name__, url_prefix="/alerts/review", template_folder="templates")


class DecisionForm(SaysoForm):
    decision = RadioField(
        _l("Is this a safeguarding concern?"),
        choices=[
            SelectChoice("concern", _l("Yes, it is a concern: raise an alert now")),
            SelectChoice("not_concern", _l("No, it is not a concern")),
        ],
        validators=[InputRequired(_l("Select whether this is a safeguarding concern"))],
        widget=GovRadioInput(),
    )


def _readable(item: ReviewItem) -> bool:
    return may_read_alert(db.session, current_staff(), item.team_id, 0)


@blueprint.get("")
@staff_required("safeguarding_lead")
def list_items() -> ResponseReturnValue:
    items = readable_review_items(db.session, current_staff())
    record_event(db.session, current_staff().id, "review.listed", details={"shown": len(items)})
    db.session.commit()
    return render_template("safeguard/review_list.html", items=items)


@blueprint.route("/<int:item_id>", methods=["GET", "POST"])
@staff_required("safeguarding_lead")
def show_item(item_id: int) -> ResponseReturnValue:
    item = db.session.get(ReviewItem, item_id)
    if item is None or not _readable(item):
        abort(404)
    staff = current_staff()
    form = DecisionForm()
    if item.status == "waiting" and form.validate_on_submit():
        ack = int(current_app.config["SAYSO_ALERT_ACK_MINUTES"])
        alert = decide_review(db.session, item, form.decision.data, staff.id, ack)
        record_event(
            db.session,
            staff.id,
            "review.decided",
            "review_item",
            item.id,
            {"decision": form.decision.data},
        )
        db.session.commit()
        if alert is not None:
            enqueue(notify_alert_task, alert.id, 0, urgent=True)
            flash(_("Alert %(id)s raised. The leads who can read it are being told.", id=alert.id))
        else:
            flash(_("Recorded as not a concern."))
        return redirect(url_for("review.list_items"))
    record_event(db.session, staff.id, "review.viewed", "review_item", item.id)
    db.session.commit()
    response = db.session.get(Response, item.response_id)
    survey = survey_for_version(db.session.get(SurveyVersion, response.survey_version_id))
    answers = [
        (survey.question(a.question_id).text, a.text)
        for a in flagged_answers(db.session, item)
        if a.text
    ]
    return render_template(
        "safeguard/review_item.html", item=item, response=response, answers=answers, form=form
    )
