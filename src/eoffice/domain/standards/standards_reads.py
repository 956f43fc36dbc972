"""Whose Standards, for which year: the record of one officer's year, read in plain SQL.

The Overview shows every officer's progress before SQLAlchemy is imported (issue 17), so
the year's own facts are read here on either handle (``eoffice.db.plain.Reads``); the
writers in ``records`` read them back through the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from eoffice.db.plain import Reader, Reads, as_reader
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError


@dataclass(frozen=True)
class StandardsYearRecord:
    id: int
    person_id: int
    officer: str
    year: AcademicYear
    experience: str
    values_statement: str


# An officer's name is "" if their row has gone (it cannot while the foreign key holds).
_SELECT = ("SELECT sy.id, sy.person_id, coalesce(p.name, ''), ay.start_year, sy.experience, sy.values_statement "
           "FROM standards_year sy JOIN academic_year ay ON ay.id = sy.year_id {join} person p ON p.id = sy.person_id ")


def _records(reader: Reader, where: str, params: tuple[object, ...], *, join: str = "LEFT JOIN",
             order: str = "") -> list[StandardsYearRecord]:
    rows = reader.execute(_SELECT.format(join=join) + where + order, params)
    return [StandardsYearRecord(i, person, name, AcademicYear(start), experience, statement)
            for i, person, name, start, experience, statement in rows]


def standards_year(db: Reads, standards_year_id: int) -> StandardsYearRecord:
    found = _records(as_reader(db), "WHERE sy.id = ?", (standards_year_id,))
    if not found:
        raise InputError(f"there are no Standards with id {standards_year_id}")
    return found[0]


def find_year(db: Reads, person_id: int, year: AcademicYear) -> StandardsYearRecord | None:
    found = _records(as_reader(db), "WHERE sy.person_id = ? AND ay.start_year = ?", (person_id, year.start_year))
    return found[0] if found else None


def years_in(db: Reads, year: AcademicYear) -> list[StandardsYearRecord]:
    """Every officer's Standards in an academic year, by officer name."""
    return _records(as_reader(db), "WHERE ay.start_year = ?", (year.start_year,), join="JOIN",
                    order=" ORDER BY p.name, sy.id")


def experience(db: Reads, standards_year_id: int) -> str:
    """New or experienced: how often the line manager meets the officer."""
    row = as_reader(db).execute("SELECT experience FROM standards_year WHERE id = ?", (standards_year_id,)).fetchone()
    if row is None:
        raise InputError(f"there are no Standards with id {standards_year_id}")
    return str(row[0])
