"""emerging-theme suggestions kept per team: theme_candidate.team_id

Revision ID: 0008_theme_candidate_team
Revises: 0007_comment_coding
Create Date: 2026-12-06 18:15:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_theme_candidate_team"
down_revision = "0007_comment_coding"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("theme_candidate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_theme_candidate_team_id_team"), "team", ["team_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_theme_candidate_team_id"), ["team_id"], unique=False)


def downgrade():
    with op.batch_alter_table("theme_candidate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_candidate_team_id"))
        batch_op.drop_constraint(batch_op.f("fk_theme_candidate_team_id_team"), type_="foreignkey")
        batch_op.drop_column("team_id")
