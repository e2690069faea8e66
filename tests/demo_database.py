"""A database filled by the demo, as a participation lead would see it at scale: shared by
the board pack's browser test and ``bench/pack_pages.py``."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask_migrate import upgrade

from app.coding.runs import code_new_comments
from app.demo.generate import generate_demo
from app.extensions import db
from app.survey.publishing import publish_directory
from tests.browser.staff import PASSWORD
from tests.coding.factories import approve_every_quote
from tests.conftest import SURVEYS


def build_demo_database(
    app: Flask, responses: int, today: date, seed: int, lead: str, quotes: bool = True
) -> tuple[int, int, int]:
    """Migrate, publish the shipped surveys, add ``responses`` demo responses up to
    ``today``, theme their comments, approve every quote (with ``quotes``) and add a
    council-wide participation lead ``lead``. Returns responses made, comments themed and
    quotes approved."""
    with app.app_context():
        upgrade()
        publish_directory(db.session, SURVEYS)
        made = generate_demo(db.session, responses, today, seed)
        db.session.commit()
        coded = code_new_comments(db.session, max_batches=1000)
        db.session.commit()
        approved = approve_every_quote() if quotes else 0
        db.session.commit()
        result = app.test_cli_runner().invoke(
            args=[
                *("users", "create", "--email", lead, "--role", "participation_lead"),
                "--password-stdin",
            ],
            input=PASSWORD + "\n",
        )
        assert result.exit_code == 0, result.output
        db.session.remove()
    return made, coded, approved
