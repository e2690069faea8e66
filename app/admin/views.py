"""``/admin/languages`` (which languages respondents can choose) and ``/admin/audit``."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue

from app import clock
from app.admin.audit_log import actor_choices, decode_cursor, fetch_page, iter_csv
from app.admin.forms import AuditFilterForm
from app.auth.access import current_staff, staff_required
from app.auth.audit import record_event
from app.extensions import db
from app.languages import catalog_statuses

blueprint = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")

# The query string keys of the filters (the page cursor is kept apart).
FILTER_KEYS = ("action", "actor", "date_from", "date_to", "object_type", "object_id")


@blueprint.get("/languages")
@staff_required("admin")
def languages() -> ResponseReturnValue:
    return render_template("admin/languages.html", statuses=catalog_statuses())


def _filter_form() -> AuditFilterForm:
    return AuditFilterForm(formdata=request.args, staff=actor_choices(db.session))


def _filter_args() -> list[tuple[str, str]]:
    """The filters as given, for links that keep them (dates have three parts each)."""
    return [(key, value) for key in FILTER_KEYS for value in request.args.getlist(key)]


@blueprint.get("/audit")
@staff_required("admin")
def audit() -> ResponseReturnValue:
    """The audit trail, newest first, filtered by a GET form whose URL can be shared."""
    form = _filter_form()
    page = None
    for name in ("older_than", "newer_than"):
        if request.args.get(name) and decode_cursor(request.args[name]) is None:
            abort(404)  # a page link that Sayso never made
    if form.validate():
        page = fetch_page(
            db.session,
            form.filters(),
            older_than=request.args.get("older_than"),
            newer_than=request.args.get("newer_than"),
        )
    args = _filter_args()
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        filtered=any(value for _key, value in args),
        csv_url=url_for(".audit_csv") + _query(args),
        page_url=lambda name, cursor: url_for(".audit") + _query([*args, (name, cursor)]),
    )


@blueprint.get("/audit.csv")
@staff_required("admin")
def audit_csv() -> ResponseReturnValue:
    """The filtered trail as CSV; taking it away is itself an audited event."""
    form = _filter_form()
    if not form.validate():
        return audit()
    filters = form.filters()
    details = {key: _code(value) for key, value in vars(filters).items() if value is not None}
    staff = current_staff()
    record_event(
        db.session, staff.id if staff else None, "audit_exported", "audit_event", None, details
    )
    db.session.commit()
    filename = f"sayso-audit-{clock.utcnow():%Y%m%d-%H%M}.csv"
    return Response(
        stream_with_context(iter_csv(db.session, filters)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _code(value: object) -> str | int:
    """A filter as an audit detail: ids stay numbers, dates become ISO codes."""
    return value if isinstance(value, int) else str(value)


def _query(args: list[tuple[str, str]]) -> str:
    return "?" + urlencode(args) if args else ""
