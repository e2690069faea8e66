"""report filters on responses; report snapshots

Revision ID: 0005_reporting
Revises: 0004_alerts_and_staff_keys
Create Date: 2026-11-23 09:12:40.118305

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005_reporting"
down_revision = "0004_alerts_and_staff_keys"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audience", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("team_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("chair_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("age_band", sa.String(length=16), nullable=True))
        batch_op.create_index(
            "ix_response_survey_submitted", ["survey_id", "submitted_at", "id"], unique=False
        )

    response = sa.table(
        "response",
        sa.column("survey_id", sa.String),
        sa.column("context", sa.JSON),
        sa.column("audience", sa.String),
        sa.column("team_id", sa.Integer),
        sa.column("chair_id", sa.Integer),
        sa.column("age_band", sa.String),
    )
    survey = sa.table("survey", sa.column("id", sa.String), sa.column("audience", sa.String))
    op.execute(
        sa.update(response).values(
            audience=sa.select(survey.c.audience)
            .where(survey.c.id == response.c.survey_id)
            .scalar_subquery(),
            team_id=response.c.context["team_id"].as_integer(),
            chair_id=response.c.context["chair_id"].as_integer(),
            age_band=response.c.context["age_band"].as_string(),
        )
    )

    if op.get_bind().dialect.name == "postgresql":
        # Reports group answers by question and choice; without these statistics the
        # planner guesses thousands of times too many groups and sorts instead of hashing.
        op.execute(
            "CREATE STATISTICS st_answer_question_choice (ndistinct) "
            "ON question_id, choice FROM answer"
        )

    op.create_table(
        "report_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_key", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("filters_key", sa.String(length=255), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("built_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_snapshot")),
        sa.UniqueConstraint(
            "survey_key",
            "period",
            "filters_key",
            "threshold",
            name="uq_report_snapshot_key",
        ),
    )
    with op.batch_alter_table("report_snapshot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_snapshot_used_at"), ["used_at"], unique=False)


def downgrade():
    with op.batch_alter_table("report_snapshot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_snapshot_used_at"))

    op.drop_table("report_snapshot")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS IF EXISTS st_answer_question_choice")
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_index("ix_response_survey_submitted")
        batch_op.drop_column("age_band")
        batch_op.drop_column("chair_id")
        batch_op.drop_column("team_id")
        batch_op.drop_column("audience")
