"""figures from outside Sayso to compare indicators with

Revision ID: 0014_indicator_benchmarks
Revises: 0013_quote_decisions
Create Date: 2026-12-07 00:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014_indicator_benchmarks"
down_revision = "0013_quote_decisions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "indicator_benchmark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=64), nullable=False),
        sa.Column("indicator_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("year", sa.String(length=9), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["staff_user.id"],
            name=op.f("fk_indicator_benchmark_uploaded_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_benchmark")),
        sa.UniqueConstraint(
            "survey_id", "indicator_id", "source", "year", name="uq_indicator_benchmark_key"
        ),
    )
    op.create_index(op.f("ix_indicator_benchmark_survey_id"), "indicator_benchmark", ["survey_id"])


def downgrade():
    op.drop_index(op.f("ix_indicator_benchmark_survey_id"), table_name="indicator_benchmark")
    op.drop_table("indicator_benchmark")
