"""each alert email to each address, recorded once the mail server accepted it; answers
the safeguarding screen flagged; when staff were shown a personal link; the review
queue and its labelled examples; when each periodic job last ran (the embedded beat)

Revision ID: 0010_alert_deliveries_and_beat
Revises: 0009_invitation_texts
Create Date: 2026-12-06 18:00:00.000000

"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010_alert_deliveries_and_beat"
down_revision = "0009_invitation_texts"
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
    _create_review_tables()
    op.create_table(
        "periodic_run",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("last_run_at", sa.DateTime(), nullable=True),
        sa.Column("held_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_periodic_run")),
    )


def _create_review_tables():
    op.create_table(
        "review_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("severity", sa.String(length=8), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alert.id"],
            name=op.f("fk_review_item_alert_id_alert"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_user.id"],
            name=op.f("fk_review_item_decided_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_review_item_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_review_item_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_item")),
        sa.UniqueConstraint("response_id", name=op.f("uq_review_item_response_id")),
    )
    with op.batch_alter_table("review_item", schema=None) as batch_op:
        for column in ("created_at", "status", "survey_id", "team_id"):
            batch_op.create_index(batch_op.f(f"ix_review_item_{column}"), [column], unique=False)
    op.create_table(
        "screen_example",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("review_item_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["staff_user.id"],
            name=op.f("fk_screen_example_decided_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["review_item_id"],
            ["review_item.id"],
            name=op.f("fk_screen_example_review_item_id_review_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screen_example")),
    )
    with op.batch_alter_table("screen_example", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_screen_example_review_item_id"), ["review_item_id"], unique=False
        )
    op.create_table(
        "review_digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_digest")),
        sa.UniqueConstraint("day", "address", name=op.f("uq_review_digest_day")),
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
    op.drop_table("review_digest")
    op.drop_table("screen_example")
    op.drop_table("review_item")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_column("link_shown_at")
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_column("flagged")
    with op.batch_alter_table("alert_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_delivery_alert_id"))
    op.drop_table("alert_delivery")
