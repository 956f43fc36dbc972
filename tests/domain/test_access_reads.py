"""The Access tab's reads: every arrangement and candidate from plain rows, a few
arrangements by id (what the register reads again after an edit), the warnings for a part
of the register agreeing with those for the whole, and the warnings after an edit worked out
for the edited arrangements alone agreeing with all of them read again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.orm import Session

from eoffice.db.models import Candidate
from eoffice.db.session import Database
from eoffice.domain import access
from eoffice.domain.access import ArrangementRecord
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

YEAR = AcademicYear(2026)


def test_arrangements_by_id_are_those_of_the_whole_list_and_leave_out_the_deleted(demo_db: Database) -> None:
    with demo_db.sessions() as session:
        every = access.arrangements(session)
    chosen = [every[0].id, every[len(every) // 2].id, every[-1].id]
    with demo_db.session() as session:
        access.delete_arrangements(session, [chosen[1]])
    with demo_db.sessions() as session:
        found = access.arrangements_by_id(session, [*chosen, 999_999])
        after = {r.id: r for r in access.arrangements(session)}
    assert sorted(found) == [chosen[0], chosen[2]]
    assert all(found[i] == after[i] for i in found)  # the same records as the whole list reads


def test_arrangements_read_every_field(demo_db: Database) -> None:
    with demo_db.sessions() as session:
        record = access.arrangements(session)[0]
    with demo_db.session() as session:
        changed = replace(record.fields, reference="AAO-1", assessor="Dr Jones", notes="Checked")
        access.update_arrangement(session, record.id, changed)
    with demo_db.sessions() as session:
        again = access.arrangements_by_id(session, [record.id])[record.id]
        one = access.arrangement(session, record.id)
    assert again == one and again.fields.assessor == "Dr Jones"


def test_candidates_from_plain_rows_are_the_records_read_one_by_one(demo_db: Database) -> None:
    with demo_db.sessions() as session:
        every = access.candidates(session)
        sample = [access.candidate(session, c.id) for c in every[:: max(1, len(every) // 20)]]
    by_id = {c.id: c for c in every}
    assert sample and all(by_id[c.id] == c for c in sample)
    assert [c.number for c in every] == sorted(c.number for c in every)


def test_warnings_count_only_the_exams_of_the_candidates_with_arrangements(demo_db: Database) -> None:
    """The last and next exams are read for the candidates with arrangements alone: the
    warnings of part of the register are that part's warnings of the whole."""
    with demo_db.sessions() as session:
        every = access.arrangements(session)
        whole = access.warnings(session, YEAR, TODAY, every)
        one_candidate = [r for r in every if r.candidate_id == whole[0].candidate_id]
        part = access.warnings(session, YEAR, TODAY, one_candidate)
    assert whole and part
    assert [w for w in whole if w.candidate_id == whole[0].candidate_id and w.kind != access.NO_HELPER] == \
        [w for w in part if w.kind != access.NO_HELPER]


def _after_edit(db: Database, edit: Callable[[Session, list[ArrangementRecord]], set[int]]) -> None:
    """``warnings_after_edit`` from the warnings before an edit is ``warnings`` read afresh after it."""
    with db.sessions() as session:
        before = access.arrangements(session)
        found = access.warnings(session, YEAR, TODAY, before)
    with db.session() as session:
        edited = edit(session, before)
    with db.sessions() as session:
        after = access.arrangements(session)
        fresh = access.warnings(session, YEAR, TODAY, after)
        worked = access.warnings_after_edit(session, YEAR, TODAY, before, found, after, edited)
    assert worked == fresh


def test_warnings_after_an_edit_are_the_warnings_read_again(demo_db: Database) -> None:
    def withdraw_a_warned_one(session: Session, records: list[ArrangementRecord]) -> set[int]:
        warned = access.warnings(session, YEAR, TODAY, records)[0].arrangement_id
        access.set_status(session, [warned], "withdrawn")
        return {warned}

    def approve_a_helper(session: Session, records: list[ArrangementRecord]) -> set[int]:
        helper = next(r for r in records if r.room_need in access.HELPER_ROLE and r.status != "approved")
        access.set_status(session, [helper.id], "approved", approved_on=TODAY)
        return {helper.id}

    def withdraw_an_approved_helper(session: Session, records: list[ArrangementRecord]) -> set[int]:
        helper = next(r for r in records if r.room_need in access.HELPER_ROLE and r.status == "approved")
        access.set_status(session, [helper.id], "withdrawn")
        return {helper.id}

    def add_and_delete(session: Session, records: list[ArrangementRecord]) -> set[int]:
        first, last = records[0], records[-1]
        added = access.add_arrangement(session, first.candidate_id, replace(last.fields, status="to_assess"))
        access.delete_arrangements(session, [last.id])
        return {added.id, last.id}

    for edit in (withdraw_a_warned_one, approve_a_helper, withdraw_an_approved_helper, add_and_delete):
        _after_edit(demo_db, edit)


def test_candidates_read_one_added_in_the_session_and_not_yet_flushed(demo_db: Database) -> None:
    """``candidates`` reads on the session's connection, so it flushes first, as
    ``session.execute`` would have: a candidate just added in the same session is in the list."""
    with demo_db.session() as session:
        before = access.candidates(session)
        session.add(Candidate(number=9998, surname="Pending", forenames="Pat", active=True))
        after = access.candidates(session)
        session.rollback()
    assert [c.number for c in after] == sorted([*(c.number for c in before), 9998])
    assert next(c for c in after if c.number == 9998).fields.surname == "Pending"
