"""themes of free-text answers: codings, human corrections, candidates, learned models

Revision ID: 0007_comment_coding
Revises: 0006_actions_and_tokens
Create Date: 2026-11-28 04:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007_comment_coding"
down_revision = "0006_actions_and_tokens"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "comment_coding",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=64), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("sentiment", sa.Float(), nullable=False),
        sa.Column("redacted", sa.Text(), nullable=False),
        sa.Column("analysed_at", sa.DateTime(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answer.id"],
            name=op.f("fk_comment_coding_answer_id_answer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_comment_coding_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["staff_user.id"],
            name=op.f("fk_comment_coding_reviewed_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("answer_id", name=op.f("pk_comment_coding")),
    )
    with op.batch_alter_table("comment_coding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comment_coding_response_id"), ["response_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_comment_coding_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "comment_theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("sentiment", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["comment_coding.answer_id"],
            name=op.f("fk_comment_theme_answer_id_comment_coding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_theme")),
        sa.UniqueConstraint(
            "answer_id", "theme_id", "source", name=op.f("uq_comment_theme_answer_id")
        ),
    )
    with op.batch_alter_table("comment_theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comment_theme_answer_id"), ["answer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_comment_theme_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "theme_candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("key_terms", sa.JSON(), nullable=False),
        sa.Column("answer_ids", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("theme_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_user.id"],
            name=op.f("fk_theme_candidate_decided_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_candidate")),
    )
    with op.batch_alter_table("theme_candidate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_theme_candidate_survey_key"), ["survey_key"], unique=False
        )

    op.create_table(
        "local_theme",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_local_theme_created_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_theme")),
    )

    op.create_table(
        "theme_model",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trained_at", sa.DateTime(), nullable=False),
        sa.Column("trained_by_id", sa.Integer(), nullable=True),
        sa.Column("examples", sa.Integer(), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["trained_by_id"],
            ["staff_user.id"],
            name=op.f("fk_theme_model_trained_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_model")),
    )


def downgrade():
    op.drop_table("theme_model")
    op.drop_table("local_theme")
    with op.batch_alter_table("theme_candidate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_candidate_survey_key"))
    op.drop_table("theme_candidate")
    with op.batch_alter_table("comment_theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comment_theme_theme_id"))
        batch_op.drop_index(batch_op.f("ix_comment_theme_answer_id"))
    op.drop_table("comment_theme")
    with op.batch_alter_table("comment_coding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comment_coding_survey_id"))
        batch_op.drop_index(batch_op.f("ix_comment_coding_response_id"))
    op.drop_table("comment_coding")
