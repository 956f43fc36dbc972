"""The centre's candidates: who they are, checked the way the awarding bodies check them.

A candidate number is what every exam-day document shows, so it is unique in the
centre and always printed as four digits ("0042"). UCI and ULN come from the MIS and go
on to the awarding bodies: a typo here becomes a rejected entry months later, so they
are checked on the way in. Audit summaries name the candidate by number only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.db.models import Arrangement, Candidate, Entry
from eoffice.domain import audit
from eoffice.domain.bulk import IDS_PER_QUERY, Updates, audit_each, bulk, by_ids, insert_all, values_of
from eoffice.domain.dates import format_date
from eoffice.errors import InputError

NUMBER_MIN, NUMBER_MAX = 1, 9999
YEAR_GROUP_MIN, YEAR_GROUP_MAX = 1, 14
NAME_MAX = 100
FORM_MAX = 20
ULN_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


@dataclass(frozen=True)
class CandidateFields:
    """What the officer (or the MIS file) gives; checked by ``validate_candidate``."""

    number: int
    surname: str
    forenames: str
    date_of_birth: date | None = None
    year_group: int | None = None
    form: str | None = None
    uci: str | None = None
    uln: str | None = None
    active: bool = True


@dataclass(frozen=True)
class CandidateRecord:
    id: int
    fields: CandidateFields

    number = property(lambda self: self.fields.number)
    surname = property(lambda self: self.fields.surname)
    forenames = property(lambda self: self.fields.forenames)
    year_group = property(lambda self: self.fields.year_group)
    form = property(lambda self: self.fields.form)

    @property
    def number_text(self) -> str:
        return format_number(self.fields.number)

    @property
    def name(self) -> str:
        return full_name(self.fields.surname, self.fields.forenames)


@dataclass(frozen=True)
class CandidateSnapshot:
    """A deleted candidate with what went with them (entries, arrangements), for undo."""

    record: CandidateRecord
    paper_ids: tuple[int, ...] = ()
    arrangements: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def format_number(number: int) -> str:
    return f"{number:04d}"


def parse_number(value: object) -> int:
    """A candidate number from ``42``, ``"42"`` or ``"0042"``; refuses ``"12a"``, 0 and 10000."""
    if isinstance(value, bool):
        raise InputError(f"{value!r} is not a candidate number")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip() if value is not None else ""
    if not text:
        raise InputError("the candidate number is empty")
    if not text.isdigit() or not text.isascii():
        raise InputError(f"{text!r} is not a candidate number: use digits only, 1 to 9999")
    number = int(text)
    if not NUMBER_MIN <= number <= NUMBER_MAX:
        raise InputError(f"{text!r} is not a candidate number: it must be from 1 to 9999 (up to 4 digits)")
    return number


def uln_check_digit(first_nine: str) -> int | None:
    """The Learning Records Service check digit for the first nine digits of a ULN.

    Multiply the digits by 10, 9, 8, ..., 2, add the products, take the remainder on
    division by 11; the check digit is 10 minus that remainder. A remainder of 0 would
    need a check digit of 10, so no valid ULN starts with those nine digits (None).
    Equivalently, the ten digits weighted 10..1 sum to 10 modulo 11: the published
    example 9276308686 passes.
    """
    remainder = sum(int(d) * w for d, w in zip(first_nine, ULN_WEIGHTS, strict=True)) % 11
    check = 10 - remainder
    return None if check == 10 else check


def validate_uln(value: str | None) -> str | None:
    """A Unique Learner Number: 10 digits, the first not 0, the last its check digit."""
    text = "".join((value or "").split())
    if not text:
        return None
    if len(text) != 10 or not text.isdigit() or not text.isascii():
        raise InputError(f"{text!r} is not a ULN: a ULN is 10 digits")
    if text[0] == "0":
        raise InputError(f"{text!r} is not a ULN: a ULN never starts with 0")
    if uln_check_digit(text[:9]) != int(text[9]):
        raise InputError(f"{text!r} is not a ULN: the check digit (the last digit) is wrong; check for a typo")
    return text


def validate_uci(value: str | None) -> str | None:
    """A Unique Candidate Identifier: 13 letters and digits, starting with the 5-digit
    centre number. Its check character is not verified: the awarding bodies' algorithm
    is not one we can confirm, and a false refusal would block a real candidate."""
    text = "".join((value or "").split()).upper()
    if not text:
        return None
    if len(text) != 13 or not re.fullmatch(r"[0-9A-Z]{13}", text):
        raise InputError(f"{text!r} is not a UCI: a UCI is 13 letters and digits")
    if not text[:5].isdigit():
        raise InputError(f"{text!r} is not a UCI: it starts with the 5-digit centre number")
    return text


def validate_candidate(fields: CandidateFields, *, today: date | None = None) -> CandidateFields:
    """Plain messages for every mistake; returns the cleaned fields."""
    today = today or clock.today()
    number = parse_number(fields.number)
    surname, forenames = " ".join(fields.surname.split()), " ".join(fields.forenames.split())
    if not surname:
        raise InputError(f"candidate {format_number(number)} needs a surname")
    if not forenames:
        raise InputError(f"candidate {format_number(number)} needs forenames")
    if len(surname) > NAME_MAX or len(forenames) > NAME_MAX:
        raise InputError(f"a name is longer than {NAME_MAX} characters")
    if fields.date_of_birth is not None and fields.date_of_birth > today:
        raise InputError(f"the date of birth {format_date(fields.date_of_birth)} is in the future")
    if fields.year_group is not None and not YEAR_GROUP_MIN <= fields.year_group <= YEAR_GROUP_MAX:
        raise InputError(f"{fields.year_group} is not a year group: use 1 to 14")
    form = " ".join((fields.form or "").split()) or None
    if form is not None and len(form) > FORM_MAX:
        raise InputError(f"the form {form!r} is longer than {FORM_MAX} characters")
    uci, uln = validate_uci(fields.uci), validate_uln(fields.uln)
    if (number, surname, forenames, form, uci, uln) == (fields.number, fields.surname, fields.forenames, fields.form,
                                                        fields.uci, fields.uln) and type(fields.number) is int:
        return fields  # already clean (an import checks each candidate, then writes it): no copy
    return replace(fields, number=number, surname=surname, forenames=forenames, form=form, uci=uci, uln=uln)


def parse_year_group(value: object) -> int | None:
    """``11``, ``"11"``, ``"Year 11"``, ``"Y11"`` or blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    match = re.fullmatch(r"(?:year|yr|y)?\s*(\d{1,2})", str(value).strip(), re.IGNORECASE)
    if not match:
        raise InputError(f"{value!r} is not a year group: use a number from 1 to 14")
    return int(match.group(1))


