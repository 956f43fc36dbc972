"""plan task anchor dates

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anchor_due", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("anchor_start", sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table("plan_task", schema=None) as batch_op:
        batch_op.drop_column("anchor_start")
        batch_op.drop_column("anchor_due")

