"""The page where a participation lead chooses a theme's quotes: reads what automatic
redaction left (each span it took out marked with its kind), takes out more words, and
approves or rejects each quote. Reports quote only what is approved here.

It sits beside the theme's comments (``/reports/<survey>/<period>/themes/<theme>/quotes``)
and takes the report's filters; a lead in a team sees and decides only that team's
comments, whatever the address asks. Viewing, approving, taking out words and rejecting
are audited (who, when, which comment; never its words).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.auth.access import current_staff
from app.auth.audit import Detail, record_event
from app.coding.analysis import shown_theme_labels
from app.coding.forms import QuoteForm
from app.coding.quotes import (
    QuoteCandidate,
    decide_quote,
    remove_words,
    theme_candidates,
    word_count,
)
from app.coding.scope import Scope, code_waiting_comments, report_scope, threshold
from app.coding.summaries import shown_theme_count
from app.extensions import db
from app.responses.wording import audience_name

# The placeholders redaction leaves (app.text.redaction), and the lead's own "[removed]".
KIND_NAMES = {
    "name": _l("name"),
    "phone": _l("phone number"),
    "email": _l("email address"),
    "postcode": _l("postcode"),
    "address": _l("address"),
    "date": _l("date"),
    "school": _l("school"),
    "place": _l("place"),
    "handle": _l("social media name"),
    "description": _l("description of a person"),
    "reference": _l("reference number"),
    "removed": _l("removed by a lead"),
}
STATES = {
    "waiting": (_l("Waiting for approval"), "govuk-tag--yellow"),
    "approved": (_l("Approved"), "govuk-tag--green"),
    "rejected": (_l("Rejected"), "govuk-tag--grey"),
}


def kind_name(kind: str) -> str:
    """What kind of detail a placeholder stands for, in words."""
    return str(KIND_NAMES.get(kind, kind))


def quote_form(candidate: QuoteCandidate, formdata: bool = False) -> QuoteForm:
    """The decision form for one quote, offering each of its words to take out."""
    words = [s for s in candidate.segments if s.word is not None]
    form = QuoteForm(prefix=f"q{candidate.answer_id}", **({} if formdata else {"formdata": None}))
    form.remove.choices = [(str(s.word), s.text) for s in words]
    return form


def quotes_page(survey_key: str, period: str, theme_id: str) -> ResponseReturnValue:
    scope = report_scope(survey_key, period)
    code_waiting_comments()
    labels = shown_theme_labels(db.session)
    if theme_id not in labels:
        abort(404)
    shown = shown_theme_count(db.session, scope.counts, theme_id, threshold())
    candidates = (
        [] if shown is None else theme_candidates(db.session, scope.counts, theme_id, threshold())
    )
    forms = {c.answer_id: quote_form(c) for c in candidates}
    errors = None
    if request.method == "POST":
        outcome = _decide(scope, theme_id, candidates)
        if not isinstance(outcome, tuple):
            return outcome
        forms[outcome[0]] = errors = outcome[1]
    shown_details = _details(scope, {"shown": len(candidates)})
    staff_id = current_staff().id
    record_event(db.session, staff_id, "quote_candidates_viewed", "theme", theme_id, shown_details)
    db.session.commit()
    return render_template(
        "coding/quotes.html",
        kind_name=kind_name,
        quote_state=lambda state: str(STATES[state][0]),
        state_class=lambda state: STATES[state][1],
        audience_name=audience_name,
        scope=scope,
        theme_id=theme_id,
        label=labels[theme_id],
        candidates=candidates,
        forms=forms,
        errors=errors,
        threshold=threshold(),
    )


def _decide(
    scope: Scope, theme_id: str, candidates: list[QuoteCandidate]
) -> ResponseReturnValue | tuple[int, QuoteForm]:
    """Store a lead's decision on one of the page's quotes; the form back if it has errors.

    Only a quote the page offers can be decided: one in this person's scope, of this
    theme, never flagged and never one the safeguarding screen is concerned by.
    """
    answer_id = request.form.get("answer", type=int)
    decision = request.form.get("decision")
    candidate = next((c for c in candidates if c.answer_id == answer_id), None)
    if candidate is None or decision not in ("approve", "reject"):
        abort(404 if candidate is None else 400)
    form = quote_form(candidate, formdata=True)
    if not form.validate_on_submit():
        return candidate.answer_id, form
    chosen = {int(value) for value in form.remove.data or []}
    approve = decision == "approve"
    if approve and len(chosen) >= word_count(candidate.text):
        form.remove.errors = [
            _("Leave some words in the quote, or reject it if nothing can be shared")
        ]
        return candidate.answer_id, form
    text = remove_words(candidate.text, chosen) if approve else candidate.text
    staff = current_staff()
    decide_quote(db.session, candidate.answer_id, staff.id, approve, text)
    details = _details(scope, {"theme": theme_id})
    if approve and chosen:
        removed = details | {"words_removed": len(chosen)}
        record_event(db.session, staff.id, "quote_redacted", "answer", candidate.answer_id, removed)
    record_event(
        db.session,
        staff.id,
        "quote_approved" if approve else "quote_rejected",
        "answer",
        candidate.answer_id,
        details,
    )
    db.session.commit()
    if approve:
        flash(_("Approved. Reports now quote this comment as shown below."))
    else:
        flash(_("Rejected. Reports will not quote this comment."))
    return redirect(scope.url("coding.quotes_page", theme_id=theme_id))


def _details(scope: Scope, extra: dict[str, Detail]) -> dict[str, Detail]:
    """What an audit event of this page records: codes and numbers, never words."""
    return {"survey": scope.key, "period": scope.period.label} | scope.filters.as_dict() | extra
