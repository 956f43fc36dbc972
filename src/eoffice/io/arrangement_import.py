"""Access arrangements from a SENCo's list: ``Candidate Number``, ``Arrangement`` and
optional ``Extra Time %``, ``Rest Minutes Per Hour``, ``Status``, ``Approved On``,
``Expires On``, ``Reference``, ``Notes``.

A candidate's arrangement of the same type is updated; a new type is added with the
type's route and room need. What the import prints names the arrangement's record and
candidate number only, never the arrangement itself: the output may end up in a
terminal log, and arrangements are health data.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

from sqlalchemy.orm import Session

from eoffice.domain import access
from eoffice.domain.arrangement_types import STATUSES
from eoffice.domain.candidates import format_number, numbers_to_ids
from eoffice.domain.plan_rules import choice
from eoffice.errors import InputError
from eoffice.io.mis_import import ImportResult, date_cell, known_candidate, text, whole_number
from eoffice.io.tables import Table, blank, read_table

NUMBER, KIND, EXTRA, REST = "Candidate Number", "Arrangement", "Extra Time %", "Rest Minutes Per Hour"
STATUS, APPROVED, EXPIRES, REFERENCE, NOTES = "Status", "Approved On", "Expires On", "Reference", "Notes"
OPTIONAL = (EXTRA, REST, STATUS, APPROVED, EXPIRES, REFERENCE, NOTES)
ALIASES = {"Candidate No": NUMBER, "Cand No": NUMBER, "Exam Number": NUMBER, "Arrangement Type": KIND,
           "Type": KIND, "Extra Time": EXTRA, "Extra Time (%)": EXTRA, "Rest Breaks": REST,
           "Rest Minutes": REST, "Approved": APPROVED, "Approval Date": APPROVED, "Expires": EXPIRES,
           "Expiry": EXPIRES, "Expiry Date": EXPIRES, "AAO Reference": REFERENCE}


def read_arrangements(path: Path | str) -> Table:
    return read_table(path, (NUMBER, KIND), OPTIONAL, ALIASES)


def check_arrangements(session: Session, table: Table) -> ImportResult:
    """Check every row and say what would change; writes nothing."""
    result = ImportResult.of("arrangements", table)
    ids = numbers_to_ids(session)
    existing = {(r.candidate_id, r.kind): r for r in access.arrangements(session)}
    seen: dict[tuple[int, str], int] = {}
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at(NUMBER):
            number, candidate_id = known_candidate(cells.get(NUMBER), ids)
        with at(KIND):
            kind = access.parse_kind(cells.get(KIND))
            if (candidate_id, kind) in seen:
                raise InputError(f"candidate {format_number(number)} has this arrangement on rows "
                                 f"{seen[(candidate_id, kind)]} and {row.number}; give each once")
            seen[(candidate_id, kind)] = row.number
        current = existing.get((candidate_id, kind))
        fields = current.fields if current else access.new_fields(kind)
        changes: dict[str, object] = {}
        if table.has(EXTRA) and not blank(cells.get(EXTRA)):
            with at(EXTRA):
                changes["extra_time_percent"] = access.parse_extra_time(cells.get(EXTRA))
        if table.has(REST) and not blank(cells.get(REST)):
            with at(REST):
                changes["rest_minutes_per_hour"] = whole_number(cells.get(REST), "minutes per hour", 0, access.REST_MAX)
        if table.has(STATUS) and not blank(cells.get(STATUS)):
            with at(STATUS):
                changes["status"] = choice(cells.get(STATUS), STATUSES, "status")
        if table.has(APPROVED):
            with at(APPROVED):
                changes["approved_on"] = date_cell(cells.get(APPROVED), "approval date")
            if changes["approved_on"] != fields.approved_on:
                changes["expires_on"] = None  # worked out again from the new approval
        if table.has(EXPIRES) and not blank(cells.get(EXPIRES)):
            with at(EXPIRES):
                changes["expires_on"] = date_cell(cells.get(EXPIRES), "expiry date")
        for header, name in ((REFERENCE, "reference"), (NOTES, "notes")):
            if table.has(header):
                changes[name] = text(cells.get(header))
        merged = replace(fields, **changes)  # type: ignore[arg-type]
        with at(EXPIRES):
            if merged.approved_on and merged.expires_on and merged.expires_on < merged.approved_on:
                raise InputError("the expiry date is before the approval date")
        with at(REFERENCE):
            if len(merged.reference) > access.REFERENCE_MAX:
                raise InputError(f"the reference is longer than {access.REFERENCE_MAX} characters")
        with at(None):
            fields = access.validate_fields(session, merged)
        name = f"arrangement for candidate {format_number(number)}"
        if current is None:
            result.add(row.number, f"add {name}", (candidate_id, None, fields))
        elif fields != current.fields:
            changed = [k for k, v in asdict(fields).items() if getattr(current.fields, k) != v]
            result.update(row.number, f"update arrangement {current.id} for candidate {format_number(number)}: "
                                      f"{', '.join(changed)}", (candidate_id, current.id, fields))
        else:
            result.unchanged += 1
    return result


def apply_arrangements(session: Session, result: ImportResult) -> None:
    for candidate_id, arrangement_id, fields in result.actions:
        if arrangement_id is None:
            access.add_arrangement(session, candidate_id, fields)
        else:
            access.update_arrangement(session, arrangement_id, fields)
