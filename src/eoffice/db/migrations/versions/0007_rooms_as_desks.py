"""rooms as desks

Revision ID: 0007
Revises: 0006

A room gains its desk layout and a placement its desk. Server defaults fill the rows
already stored: a room keeps no layout (seating then lays its capacity out itself) and
a placement has no desk yet.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("room", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rows", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("columns", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("desks_off", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("exit_at", sa.String(length=20), nullable=False, server_default="back right"))
        batch_op.add_column(sa.Column("invigilator_at", sa.String(length=20), nullable=False, server_default="front"))
        batch_op.add_column(sa.Column("spacing_note", sa.String(length=200), nullable=False, server_default=""))

    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("desk", sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column("desk_locked", sa.Boolean(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_column("desk_locked")
        batch_op.drop_column("desk")

    with op.batch_alter_table("room", schema=None) as batch_op:
        batch_op.drop_column("spacing_note")
        batch_op.drop_column("invigilator_at")
        batch_op.drop_column("exit_at")
        batch_op.drop_column("desks_off")
        batch_op.drop_column("columns")
        batch_op.drop_column("rows")
