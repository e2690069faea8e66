"""The emerging themes page: look for groups of comments no theme fits, and accept one
into the codebook, rename it, or set it aside."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app.auth.access import current_staff
from app.auth.audit import Detail, record_event
from app.coding.analysis import coding_theme_labels, shown_theme_labels
from app.coding.candidates import (
    ShownCandidate,
    accept_candidate,
    dismiss_candidate,
    rename_candidate,
    shown_candidates,
    suggested_theme_id,
)
from app.coding.forms import CandidateForm
from app.coding.models import ThemeCandidate
from app.coding.scope import Scope, code_waiting_comments, report_scope, threshold
from app.coding.tasks import code_survey_task, find_emerging_themes_task
from app.extensions import db
from app.tasks import enqueue, runs_in_process


def emerging_page(survey_key: str, period: str) -> ResponseReturnValue:
    scope = report_scope(survey_key, period)
    code_waiting_comments()
    posted: tuple[int, CandidateForm] | None = None
    if request.method == "POST":
        outcome = _decide(scope)
        if not isinstance(outcome, tuple):
            return outcome
        posted = outcome
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
        threshold=threshold(),
        labels=shown_theme_labels(db.session),
    )


def _shown(scope: Scope, statuses: tuple[str, ...]) -> list[ShownCandidate]:
    return shown_candidates(
        db.session,
        scope.key,
        scope.counts,
        threshold(),
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
    """Find candidates, or accept, rename or dismiss one this person can see; the form
    back, with its errors, when what was typed cannot be used."""
    decision = request.form.get("decision")
    if decision == "find":
        flash(_find(scope))
        return redirect(scope.url(".emerging_page"))
    if decision not in ("accept", "rename", "dismiss"):
        abort(400)
    candidate_id = request.form.get("candidate", type=int)
    if candidate_id is None:
        abort(400)
    visible = {c.candidate.id: c.candidate for c in _shown(scope, ("new",))}
    if candidate_id not in visible:
        abort(404)
    candidate = visible[candidate_id]
    if decision == "dismiss":
        _dismiss(candidate)
        return redirect(scope.url(".emerging_page"))
    form = _candidate_form(candidate, formdata=True)
    # Renaming needs only a good name; adding to the codebook needs every field right.
    if not (form.label.validate(form) if decision == "rename" else form.validate_on_submit()):
        return candidate.id, form
    if decision == "rename":
        rename_candidate(candidate, form.label.data)
        db.session.commit()
        flash(_("Renamed to “%(label)s”.", label=form.label.data))
    else:
        _accept(scope, candidate, form)
    return redirect(scope.url(".emerging_page"))


def _find(scope: Scope) -> str:
    """Start a search; what to tell the lead about it."""
    args = (scope.key, scope.period.label, scope.filters.as_dict(), threshold())
    if not enqueue(find_emerging_themes_task, *args):
        return _("The search could not be started just now. Try again in a few minutes.")
    if runs_in_process():
        return _("The search has finished. What it found is below.")
    return _("The search has started. Refresh this page in a minute to see what it found.")


def _dismiss(candidate: ThemeCandidate) -> None:
    staff = current_staff()
    dismiss_candidate(candidate, staff.id)
    record_event(db.session, staff.id, "theme_candidate_dismissed", "theme_candidate", candidate.id)
    db.session.commit()
    flash(
        _("“%(label)s” has been set aside. It will not be suggested again.", label=candidate.label)
    )


def _accept(scope: Scope, candidate: ThemeCandidate, form: CandidateForm) -> None:
    """Add the theme, then code the survey's comments again so that it finds them."""
    staff = current_staff()
    theme_id, label = form.theme_id.data, form.label.data
    accept_candidate(db.session, candidate, theme_id, label, form.term_list(), staff.id)
    details: dict[str, Detail] = {"theme": theme_id, "survey": scope.key}
    record_event(
        db.session, staff.id, "theme_candidate_accepted", "theme_candidate", candidate.id, details
    )
    db.session.commit()
    enqueue(code_survey_task, list(scope.survey_ids))
    flash(_("“%(label)s” is now a theme. Comments are being coded again to find it.", label=label))


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
