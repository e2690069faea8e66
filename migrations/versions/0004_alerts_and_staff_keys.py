"""safeguarding alerts; invitations and meetings point at staff and teams

Revision ID: 0004_alerts_and_staff_keys
Revises: 0003_staff_accounts
Create Date: 2026-11-22 21:08:21.222901

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004_alerts_and_staff_keys"
down_revision = "0003_staff_accounts"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("notified_at", sa.DateTime(), nullable=True),
        sa.Column("escalation_level", sa.Integer(), nullable=False),
        sa.Column("next_escalation_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["staff_user.id"],
            name=op.f("fk_alert_acknowledged_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_alert_response_id_response"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], name=op.f("fk_alert_team_id_team")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert")),
        sa.UniqueConstraint("response_id", name=op.f("uq_alert_response_id")),
    )
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_alert_next_escalation_at"), ["next_escalation_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_alert_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_survey_id"), ["survey_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_team_id"), ["team_id"], unique=False)

    op.create_table(
        "alert_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["alert.id"],
            name=op.f("fk_alert_note_alert_id_alert"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["staff_user.id"], name=op.f("fk_alert_note_author_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_note")),
    )
    with op.batch_alter_table("alert_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_note_alert_id"), ["alert_id"], unique=False)

    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_invitation_team_id_team"), "team", ["team_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_invitation_created_by_id_staff_user"),
            "staff_user",
            ["created_by_id"],
            ["id"],
        )

    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f("fk_meeting_chair_id_staff_user"), "staff_user", ["chair_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_meeting_team_id_team"), "team", ["team_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_meeting_team_id_team"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_meeting_chair_id_staff_user"), type_="foreignkey")

    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_invitation_created_by_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_invitation_team_id_team"), type_="foreignkey")

    with op.batch_alter_table("alert_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_note_alert_id"))

    op.drop_table("alert_note")
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_team_id"))
        batch_op.drop_index(batch_op.f("ix_alert_survey_id"))
        batch_op.drop_index(batch_op.f("ix_alert_status"))
        batch_op.drop_index(batch_op.f("ix_alert_next_escalation_at"))
        batch_op.drop_index(batch_op.f("ix_alert_created_at"))

    op.drop_table("alert")
