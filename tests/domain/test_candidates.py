"""Candidates: numbers, ULN and UCI checks, the rest of the validation, add/update/delete/undo."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from eoffice.db.models import Arrangement, Entry
from eoffice.db.session import Database
from eoffice.domain import access, audit
from eoffice.domain.access import CandidateFields, PaperFields, add_arrangement, add_entries, add_paper, new_fields
from eoffice.errors import InputError
from tests.conftest import TODAY

# The published example (HESA's ULN field guide): its ten digits weighted 10..1 sum to 296.
PUBLISHED_ULN = "9276308686"


def fields(number: int = 42, **changes: object) -> CandidateFields:
    base = CandidateFields(number=number, surname="Brontë-Ndiaye", forenames="Zoë", year_group=11, form="11A")
    return CandidateFields(**{**base.__dict__, **changes})  # type: ignore[arg-type]


# --- candidate numbers -----------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [(42, 42), ("42", 42), ("0042", 42), (" 7 ", 7), (9999, 9999), (1, 1), (42.0, 42)])
def test_candidate_numbers_read(value: object, expected: int) -> None:
    assert access.parse_number(value) == expected


@pytest.mark.parametrize("value", [0, 10000, "12a", "", None, "-3", "4.5", True, "１２"])
def test_bad_candidate_numbers_are_refused(value: object) -> None:
    with pytest.raises(InputError):
        access.parse_number(value)


def test_numbers_are_shown_as_four_digits() -> None:
    assert access.format_number(42) == "0042"
    assert access.format_number(9999) == "9999"
    assert access.CandidateRecord(1, fields(7)).number_text == "0007"
    assert access.CandidateRecord(1, fields(7)).name == "Brontë-Ndiaye, Zoë"


# --- ULN and UCI ------------------------------------------------------------------------

def test_uln_check_digit_worked_example() -> None:
    # 1x10 + 2x9 + 3x8 + 4x7 + 5x6 + 6x5 + 7x4 + 8x3 + 9x2 = 210; 210 mod 11 = 1; 10 - 1 = 9.
    assert access.uln_check_digit("123456789") == 9
    assert access.validate_uln("1234567899") == "1234567899"


def test_the_published_uln_passes_and_a_mutation_fails() -> None:
    assert access.uln_check_digit(PUBLISHED_ULN[:9]) == int(PUBLISHED_ULN[9])
    assert access.validate_uln(PUBLISHED_ULN) == PUBLISHED_ULN
    with pytest.raises(InputError, match="check digit"):
        access.validate_uln("9276308687")  # last digit changed
    with pytest.raises(InputError, match="check digit"):
        access.validate_uln("9276308868")  # two digits swapped


def test_nine_digits_with_remainder_zero_have_no_valid_uln() -> None:
    # Nine digits whose weighted sum is a multiple of 11 would need a check digit of 10.
    first = next(f"{n:09d}" for n in range(100000000, 100001000) if access.uln_check_digit(f"{n:09d}") is None)
    assert sum(int(d) * w for d, w in zip(first, access.ULN_WEIGHTS, strict=True)) % 11 == 0
    for last in "0123456789":
        with pytest.raises(InputError):
            access.validate_uln(first + last)


@pytest.mark.parametrize("bad, reason", [("123456789", "10 digits"), ("12345678999", "10 digits"),
                                         ("0276308686", "starts with 0"), ("92763O8686", "10 digits")])
def test_malformed_ulns_are_refused(bad: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        access.validate_uln(bad)


def test_blank_uln_and_uci_are_allowed() -> None:
    assert access.validate_uln("") is None
    assert access.validate_uci("  ") is None


def test_uci_is_thirteen_letters_and_digits_starting_with_the_centre_number() -> None:
    assert access.validate_uci("74125 27 0 0042 k") == "741252700042K"
    for bad in ("74125270004", "741252700042KK", "74125-2700042", "A41252700042K"):
        with pytest.raises(InputError, match="UCI"):
            access.validate_uci(bad)


# --- the rest of the fields ----------------------------------------------------------------

def test_date_of_birth_may_not_be_in_the_future() -> None:
    assert access.validate_candidate(fields(date_of_birth=TODAY), today=TODAY).date_of_birth == TODAY
    with pytest.raises(InputError, match="in the future"):
        access.validate_candidate(fields(date_of_birth=date(2026, 11, 24)), today=TODAY)


@pytest.mark.parametrize("group", [1, 11, 14])
def test_year_groups_one_to_fourteen(group: int) -> None:
    assert access.validate_candidate(fields(year_group=group), today=TODAY).year_group == group


@pytest.mark.parametrize("group", [0, 15, -1])
def test_year_groups_outside_one_to_fourteen_are_refused(group: int) -> None:
    with pytest.raises(InputError, match="year group"):
        access.validate_candidate(fields(year_group=group), today=TODAY)


@pytest.mark.parametrize("text, group", [("11", 11), ("Year 11", 11), ("Y13", 13), (13.0, 13), ("", None)])
def test_year_group_text(text: object, group: int | None) -> None:
    assert access.parse_year_group(text) == group


def test_names_are_required_and_tidied() -> None:
    cleaned = access.validate_candidate(fields(surname="  Ó  Briain ", forenames=" Siân "), today=TODAY)
    assert (cleaned.surname, cleaned.forenames) == ("Ó Briain", "Siân")
    with pytest.raises(InputError, match="surname"):
        access.validate_candidate(fields(surname=" "), today=TODAY)
    with pytest.raises(InputError, match="forenames"):
        access.validate_candidate(fields(forenames=""), today=TODAY)


# --- storing --------------------------------------------------------------------------------

def test_add_and_read_back(db: Database) -> None:
    with db.session() as session:
        added = access.add_candidate(session, fields(42, uln=PUBLISHED_ULN), today=TODAY)
        assert access.candidate(session, added.id) == added
        assert access.by_number(session, 42) == added
        assert access.numbers_to_ids(session) == {42: added.id}
        assert [r.number_text for r in access.candidates(session)] == ["0042"]


def test_duplicate_number_is_refused_by_name(db: Database) -> None:
    with db.session() as session:
        access.add_candidate(session, fields(42), today=TODAY)
        with pytest.raises(InputError, match="candidate number 0042 is already used"):
            access.add_candidate(session, fields(42, surname="Other"), today=TODAY)
        other = access.add_candidate(session, fields(43), today=TODAY)
        with pytest.raises(InputError, match="0042 is already used"):
            access.update_candidate(session, other.id, fields(42), today=TODAY)


def test_update_audits_field_names_only(db: Database) -> None:
    with db.session() as session:
        added = access.add_candidate(session, fields(42), today=TODAY)
        access.update_candidate(session, added.id, fields(42, surname="Evans", form="11B"), today=TODAY)
        latest = audit.entries(session, limit=1)[0]
    assert latest.summary == "candidate 0042 changed: surname, form"
    assert "Evans" not in latest.summary


def test_delete_and_restore_bring_back_entries_and_arrangements(db: Database) -> None:
    with db.session() as session:
        added = access.add_candidate(session, fields(42), today=TODAY)
        paper = add_paper(session, PaperFields("AQA", "8700/1", "English Language 1", date(2027, 5, 10), "AM", 540, 105))
        add_entries(session, [(added.id, paper.id)])
        arrangement = add_arrangement(session, added.id, new_fields("extra_time_25"))
        snapshot = access.delete_candidates(session, [added.id])
        assert access.candidates(session) == []
        assert session.scalar(select(func.count()).select_from(Entry)) == 0
        access.restore_candidates(session, snapshot)
        assert access.candidate(session, added.id) == added
        assert session.scalar(select(Entry.paper_id)) == paper.id
        assert session.scalar(select(Arrangement.id)) == arrangement.id


def test_candidate_names_are_written_as_every_record_writes_them(db: Database) -> None:
    with db.session() as session:
        access.add_candidate(session, CandidateFields(12, "O'Connor", "Aoife Mary"))
        access.add_candidate(session, CandidateFields(7, "Shah", "Priya"))
    with db.session() as session:
        assert sorted(access.candidate_names(session).values()) == ["O'Connor, Aoife Mary", "Shah, Priya"]
        assert access.candidate_names(session) == {r.id: r.name for r in access.candidates(session)}
