"""foundation: centre, people, years, series, settings, audit

Revision ID: 0001
Revises: 
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("academic_year",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("start_year", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_academic_year")),
    sa.UniqueConstraint("start_year", name=op.f("uq_academic_year_start_year"))
    )
    op.create_table("audit_entry",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("at", sa.DateTime(), nullable=False),
    sa.Column("actor", sa.String(length=200), nullable=False),
    sa.Column("action", sa.String(length=40), nullable=False),
    sa.Column("entity", sa.String(length=60), nullable=False),
    sa.Column("entity_id", sa.String(length=60), nullable=True),
    sa.Column("summary", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry"))
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_at"), ["at"], unique=False)

    op.create_table("centre",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("centre_number", sa.String(length=5), nullable=True),
    sa.Column("nation", sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_centre"))
    )
    op.create_table("person",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("role", sa.String(length=40), nullable=False),
    sa.Column("email", sa.String(length=254), nullable=True),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_person"))
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_role"), ["role"], unique=False)

    op.create_table("setting",
    sa.Column("key", sa.String(length=100), nullable=False),
    sa.Column("value", sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint("key", name=op.f("pk_setting"))
    )
    op.create_table("series",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("year_id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=40), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["year_id"], ["academic_year.id"], name=op.f("fk_series_year_id_academic_year"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    sa.UniqueConstraint("year_id", "name", name=op.f("uq_series_year_id_name"))
    )


def downgrade() -> None:
    op.drop_table("series")
    op.drop_table("setting")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_role"))

    op.drop_table("person")
    op.drop_table("centre")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_at"))

    op.drop_table("audit_entry")
    op.drop_table("academic_year")
