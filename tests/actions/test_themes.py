"""Themes for actions come from the codebook, plus any theme staff added."""

from __future__ import annotations

from app.actions.themes import CODEBOOK_LABELS, codebook_labels, theme_label, theme_labels
from app.coding.models import LocalTheme
from app.extensions import db
from tests.actions.conftest import make_action
from tests.actions.test_action_pages import lead_client
from tests.pages import get


def test_every_codebook_label_is_in_the_interface_catalog_list():
    assert [str(label) for label in CODEBOOK_LABELS] == list(codebook_labels().values())
    assert list(codebook_labels())[-1] == "other"


def test_labels_fall_back_to_the_id_for_a_theme_nobody_knows(app):
    assert theme_label("safety") == "Feeling safe"
    assert theme_label(None) == "Something else"
    assert theme_label("retired_theme") == "retired_theme"


def test_a_theme_staff_added_can_be_chosen_and_is_named_everywhere(app):
    db.session.add(LocalTheme(id="transport", label="Getting to meetings", terms=["bus"]))
    db.session.commit()
    assert theme_labels(db.session)["transport"] == "Getting to meetings"

    client = lead_client(app)
    form_page = get(client, "/staff/actions/new")
    options = {o.get("value"): "".join(o.itertext()) for o in form_page.select("option")}
    assert options["transport"] == "Getting to meetings"
    assert options["listened_to"] == "Being listened to"

    make_action(theme="transport", published=True)
    assert "Getting to meetings" in get(client, "/you-said-we-did").text()
