"""Migrations build the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.extensions import db


def test_migrations_reach_head_and_match_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        assert context.get_current_revision() is not None
        differences = compare_metadata(context, db.metadata)
    assert differences == []
    assert {"survey", "survey_version", "draft", "response", "answer"} <= set(
        inspect(db.engine).get_table_names()
    )
