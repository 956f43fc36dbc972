"""Signatures only their owner can give (issue 14, item 1): each signer's Ed25519 key, sealed
under their password; a signature covers what was signed, the signer, their role and the time,
and verifies against the signer's public key. The fault trial's edits now show."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from eoffice.db.models import Person, Signature, SigningKey
from eoffice.db.session import Database
from eoffice.domain import audit, standards
from eoffice.domain.accounts import KeyWillNotOpen, keys_of, password_reset, passwords, signing_keys, utc_naive
from eoffice.domain.standards import NotYetEarned, certificate, criteria, load, signing
from tests.domain.standards_helpers import (
    MANAGER_PASSWORD,
    NOW,
    OFFICER_PASSWORD,
    Staff,
    complete_all_but_declaration,
    make_staff,
    make_year,
)

FINGERPRINT = r"^[0-9A-F]{4}( [0-9A-F]{4}){7}$"


@pytest.fixture
def staff(db: Database) -> Staff:
    with db.session() as session:
        return make_staff(session)


@pytest.fixture
def declared(db: Database, staff: Staff) -> int:
    """A year with the certificate earned: statement signed by both, SLT declaration signed."""
    with db.session() as session:
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
        signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
    return year_id


def _signature(db: Database, year_id: int, kind: str) -> int:
    with db.session() as session:
        return next(s.id for s in standards.signatures(session, year_id) if s.kind == kind)


def _run(db: Database, sql: str, **values: object) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(sql), values)


# --- the keys -------------------------------------------------------------------------------------------------------

def test_each_signer_has_a_key_whose_private_half_only_their_password_opens(db: Database, staff: Staff) -> None:
    with db.session() as session:
        for person_id, password in ((staff.officer, OFFICER_PASSWORD), (staff.manager, MANAGER_PASSWORD)):
            [key] = keys_of(session, person_id)
            assert key.retired_at is None and len(bytes.fromhex(key.public_key)) == 32
            assert key.fingerprint == key.fingerprint.upper() and len(key.fingerprint.split()) == 8
            stored = session.get(SigningKey, key.id)
            assert stored is not None and stored.private_key is not None
            scheme, n, r, p, salt, nonce, sealed = stored.private_key.split("$")
            assert (scheme, int(n), int(r), int(p)) == ("scrypt-aesgcm", passwords.COST_N, 8, 1)
            assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(nonce)) == 12
            assert len(bytes.fromhex(sealed)) == 32 + 16  # the raw private key and the GCM tag
            person = session.get(Person, person_id)
            assert person is not None and salt != person.password_salt  # not the password hash's salt
            assert signing_keys.unlock(session, person, password).record.id == key.id
            with pytest.raises(KeyWillNotOpen, match="does not open with their password"):
                signing_keys.unlock(session, person, "somebody-elses-password")
        assert keys_of(session, staff.assistant) == []  # an assistant signs nothing


def test_a_key_sealed_for_one_person_does_not_open_as_anothers(db: Database, staff: Staff) -> None:
    """The associated data ties the ciphertext to its owner and public key."""
    with db.session() as session:
        mine = session.scalars(select(SigningKey).where(SigningKey.person_id == staff.officer)).one()
        theirs = session.scalars(select(SigningKey).where(SigningKey.person_id == staff.manager)).one()
        theirs.private_key = mine.private_key  # the officer's sealed key, under the manager's row
        manager = session.get(Person, staff.manager)
        assert manager is not None
        with pytest.raises(KeyWillNotOpen):
            signing_keys.unlock(session, manager, OFFICER_PASSWORD)
        session.rollback()


def test_changing_a_password_keeps_the_key_and_a_reset_makes_a_new_one(db: Database, staff: Staff) -> None:
    with db.session() as session:
        year_id = make_year(session, staff)
        signing.sign(session, year_id, "values_officer", staff.officer, OFFICER_PASSWORD, now=NOW)
        [before] = keys_of(session, staff.officer)
        passwords.set_password(session, staff.officer, "officer-secret-2", current=OFFICER_PASSWORD, now=NOW)
        assert keys_of(session, staff.officer) == [before]
        person = session.get(Person, staff.officer)
        assert person is not None
        assert signing_keys.unlock(session, person, "officer-secret-2").record.id == before.id
        issued = password_reset.reset_from_command_line(session, staff.officer, os_user="itadmin", host="pc", now=NOW)
        [retired] = keys_of(session, staff.officer)
        assert retired.retired_at == utc_naive(NOW)
        assert session.get(SigningKey, retired.id).private_key is None  # type: ignore[union-attr]  # wiped
        password_reset.use_code(session, staff.officer, issued.code, "officer-secret-3", now=NOW)
        old, new = keys_of(session, staff.officer)
        assert old.id == before.id and new.retired_at is None and new.public_key != old.public_key
    audit.set_actor(None)
    with db.session() as session:
        [signed] = standards.signatures(session, year_id)
        assert signed.verified and signed.valid and signed.key_fingerprint == before.fingerprint  # the old key still checks
        signing.withdraw(session, signed.id, "to sign again", staff.officer, "officer-secret-3", now=NOW)
        again = signing.sign(session, year_id, "values_officer", staff.officer, "officer-secret-3",
                             now=NOW + timedelta(minutes=1))
        assert again.verified and again.key_fingerprint == new.fingerprint


def test_a_signer_who_had_a_password_before_keys_gets_one_at_sign_in(db: Database, staff: Staff) -> None:
    _run(db, "DELETE FROM signing_key")
    with db.session() as session:
        account = passwords.sign_in(session, staff.manager, MANAGER_PASSWORD, now=NOW)
        assert [k.retired_at for k in keys_of(session, staff.manager)] == [None]
        assert account.previous_sign_in is None
    audit.set_actor(None)


# --- what a signature covers ------------------------------------------------------------------------------------------

def test_a_signature_verifies_and_covers_who_their_role_and_when(db: Database, declared: int) -> None:
    with db.session() as session:
        st = load(session, declared)
        assert all(s.verified and s.valid and s.state == "signed" for s in st.signatures)
        assert all(s.key_fingerprint for s in st.signatures)
        row = session.scalars(select(Signature).where(Signature.kind == "slt_declaration")).one()
        key = session.get(SigningKey, row.key_id)
        assert key is not None and row.signature is not None
        signed = json.dumps(["eoffice signature v1", "slt_declaration", declared, row.content_hash, row.person_id,
                             "Daniel O'Connor", "line_manager", row.signed_at.strftime("%Y-%m-%d %H:%M:%S.%f"),
                             key.id, key.public_key], ensure_ascii=False, separators=(",", ":")).encode()
        assert standards.signature_checks.payload_of(row, key.public_key) == signed
        assert signing_keys.signature_matches(key.public_key, signed, row.signature)


def test_the_fault_trial_a_signature_moved_to_the_assistant_no_longer_counts(
        db: Database, staff: Staff, declared: int) -> None:
    """``UPDATE signature SET person_id=4, signer_name='Tom Barker' WHERE id=5`` read intact, and the
    Standards PDF printed the exams assistant as the line manager."""
    slt = _signature(db, declared, "slt_declaration")
    _run(db, "UPDATE signature SET person_id = :p, signer_name = 'Tom Barker' WHERE id = :id", p=staff.assistant, id=slt)
    with db.session() as session:
        st = load(session, declared)
        [moved] = [s for s in st.signatures if s.id == slt]
        assert (moved.signer_name, moved.intact, moved.verified, moved.valid) == ("Tom Barker", True, False, False)
        assert moved.state == "does not verify"
        assert moved.problem == "does not verify: the signing key it names is not Tom Barker's"
        assert criteria(st)[4].word == "Signature in doubt"
        with pytest.raises(NotYetEarned, match="the signature in the name of Tom Barker does not verify"):
            certificate(session, declared)


@pytest.mark.parametrize(("change", "values"), [
    ("signed_at = :v", {"v": "2026-07-01 15:45:00.000000"}),  # backdated
    ("signer_name = :v", {"v": "Tom Barker"}),
    ("signer_role = :v", {"v": "exams_officer"}),
    ("content_hash = :v", {"v": "0" * 64}),
])
def test_any_change_to_who_when_or_what_breaks_the_signature(db: Database, declared: int, change: str,
                                                             values: dict[str, object]) -> None:
    slt = _signature(db, declared, "slt_declaration")
    _run(db, f"UPDATE signature SET {change} WHERE id = :id", id=slt, **values)
    with db.session() as session:
        [changed] = [s for s in standards.signatures(session, declared) if s.id == slt]
        assert not changed.verified and not changed.valid and changed.problem.startswith("does not verify")


def test_a_forged_slt_declaration_with_a_hash_from_public_data_does_not_count(db: Database, staff: Staff) -> None:
    """The fault trial inserted an SLT declaration whose content hash anyone can compute: it read intact."""
    with db.session() as session:
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
        content = standards.content_hash(standards.signed_texts(session, year_id, "slt_declaration")[0])
    for key_id, signature in ((None, None), ("(SELECT id FROM signing_key WHERE person_id = :p)", "'" + "ab" * 64 + "'")):
        _run(db, "INSERT INTO signature (standards_year_id, kind, person_id, signer_name, signer_role, signed_at, "
                 f"content_hash, withdrawn_reason, key_id, signature) VALUES (:y, 'slt_declaration', :p, "
                 f"'Daniel O''Connor', 'line_manager', '2026-11-23 10:00:00.000000', :h, '', {key_id or 'NULL'}, "
                 f"{signature or 'NULL'})", y=year_id, p=staff.manager, h=content)
        with db.session() as session:
            [forged] = [s for s in standards.signatures(session, year_id) if s.kind == "slt_declaration"]
            assert forged.intact and not forged.verified and not forged.valid and not forged.legacy
            with pytest.raises(NotYetEarned):
                certificate(session, year_id)
        _run(db, "DELETE FROM signature WHERE kind = 'slt_declaration'")


def test_a_signature_is_signed_with_a_key_made_at_its_first_password_and_audited(db: Database, staff: Staff) -> None:
    with db.session() as session:
        summaries = [e.summary for e in audit.entries(session)]
        [key] = keys_of(session, staff.manager)
        assert f"signing key {key.fingerprint} made for Daniel O'Connor (line manager)" in summaries
        year_id = make_year(session, staff)
        signing.sign(session, year_id, "values_line_manager", staff.manager, MANAGER_PASSWORD, now=NOW)
        assert any(e.summary.endswith(f"with signing key {key.fingerprint}") for e in audit.entries(session, limit=1))


def test_the_certificate_carries_the_fingerprints_of_the_keys_behind_it(db: Database, staff: Staff,
                                                                       declared: int) -> None:
    with db.session() as session:
        earned = certificate(session, declared)
        [manager_key] = keys_of(session, staff.manager)
        [officer_key] = keys_of(session, staff.officer)
    assert [(k.what, k.who, k.fingerprint) for k in earned.keys] == [
        ("SLT declaration", "Daniel O'Connor", manager_key.fingerprint),
        ("statement (exams officer)", "Siân Łukasz", officer_key.fingerprint),
        ("statement (line manager)", "Daniel O'Connor", manager_key.fingerprint),
    ]
    assert earned.keys[0].line == f"SLT declaration, Daniel O'Connor: signing key {manager_key.fingerprint}"


def test_the_fingerprint_is_the_start_of_the_public_keys_sha256() -> None:
    public = "11" * 32
    digest = hashlib.sha256(bytes.fromhex(public)).hexdigest().upper()
    assert signing_keys.fingerprint(public) == " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def test_the_password_and_private_key_are_never_stored_in_clear(db: Database, staff: Staff) -> None:
    with db.session() as session:
        person = session.get(Person, staff.manager)
        assert person is not None
        unlocked = signing_keys.unlock(session, person, MANAGER_PASSWORD)
        raw = unlocked._private.private_bytes_raw().hex()
        assert raw not in repr(unlocked)
    with db.engine.connect() as conn:
        for table in ("signing_key", "person", "audit_entry", "signature"):
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    assert not (isinstance(value, str) and (raw in value or MANAGER_PASSWORD in value)), table
