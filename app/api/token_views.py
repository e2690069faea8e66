"""``/staff/api-tokens``: staff make, list and revoke their own tokens for the reports API.

A token acts for its owner: it reads what their role and team allow, stops working
when revoked or when the account is deactivated, and only its owner can see or revoke it.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.api.models import ApiToken
from app.api.tokens import create_api_token, revoke_api_token, tokens_of
from app.auth.access import current_staff, staff_required
from app.auth.audit import record_event
from app.extensions import db
from app.form_base import SaysoForm, stripped

blueprint = Blueprint(
    "api_tokens", __name__, url_prefix="/staff/api-tokens", template_folder="templates"
)
LEADS = ("participation_lead", "admin")


class TokenForm(SaysoForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Enter a name for the token")),
            Length(max=100, message=_l("The name must be 100 characters or fewer")),
        ],
        filters=[stripped],
        widget=GovTextInput(),
    )


@blueprint.get("")
@staff_required(*LEADS)
def list_tokens() -> ResponseReturnValue:
    return render_template("api/tokens.html", tokens=tokens_of(db.session, current_staff().id))


@blueprint.route("/new", methods=["GET", "POST"])
@staff_required(*LEADS)
def new_token() -> ResponseReturnValue:
    form = TokenForm()
    if form.validate_on_submit():
        staff = current_staff()
        new = create_api_token(db.session, staff, form.name.data, current_app.config["SECRET_KEY"])
        record_event(db.session, staff.id, "api_token.created", "api_token", new.record.id)
        db.session.commit()
        # Shown in this response only: never flashed, stored or redirected with.
        return render_template(
            "api/token_created.html",
            token=new.token,
            record=new.record,
            example=url_for(
                "api.report", survey_key="lac-review", period="2026-Q3", _external=True
            ),
        )
    return render_template("api/new_token.html", form=form)


@blueprint.post("/<int:token_id>/revoke")
@staff_required(*LEADS)
def revoke(token_id: int) -> ResponseReturnValue:
    staff = current_staff()
    record = db.session.get(ApiToken, token_id)
    if record is None or record.user_id != staff.id:
        abort(404)
    if revoke_api_token(record):
        record_event(db.session, staff.id, "api_token.revoked", "api_token", record.id)
        flash(_("The token “%(name)s” has been revoked. It no longer works.", name=record.name))
    db.session.commit()
    return redirect(url_for("api_tokens.list_tokens"))
