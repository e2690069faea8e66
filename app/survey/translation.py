"""Survey text in the respondent's language, from the ``surveys`` gettext domain."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import Domain

from app.survey.schema import Option, Question, Survey

survey_domain = Domain(domain="surveys")


def survey_text(text: str | None) -> str:
    """The translation of one piece of survey text (the English source when there is none)."""
    if not text:
        return text or ""
    return survey_domain.gettext(text)


def question_texts(
    survey: Survey, questions: Iterable[Question] | None = None
) -> dict[str, tuple[str, str | None]]:
    """Each question's text and help, translated: of ``questions`` when given (a page
    needs only its own, and each lookup costs), else of the whole survey."""
    return {
        q.id: (survey_text(q.text), survey_text(q.help) if q.help else None)
        for q in (survey.questions() if questions is None else questions)
    }


def option_labels(question: Question) -> list[Option]:
    """A question's options with translated labels."""
    return [Option(o.value, survey_text(o.label)) for o in question.all_options()]
