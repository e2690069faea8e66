"""meetings and invitations

Revision ID: 0002_invitations
Revises: 0001_surveys_drafts_responses
Create Date: 2026-11-22 20:47:32.535461

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002_invitations"
down_revision = "0001_surveys_drafts_responses"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("chair_id", sa.Integer(), nullable=True),
        sa.Column("child_age", sa.Integer(), nullable=True),
        sa.Column("case_reference", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_chair_id"), ["chair_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_team_id"), ["team_id"], unique=False)

    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_salt", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("survey_id", sa.String(length=64), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("respondent_role", sa.String(length=32), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("delivery", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("bounced_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_invitation_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["survey_id"], ["survey.id"], name=op.f("fk_invitation_survey_id_survey")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitation_token_hash")),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invitation_created_by_id"), ["created_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_invitation_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_survey_id"), ["survey_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_team_id"), ["team_id"], unique=False)

    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invitation_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_draft_invitation_id"), ["invitation_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_draft_invitation_id_invitation"), "invitation", ["invitation_id"], ["id"]
        )

    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invitation_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("context", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.create_index(
            batch_op.f("ix_response_invitation_id"), ["invitation_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_response_invitation_id_invitation"),
            "invitation",
            ["invitation_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_response_invitation_id_invitation"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_response_invitation_id"))
        batch_op.drop_column("context")
        batch_op.drop_column("invitation_id")

    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_draft_invitation_id_invitation"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_draft_invitation_id"))
        batch_op.drop_column("invitation_id")

    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_team_id"))
        batch_op.drop_index(batch_op.f("ix_invitation_survey_id"))
        batch_op.drop_index(batch_op.f("ix_invitation_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_invitation_expires_at"))
        batch_op.drop_index(batch_op.f("ix_invitation_created_by_id"))

    op.drop_table("invitation")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_team_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_chair_id"))

    op.drop_table("meeting")
