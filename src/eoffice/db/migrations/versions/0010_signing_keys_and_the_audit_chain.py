"""signing keys, disputes and the audit chain

Revision ID: 0010
Revises: 0009

* ``signing_key``: each signer's Ed25519 key pair, the private half encrypted under their
  password. Nobody has one yet: a signer's key is made at their next sign-in or signature.
* ``signature`` gains the key it was made with and the signature itself, and a dispute
  (when, by whom, why). Signatures already stored have no key: they were given before
  signing keys and cannot be verified. So that a row added later without a key cannot pass
  for one of them, their ids are written into the audit log here, in one row that the
  chain then covers (``standards.signature_checks`` reads it).
* ``person`` gains when they last signed in.
* ``audit_entry`` gains ``chain_hash``, computed here for every row already stored, oldest
  first, with a frozen copy of ``audit.chain_hash`` (a test keeps the two equal).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from eoffice import clock

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"
LEGACY_ACTION = "signing_keys"  # standards.signature_checks.LEGACY_ACTION
UPGRADE_ACTOR = "eoffice upgrade"


def chain_hash(previous: str, entry_id: int, at: datetime, actor: str, action: str, entity: str,
               entity_id: str | None, summary: str) -> str:
    """audit.chain_hash as it was written for revision 0010."""
    fields = [previous, entry_id, at.strftime(TIME_FORMAT), actor, action, entity, entity_id, summary]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def _moment(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def legacy_summary(ids: list[int]) -> str:
    count = f"{len(ids)} signature{'' if len(ids) == 1 else 's'}"
    return (f"signing keys introduced: the {count} given before them cannot be verified "
            f"(ids {', '.join(str(i) for i in ids)})")


def upgrade() -> None:
    op.create_table(
        "signing_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("private_key", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_signing_key_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_key")),
    )
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signing_key_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_sign_in_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("signature", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("disputed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("disputed_by", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("disputed_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.create_foreign_key(batch_op.f("fk_signature_key_id_signing_key"), "signing_key", ["key_id"], ["id"])

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain_hash", sa.String(length=64), nullable=True))

    bind = op.get_bind()
    legacy = [row[0] for row in bind.execute(sa.text("SELECT id FROM signature ORDER BY id"))]
    if legacy:
        last = bind.execute(sa.text("SELECT max(id) FROM audit_entry")).scalar() or 0
        bind.execute(sa.text("INSERT INTO audit_entry (id, at, actor, action, entity, entity_id, summary) "
                             "VALUES (:id, :at, :actor, :action, 'signature', NULL, :summary)"),
                     {"id": last + 1, "at": clock.stored().strftime(TIME_FORMAT), "actor": UPGRADE_ACTOR, "action": LEGACY_ACTION,
                      "summary": legacy_summary(legacy)})
    rows = bind.execute(sa.text("SELECT id, at, actor, action, entity, entity_id, summary FROM audit_entry "
                                "ORDER BY id")).all()
    previous, hashes = GENESIS, []
    for entry_id, at, actor, action, entity, entity_id, summary in rows:
        previous = chain_hash(previous, entry_id, _moment(at), actor, action, entity, entity_id, summary)
        hashes.append({"h": previous, "i": entry_id})
    if hashes:
        bind.execute(sa.text("UPDATE audit_entry SET chain_hash = :h WHERE id = :i"), hashes)

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column("chain_hash", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("chain_hash")

    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_signature_key_id_signing_key"), type_="foreignkey")
        batch_op.drop_column("disputed_reason")
        batch_op.drop_column("disputed_by")
        batch_op.drop_column("disputed_at")
        batch_op.drop_column("signature")
        batch_op.drop_column("key_id")

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("last_sign_in_at")

    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signing_key_person_id"))
    op.drop_table("signing_key")
