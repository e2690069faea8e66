"""record keys: a fixed random number per response and invitation, for disclosure control;
drafts remember the browser a resume code moved them from

Revision ID: 0011_record_keys
Revises: 0010_alert_deliveries_and_beat
Create Date: 2026-12-06 17:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011_record_keys"
down_revision = "0010_alert_deliveries_and_beat"
branch_labels = None
depends_on = None

TABLES = ("response", "invitation")


def _random_key() -> str:
    """A random whole number from 0 to 255, in the database's own SQL."""
    if op.get_bind().dialect.name == "postgresql":
        return "floor(random() * 256)::integer"
    return "abs(random()) % 256"


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("record_key", sa.SmallInteger(), nullable=True))
        # Rows already stored get their key now, each its own, once and for all.
        op.execute(f"UPDATE {table} SET record_key = {_random_key()}")  # noqa: S608 - fixed names
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("record_key", existing_type=sa.SmallInteger(), nullable=False)

    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moved_token_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_draft_moved_token_hash"), ["moved_token_hash"], unique=False
        )


def downgrade():
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_moved_token_hash"))
        batch_op.drop_column("moved_token_hash")
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("record_key")
