"""Assisted coding pages for participation leads: a theme's comments to check and correct,
the learned model and how far to trust it, and emerging themes to accept or dismiss.

They sit under the report they belong to (``/reports/<survey or family>/<period>/themes/...``)
and take the report's filters. A participation lead in a team sees only that team's
comments, whatever the address asks; every page that shows comments is audited.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.auth.access import current_staff, staff_required
from app.auth.audit import Detail, record_event
from app.auth.teams import QUOTE_APPROVERS
from app.coding.analysis import shown_theme_labels
from app.coding.coding import set_human_codes
from app.coding.emerging_views import emerging_page
from app.coding.forms import CodesForm
from app.coding.model_views import model_page
from app.coding.quote_views import quotes_page
from app.coding.review import (
    PAGE_SIZE,
    ReviewItem,
    comment_in_scope,
    effective_themes,
    theme_comments,
)
from app.coding.scope import LEADS, Scope, code_waiting_comments, report_scope, threshold
from app.coding.summaries import shown_theme_count
from app.extensions import db
from app.numbers import number_arg
from app.responses.disclosure import PERTURBATION_BOUND

blueprint = Blueprint("coding", __name__, url_prefix="/reports", template_folder="templates")


def _codes_form(answer_id: int, labels: dict[str, str], chosen: list[str] | None) -> CodesForm:
    form = CodesForm(prefix=f"a{answer_id}", formdata=None, data={"themes": chosen or []})
    form.themes.choices = list(labels.items())
    return form


def theme_page(survey_key: str, period: str, theme_id: str) -> ResponseReturnValue:
    scope = report_scope(survey_key, period)
    code_waiting_comments()
    labels = shown_theme_labels(db.session)
    if theme_id not in labels:
        abort(404)
    page = number_arg("page", 1)
    posted: tuple[int, CodesForm] | None = None
    if request.method == "POST":
        outcome = _save_codes(scope, theme_id, labels, page)
        if not isinstance(outcome, tuple):
            return outcome
        posted = outcome
    shown = shown_theme_count(db.session, scope.counts, theme_id, threshold())
    # The newest (shown - bound) comments: never more than there are, and a number the
    # report's own figure already gives away, so paging through them counts nothing new.
    listable = 0 if shown is None else max(0, shown - PERTURBATION_BOUND)
    items, total = theme_comments(
        db.session,
        scope.counts,
        theme_id,
        page,
        listable=listable,
    )
    forms = {item.answer_id: _codes_form(item.answer_id, labels, item.theme_ids) for item in items}
    if posted is not None:
        forms[posted[0]] = posted[1]
    _audit_view(scope, theme_id, page, items)
    return render_template(
        "coding/theme.html",
        scope=scope,
        theme_id=theme_id,
        label=labels[theme_id],
        labels=labels,
        items=items,
        forms=forms,
        errors=posted[1] if posted else None,
        total=total,
        shown=shown,
        threshold=threshold(),
        page=page,
        first=(page - 1) * PAGE_SIZE + 1,
        per_page=PAGE_SIZE,
    )


def _save_codes(
    scope: Scope, theme_id: str, labels: dict[str, str], page: int
) -> ResponseReturnValue | tuple[int, CodesForm]:
    """Store one comment's themes as a person chose them; the form back if it has errors."""
    answer_id = request.form.get("answer", type=int)
    if answer_id is None:
        abort(400)
    if comment_in_scope(db.session, answer_id, scope.counts) is None:
        abort(404)
    form = CodesForm(prefix=f"a{answer_id}")
    form.themes.choices = list(labels.items())
    if not form.validate_on_submit():
        return answer_id, form
    staff = current_staff()
    before = set(effective_themes(db.session, [answer_id]).get(answer_id, ([], ""))[0])
    after = list(dict.fromkeys(form.themes.data))
    set_human_codes(db.session, answer_id, after, staff.id)
    changes: dict[str, Detail] = {"survey": scope.key, "theme": theme_id}
    # One key per change: a theme id is a code, but a list of them could outgrow one detail.
    added = [t for t in after if t not in before]
    changes |= {f"added_{n}": t for n, t in enumerate(added, 1)}
    changes |= {f"removed_{n}": t for n, t in enumerate(sorted(before - set(after)), 1)}
    record_event(db.session, staff.id, "comment_codes_set", "answer", answer_id, changes)
    db.session.commit()
    names = ", ".join(labels.get(t, t) for t in after)
    if theme_id in after:
        flash(_("Saved. This comment’s themes are now: %(themes)s.", themes=names))
    else:
        flash(
            _(
                "Saved. The comment is no longer under “%(theme)s”; its themes are now: "
                "%(themes)s.",
                theme=labels[theme_id],
                themes=names,
            )
        )
    return redirect(scope.url(".theme_page", theme_id=theme_id, page=page))


def _audit_view(scope: Scope, theme_id: str, page: int, items: list[ReviewItem]) -> None:
    """Reading comments is audited: which theme, period and page, and how many were shown."""
    staff = current_staff()
    details: dict[str, Detail] = {
        "survey": scope.key,
        "period": scope.period.label,
        "page": page,
        "shown": len(items),
    }
    details |= scope.filters.as_dict()
    record_event(db.session, staff.id, "theme_comments_viewed", "theme", theme_id, details)
    db.session.commit()


# The static paths win over <theme_id>, so no theme may be called "emerging" or "model".
for rule, view in (
    ("/<survey_key>/<period>/themes/<theme_id>", theme_page),
    ("/<survey_key>/<period>/themes/emerging", emerging_page),
    ("/<survey_key>/themes/model", model_page),
):
    blueprint.add_url_rule(rule, view_func=staff_required(*LEADS)(view), methods=["GET", "POST"])
blueprint.add_url_rule(
    "/<survey_key>/<period>/themes/<theme_id>/quotes",
    view_func=staff_required(*QUOTE_APPROVERS)(quotes_page),
    methods=["GET", "POST"],
)
