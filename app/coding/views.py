"""Assisted coding pages for participation leads: a theme's comments to check and correct,
the learned model and how far to trust it, and emerging themes to accept or dismiss.

They sit under the report they belong to (``/reports/<survey or family>/<period>/themes/...``)
and take the report's filters. A participation lead in a team sees only that team's
comments, whatever the address asks; every page that shows comments is audited.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.auth.access import current_staff, staff_required
from app.auth.audit import Detail, record_event
from app.coding.analysis import coding_theme_labels
from app.coding.candidates import (
    ShownCandidate,
    accept_candidate,
    dismiss_candidate,
    rename_candidate,
    shown_candidates,
    suggested_theme_id,
)
from app.coding.coding import set_human_codes
from app.coding.forms import CandidateForm, CodesForm
from app.coding.learning import reviewed_examples, theme_quality
from app.coding.model_choice import latest_model, model_in_use, stop_using_models, use_model
from app.coding.models import ThemeCandidate, ThemeModel
from app.coding.review import (
    PAGE_SIZE,
    ReviewItem,
    comment_in_scope,
    effective_themes,
    theme_comments,
)
from app.coding.runs import code_comments_if_embedded
from app.coding.scope import LEADS, Scope, report_scope, survey_subject
from app.extensions import db
from app.report.periods import parse_period
from app.tasks import enqueue

blueprint = Blueprint("coding", __name__, url_prefix="/reports", template_folder="templates")


def _code_waiting_comments() -> None:
    code_comments_if_embedded(db.session, current_app.config.get("SAYSO_REDIS_URL"))


def _codes_form(answer_id: int, labels: dict[str, str], chosen: list[str] | None) -> CodesForm:
    form = CodesForm(prefix=f"a{answer_id}", formdata=None, data={"themes": chosen or []})
    form.themes.choices = list(labels.items())
    return form


@blueprint.route("/<survey_key>/<period>/themes/<theme_id>", methods=["GET", "POST"])
@staff_required(*LEADS)
def theme_page(survey_key: str, period: str, theme_id: str) -> ResponseReturnValue:
    scope = report_scope(survey_key, period)
    _code_waiting_comments()
    labels = coding_theme_labels(db.session)
    if theme_id not in labels:
        abort(404)
    page = max(1, request.args.get("page", 1, type=int) or 1)
    posted: tuple[int, CodesForm] | None = None
    if request.method == "POST":
        outcome = _save_codes(scope, theme_id, labels, page)
        if not isinstance(outcome, tuple):
            return outcome
        posted = outcome
    items, total = theme_comments(
        db.session, scope.survey_ids, scope.period, scope.filters, theme_id, page
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
    if (
        comment_in_scope(db.session, answer_id, scope.survey_ids, scope.period, scope.filters)
        is None
    ):
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
    changes |= {f"added.{t}": True for t in after if t not in before}
    changes |= {f"removed.{t}": True for t in sorted(before - set(after))}
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


def _embedded() -> bool:
    return not current_app.config.get("SAYSO_REDIS_URL")


def _threshold() -> int:
    return int(current_app.config["SAYSO_SUPPRESSION_THRESHOLD"])


@blueprint.route("/<survey_key>/themes/model", methods=["GET", "POST"])
@staff_required(*LEADS)
def model_page(survey_key: str) -> ResponseReturnValue:
    subject = survey_subject(survey_key)
    if request.method == "POST":
        return _model_action(subject.key)
    labels = coding_theme_labels(db.session)
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
        enqueue("code-with-model", model.id)
        flash(_("Comments nobody has reviewed are being coded with the model."))
        return redirect(here)
    if action == "stop":
        stop_using_models(db.session)
        record_event(db.session, staff.id, "theme_model_stopped", "theme_model", None)
        db.session.commit()
        enqueue("code-with-model", None)
        flash(_("Comments nobody has reviewed are being coded with the codebook again."))
        return redirect(here)
    abort(400)


def _train(staff_id: int) -> str:
    """Start a training; what to tell the lead about it."""
    if not reviewed_examples(db.session).ready:
        return _("There are not enough reviewed comments to learn from yet.")
    before = latest_model(db.session)
    if not enqueue("train-theme-model", staff_id):
        return _("Training could not be started just now. Try again in a few minutes.")
    if not _embedded():
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


@blueprint.route("/<survey_key>/<period>/themes/emerging", methods=["GET", "POST"])
@staff_required(*LEADS)
def emerging_page(survey_key: str, period: str) -> ResponseReturnValue:
    scope = report_scope(survey_key, period)
    _code_waiting_comments()
    posted: tuple[int, CandidateForm] | None = None
    if request.method == "POST":
        outcome = _decide(scope)
        if not isinstance(outcome, tuple):
            return outcome
        posted = outcome
    threshold = _threshold()
    found = _shown(scope, ("new",))
    decided = _shown(scope, ("accepted", "dismissed"))
    forms = {shown.candidate.id: _candidate_form(shown.candidate) for shown in found}
    if posted is not None:
        forms[posted[0]] = posted[1]
    _audit_emerging(scope, found)
    return render_template(
        "coding/emerging.html",
        scope=scope,
        found=found,
        decided=decided,
        forms=forms,
        errors=posted[1] if posted else None,
        threshold=threshold,
        labels=coding_theme_labels(db.session),
    )


def _shown(scope: Scope, statuses: tuple[str, ...]) -> list[ShownCandidate]:
    return shown_candidates(
        db.session,
        scope.key,
        scope.survey_ids,
        scope.period,
        scope.filters,
        _threshold(),
        statuses,
    )


def _candidate_form(candidate: ThemeCandidate, formdata: bool = False) -> CandidateForm:
    form = CandidateForm(
        prefix=f"c{candidate.id}",
        formdata=None if not formdata else request.form,
        data={
            "label": candidate.label,
            "theme_id": suggested_theme_id(candidate.label),
            "terms": ", ".join(candidate.key_terms or []),
        },
    )
    form.taken = set(coding_theme_labels(db.session))
    return form


def _decide(scope: Scope) -> ResponseReturnValue | tuple[int, CandidateForm]:
    """Find candidates, or accept, rename or dismiss one this person can see."""
    decision = request.form.get("decision")
    staff = current_staff()
    here = scope.url(".emerging_page")
    if decision == "find":
        args = (scope.key, scope.period.label, scope.filters.as_dict(), _threshold())
        if not enqueue("find-emerging-themes", *args):
            flash(_("The search could not be started just now. Try again in a few minutes."))
        elif _embedded():
            flash(_("The search has finished. What it found is below."))
        else:
            flash(_("The search has started. Refresh this page in a minute to see what it found."))
        return redirect(here)
    if decision not in ("accept", "rename", "dismiss"):
        abort(400)
    candidate_id = request.form.get("candidate", type=int)
    shown = {c.candidate.id: c.candidate for c in _shown(scope, ("new",))}
    if candidate_id is None:
        abort(400)
    if candidate_id not in shown:
        abort(404)
    candidate = shown[candidate_id]
    if decision == "dismiss":
        dismiss_candidate(candidate, staff.id)
        record_event(
            db.session, staff.id, "theme_candidate_dismissed", "theme_candidate", candidate.id
        )
        db.session.commit()
        flash(
            _(
                "“%(label)s” has been set aside. It will not be suggested again.",
                label=candidate.label,
            )
        )
        return redirect(here)
    form = _candidate_form(candidate, formdata=True)
    if decision == "rename":
        if not form.validate_on_submit() and form.label.errors:
            return candidate.id, form
        rename_candidate(candidate, form.label.data)
        db.session.commit()
        flash(_("Renamed to “%(label)s”.", label=form.label.data))
        return redirect(here)
    if not form.validate_on_submit():
        return candidate.id, form
    accept_candidate(
        db.session, candidate, form.theme_id.data, form.label.data, form.term_list(), staff.id
    )
    record_event(
        db.session,
        staff.id,
        "theme_candidate_accepted",
        "theme_candidate",
        candidate.id,
        {"theme": form.theme_id.data, "survey": scope.key},
    )
    db.session.commit()
    enqueue("code-survey", list(scope.survey_ids))
    flash(
        _(
            "“%(label)s” is now a theme. Comments are being coded again to find it.",
            label=form.label.data,
        )
    )
    return redirect(here)


def _audit_emerging(scope: Scope, found: list[ShownCandidate]) -> None:
    """The examples are comments: showing them is audited like any other comment."""
    staff = current_staff()
    details: dict[str, Detail] = {
        "survey": scope.key,
        "period": scope.period.label,
        "candidates": len(found),
        "shown": sum(len(c.examples) for c in found),
    }
    details |= scope.filters.as_dict()
    record_event(db.session, staff.id, "emerging_themes_viewed", "survey", scope.key, details)
    db.session.commit()
