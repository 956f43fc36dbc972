"""The tamper-evident audit log (issue 14, item 2): each row's ``chain_hash`` is the SHA-256 of its
fields and the previous row's ``chain_hash``; ``verify_chain`` names the first row that breaks it.

The contract with backups and PDF footers: ``audit_entry.chain_hash`` is 64 lowercase hex digits,
the head is the ``chain_hash`` of the row with the highest id, and ``chain_head``/``verify_chain``
are public in ``eoffice.domain.audit``.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from eoffice.db.migrations import downgrade, upgrade
from eoffice.db.session import Database
from eoffice.domain import audit
from eoffice.domain.accounts import WrongPassword, keep_refusal, passwords
from tests.domain.standards_helpers import NOW, make_staff

HEX64 = re.compile(r"[0-9a-f]{64}")


def _rows(db: Database) -> list[Any]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT id, at, actor, action, entity, entity_id, summary, chain_hash "
                                      "FROM audit_entry ORDER BY id")))


def _expected(previous: str, row: Any) -> str:
    """The formula, written out independently of eoffice's own."""
    at = datetime.fromisoformat(str(row.at)).strftime("%Y-%m-%d %H:%M:%S.%f")
    fields = [previous, row.id, at, row.actor, row.action, row.entity, row.entity_id, row.summary]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def _some_rows(db: Database, n: int = 5) -> None:
    with db.session() as session:
        for i in range(n):
            audit.record(session, "update", "plan_task", i + 1, f"row {i + 1}: Zoë’s “task”", actor="jo",
                         at=datetime(2026, 11, 23, 9, i, 7, 123456, tzinfo=UTC))


def _run(db: Database, sql: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql))


def test_each_row_is_chained_to_the_one_before_and_the_head_is_the_newest(db: Database) -> None:
    with db.session() as session:
        assert audit.chain_head(session) is None
        assert audit.verify_chain(session) == audit.ChainCheck(True, 0, None, "audit log: empty")
    _some_rows(db)
    rows, previous = _rows(db), audit.GENESIS
    for row in rows:
        assert HEX64.fullmatch(row.chain_hash)
        assert row.chain_hash == _expected(previous, row)
        previous = row.chain_hash
    with db.session() as session:
        assert audit.chain_head(session) == rows[-1].chain_hash
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT chain_hash FROM audit_entry ORDER BY id DESC LIMIT 1")).scalar() \
                == audit.chain_head(session)
        checked = audit.verify_chain(session)
    assert (checked.ok, checked.rows, checked.first_broken_id, checked.head) == (True, 5, None, rows[-1].chain_hash)


def test_an_edited_row_is_named_and_the_rows_after_it_still_check(db: Database) -> None:
    _some_rows(db)
    _run(db, "UPDATE audit_entry SET summary = 'nothing to see' WHERE id = 3")
    with db.session() as session:
        checked = audit.verify_chain(session)
    assert (checked.ok, checked.rows, checked.first_broken_id, checked.broken) == (False, 5, 3, 1)
    assert checked.message == ("audit log row 3 does not match the chain: it was changed, or a row before it was "
                               "deleted")


@pytest.mark.parametrize("column", ["actor = 'someone else'", "action = 'create'", "entity = 'person'",
                                    "entity_id = '99'", "at = '2026-11-23 09:02:08.123456'", "id = 33"])
def test_every_field_is_covered(db: Database, column: str) -> None:
    _some_rows(db)
    _run(db, f"UPDATE audit_entry SET {column} WHERE id = 3")
    with db.session() as session:
        assert audit.verify_chain(session).first_broken_id in (3, 4, 5, 33)
        assert not audit.verify_chain(session).ok


def test_a_deleted_row_breaks_the_chain_at_the_next_one(db: Database) -> None:
    _some_rows(db)
    _run(db, "DELETE FROM audit_entry WHERE id = 2")
    with db.session() as session:
        checked = audit.verify_chain(session)
    assert (checked.ok, checked.rows, checked.first_broken_id) == (False, 4, 3)
    assert checked.message.startswith("audit log row 3 does not match the chain")


def test_a_row_added_outside_eoffice_with_a_made_up_hash_is_named(db: Database) -> None:
    _some_rows(db)
    _run(db, "INSERT INTO audit_entry (id, at, actor, action, entity, summary, chain_hash) VALUES "
             f"(6, '2026-11-23 10:00:00.000000', 'x', 'sign', 'signature', 'made up', '{'a' * 64}')")
    with db.session() as session:
        assert audit.verify_chain(session).first_broken_id == 6