def _record(row: Candidate) -> CandidateRecord:
    return CandidateRecord(
        row.id,
        CandidateFields(
            number=row.number, surname=row.surname, forenames=row.forenames, date_of_birth=row.date_of_birth,
            year_group=row.year_group, form=row.form, uci=row.uci, uln=row.uln, active=row.active,
        ),
    )


def full_name(surname: str, forenames: str) -> str:
    """"Surname, Forenames", the order of every register and seating plan."""
    return f"{surname}, {forenames}"


def candidate_names(session: Session, candidate_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Candidate id -> full name, and nothing more (of these candidates, else of all): the
    register needs only the names of those with arrangements, and reading 2,000 whole
    candidate records for it would slow the Access tab's opening."""
    query = select(Candidate.id, Candidate.surname, Candidate.forenames)
    if candidate_ids is None:
        return {cid: full_name(surname, forenames) for cid, surname, forenames in session.execute(query)}
    ids, found = sorted(set(candidate_ids)), {}
    for start in range(0, len(ids), IDS_PER_QUERY):
        chunk = query.where(Candidate.id.in_(ids[start:start + IDS_PER_QUERY]))
        found.update({cid: full_name(surname, forenames) for cid, surname, forenames in session.execute(chunk)})
    return found


# The id, then each field in CandidateFields' order: a record is made from a plain row by position.
_COLUMNS = (Candidate.id, *(getattr(Candidate, name) for name in CandidateFields.__dataclass_fields__))


@bulk  # 2,000 records and their rows: no collector's pause while they are made
def candidates(session: Session, *, active_only: bool = False) -> list[CandidateRecord]:
    """Every candidate by number. Plain rows read by position, not ORM objects or names: a
    centre of 2,000 reads in a third of the time, and the Access tab's Candidates page opens
    on it. Read on the session's connection, not through ``session.execute``: the ORM's
    handling of a statement that names only columns cost about a millisecond for 1,800
    candidates and did nothing here but flush, which is done first as it would have been."""
    query = select(*_COLUMNS).order_by(Candidate.number)
    if active_only:
        query = query.where(Candidate.active.is_(True))
    if session.autoflush:
        session.flush()  # a candidate added in this session, not yet flushed, is read too
    rows = session.connection().execute(query).all()  # fetched at once: row by row is a driver call per candidate
    return [CandidateRecord(row[0], CandidateFields(*row[1:])) for row in rows]


def candidate(session: Session, candidate_id: int) -> CandidateRecord:
    row = session.get(Candidate, candidate_id)
    if row is None:
        raise InputError(f"there is no candidate {candidate_id}")
    return _record(row)


def by_number(session: Session, number: int) -> CandidateRecord | None:
    row = session.scalar(select(Candidate).where(Candidate.number == number))
    return None if row is None else _record(row)


def numbers_to_ids(session: Session) -> dict[int, int]:
    """Every candidate number and its id, in one query (for imports and bulk work)."""
    return {number: cid for number, cid in session.execute(select(Candidate.number, Candidate.id))}


def _refuse_duplicate(session: Session, number: int, candidate_id: int | None) -> None:
    other = session.scalar(select(Candidate.id).where(Candidate.number == number))
    if other is not None and other != candidate_id:
        raise InputError(f"candidate number {format_number(number)} is already used by another candidate")


def add_candidate(
    session: Session, fields: CandidateFields, *, candidate_id: int | None = None, today: date | None = None
) -> CandidateRecord:
    """Add a candidate; ``candidate_id`` is given only when undo puts a deleted one back."""
    fields = validate_candidate(fields, today=today)
    _refuse_duplicate(session, fields.number, None)
    row = Candidate(**asdict(fields))
    if candidate_id is not None:
        row.id = candidate_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "candidate", row.id, f"candidate {format_number(row.number)} added")
    return _record(row)


