"""The Standards reads the Overview needs give the same answers on a plain ``sqlite3`` connection
as on an ORM session, and load no SQLAlchemy: the Overview is painted before it is imported
(issue 17)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eoffice.db.plain import Reads
from eoffice.db.session import Database
from eoffice.domain import settings
from eoffice.domain.accounts import people, public_keys, signing_keys
from eoffice.domain.accounts.public_keys import stored_keys
from eoffice.domain.standards import MeetingFields, ProgressNote, TargetFields, add_meeting, add_target, disputes, signature_checks, signing
from eoffice.domain.standards.meeting_reads import meeting_content, meetings, suggested_next
from eoffice.domain.standards.progress_reads import grid, load, overview_lines, reminder
from eoffice.domain.standards.records import start_year
from eoffice.domain.standards.signature_checks import LEGACY_WORDS, legacy_ids
from eoffice.domain.standards.signature_reads import content_hash, signatures, signed_texts
from eoffice.domain.standards.standards_reads import find_year, standards_year, years_in
from eoffice.domain.standards.target_reads import skills, targets
from tests.domain.standards_helpers import (
    MANAGER_PASSWORD,
    NOW,
    YEAR,
    complete_all_but_declaration,
    first_password,
    make_staff,
    make_year,
)

DAYS = (date(2026, 9, 1), date(2026, 11, 25), date(2027, 2, 1), date(2027, 6, 20), date(2027, 9, 1))
SECOND_PASSWORD = "second-officer-1"


@pytest.fixture
def plain(db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(db_path)
    yield connection
    connection.close()


def everything(db: Reads, year_ids: list[int], person_ids: list[int]) -> list[Any]:
    """Every read in the Overview's path, for every day in ``DAYS``."""
    found: list[Any] = [years_in(db, YEAR), [find_year(db, p, YEAR) for p in person_ids]]
    for year_id in year_ids:
        found += [standards_year(db, year_id), targets(db, year_id), skills(db, year_id), meetings(db, year_id),
                  signatures(db, year_id), load(db, year_id), suggested_next(db, year_id, date(2026, 10, 30)),
                  [signed_texts(db, year_id, kind) for kind in ("values_officer", "slt_declaration")]]
    for today in DAYS:
        rows = grid(db, YEAR)
        found += [overview_lines(db, YEAR, today), rows,
                  [reminder(db, r.standards, today) for r in rows if r.standards is not None]]
    return found


