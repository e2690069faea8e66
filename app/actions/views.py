"""Staff pages for "you said, we did": list, record, translate and publish actions.

Actions are council-wide, like the themes and surveys they answer: every participation
lead and administrator sees and may change every action, whatever their team. Each
change is in the audit trail with who made it.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from app.actions.editing import (
    ActionDetails,
    create_action,
    find_actions,
    publish_action,
    remove_translation,
    set_translation,
    unpublish_action,
    update_action,
)
from app.actions.forms import ActionForm, FilterForm, TranslationForm
from app.actions.models import ACTION_STATUSES, Action
from app.actions.subjects import action_subjects
from app.actions.themes import theme_label, theme_labels
from app.auth.access import current_staff, staff_required
from app.auth.audit import record_event
from app.extensions import db
from app.languages import DEFAULT, KNOWN

blueprint = Blueprint("actions", __name__, url_prefix="/staff/actions", template_folder="templates")
LEADS = ("participation_lead", "admin")
TRANSLATIONS = [code for code in KNOWN if code != DEFAULT]
LANGUAGE = f"<any({', '.join(TRANSLATIONS)}):language>"


@blueprint.app_template_global("theme_label")
def theme_label_global(theme_id: str | None) -> str:
    """``theme_label(id)`` in templates: the theme's label, with themes staff added."""
    if "theme_labels" not in g:
        g.theme_labels = theme_labels(db.session)  # once per request, not once per row
    return theme_label(theme_id, g.theme_labels)


def _action(action_id: int) -> Action:
    action = db.session.get(Action, action_id)
    if action is None:
        abort(404)
    return action


def _subject_titles() -> dict[str, str]:
    return action_subjects(db.session)


@blueprint.get("")
@staff_required(*LEADS)
def list_actions() -> ResponseReturnValue:
    titles = _subject_titles()
    form = FilterForm(formdata=request.args)
    form.survey.choices = [SelectChoice("", _("Any survey"))] + [
        SelectChoice(k, v) for k, v in titles.items()
    ]
    actions = []
    if form.validate():
        actions = find_actions(
            db.session,
            survey_key=form.survey.data or None,
            period=form.period.period,
            status=form.status.data or None,
        )
    return render_template(
        "actions/list.html",
        form=form,
        actions=actions,
        titles=titles,
        statuses=ACTION_STATUSES,
        filtered=any(request.args.get(k) for k in ("survey", "period", "status")),
    )


def _action_form(action: Action | None = None) -> ActionForm:
    form = ActionForm(obj=_form_values(action) if action else None)
    titles = _subject_titles()
    if action is not None and action.survey_key not in titles:
        titles[action.survey_key] = action.survey_key  # a survey since withdrawn
    form.survey_key.choices = [SelectChoice("", _("Choose a survey"))] + [
        SelectChoice(k, v) for k, v in titles.items()
    ]
    themes = theme_labels(db.session)
    if action is not None and action.theme not in themes:
        themes[action.theme] = action.theme  # a theme since removed
    form.theme.choices = [SelectChoice("", _("Choose a theme"))] + [
        SelectChoice(k, theme_label(k, themes)) for k in themes
    ]
    return form


def _form_values(action: Action) -> object:
    class Values:
        survey_key = action.survey_key
        theme = action.theme
        period = action.period_label
        status = action.status
        happens_on = action.happens_on
        heard = action.english.heard
        did = action.english.did

    return Values


def _details(form: ActionForm) -> ActionDetails:
    assert form.period.period is not None
    return ActionDetails(
        survey_key=form.survey_key.data,
        theme=form.theme.data,
        period=form.period.period,
        status=form.status.data,
        happens_on=form.happens_on.data,
        heard=form.heard.data,
        did=form.did.data,
    )


@blueprint.route("/new", methods=["GET", "POST"])
@staff_required(*LEADS)
def new_action() -> ResponseReturnValue:
    form = _action_form()
    if form.validate_on_submit():
        staff = current_staff()
        action = create_action(db.session, _details(form), staff.id)
        record_event(
            db.session,
            staff.id,
            "action.created",
            "action",
            action.id,
            {"survey": action.survey_key, "theme": action.theme, "status": action.status},
        )
        db.session.commit()
        flash(_("Action recorded. It is not public until you publish it."))
        return redirect(url_for("actions.show_action", action_id=action.id))
    return render_template("actions/edit.html", form=form, action=None)


@blueprint.get("/<int:action_id>")
@staff_required(*LEADS)
def show_action(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    return render_template(
        "actions/show.html",
        action=action,
        title=_subject_titles().get(action.survey_key, action.survey_key),
        status=ACTION_STATUSES.get(action.status, action.status),
        languages=[KNOWN[code] for code in TRANSLATIONS],
    )


@blueprint.route("/<int:action_id>/edit", methods=["GET", "POST"])
@staff_required(*LEADS)
def edit_action(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    form = _action_form(action)
    if form.validate_on_submit():
        changed = update_action(action, _details(form))
        if changed:
            record_event(
                db.session,
                current_staff().id,
                "action.changed",
                "action",
                action.id,
                {field: True for field in changed},
            )
        db.session.commit()
        flash(_("Action saved.") if changed else _("Nothing was changed."))
        return redirect(url_for("actions.show_action", action_id=action.id))
    return render_template("actions/edit.html", form=form, action=action)


@blueprint.route(f"/<int:action_id>/translations/{LANGUAGE}", methods=["GET", "POST"])
@staff_required(*LEADS)
def translation(action_id: int, language: str) -> ResponseReturnValue:
    action = _action(action_id)
    existing = action.text_in(language)
    form = TranslationForm(obj=existing)
    if form.validate_on_submit():
        added = set_translation(action, language, form.heard.data, form.did.data)
        record_event(
            db.session,
            current_staff().id,
            "action.translation_added" if added else "action.translation_changed",
            "action",
            action.id,
            {"language": language},
        )
        db.session.commit()
        flash(_("Text in %(language)s saved.", language=KNOWN[language].name))
        return redirect(url_for("actions.show_action", action_id=action.id))
    return render_template(
        "actions/translation.html",
        form=form,
        action=action,
        language=KNOWN[language],
        english=action.english,
        existing=existing,
    )


@blueprint.post(f"/<int:action_id>/translations/{LANGUAGE}/remove")
@staff_required(*LEADS)
def remove(action_id: int, language: str) -> ResponseReturnValue:
    action = _action(action_id)
    if remove_translation(action, language):
        record_event(
            db.session,
            current_staff().id,
            "action.translation_removed",
            "action",
            action.id,
            {"language": language},
        )
        flash(_("Text in %(language)s removed.", language=KNOWN[language].name))
    db.session.commit()
    return redirect(url_for("actions.show_action", action_id=action.id))


@blueprint.post("/<int:action_id>/publish")
@staff_required(*LEADS)
def publish(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    if publish_action(action):
        record_event(db.session, current_staff().id, "action.published", "action", action.id)
        flash(_("Published. It is now on the public “You said, we did” page."))
    db.session.commit()
    return redirect(url_for("actions.show_action", action_id=action.id))


@blueprint.post("/<int:action_id>/unpublish")
@staff_required(*LEADS)
def unpublish(action_id: int) -> ResponseReturnValue:
    action = _action(action_id)
    if unpublish_action(action):
        record_event(db.session, current_staff().id, "action.unpublished", "action", action.id)
        flash(_("Unpublished. It is no longer on the public page."))
    db.session.commit()
    return redirect(url_for("actions.show_action", action_id=action.id))
