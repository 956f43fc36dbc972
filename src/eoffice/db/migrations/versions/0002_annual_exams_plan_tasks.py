"""annual exams plan tasks

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("plan_task",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("year_id", sa.Integer(), nullable=False),
    sa.Column("title", sa.String(length=300), nullable=False),
    sa.Column("phase", sa.String(length=40), nullable=False),
    sa.Column("owner", sa.String(length=40), nullable=False),
    sa.Column("due", sa.Date(), nullable=False),
    sa.Column("start", sa.Date(), nullable=True),
    sa.Column("status", sa.String(length=20), nullable=False),
    sa.Column("done_on", sa.Date(), nullable=True),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.Column("date_rule", sa.String(length=20), nullable=False),
    sa.Column("template_key", sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(["year_id"], ["academic_year.id"], name=op.f("fk_plan_task_year_id_academic_year"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_task")),
    sa.UniqueConstraint("year_id", "template_key", name=op.f("uq_plan_task_year_id_template_key"))
    )
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_task_due"), ["due"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_task_year_id"), ["year_id"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_task_year_id"))
        batch_op.drop_index(batch_op.f("ix_plan_task_due"))

    op.drop_table("plan_task")
