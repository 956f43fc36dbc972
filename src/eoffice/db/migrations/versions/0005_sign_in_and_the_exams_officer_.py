"""sign-in and the Exams Officer Professional Standards

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("standards_year",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("year_id", sa.Integer(), nullable=False),
    sa.Column("experience", sa.String(length=20), nullable=False),
    sa.Column("values_statement", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_standards_year_person_id_person"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["year_id"], ["academic_year.id"], name=op.f("fk_standards_year_year_id_academic_year"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_standards_year")),
    sa.UniqueConstraint("person_id", "year_id", name=op.f("uq_standards_year_person_id_year_id"))
    )
    with op.batch_alter_table("standards_year", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_standards_year_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_standards_year_year_id"), ["year_id"], unique=False)

    op.create_table("knowledge_target",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("standards_year_id", sa.Integer(), nullable=False),
    sa.Column("area", sa.String(length=120), nullable=False),
    sa.Column("target", sa.Text(), nullable=False),
    sa.Column("methods", sa.String(length=200), nullable=False),
    sa.Column("success_criteria", sa.Text(), nullable=False),
    sa.Column("checkpoint_on", sa.Date(), nullable=True),
    sa.Column("progress_notes", sa.Text(), nullable=False),
    sa.Column("status", sa.String(length=20), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["standards_year_id"], ["standards_year.id"], name=op.f("fk_knowledge_target_standards_year_id_standards_year"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_knowledge_target"))
    )
    with op.batch_alter_table("knowledge_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_knowledge_target_standards_year_id"), ["standards_year_id"], unique=False)

    op.create_table("skill_target",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("standards_year_id", sa.Integer(), nullable=False),
    sa.Column("skill", sa.String(length=40), nullable=False),
    sa.Column("methods", sa.String(length=200), nullable=False),
    sa.Column("measure", sa.Text(), nullable=False),
    sa.Column("by_when", sa.Date(), nullable=True),
    sa.Column("status", sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(["standards_year_id"], ["standards_year.id"], name=op.f("fk_skill_target_standards_year_id_standards_year"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_target")),
    sa.UniqueConstraint("standards_year_id", "skill", name=op.f("uq_skill_target_standards_year_id_skill"))
    )
    with op.batch_alter_table("skill_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_skill_target_standards_year_id"), ["standards_year_id"], unique=False)

    op.create_table("standards_meeting",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("standards_year_id", sa.Integer(), nullable=False),
    sa.Column("held_on", sa.Date(), nullable=False),
    sa.Column("kind", sa.String(length=20), nullable=False),
    sa.Column("attendees", sa.Text(), nullable=False),
    sa.Column("went_well", sa.Text(), nullable=False),
    sa.Column("not_well", sa.Text(), nullable=False),
    sa.Column("focus_next", sa.Text(), nullable=False),
    sa.Column("next_meeting_on", sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(["standards_year_id"], ["standards_year.id"], name=op.f("fk_standards_meeting_standards_year_id_standards_year"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_standards_meeting"))
    )
    with op.batch_alter_table("standards_meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_standards_meeting_standards_year_id"), ["standards_year_id"], unique=False)

    op.create_table("meeting_progress",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("meeting_id", sa.Integer(), nullable=False),
    sa.Column("target_kind", sa.String(length=20), nullable=False),
    sa.Column("target_id", sa.Integer(), nullable=False),
    sa.Column("progress", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["meeting_id"], ["standards_meeting.id"], name=op.f("fk_meeting_progress_meeting_id_standards_meeting"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_progress"))
    )
    with op.batch_alter_table("meeting_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_progress_meeting_id"), ["meeting_id"], unique=False)

    op.create_table("signature",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("standards_year_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=30), nullable=False),
    sa.Column("meeting_id", sa.Integer(), nullable=True),
    sa.Column("person_id", sa.Integer(), nullable=False),
    sa.Column("signer_name", sa.String(length=200), nullable=False),
    sa.Column("signer_role", sa.String(length=40), nullable=False),
    sa.Column("signed_at", sa.DateTime(), nullable=False),
    sa.Column("content_hash", sa.String(length=64), nullable=False),
    sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
    sa.Column("withdrawn_reason", sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(["meeting_id"], ["standards_meeting.id"], name=op.f("fk_signature_meeting_id_standards_meeting"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_signature_person_id_person")),
    sa.ForeignKeyConstraint(["standards_year_id"], ["standards_year.id"], name=op.f("fk_signature_standards_year_id_standards_year"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_signature"))
    )
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signature_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_signature_standards_year_id"), ["standards_year_id"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("password_salt", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("last_failed_at", sa.DateTime(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("last_failed_at")
        batch_op.drop_column("failed_sign_ins")
        batch_op.drop_column("password_salt")
        batch_op.drop_column("password_hash")

    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signature_standards_year_id"))
        batch_op.drop_index(batch_op.f("ix_signature_person_id"))

    op.drop_table("signature")
    with op.batch_alter_table("meeting_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_progress_meeting_id"))

    op.drop_table("meeting_progress")
    with op.batch_alter_table("standards_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_standards_meeting_standards_year_id"))

    op.drop_table("standards_meeting")
    with op.batch_alter_table("skill_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_skill_target_standards_year_id"))

    op.drop_table("skill_target")
    with op.batch_alter_table("knowledge_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_knowledge_target_standards_year_id"))

    op.drop_table("knowledge_target")
    with op.batch_alter_table("standards_year", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_standards_year_year_id"))
        batch_op.drop_index(batch_op.f("ix_standards_year_person_id"))

    op.drop_table("standards_year")
