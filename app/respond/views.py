"""Respondent pages under ``/s/<survey-id>``: one transaction per request, committed here."""

from __future__ import annotations

import contextlib
from typing import NoReturn

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import HiddenField, StringField
from wtforms.validators import InputRequired

from app.draft_cookies import draft_token, forget_draft, remember_draft
from app.extensions import db
from app.form_base import SaysoForm
from app.form_of_address import addressed
from app.invite.invitations import mark_started
from app.invite.models import Invitation
from app.languages import current_language
from app.ratelimit import not_counted
from app.respond import drafts, journey
from app.respond.audience_help import speak_to
from app.respond.fields import cached_field
from app.respond.forms import (
    answers_from_form,
    build_page_form,
    form_data_from_answers,
)
from app.respond.outage import try_again_page
from app.respond.sending import send_draft
from app.responses.models import Draft
from app.responses.storing import find_response_by_key
from app.survey.conditions import visible_questions
from app.survey.models import SurveyVersion
from app.survey.publishing import current_version, survey_for_version
from app.survey.schema import Question, Survey
from app.survey.translation import question_texts

blueprint = Blueprint("respond", __name__, url_prefix="/s", template_folder="templates")
blueprint.add_app_template_global(cached_field, "cached_field")
# The database going away mid-request gives a "try again" page that keeps the answers.
blueprint.register_error_handler(OperationalError, try_again_page)
blueprint.register_error_handler(InterfaceError, try_again_page)


@blueprint.before_request
def _get_only_reads() -> None:
    # A GET never changes anything here (a link preview must not), so its queries need
    # no transaction: two fewer round trips on every page a respondent opens.
    if request.method == "GET" and drafts.only_reading(db.session()):
        g.sayso_only_reading = True


@blueprint.teardown_request
def _end_reading(_: BaseException | None) -> None:
    # The session may outlive the request (a test's app context, or a later request in
    # the same one): whatever comes next starts a real transaction again.
    if g.pop("sayso_only_reading", False):
        with contextlib.suppress(SQLAlchemyError):
            db.session.rollback()


class StartForm(SaysoForm):
    """Starting a survey is a POST, so a draft is never made by a link preview."""


class SendForm(SaysoForm):
    submission_key = HiddenField()


class ResumeForm(SaysoForm):
    code = StringField(validators=[InputRequired()], widget=GovTextInput())


def _key() -> str:
    return current_app.config["SECRET_KEY"]


def _days() -> int:
    return int(current_app.config["SAYSO_DRAFT_DAYS"])


def _published(survey_id: str) -> tuple[SurveyVersion, Survey]:
    version = current_version(db.session, survey_id)
    if version is None:
        abort(404)
    survey = survey_for_version(version)
    speak_to(survey.audience)
    return version, survey


def _draft_and_version_for(survey_id: str) -> tuple[Draft, SurveyVersion] | None:
    """The live draft this browser holds for ``survey_id``, with the version it answers."""
    token = draft_token(survey_id)
    if not token:
        return None
    found = drafts.find_draft_with_version(db.session, token, _key())
    if found is None and drafts.opened_elsewhere(db.session, token, _key()):
        _tell_opened_elsewhere(survey_id)
    if found is None or found[1].survey_id != survey_id:
        return None
    return found


def _tell_opened_elsewhere(survey_id: str) -> NoReturn:
    """This browser's draft was opened on another device with a resume code: say so
    plainly, once (the cookie is dropped, so the next visit starts afresh)."""
    response = make_response(
        render_template("respond/opened_elsewhere.html", survey=_published(survey_id)[1]), 409
    )
    abort(forget_draft(response, survey_id))


def _draft_for(survey_id: str) -> tuple[Draft, Survey] | None:
    """The live draft this browser holds for ``survey_id``, with the survey it answers."""
    found = _draft_and_version_for(survey_id)
    if found is None:
        return None
    survey = survey_for_version(found[1])
    speak_to(survey.audience)
    return found[0], survey


def _page_url(survey_id: str, page_id: str, change: bool = False) -> str:
    return url_for(
        "respond.page", survey_id=survey_id, page_id=page_id, change="1" if change else None
    )


def _texts(survey: Survey, questions: list[Question]) -> dict[str, tuple[str, str | None]]:
    return question_texts(survey, questions)


