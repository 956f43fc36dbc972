"""The migrations build exactly the models' schema, and REVISIONS matches the scripts."""

from __future__ import annotations

from itertools import pairwise

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from eoffice.db.all_models import metadata
from eoffice.db.migrations import HEAD, MIGRATIONS_DIR, REVISIONS, alembic_config, downgrade, upgrade
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import people
from eoffice.domain.demo import build_demo
from tests.conftest import TODAY


def script_directory() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def model_tables() -> set[str]:
    return set(metadata.tables)


def test_migrated_schema_equals_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert model_tables() <= set(inspect(conn).get_table_names())


def test_revisions_are_the_scripts_history_oldest_first() -> None:
    script = script_directory()
    newest_first = [revision.revision for revision in script.walk_revisions()]
    assert tuple(reversed(newest_first)) == REVISIONS
    assert script.get_heads() == [HEAD]
    assert REVISIONS[-1] == HEAD
    assert script.get_revision(REVISIONS[0]).down_revision is None


def test_each_revision_follows_the_one_before() -> None:
    script = script_directory()
    for older, newer in pairwise(REVISIONS):
        assert script.get_revision(newer).down_revision == older


def test_new_database_is_stamped_at_head(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD]


def test_downgrade_to_base_and_upgrade_again_with_data_present(db: Database) -> None:
    with db.session() as session:
        build_demo(session, today=TODAY)
        assert audit.count(session) > 0

    with db.engine.connect() as conn:
        downgrade(conn, "base")
        conn.commit()
        left = set(inspect(conn).get_table_names())
        assert left.isdisjoint(model_tables())
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 0

        upgrade(conn)
        conn.commit()
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        # env.py switches foreign keys off to migrate and back on afterwards
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1

    with db.session() as session:
        assert audit.count(session) == 0
        people.add_person(session, "After Upgrade", "other")  # the tables are usable again
    with db.session() as session:
        assert [p.name for p in people.people(session)] == ["After Upgrade"]


def test_migrations_refuse_to_run_without_a_connection() -> None:
    with pytest.raises(RuntimeError, match="only through"):
        command.upgrade(alembic_config(None), "head")


def test_alembic_config_points_at_the_packaged_scripts(db: Database) -> None:
    with db.engine.connect() as conn:
        config = alembic_config(conn)
        assert config.get_main_option("script_location") == str(MIGRATIONS_DIR)
        assert config.attributes["connection"] is conn
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
