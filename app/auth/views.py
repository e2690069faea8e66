"""Staff sign-in, sign-out, the staff home page and set-password links, under ``/staff``."""

from __future__ import annotations

import math
from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.auth.access import (
    current_staff,
    safe_next_path,
    sign_browser_in,
    sign_browser_out,
    staff_required,
)
from app.auth.accounts import check_set_password_link, use_set_password_link
from app.auth.audit import record_event
from app.auth.forms import SetPasswordForm, SignInForm
from app.auth.home_notices import notices_for
from app.auth.roles import CAPABILITIES
from app.auth.signin import attempt_source, authenticate, failures_worth_warning
from app.auth.tasks import send_sign_in_warning_task
from app.extensions import db
from app.ratelimit import client_address
from app.tasks import enqueue

blueprint = Blueprint("auth", __name__, url_prefix="/staff", template_folder="templates")
# Staff page templates ask who is signed in (see auth/staff_base.html).
blueprint.add_app_template_global(current_staff, "current_staff")

# One message for an unknown email and a wrong password, so the page never confirms
# which email addresses have accounts; the wait after many failures is the same for both.
WRONG_DETAILS = _l("Enter a correct email address and password")


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    next_path = safe_next_path(request.args.get("next"))
    form = SignInForm()
    if form.validate_on_submit():
        email = form.email.data or ""
        source = attempt_source(current_app.config["SECRET_KEY"], email, client_address())
        attempt = authenticate(db.session, email, form.password.data or "", source)
        if attempt.user is not None:
            sign_browser_in(attempt.user)
            db.session.commit()
            return redirect(next_path or url_for("auth.home"))
        warn = None if attempt.wait else failures_worth_warning(db.session, email)
        db.session.commit()
        if warn is not None:
            enqueue(send_sign_in_warning_task, warn)
        form.email.errors = [wait_message(attempt.wait) if attempt.wait else WRONG_DETAILS]
    elif request.method == "GET" and current_staff() is not None:
        db.session.commit()
        return redirect(next_path or url_for("auth.home"))
    return render_template("auth/sign_in.html", form=form, next_path=next_path)


@blueprint.post("/sign-out")
def sign_out() -> ResponseReturnValue:
    # CSRFProtect has already refused a post without a valid token.
    user_id = sign_browser_out()
    if user_id is not None:
        record_event(db.session, user_id, "sign_out", "staff_user", user_id)
    db.session.commit()
    flash(_("You have signed out."))
    return redirect(url_for("auth.sign_in"))


@blueprint.get("")
@staff_required()
def home() -> ResponseReturnValue:
    user = current_staff()
    assert user is not None
    capabilities = [
        (item.text, url_for(item.endpoint) if _page_exists(item.endpoint) else None)
        for item in CAPABILITIES.get(user.role, [])
    ]
    notices = notices_for(user.role, db.session)
    return render_template("auth/home.html", user=user, capabilities=capabilities, notices=notices)


@blueprint.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str) -> ResponseReturnValue:
    check = check_set_password_link(db.session, token)
    if check.token is None:
        status = 404 if check.problem == "unknown" else 410
        return render_template("auth/link_ended.html", problem=check.problem), status
    form = SetPasswordForm(account_email=check.token.user.email)
    if form.validate_on_submit():
        use_set_password_link(db.session, check.token, form.password.data or "")
        db.session.commit()
        flash(_("Your password has been set. Sign in with it now."))
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/set_password.html", form=form, email=check.token.user.email)


def wait_message(wait: timedelta) -> str:
    """How long to wait before the next try, in seconds or whole minutes."""
    seconds = math.ceil(wait.total_seconds())
    if seconds < 60:
        return ngettext(
            "There have been too many attempts to sign in. Wait %(num)d second, then try again.",
            "There have been too many attempts to sign in. Wait %(num)d seconds, then try again.",
            seconds,
        )
    return ngettext(
        "There have been too many attempts to sign in. Wait %(num)d minute, then try again.",
        "There have been too many attempts to sign in. Wait %(num)d minutes, then try again.",
        math.ceil(seconds / 60),
    )


def _page_exists(endpoint: str | None) -> bool:
    return endpoint is not None and endpoint in current_app.view_functions