@blueprint.get("/<survey_id>")
def start(survey_id: str) -> ResponseReturnValue:
    survey = _published(survey_id)[1]
    existing = _draft_for(survey_id)
    continue_url = None
    if existing:
        draft, draft_survey = existing
        if draft.answers:
            page = journey.resume_page(draft_survey, draft.answers, draft.last_page)
            continue_url = (
                _page_url(survey_id, page.id)
                if page
                else url_for("respond.check", survey_id=survey_id)
            )
    return render_template(
        "respond/start.html", survey=survey, form=StartForm(), continue_url=continue_url
    )


@blueprint.post("/<survey_id>/start")
def begin(survey_id: str) -> ResponseReturnValue:
    version, survey = _published(survey_id)
    if not StartForm().validate_on_submit():
        abort(400)
    existing = _draft_for(survey_id)
    if existing:
        draft, draft_survey = existing
        return redirect(_page_url(survey_id, journey.first_page(draft_survey, draft.answers).id))
    session.pop("concern", None)
    draft, token = drafts.create_draft(
        db.session, version.id, _key(), _days(), language=current_language()
    )
    db.session.commit()
    response = redirect(_page_url(survey_id, journey.first_page(survey, {}).id))
    return remember_draft(response, survey_id, token)


@blueprint.route("/<survey_id>/q/<page_id>", methods=["GET", "POST"])
def page(survey_id: str, page_id: str) -> ResponseReturnValue:
    found = _draft_for(survey_id)
    if found is None:
        _published(survey_id)
        flash(
            addressed(
                "Your answers could not be found on this device. Start again, or use your "
                "code if you saved one."
            )
        )
        return redirect(url_for("respond.start", survey_id=survey_id))
    draft, survey = found
    answers = dict(draft.answers or {})
    position = journey.locate(survey, answers, page_id)
    if position is None:
        return redirect(url_for("respond.check", survey_id=survey_id))
    questions = visible_questions(position.page, answers)
    changing = request.args.get("change") == "1"
    if request.method == "POST":
        form = build_page_form(questions, _texts(survey, questions))
        if form.validate():
            drafts.save_answers(draft, answers_from_form(form, questions), page_id, _days())
            # The response records the language the answers were written in.
            draft.language = current_language()
            if draft.invitation_id:
                mark_started(db.session.get(Invitation, draft.invitation_id))
            if request.form.get("action") == "save" and survey.settings.save_and_resume:
                return _saved_with_code(survey, draft, page_id)
            # Worked out before the commit, which expires the draft (reading it again
            # would be one more query).
            target = _next_url(survey, draft, page_id, changing)
            drafts.commit_without_waiting_for_disk(db.session)
            db.session.commit()
            return redirect(target)
    else:
        form = build_page_form(
            questions,
            _texts(survey, questions),
            formdata=None,
            data=form_data_from_answers(questions, answers),
        )
    back_url = (
        url_for("respond.check", survey_id=survey_id)
        if changing
        else _page_url(survey_id, position.previous.id)
        if position.previous
        else url_for("respond.start", survey_id=survey_id)
    )
    return render_template(
        "respond/page.html",
        survey=survey,
        position=position,
        questions=questions,
        form=form,
        back_url=back_url,
        changing=changing,
    )


def _saved_with_code(survey: Survey, draft: Draft, page_id: str) -> ResponseReturnValue:
    """ "Save and come back later", in one tap: the answers are saved and the code to carry
    on is shown at once (no second tap, so nothing depends on this browser's cookie).
    The page saved from is not finished, so coming back opens it again: the draft's
    last finished page becomes the one before it."""
    position = journey.locate(survey, draft.answers, page_id)
    draft.last_page = position.previous.id if position and position.previous else None
    code = drafts.format_resume_code(drafts.issue_resume_code(db.session, draft, _key()))
    expires_on = draft.expires_at
    drafts.commit_without_waiting_for_disk(db.session)
    db.session.commit()
    return render_template(
        "respond/save.html",
        survey=survey,
        form=StartForm(),
        code=code,
        expires_on=expires_on,
        continue_url=_page_url(survey.id, page_id),
    )


def _next_url(survey: Survey, draft: Draft, page_id: str, changing: bool) -> str:
    if changing:
        return url_for("respond.check", survey_id=survey.id)
    position = journey.locate(survey, draft.answers, page_id)
    if position and position.next:
        return _page_url(survey.id, position.next.id)
    return url_for("respond.check", survey_id=survey.id)


