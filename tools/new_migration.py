"""Write a new Alembic revision by comparing the models with a database at head.

Usage: ``.venv/bin/python -m tools.new_migration "add plan tasks"``. Then add the new
revision id to ``REVISIONS`` in ``src/eoffice/db/migrations/__init__.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from eoffice.db.migrations import REVISIONS, alembic_config, upgrade


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    rev_id = f"{len(REVISIONS) + 1:04d}"
    engine = sa.create_engine("sqlite://")
    with engine.connect() as connection:
        upgrade(connection)
        connection.commit()
        script = command.revision(alembic_config(connection), message=sys.argv[1], autogenerate=True, rev_id=rev_id)
    path = Path(script.path)  # type: ignore[union-attr]
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if "# ###" not in line and not line.startswith("Create Date")]
    path.write_text("\n".join(kept).replace("'", '"') + "\n", encoding="utf-8")
    print(f"wrote {path}; now add {rev_id!r} to REVISIONS")


if __name__ == "__main__":
    main()
