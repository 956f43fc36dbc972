"""Candidates from the MIS: ``Candidate Number``, ``Surname``, ``Forenames`` and optional
``Date of Birth``, ``Year``, ``Form``, ``UCI``, ``ULN``.

A candidate already in the database (same number) is updated from the columns the file
has; a new number is added. The same number twice in one file is refused, naming both
rows: it is nearly always two pupils given one number by mistake. So is one UCI or ULN
given to two candidate numbers: each identifies one learner to the awarding bodies.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.domain import access
from eoffice.domain.access import CandidateFields, format_number
from eoffice.domain.bulk import bulk, values_of
from eoffice.errors import InputError
from eoffice.io.mis_import import ImportResult, date_cell, text
from eoffice.io.tables import Locate, Table, read_table

NUMBER, SURNAME, FORENAMES = "Candidate Number", "Surname", "Forenames"
DOB, YEAR, FORM, UCI, ULN = "Date of Birth", "Year", "Form", "UCI", "ULN"
REQUIRED = (NUMBER, SURNAME, FORENAMES)
OPTIONAL = (DOB, YEAR, FORM, UCI, ULN)
ALIASES = {
    "Candidate No": NUMBER, "Candidate No.": NUMBER, "Cand No": NUMBER, "Exam Number": NUMBER,
    "Legal Surname": SURNAME, "Forename": FORENAMES, "Legal Forename": FORENAMES, "First Name": FORENAMES,
    "Legal Forenames": FORENAMES, "DOB": DOB, "Year Group": YEAR, "Reg Group": FORM, "Registration Group": FORM,
    "Tutor Group": FORM, "Unique Candidate Identifier": UCI, "Unique Learner Number": ULN,
}


def read_candidates(path: Path | str) -> Table:
    return read_table(path, REQUIRED, OPTIONAL, ALIASES)


@bulk
def check_candidates(session: Session, table: Table, *, today: date | None = None) -> ImportResult:
    """Check every row against the database and say what would change; writes nothing."""
    today = today or clock.today()
    result = ImportResult.of("candidates", table)
    existing = {c.number: c for c in access.candidates(session)}
    seen: dict[int, int] = {}
    learners: dict[tuple[str, str], tuple[int, int]] = {}  # (UCI or ULN, value) -> (row, candidate number)
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at(NUMBER):
            number = access.parse_number(cells.get(NUMBER))
            if number in seen:
                raise InputError(
                    f"candidate number {format_number(number)} is on rows {seen[number]} and {row.number}; "
                    "each candidate may appear once"
                )
            seen[number] = row.number
        current = existing.get(number)
        values = values_of(current.fields) if current else values_of(CandidateFields(number, "", ""))
        values["number"] = number
        check = partial(_check_cell, at, number, today)
        for header, name in ((SURNAME, "surname"), (FORENAMES, "forenames")):
            with at(header):
                values[name] = text(cells.get(header))
                if not values[name]:
                    raise InputError(f"candidate {format_number(number)} needs a {header.lower()}")
            check(header, **{name: values[name]})
        if table.has(DOB):
            with at(DOB):
                values["date_of_birth"] = date_cell(cells.get(DOB), "date of birth")
            check(DOB, date_of_birth=values["date_of_birth"])
        if table.has(YEAR):
            with at(YEAR):
                values["year_group"] = access.parse_year_group(cells.get(YEAR))
            check(YEAR, year_group=values["year_group"])
        if table.has(FORM):
            values["form"] = text(cells.get(FORM)) or None
            check(FORM, form=values["form"])
        for header, name, valid in ((UCI, "uci", access.validate_uci), (ULN, "uln", access.validate_uln)):
            if table.has(header):
                with at(header):
                    values[name] = valid(text(cells.get(header)))
                    if values[name]:
                        first_row, first = learners.setdefault((header, values[name]), (row.number, number))
                        if first != number:
                            raise InputError(f"row {first_row} gives this {header} to candidate {format_number(first)}; "
                                             f"a {header} belongs to one learner")
        with at():  # every cell was checked under its column; this catches stored values only
            fields = access.validate_candidate(CandidateFields(**values), today=today)
        if current is None:
            result.add(row.number, f"add candidate {format_number(number)}", ("add", None, fields))
        elif fields != current.fields:
            changed = [k for k, v in values_of(fields).items() if getattr(current.fields, k) != v]
            result.update(row.number, f"update candidate {format_number(number)}: {', '.join(changed)}",
                          ("update", current.id, fields))
        else:
            result.unchanged += 1
    return result


def _check_cell(at: Locate, number: int, today: date, header: str, **change: object) -> None:
    """The domain's one rule for a field, applied to this cell alone so that a refusal
    names the cell's column, not just its row."""
    with at(header):
        probe = replace(CandidateFields(number, "x", "x"), **change)  # type: ignore[arg-type]
        access.validate_candidate(probe, today=today)


@bulk
def apply_candidates(session: Session, result: ImportResult, *, today: date | None = None) -> None:
    """Write a checked import in the caller's transaction; each change is audited by the domain.

    Written in two bulk calls (the additions, then the changes), so that the time grows with
    the file, not with the file times the table."""
    access.add_candidates(session, [fields for action, _id, fields in result.actions if action == "add"], today=today)
    access.update_candidates(session, [(candidate_id, fields) for action, candidate_id, fields in result.actions
                                       if action == "update"], today=today)