@blueprint.get("/<survey_id>/check")
def check(survey_id: str) -> ResponseReturnValue:
    found = _draft_for(survey_id)
    if found is None:
        return redirect(url_for("respond.start", survey_id=survey_id))
    draft, survey = found
    rows = journey.questions_shown(survey, draft.answers or {})
    last_page = rows[-1][0] if rows else None
    form = SendForm(submission_key=draft.submission_key)
    return render_template(
        "respond/check.html",
        survey=survey,
        rows=rows,
        answers=draft.answers or {},
        form=form,
        back_url=_page_url(survey_id, last_page.id) if last_page else None,
    )


@blueprint.post("/<survey_id>/check")
def send(survey_id: str) -> ResponseReturnValue:
    form = SendForm()
    if not form.validate_on_submit():
        abort(400)
    key = form.submission_key.data or ""
    found = _draft_and_version_for(survey_id)
    if found is None or found[0].submission_key != key:
        # Looked for after the draft: a second press of "Send" (or "Try again") finds the
        # draft gone because the first one sent it, and is told so, not that it was lost.
        if key and find_response_by_key(db.session, key) is not None:
            return _sent(survey_id)
        _published(survey_id)  # the message below speaks as the questionnaire does
        flash(
            addressed(
                "Your answers could not be found on this device. Start again, or use your "
                "code if you saved one."
            )
        )
        return redirect(url_for("respond.start", survey_id=survey_id))
    draft, version = found
    if send_draft(db.session, draft, version).concern:
        session["concern"] = survey_id
    return _sent(survey_id)


def _sent(survey_id: str) -> WerkzeugResponse:
    response = redirect(url_for("respond.done", survey_id=survey_id))
    return forget_draft(response, survey_id)


@blueprint.get("/<survey_id>/done")
def done(survey_id: str) -> ResponseReturnValue:
    survey = _published(survey_id)[1]
    # Shown once, straight after sending: a reload, the back button or the next person
    # on a shared phone gets the plain thank-you page.
    concern = session.pop("concern", None) == survey_id
    return render_template(
        "respond/done.html",
        survey=survey,
        concern=concern,
        out_of_hours=current_app.config["SAYSO_OUT_OF_HOURS_PHONE"],
        leaving_care=current_app.config["SAYSO_LEAVING_CARE_CONTACT"],
    )


@blueprint.route("/<survey_id>/save", methods=["GET", "POST"])
def save(survey_id: str) -> ResponseReturnValue:
    found = _draft_for(survey_id)
    if found is None:
        return redirect(url_for("respond.start", survey_id=survey_id))
    draft, survey = found
    if not survey.settings.save_and_resume:
        abort(404)
    form = StartForm()
    code = None
    if request.method == "POST" and form.validate_on_submit():
        code = drafts.format_resume_code(drafts.issue_resume_code(db.session, draft, _key()))
        db.session.commit()
    page = journey.resume_page(survey, draft.answers or {}, draft.last_page)
    continue_url = (
        _page_url(survey_id, page.id) if page else url_for("respond.check", survey_id=survey_id)
    )
    return render_template(
        "respond/save.html",
        survey=survey,
        form=form,
        code=code,
        expires_on=draft.expires_at,
        continue_url=continue_url,
    )


@blueprint.route("/<survey_id>/resume", methods=["GET", "POST"])
def resume(survey_id: str) -> ResponseReturnValue:
    survey = _published(survey_id)[1]
    form = ResumeForm()
    form.code.label.text = addressed("Your code")
    if form.validate_on_submit():
        opened = drafts.resume_with_code(db.session, form.code.data or "", _key())
        if opened is not None:
            draft = opened.draft
            version = db.session.get(SurveyVersion, draft.survey_version_id)
            if version is not None and version.survey_id == survey_id:
                db.session.commit()
                draft_survey = survey_for_version(version)
                page = journey.resume_page(draft_survey, draft.answers or {}, draft.last_page)
                target = (
                    _page_url(survey_id, page.id)
                    if page
                    else url_for("respond.check", survey_id=survey_id)
                )
                not_counted()  # a right code never counts against the limit
                shown = render_template(
                    "respond/resumed.html",
                    survey=survey,
                    code=drafts.format_resume_code(opened.code),
                    expires_on=draft.expires_at,
                    continue_url=target,
                )
                return remember_draft(make_response(shown), survey_id, opened.token)
            db.session.rollback()
        form.code.errors = [
            addressed(
                "We could not find that code. Check it and try again. Codes "
                "stop working after %(days)s days.",
                days=_days(),
            )
        ]
    elif form.code.errors:
        form.code.errors = [addressed("Enter your code")]
    return render_template("respond/resume.html", survey=survey, form=form)
