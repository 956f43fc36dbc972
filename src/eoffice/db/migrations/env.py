"""Alembic environment: always handed a live connection by eoffice.db.session.

Batch mode lets SQLite alter tables; foreign keys are switched off while a migration
rebuilds a table and checked again afterwards.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from eoffice.db.all_models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("eoffice migrations run only through eoffice.db.migrations.upgrade()")

is_sqlite = connection.dialect.name == "sqlite"
if is_sqlite:
    # A PRAGMA cannot change inside a transaction; commit whatever autobegin opened.
    connection.commit()
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

if is_sqlite:
    connection.commit()
    problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    if problems:
        raise RuntimeError(f"migration left broken references: {problems[:5]}")
