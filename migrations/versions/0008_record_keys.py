"""record keys: a fixed random number per response and invitation, for disclosure control

Revision ID: 0008_record_keys
Revises: 0007_comment_coding
Create Date: 2026-12-06 17:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_record_keys"
down_revision = "0007_comment_coding"
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
        op.execute(f"UPDATE {table} SET record_key = {_random_key()}")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("record_key", existing_type=sa.SmallInteger(), nullable=False)


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("record_key")
