"""personal links by text message: the mobile number and Notify's delivery state

Revision ID: 0009_invitation_texts
Revises: 0008_theme_candidate_team
Create Date: 2026-12-06 18:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009_invitation_texts"
down_revision = "0008_theme_candidate_team"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mobile", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("text_sent_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("text_status", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("text_notification_id", sa.String(length=36), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_invitation_text_notification_id"), ["text_notification_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_text_notification_id"))
        for column in ("text_notification_id", "text_status", "text_sent_at", "mobile"):
            batch_op.drop_column(column)
