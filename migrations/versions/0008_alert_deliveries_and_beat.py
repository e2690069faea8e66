"""each alert email to each address, recorded once the mail server accepted it; answers
the safeguarding screen flagged; when staff were shown a personal link; when each
periodic job last ran (the embedded beat)

Revision ID: 0008_alert_deliveries_and_beat
Revises: 0007_comment_coding
Create Date: 2026-12-06 18:00:00.000000

"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008_alert_deliveries_and_beat"
down_revision = "0007_comment_coding"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "alert_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("reader", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_failure", sa.String(length=16), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alert.id"],
            name=op.f("fk_alert_delivery_alert_id_alert"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_delivery")),
        sa.UniqueConstraint(
            "alert_id", "level", "address", name=op.f("uq_alert_delivery_alert_id")
        ),
    )
    with op.batch_alter_table("alert_delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_delivery_alert_id"), ["alert_id"], unique=False)

    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("flagged", sa.Boolean(), server_default="0", nullable=False))
    _flag_existing_disclosures()
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("link_shown_at", sa.DateTime(), nullable=True))
    # Links made before this was recorded count as shown: staff see their state.
    op.execute("UPDATE invitation SET link_shown_at = created_at")
    op.create_table(
        "periodic_run",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("last_run_at", sa.DateTime(), nullable=True),
        sa.Column("held_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_periodic_run")),
    )


def _flag_existing_disclosures():
    """Free text that already raised an alert is flagged too."""
    connection = op.get_bind()
    alerts = connection.execute(sa.text("SELECT response_id, questions FROM alert")).all()
    for response_id, questions in alerts:
        if isinstance(questions, str):
            questions = json.loads(questions)
        for question_id in questions or []:
            connection.execute(
                sa.text(
                    "UPDATE answer SET flagged = :yes WHERE response_id = :response "
                    "AND question_id = :question AND text IS NOT NULL AND text <> ''"
                ),
                {"yes": True, "response": response_id, "question": question_id},
            )


def downgrade():
    op.drop_table("periodic_run")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_column("link_shown_at")
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_column("flagged")
    with op.batch_alter_table("alert_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_delivery_alert_id"))
    op.drop_table("alert_delivery")