def test_a_rolled_back_row_leaves_no_gap_and_a_kept_refusal_stays_chained(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
    with pytest.raises(RuntimeError), db.session() as session:
        audit.record(session, "update", "person", 1, "this one is rolled back")
        session.flush()
        raise RuntimeError("the change failed")
    with pytest.raises(RuntimeError), db.session() as session:
        keep_refusal(session, "person", 1, "a refusal, committed at once")
        audit.record(session, "update", "person", 1, "so is this one")
        session.flush()
        raise RuntimeError("the change failed")
    with pytest.raises(WrongPassword), db.session() as session:  # a wrong password is committed at once
        passwords.verify(session, staff.officer, "not the password", now=NOW)
    with db.session() as session:
        audit.record(session, "update", "person", 1, "after them")
    with db.session() as session:
        summaries = [e.summary for e in audit.entries(session, limit=3)]
        checked = audit.verify_chain(session)
    assert summaries == ["after them", "wrong password for Siân Łukasz (exams officer): 1 in a row",
                         "a refusal, committed at once"]
    assert checked.ok, checked.message


def test_writing_many_rows_reads_the_head_once_per_transaction(db: Database) -> None:
    """Bulk imports write thousands of audit rows: chaining them must not add a query per row."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with db.session() as session:
            for i in range(2000):
                audit.record(session, "import", "candidate", i, f"candidate {i} imported")
                if i % 100 == 0:
                    session.flush()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "audit_entry" in s]
    assert len(reads) == 1, reads
    with db.session() as session:
        checked = audit.verify_chain(session)
    assert checked.ok and checked.rows == 2000


def test_the_migration_chains_the_rows_already_stored(db: Database) -> None:
    """Rows written before 0010 (no chain_hash) get their chain when the database is upgraded."""
    _some_rows(db, 3)
    with db.engine.connect() as conn:
        downgrade(conn, "0009")
        conn.commit()
        conn.execute(text("INSERT INTO audit_entry (at, actor, action, entity, entity_id, summary) VALUES "
                          "('2026-11-23 10:00:00', 'old eoffice', 'create', 'centre', '1', 'centre set up')"))
        conn.commit()
        upgrade(conn)
        conn.commit()
    rows, previous = _rows(db), audit.GENESIS
    assert len(rows) == 4
    for row in rows:
        assert row.chain_hash == _expected(previous, row)
        previous = row.chain_hash
    with db.session() as session:
        assert audit.verify_chain(session).ok
        audit.record(session, "update", "centre", 1, "after the upgrade")
    with db.session() as session:
        assert audit.verify_chain(session).rows == 5 and audit.verify_chain(session).ok


def test_the_migrations_copy_of_the_formula_is_the_domains() -> None:
    import importlib.util

    from eoffice.db.migrations import MIGRATIONS_DIR

    [script] = MIGRATIONS_DIR.joinpath("versions").glob("0010_*.py")
    spec = importlib.util.spec_from_file_location("migration_0010", script)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    moment = datetime(2027, 3, 4, 5, 6, 7, 89)
    for values in (("a" * 64, 7, moment, "jo", "sign", "signature", "3", "Zoë “quoted”"),
                   (audit.GENESIS, 1, moment, "", "", "", None, "")):
        assert migration.chain_hash(*values) == audit.chain_hash(*values)


def test_the_chain_column_cannot_be_left_empty(db: Database) -> None:
    _some_rows(db, 1)
    with pytest.raises((OperationalError, Exception)):
        _run(db, "INSERT INTO audit_entry (at, actor, action, entity, summary) VALUES "
                 "('2026-11-23 10:00:00', 'x', 'y', 'z', '')")


def test_a_row_in_a_rolled_back_savepoint_is_not_chained_to(db: Database) -> None:
    with db.session() as session:
        audit.record(session, "update", "person", 1, "kept")
        savepoint = session.begin_nested()
        audit.record(session, "update", "person", 1, "in the savepoint")
        session.flush()
        savepoint.rollback()
        audit.record(session, "update", "person", 1, "after the savepoint")
    with db.session() as session:
        assert [e.summary for e in audit.entries(session)] == ["after the savepoint", "kept"]
        assert audit.verify_chain(session).ok
