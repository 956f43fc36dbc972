"""``eoffice check`` names what was changed behind eoffice's back (issue 14): the first audit row that
breaks the chain, any signature that does not verify or was deleted, and says plainly which
signatures were given before signing keys (and so cannot be verified). The fault trial's shell
lines each used to leave ``check`` saying all was well."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from eoffice.db.migrations import downgrade, upgrade
from eoffice.db.session import open_database
from eoffice.domain import standards
from eoffice.domain.standards import signing
from tests.cli.cli_helpers import Capture, one_line, run
from tests.domain.standards_helpers import (
    MANAGER_PASSWORD,
    NOW,
    YEAR,
    complete_all_but_declaration,
    make_staff,
    make_year,
)


@pytest.fixture
def signed(db_path: Path) -> Path:
    """A centre whose officer has earned the certificate; closed, as school IT finds it."""
    with open_database(db_path, backup=False) as db, db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
        signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
    return db_path


def _sql(path: Path, *statements: str) -> None:
    with open_database(path, backup=False) as db, db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _signature_id(path: Path, kind: str) -> int:
    with open_database(path, read_only=True) as db, db.engine.connect() as conn:
        return int(conn.execute(text("SELECT id FROM signature WHERE kind = :k"), {"k": kind}).scalar_one())


def _person_id(path: Path, name: str) -> int:
    with open_database(path, read_only=True) as db, db.engine.connect() as conn:
        return int(conn.execute(text("SELECT id FROM person WHERE name = :n"), {"n": name}).scalar_one())


def test_an_untouched_database_checks_clean(signed: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "check", "--db", signed)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    chain = next(line for line in lines if line.startswith("audit log:"))
    assert "each one chained to the one before; head " in chain and len(chain.rsplit(" ", 1)[1]) == 64
    assert "signatures: 3 checked, 3 verified" in lines, out
    assert lines[-1] == "rules: the 2025/26 JCQ regulations"
    code, out, err = run(capsys, "check", "--db", signed, "--json")
    assert (code, err) == (0, "")
    assert set(json.loads(out)) == {"path", "integrity", "schema_version", "schema_current", "counts", "rules_year"}


def test_the_fault_trial_a_signature_moved_to_the_assistant_is_named(signed: Path, capsys: Capture) -> None:
    slt = _signature_id(signed, "slt_declaration")
    tom = _person_id(signed, "Tom Barker")
    _sql(signed, f"UPDATE signature SET person_id={tom}, signer_name='Tom Barker' WHERE id={slt}")
    code, out, err = run(capsys, "check", "--db", signed)
    assert code == 2
    assert "signatures: 3 checked, 2 verified, 1 not verified" in out.splitlines()
    assert (f"  signature {slt}: SLT declaration for Siân Łukasz, 2026/27, in the name of Tom Barker (line manager) "
            "on 23/11/2026: does not verify: the signing key it names is not Tom Barker's") in out.splitlines()
    assert one_line(err) == (f"{signed}: 1 signature does not verify (signature {slt}): changed outside eoffice; "
                             "compare with a backup (`eoffice restore` puts one back)")
    code, _out, err = run(capsys, "check", "--db", signed, "--json")
    assert code == 2 and f"signature {slt}" in one_line(err)


def test_a_backdated_signature_is_named(signed: Path, capsys: Capture) -> None:
    slt = _signature_id(signed, "slt_declaration")
    _sql(signed, f"UPDATE signature SET signed_at='2026-07-08 15:45:00.000000' WHERE id={slt}")
    code, out, _err = run(capsys, "check", "--db", signed)
    assert code == 2 and f"signature {slt}: SLT declaration" in out and "on 08/07/2026: does not verify" in out


def test_a_forged_slt_declaration_inserted_with_a_public_hash_is_named(signed: Path, capsys: Capture) -> None:
    slt = _signature_id(signed, "slt_declaration")
    _sql(signed, "INSERT INTO signature (standards_year_id, kind, person_id, signer_name, signer_role, signed_at, "
                 "content_hash, withdrawn_reason) SELECT standards_year_id, kind, person_id, signer_name, signer_role, "
                 f"signed_at, content_hash, '' FROM signature WHERE id = {slt}")
    code, out, err = run(capsys, "check", "--db", signed)
    assert code == 2
    assert "it has no signing key's signature, and it is not one of the signatures given before signing keys" in out
    assert "1 signature does not verify" in one_line(err)


def test_a_deleted_signature_is_named(signed: Path, capsys: Capture) -> None:
    slt = _signature_id(signed, "slt_declaration")
    _sql(signed, f"DELETE FROM signature WHERE id = {slt}")
    code, out, err = run(capsys, "check", "--db", signed)
    assert code == 2
    assert f"  signature {slt} (SLT declaration signed by Daniel O'Connor (line manager (senior leader)) for Siân " \
           "Łukasz, 2026/27" in out
    assert "it is gone, deleted outside eoffice" in out and f"(signature {slt})" in one_line(err)


def test_an_edited_audit_row_is_named(signed: Path, capsys: Capture) -> None:
    _sql(signed, "UPDATE audit_entry SET actor='nobody' WHERE id = 7")
    code, out, err = run(capsys, "check", "--db", signed)
    assert code == 2
    assert ("audit log row 7 does not match the chain: it was changed, or a row before it was deleted"
            in out.splitlines())
    assert one_line(err).startswith(f"{signed}: audit log row 7 does not match the chain")


def test_a_deleted_audit_row_names_the_row_after_it(signed: Path, capsys: Capture) -> None:
    _sql(signed, "DELETE FROM audit_entry WHERE id = 7")
    code, _out, err = run(capsys, "check", "--db", signed)
    assert code == 2 and "audit log row 8 does not match the chain" in one_line(err)


def test_signatures_from_before_signing_keys_are_said_plainly_not_called_forged(signed: Path, capsys: Capture) -> None:
    """An upgraded database: its signatures have no key. They still count, and check says they cannot
    be verified, without failing; one added after the upgrade without a key is not one of them."""
    with open_database(signed, backup=False) as db, db.engine.connect() as conn:
        downgrade(conn, "0009")  # as a database from before this change
        conn.execute(text("DELETE FROM audit_entry WHERE entity = 'signing_key'"))
        conn.commit()
        upgrade(conn)
        conn.commit()
    code, out, err = run(capsys, "check", "--db", signed)
    assert (code, err) == (0, "")
    assert "signatures: 3 checked, 0 verified, 3 signed before signing keys (cannot be verified)" in out.splitlines()
    assert out.count(": signed before signing keys: cannot be verified") == 3
    with open_database(signed, read_only=True) as db, db.session() as session:
        [year] = standards.years_in(session, YEAR)
        st = standards.load(session, year.id)
        assert all(s.legacy and s.valid and s.state == "signed (signed before signing keys: cannot be verified)"
                   for s in st.signatures)
        assert standards.certificate(session, year.id).keys[0].line == (
            "SLT declaration, Daniel O'Connor: signed before signing keys: cannot be verified")
    slt = _signature_id(signed, "slt_declaration")
    _sql(signed, "INSERT INTO signature (standards_year_id, kind, person_id, signer_name, signer_role, signed_at, "
                 "content_hash, withdrawn_reason) SELECT standards_year_id, kind, person_id, signer_name, signer_role, "
                 f"signed_at, content_hash, '' FROM signature WHERE id = {slt}")
    code, _out, err = run(capsys, "check", "--db", signed)
    assert code == 2 and f"(signature {slt + 1})" in one_line(err)
