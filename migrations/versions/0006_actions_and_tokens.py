""" "you said, we did" actions and their text per language; API tokens; report email subscriptions

Revision ID: 0006_actions_and_tokens
Revises: 0005_reporting
Create Date: 2026-11-28 04:06:02.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006_actions_and_tokens"
down_revision = "0005_reporting"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_key", sa.String(length=64), nullable=False),
        sa.Column("theme", sa.String(length=64), nullable=False),
        sa.Column("period_label", sa.String(length=32), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("happens_on", sa.Date(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["staff_user.id"], name=op.f("fk_action_created_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_published_at"), ["published_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_survey_key"), ["survey_key"], unique=False)

    op.create_table(
        "action_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("heard", sa.Text(), nullable=False),
        sa.Column("did", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_text_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_text")),
        sa.UniqueConstraint("action_id", "language", name="uq_action_text_language"),
    )
    with op.batch_alter_table("action_text", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_text_action_id"), ["action_id"], unique=False)

    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_user.id"], name=op.f("fk_api_token_user_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_token_token_hash")),
    )
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "report_subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("survey_key", sa.String(length=64), nullable=False),
        sa.Column("frequency", sa.String(length=16), nullable=False),
        sa.Column("last_period_sent", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["staff_user.id"], name=op.f("fk_report_subscription_user_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_subscription")),
        sa.UniqueConstraint("user_id", "survey_key", "frequency", name="uq_report_subscription"),
    )
    with op.batch_alter_table("report_subscription", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_subscription_user_id"), ["user_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("report_subscription", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_subscription_user_id"))

    op.drop_table("report_subscription")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_token_user_id"))

    op.drop_table("api_token")
    with op.batch_alter_table("action_text", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_text_action_id"))

    op.drop_table("action_text")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_survey_key"))
        batch_op.drop_index(batch_op.f("ix_action_published_at"))

    op.drop_table("action")
