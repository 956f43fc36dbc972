"""key dates and plan task links

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("key_date",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("year_id", sa.Integer(), nullable=False),
    sa.Column("on", sa.Date(), nullable=False),
    sa.Column("end", sa.Date(), nullable=True),
    sa.Column("title", sa.String(length=300), nullable=False),
    sa.Column("series", sa.String(length=20), nullable=False),
    sa.Column("body", sa.String(length=40), nullable=False),
    sa.Column("category", sa.String(length=40), nullable=False),
    sa.Column("internal_deadline", sa.Date(), nullable=True),
    sa.Column("internal_derived", sa.Boolean(), nullable=False),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("done", sa.Boolean(), nullable=False),
    sa.Column("needs_check", sa.Boolean(), nullable=False),
    sa.Column("reference_key", sa.String(length=80), nullable=True),
    sa.Column("edited", sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(["year_id"], ["academic_year.id"], name=op.f("fk_key_date_year_id_academic_year"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_key_date")),
    sa.UniqueConstraint("year_id", "reference_key", name=op.f("uq_key_date_year_id_reference_key"))
    )
    with op.batch_alter_table("key_date", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_key_date_on"), ["on"], unique=False)
        batch_op.create_index(batch_op.f("ix_key_date_year_id"), ["year_id"], unique=False)

    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_date_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_plan_task_key_date_id"), ["key_date_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_plan_task_key_date_id_key_date"), "key_date", ["key_date_id"], ["id"], ondelete="SET NULL")



def downgrade() -> None:
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_plan_task_key_date_id_key_date"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_plan_task_key_date_id"))
        batch_op.drop_column("key_date_id")

    with op.batch_alter_table("key_date", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_date_year_id"))
        batch_op.drop_index(batch_op.f("ix_key_date_on"))

    op.drop_table("key_date")
