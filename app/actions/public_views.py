"""``/you-said-we-did``: what people told us and what changed, for anyone, no sign-in."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_babel import format_date

from app.actions.editing import published_actions
from app.actions.public import public_sections
from app.actions.subjects import public_titles
from app.actions.themes import theme_labels
from app.extensions import db
from app.languages import current_language

blueprint = Blueprint("you_said_we_did", __name__, template_folder="templates")


@blueprint.get("/you-said-we-did")
def public_page() -> ResponseReturnValue:
    language = current_language()
    titles = public_titles(db.session)
    themes = theme_labels(db.session)
    sections = public_sections(published_actions(db.session), language, titles, themes)
    return render_template(
        "actions/public.html",
        sections=sections,
        language=language,
        day_month_year=lambda day: format_date(day, "d MMMM y"),
    )