def update_candidate(
    session: Session, candidate_id: int, fields: CandidateFields, *, today: date | None = None
) -> CandidateRecord:
    """Change a candidate; the audit names the fields changed, never their values."""
    fields = validate_candidate(fields, today=today)
    row = session.get(Candidate, candidate_id)
    if row is None:
        raise InputError(f"there is no candidate {candidate_id}")
    _refuse_duplicate(session, fields.number, candidate_id)
    changed = [name for name, value in asdict(fields).items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, getattr(fields, name))
    if changed:
        session.flush()
        audit.record(
            session, "update", "candidate", candidate_id,
            f"candidate {format_number(row.number)} changed: {', '.join(changed)}",
        )
    return _record(row)


def add_candidates(session: Session, many: Sequence[CandidateFields], *, today: date | None = None) -> list[int]:
    """Add many candidates (an import), each checked and audited as ``add_candidate`` does;
    returns their ids. One query for the numbers taken and one insert, whatever the count."""
    checked = [validate_candidate(fields, today=today) for fields in many]
    taken = set(session.scalars(select(Candidate.number)))
    for fields in checked:
        if fields.number in taken:
            raise InputError(f"candidate number {format_number(fields.number)} is already used by another candidate")
        taken.add(fields.number)
    ids = insert_all(session, Candidate, [values_of(fields) for fields in checked])
    audit_each(session, "create", "candidate", ((candidate_id, f"candidate {format_number(fields.number)} added")
                                                for candidate_id, fields in zip(ids, checked, strict=True)))
    return ids


def update_candidates(session: Session, changes: Sequence[tuple[int, CandidateFields]], *,
                      today: date | None = None) -> None:
    """Change many candidates (an import), each checked and audited as ``update_candidate``
    does, in a few statements: the audit names the fields changed, never their values."""
    rows = by_ids(session, Candidate, (candidate_id for candidate_id, _fields in changes))
    owners = dict(session.execute(select(Candidate.number, Candidate.id)).all())
    updates = Updates(Candidate, "candidate")
    for candidate_id, fields in changes:
        fields = validate_candidate(fields, today=today)
        row = rows.get(candidate_id)
        if row is None:
            raise InputError(f"there is no candidate {candidate_id}")
        if owners.get(fields.number, candidate_id) != candidate_id:
            raise InputError(f"candidate number {format_number(fields.number)} is already used by another candidate")
        owners.pop(row.number, None)
        owners[fields.number] = candidate_id
        updates.compare(candidate_id, row, values_of(fields), f"candidate {format_number(fields.number)}")
    updates.write(session)


def delete_candidates(session: Session, candidate_ids: Iterable[int]) -> list[CandidateSnapshot]:
    """Delete candidates with their entries and arrangements; returns what undo needs."""
    gone: list[CandidateSnapshot] = []
    for candidate_id in list(candidate_ids):
        record = candidate(session, candidate_id)
        paper_ids = tuple(session.scalars(select(Entry.paper_id).where(Entry.candidate_id == candidate_id)))
        arrangements = tuple(
            {c.key: getattr(a, c.key) for c in Arrangement.__table__.columns}
            for a in session.scalars(select(Arrangement).where(Arrangement.candidate_id == candidate_id))
        )
        gone.append(CandidateSnapshot(record, paper_ids, arrangements))
        for a in session.scalars(select(Arrangement).where(Arrangement.candidate_id == candidate_id)):
            session.delete(a)
        for e in session.scalars(select(Entry).where(Entry.candidate_id == candidate_id)):
            session.delete(e)
        session.delete(session.get(Candidate, candidate_id))
        audit.record(session, "delete", "candidate", candidate_id, f"candidate {record.number_text} deleted")
    session.flush()
    return gone


def restore_candidates(session: Session, snapshots: Sequence[CandidateSnapshot]) -> None:
    """Undo of delete: the candidates come back with their ids, entries and arrangements."""
    for snap in snapshots:
        add_candidate(session, snap.record.fields, candidate_id=snap.record.id, today=date.max)
        for paper_id in snap.paper_ids:
            session.add(Entry(candidate_id=snap.record.id, paper_id=paper_id))
        for values in snap.arrangements:
            session.add(Arrangement(**values))
    session.flush()
