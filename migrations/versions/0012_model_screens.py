"""responses waiting for the safeguarding screen's learned layer

Revision ID: 0012_model_screens
Revises: 0011_record_keys
Create Date: 2026-12-06 18:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012_model_screens"
down_revision = "0011_record_keys"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "model_screen",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("screened_at", sa.DateTime(), nullable=True),
        sa.Column("route", sa.String(length=8), nullable=True),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_model_screen_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", name=op.f("pk_model_screen")),
    )
    op.create_index(op.f("ix_model_screen_queued_at"), "model_screen", ["queued_at"])
    op.create_index(op.f("ix_model_screen_screened_at"), "model_screen", ["screened_at"])


def downgrade():
    op.drop_index(op.f("ix_model_screen_screened_at"), table_name="model_screen")
    op.drop_index(op.f("ix_model_screen_queued_at"), table_name="model_screen")
    op.drop_table("model_screen")
