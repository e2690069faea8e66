"""encoder vectors of reviewed comments, kept for the next training

Revision ID: 0015_comment_vectors
Revises: 0014_indicator_benchmarks
Create Date: 2026-12-07 22:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015_comment_vectors"
down_revision = "0014_indicator_benchmarks"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "comment_vector",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("vector", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["comment_coding.answer_id"],
            name=op.f("fk_comment_vector_answer_id_comment_coding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("answer_id", name=op.f("pk_comment_vector")),
    )


def downgrade():
    op.drop_table("comment_vector")
