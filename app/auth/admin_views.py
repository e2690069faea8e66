"""Staff accounts for administrators, under ``/admin/users``: the list, and deactivating."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.auth.access import current_staff, staff_required
from app.auth.accounts import deactivate_account, list_accounts
from app.auth.forms import ConfirmForm
from app.auth.models import StaffUser
from app.extensions import db

blueprint = Blueprint(
    "user_admin", __name__, url_prefix="/admin/users", template_folder="templates"
)


@blueprint.get("")
@staff_required("admin")
def list_users() -> ResponseReturnValue:
    return render_template("admin/users.html", users=list_accounts(db.session), me=current_staff())


@blueprint.route("/<int:user_id>/deactivate", methods=["GET", "POST"])
@staff_required("admin")
def deactivate(user_id: int) -> ResponseReturnValue:
    """Ask to confirm, then deactivate. Admins cannot deactivate themselves (no lock-out)."""
    user = db.session.get(StaffUser, user_id)
    me = current_staff()
    if user is None or me is None or not user.is_active:
        abort(404)
    if user.id == me.id:
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        deactivate_account(db.session, user, actor_id=me.id)
        db.session.commit()
        flash(_("%(email)s can no longer sign in.", email=user.email))
        return redirect(url_for("user_admin.list_users"))
    return render_template("admin/deactivate.html", user=user, form=form)
