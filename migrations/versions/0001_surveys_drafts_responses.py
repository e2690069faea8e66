"""surveys, drafts and responses

Revision ID: 0001_surveys_drafts_responses
Revises:
Create Date: 2026-11-22 20:32:26.635357

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0001_surveys_drafts_responses"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "survey",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=32), nullable=False),
        sa.Column("family", sa.String(length=64), nullable=True),
        sa.Column("current_version_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey")),
    )
    op.create_table(
        "survey_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_survey_version_survey_id_survey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_version")),
        sa.UniqueConstraint("survey_id", "content_hash", name="uq_survey_version_content"),
        sa.UniqueConstraint("survey_id", "number", name="uq_survey_version_number"),
    )
    with op.batch_alter_table("survey_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_version_survey_id"), ["survey_id"], unique=False
        )

    # survey and survey_version point at each other, so this key is added second.
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_survey_current_version_id_survey_version"),
            "survey_version",
            ["current_version_id"],
            ["id"],
        )

    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("resume_code_hash", sa.String(length=64), nullable=True),
        sa.Column("survey_version_id", sa.Integer(), nullable=False),
        sa.Column("submission_key", sa.String(length=43), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("last_page", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_version_id"],
            ["survey_version.id"],
            name=op.f("fk_draft_survey_version_id_survey_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft")),
        sa.UniqueConstraint("resume_code_hash", name=op.f("uq_draft_resume_code_hash")),
        sa.UniqueConstraint("submission_key", name=op.f("uq_draft_submission_key")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_draft_token_hash")),
    )
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_draft_survey_version_id"), ["survey_version_id"], unique=False
        )

    op.create_table(
        "response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=64), nullable=False),
        sa.Column("survey_version_id", sa.Integer(), nullable=False),
        sa.Column("submission_key", sa.String(length=43), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_response_survey_id_survey")
        ),
        sa.ForeignKeyConstraint(
            ["survey_version_id"],
            ["survey_version.id"],
            name=op.f("fk_response_survey_version_id_survey_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response")),
        sa.UniqueConstraint("submission_key", name=op.f("uq_response_submission_key")),
    )
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_response_submitted_at"), ["submitted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_response_survey_id"), ["survey_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_response_survey_version_id"), ["survey_version_id"], unique=False
        )

    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("choice", sa.String(length=64), nullable=True),
        sa.Column("number", sa.Float(), nullable=True),
        sa.Column("date_value", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_answer_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answer")),
    )
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index("ix_answer_question_choice", ["question_id", "choice"], unique=False)
        batch_op.create_index(batch_op.f("ix_answer_response_id"), ["response_id"], unique=False)


def downgrade():
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_response_id"))
        batch_op.drop_index("ix_answer_question_choice")

    op.drop_table("answer")
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_response_survey_version_id"))
        batch_op.drop_index(batch_op.f("ix_response_survey_id"))
        batch_op.drop_index(batch_op.f("ix_response_submitted_at"))

    op.drop_table("response")
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_survey_version_id"))
        batch_op.drop_index(batch_op.f("ix_draft_expires_at"))

    op.drop_table("draft")
    with op.batch_alter_table("survey_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_version_survey_id"))

    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_survey_current_version_id_survey_version"), type_="foreignkey"
        )
    op.drop_table("survey_version")
    op.drop_table("survey")
