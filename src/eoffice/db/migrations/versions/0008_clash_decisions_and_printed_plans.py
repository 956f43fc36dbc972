"""clash decisions and printed plans

Revision ID: 0008
Revises: 0007

Two new tables, nothing stored changes: the officer's answer to a clash (a paper sat in
another session) and a fingerprint of each printed seating plan, register and set of
desk cards, so re-seating can say which printed copies are out of date.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clash_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("session", sa.String(length=2), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["paper_id"], ["paper.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("candidate_id", "paper_id"),
    )
    with op.batch_alter_table("clash_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clash_decision_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_clash_decision_paper_id"), ["paper_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_clash_decision_on"), ["on"], unique=False)
    op.create_table(
        "printed_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("session", sa.String(length=2), nullable=False),
        sa.Column("room", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("on", "session", "room", "kind"),
    )


def downgrade() -> None:
    op.drop_table("printed_plan")
    with op.batch_alter_table("clash_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clash_decision_on"))
        batch_op.drop_index(batch_op.f("ix_clash_decision_paper_id"))
        batch_op.drop_index(batch_op.f("ix_clash_decision_candidate_id"))
    op.drop_table("clash_decision")