def make_centre(db: Database) -> tuple[list[int], list[int]]:
    """Two officers with Standards (one earned, one part way, new, with a disputed signature),
    one not started, one retired; then, behind eoffice's back, a statement changed after it
    was signed, a signed meeting deleted, a key that has gone and a signature from before keys."""
    with db.session() as session:
        staff = make_staff(session)
        first = make_year(session, staff)
        complete_all_but_declaration(session, staff, first)
        signing.sign(session, first, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
        ana = people.add_person(session, "ana Ávila", "exams_officer")
        first_password(session, ana.id, SECOND_PASSWORD)
        second = start_year(session, ana.id, YEAR, "new", by=ana.id).id
        aim = add_target(session, second, TargetFields("Key dates", "Meet deadlines", status="in_progress"), by=ana.id)
        held = add_meeting(session, second, MeetingFields(date(2026, 9, 14), "target_setting", "Both",
                                                          progress=(ProgressNote("knowledge", aim.id, "Begun"),)), by=ana.id)
        signing.sign(session, second, "meeting", ana.id, SECOND_PASSWORD, meeting_id=held.id, now=NOW)
        values = signing.sign(session, second, "values_officer", ana.id, SECOND_PASSWORD, now=NOW)
        signing.sign(session, second, "values_line_manager", staff.manager, MANAGER_PASSWORD, now=NOW)
        disputes.dispute_signature(session, values.id, ana.id, "not mine", now=NOW)
        review = add_meeting(session, second, MeetingFields(date(2026, 9, 14), "review"), by=ana.id)
        retired = people.add_person(session, "Olly Gone", "exams_officer")
        start_year(session, retired.id, YEAR, by=retired.id)
        zed = people.add_person(session, "Zed Nobody", "exams_officer")
        settings.put(session, "standards.meeting_months.new", 2)
        covered = content_hash(meeting_content(session, second, review.id))
    with sqlite3.connect(db.path) as c:
        c.execute("UPDATE person SET active = 0 WHERE id = ?", (retired.id,))
        c.execute("PRAGMA foreign_keys = OFF")
        c.execute("DELETE FROM meeting_progress WHERE meeting_id = ?", (held.id,))
        c.execute("DELETE FROM standards_meeting WHERE id = ?", (held.id,))
        c.execute("UPDATE signature SET key_id = 4242 WHERE kind = 'values_line_manager' AND standards_year_id = ?", (second,))
        c.execute("UPDATE standards_year SET values_statement = values_statement || ' (changed)' WHERE id = ?", (first,))
        c.execute("INSERT INTO signature (standards_year_id, kind, meeting_id, person_id, signer_name, signer_role, signed_at, "
                  "content_hash, withdrawn_reason, key_id, signature, disputed_by, disputed_reason) VALUES "
                  "(?, 'meeting', ?, ?, 'Daniel O''Connor', 'line_manager', '2026-11-02 09:00:00.000000', ?, '', NULL, NULL, "
                  "'', '')", (second, review.id, staff.manager, covered))
        legacy = c.execute("SELECT max(id) FROM signature").fetchone()[0]
        c.execute("INSERT INTO audit_entry (id, at, actor, action, entity, summary, chain_hash) VALUES "
                  "(0, '2020-01-01 00:00:00.000000', 'upgrade', 'signing_keys', 'signature', ?, '-')",
                  (f"signatures given before signing keys (ids {legacy})",))
    c.close()  # the context manager commits; it does not close
    return [first, second], [staff.officer, ana.id, retired.id, zed.id, staff.manager]


def test_a_session_and_a_plain_connection_read_the_same_standards(db: Database, plain: sqlite3.Connection) -> None:
    year_ids, person_ids = make_centre(db)
    with db.session() as session:
        through_the_session = everything(session, year_ids, person_ids)
    assert everything(plain, year_ids, person_ids) == through_the_session
    # the edges are there to be read: each kind of signature that does not count, and one that does
    states = {(s.kind, s.state, s.intact) for year_id in year_ids for s in signatures(plain, year_id)}
    assert {("values_officer", "changed since signed", False), ("meeting", "changed since signed", False),
            ("values_line_manager", "does not verify", True), ("slt_declaration", "signed", True),
            ("meeting", f"signed ({LEGACY_WORDS})", True)} <= states
    assert any(s.startswith("disputed by ana Ávila") for _, s, _ in states)
    assert overview_lines(plain, YEAR, date(2026, 11, 25)) == [
        "Standards 2026/27, ana Ávila: 0 of 6 criteria met; next meeting overdue (was due 14/11/2026)",
        "Standards 2026/27, Olly Gone: 0 of 6 criteria met; no meeting yet: hold the target-setting meeting",
        "Standards 2026/27, Siân Łukasz: 4 of 6 criteria met; Standards achieved",
        "Standards 2026/27, Zed Nobody: not started for Zed Nobody",
    ]


def test_nobody_to_show_when_there_is_no_exams_officer(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        assert grid(session, YEAR) == [] and overview_lines(session, YEAR, DAYS[0]) == []
    assert grid(plain, YEAR) == [] and overview_lines(plain, YEAR, DAYS[0]) == []


def test_one_officer_not_started_is_named_once(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        people.add_person(session, "Siân Łukasz", "exams_officer")
        people.add_person(session, "Gone Away", "exams_officer")
    plain.execute("UPDATE person SET active = 0 WHERE name = 'Gone Away'")
    assert overview_lines(plain, YEAR, DAYS[0]) == ["Standards 2026/27: not started for Siân Łukasz"]
    (row,) = grid(plain, YEAR)
    assert row.standards is None and row.met == 0 and row.still_missing == ()


def test_a_meeting_with_no_next_date_is_due_by_the_cadence_setting(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff, "new")
        add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "target_setting"), by=staff.officer)
        settings.put(session, "standards.meeting_months.new", 3)
        expected = reminder(session, load(session, year_id), date(2026, 12, 4))
    st = load(plain, year_id)
    assert st.meetings[0].next_meeting_on is None
    assert reminder(plain, st, date(2026, 12, 4)) == expected
    assert expected.due == date(2026, 12, 10) and expected.state == "due_soon"


def test_a_retired_officer_with_standards_still_has_a_row(db: Database, plain: sqlite3.Connection) -> None:
    with db.session() as session:
        staff = make_staff(session)
        make_year(session, staff)
    plain.execute("UPDATE person SET active = 0 WHERE id = ?", (staff.officer,))
    plain.commit()
    with db.session() as session:
        assert grid(plain, YEAR) == grid(session, YEAR)
    assert [r.officer for r in grid(plain, YEAR)] == ["Siân Łukasz"]


def test_a_signature_from_before_keys_counts_only_if_the_upgrade_listed_it_first(db: Database,
                                                                                plain: sqlite3.Connection) -> None:
    with db.session() as session:
        make_staff(session)  # their first passwords made signing keys, and audited them
    assert legacy_ids(plain) == frozenset()
    plain.execute("INSERT INTO audit_entry (at, actor, action, entity, summary, chain_hash) VALUES "
                  "('2030-01-01 00:00:00.000000', 'x', 'signing_keys', 'signature', 'late (ids 7, 8)', '-')")
    assert legacy_ids(plain) == frozenset()  # appended after the first key: adds nobody
    plain.execute("INSERT INTO audit_entry (id, at, actor, action, entity, summary, chain_hash) VALUES "
                  "(0, '2020-01-01 00:00:00.000000', 'x', 'signing_keys', 'signature', 'given (ids 3, 5)', '-')")
    assert legacy_ids(plain) == frozenset({3, 5})


def test_a_meeting_signature_covers_what_the_meeting_holds_on_either_handle(db: Database,
                                                                            plain: sqlite3.Connection) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        aim = add_target(session, year_id, TargetFields("Area", "One"), by=staff.officer)
        held = add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "target_setting", "Both",
                                                           progress=(ProgressNote("knowledge", aim.id, "Started"),)),
                           by=staff.officer)
        through_the_session = meeting_content(session, year_id, held.id)
    assert meeting_content(plain, year_id, held.id) == through_the_session
    assert '"Started"' in through_the_session


