"""``/admin/languages``: which languages respondents can choose, and how ready each is."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from app.auth.access import staff_required
from app.languages import catalog_statuses

blueprint = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@blueprint.get("/languages")
@staff_required("admin")
def languages() -> ResponseReturnValue:
    return render_template("admin/languages.html", statuses=catalog_statuses())
