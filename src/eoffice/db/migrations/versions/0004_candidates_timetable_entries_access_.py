"""candidates, timetable, entries, access arrangements, rooms, invigilators, roster

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("candidate",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("number", sa.Integer(), nullable=False),
    sa.Column("surname", sa.String(length=100), nullable=False),
    sa.Column("forenames", sa.String(length=100), nullable=False),
    sa.Column("date_of_birth", sa.Date(), nullable=True),
    sa.Column("year_group", sa.Integer(), nullable=True),
    sa.Column("form", sa.String(length=20), nullable=True),
    sa.Column("uci", sa.String(length=13), nullable=True),
    sa.Column("uln", sa.String(length=10), nullable=True),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate")),
    sa.UniqueConstraint("number", name=op.f("uq_candidate_number"))
    )
    op.create_table("invigilator",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=120), nullable=False),
    sa.Column("email", sa.String(length=254), nullable=False),
    sa.Column("phone", sa.String(length=40), nullable=False),
    sa.Column("roles", sa.String(length=200), nullable=False),
    sa.Column("trained_on", sa.Date(), nullable=True),
    sa.Column("dbs_checked_on", sa.Date(), nullable=True),
    sa.Column("confidentiality_on", sa.Date(), nullable=True),
    sa.Column("max_per_day", sa.Integer(), nullable=False),
    sa.Column("max_per_week", sa.Integer(), nullable=False),
    sa.Column("hourly_rate_pence", sa.Integer(), nullable=False),
    sa.Column("available_by_default", sa.Boolean(), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_invigilator")),
    sa.UniqueConstraint("name", name=op.f("uq_invigilator_name"))
    )
    op.create_table("paper",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("board", sa.String(length=40), nullable=False),
    sa.Column("code", sa.String(length=30), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("qualification", sa.String(length=40), nullable=False),
    sa.Column("sat_on", sa.Date(), nullable=False),
    sa.Column("session", sa.String(length=2), nullable=False),
    sa.Column("start_minutes", sa.Integer(), nullable=False),
    sa.Column("duration_minutes", sa.Integer(), nullable=False),
    sa.Column("mode", sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_paper")),
    sa.UniqueConstraint("code", "sat_on", "session", name=op.f("uq_paper_code_sat_on_session"))
    )
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paper_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_paper_sat_on"), ["sat_on"], unique=False)

    op.create_table("room",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=80), nullable=False),
    sa.Column("capacity", sa.Integer(), nullable=False),
    sa.Column("on_screen", sa.Boolean(), nullable=False),
    sa.Column("separate", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_room")),
    sa.UniqueConstraint("name", name=op.f("uq_room_name"))
    )
    op.create_table("arrangement",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("candidate_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=40), nullable=False),
    sa.Column("extra_time_percent", sa.Integer(), nullable=True),
    sa.Column("rest_minutes_per_hour", sa.Integer(), nullable=True),
    sa.Column("route", sa.String(length=20), nullable=False),
    sa.Column("status", sa.String(length=20), nullable=False),
    sa.Column("reference", sa.String(length=60), nullable=False),
    sa.Column("approved_on", sa.Date(), nullable=True),
    sa.Column("expires_on", sa.Date(), nullable=True),
    sa.Column("assessed_on", sa.Date(), nullable=True),
    sa.Column("assessor", sa.String(length=120), nullable=False),
    sa.Column("normal_way_of_working", sa.Text(), nullable=False),
    sa.Column("room_need", sa.String(length=30), nullable=False),
    sa.Column("notes", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], name=op.f("fk_arrangement_candidate_id_candidate"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_arrangement"))
    )
    with op.batch_alter_table("arrangement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_arrangement_candidate_id"), ["candidate_id"], unique=False)

    op.create_table("assignment",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("invigilator_id", sa.Integer(), nullable=False),
    sa.Column("on", sa.Date(), nullable=False),
    sa.Column("session", sa.String(length=2), nullable=False),
    sa.Column("room_id", sa.Integer(), nullable=False),
    sa.Column("role", sa.String(length=30), nullable=False),
    sa.Column("locked", sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(["invigilator_id"], ["invigilator.id"], name=op.f("fk_assignment_invigilator_id_invigilator"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_assignment_room_id_room"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    sa.UniqueConstraint("invigilator_id", "on", "session", name=op.f("uq_assignment_invigilator_id_on_session"))
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_invigilator_id"), ["invigilator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_on"), ["on"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_room_id"), ["room_id"], unique=False)

    op.create_table("availability",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("invigilator_id", sa.Integer(), nullable=False),
    sa.Column("on", sa.Date(), nullable=False),
    sa.Column("session", sa.String(length=2), nullable=False),
    sa.Column("available", sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(["invigilator_id"], ["invigilator.id"], name=op.f("fk_availability_invigilator_id_invigilator"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_availability")),
    sa.UniqueConstraint("invigilator_id", "on", "session", name=op.f("uq_availability_invigilator_id_on_session"))
    )
    with op.batch_alter_table("availability", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_availability_invigilator_id"), ["invigilator_id"], unique=False)

    op.create_table("entry",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("candidate_id", sa.Integer(), nullable=False),
    sa.Column("paper_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], name=op.f("fk_entry_candidate_id_candidate"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["paper_id"], ["paper.id"], name=op.f("fk_entry_paper_id_paper"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_entry")),
    sa.UniqueConstraint("candidate_id", "paper_id", name=op.f("uq_entry_candidate_id_paper_id"))
    )
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entry_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entry_paper_id"), ["paper_id"], unique=False)

    op.create_table("placement",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("candidate_id", sa.Integer(), nullable=False),
    sa.Column("on", sa.Date(), nullable=False),
    sa.Column("session", sa.String(length=2), nullable=False),
    sa.Column("room_id", sa.Integer(), nullable=False),
    sa.Column("override", sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(["candidate_id"], ["candidate.id"], name=op.f("fk_placement_candidate_id_candidate"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["room_id"], ["room.id"], name=op.f("fk_placement_room_id_room"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_placement")),
    sa.UniqueConstraint("candidate_id", "on", "session", name=op.f("uq_placement_candidate_id_on_session"))
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_placement_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_placement_room_id"), ["room_id"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_room_id"))
        batch_op.drop_index(batch_op.f("ix_placement_candidate_id"))

    op.drop_table("placement")
    with op.batch_alter_table("entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entry_paper_id"))
        batch_op.drop_index(batch_op.f("ix_entry_candidate_id"))

    op.drop_table("entry")
    with op.batch_alter_table("availability", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_availability_invigilator_id"))

    op.drop_table("availability")
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_room_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_on"))
        batch_op.drop_index(batch_op.f("ix_assignment_invigilator_id"))

    op.drop_table("assignment")
    with op.batch_alter_table("arrangement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_arrangement_candidate_id"))

    op.drop_table("arrangement")
    op.drop_table("room")
    with op.batch_alter_table("paper", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_sat_on"))
        batch_op.drop_index(batch_op.f("ix_paper_code"))

    op.drop_table("paper")
    op.drop_table("invigilator")
    op.drop_table("candidate")