def test_the_fingerprint_is_the_one_accounts_prints(db: Database, plain: sqlite3.Connection) -> None:
    """One fingerprint and one check, the accounts' own (``accounts.public_keys``): what the Overview
    counts is what the certificate and the PDFs print."""
    used = vars(signature_checks)  # what the checks call (imported there, not offered from there)
    assert used["StoredKey"] is public_keys.StoredKey  # its fingerprint is ``public_keys.fingerprint``
    assert public_keys.fingerprint is signing_keys.fingerprint
    assert used["signature_matches"] is public_keys.signature_matches is signing_keys.signature_matches
    with db.session() as session:
        staff = make_staff(session)
        made = signing_keys.keys_of(session, staff.officer) + signing_keys.keys_of(session, staff.manager)
    read = stored_keys(plain, [k.id for k in made])
    assert len(made) == 2 and [read[k.id].fingerprint for k in made] == [k.fingerprint for k in made]


def test_the_overviews_standards_reads_import_no_sqlalchemy(db: Database) -> None:
    """Imported and run on a plain connection: SQLAlchemy and the models stay unloaded, and of the
    accounts area only its plain modules are read (the exams officers, a signature's check)."""
    probe = (
        "import sqlite3, sys; from datetime import date\n"
        "from eoffice.domain.standards.progress_reads import overview_lines\n"
        "from eoffice.domain.years import AcademicYear\n"
        f"overview_lines(sqlite3.connect({str(db.path)!r}), AcademicYear(2026), date(2026, 12, 1))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'eoffice.db.models', 'eoffice.db.session', "
        "'eoffice.domain.accounts'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == ("['eoffice.domain.accounts', 'eoffice.domain.accounts.account_reads', "
                                   "'eoffice.domain.accounts.public_keys']")
