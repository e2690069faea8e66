"""participation leads' decisions on quoting comments

Revision ID: 0013_quote_decisions
Revises: 0012_model_screens
Create Date: 2026-12-06 21:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013_quote_decisions"
down_revision = "0012_model_screens"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "quote_decision",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["comment_coding.answer_id"],
            name=op.f("fk_quote_decision_answer_id_comment_coding"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_user.id"],
            name=op.f("fk_quote_decision_decided_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("answer_id", name=op.f("pk_quote_decision")),
    )


def downgrade():
    op.drop_table("quote_decision")
