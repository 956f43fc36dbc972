"""Access arrangements from a SENCo's list: ``Candidate Number``, ``Arrangement`` and
optional ``Extra Time %``, ``Rest Minutes Per Hour``, ``Status``, ``Approved On``,
``Expires On``, ``Reference``, ``Notes``.

A candidate's arrangement of the same type is updated from the cells the row fills in:
a blank optional cell leaves the stored value as it was. A new type is added with the
type's route and room need. An arrangement made Approved with no approval date, given or
stored, is approved today, as the arrangement dialog does, and the report says so.
What the import prints names the arrangement's record and candidate number only, never
the arrangement itself: the output may end up in a terminal log, and arrangements are
health data. So an error in a ``SENSITIVE`` column (the type, the extra time, the rest
breaks, the notes) names its row and column and says what the cell should hold, never
what it holds; ``Table.at`` guards the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.domain import access
from eoffice.domain.access import STATUSES, TYPES, format_number, numbers_to_ids
from eoffice.domain.bulk import bulk, values_of
from eoffice.domain.dates import format_date
from eoffice.errors import InputError
from eoffice.io.mis_import import Chooser, ImportResult, date_cell, known_candidate, text, whole_number
from eoffice.io.tables import Locate, Table, blank, read_table

NUMBER, KIND, EXTRA, REST = "Candidate Number", "Arrangement", "Extra Time %", "Rest Minutes Per Hour"
STATUS, APPROVED, EXPIRES, REFERENCE, NOTES = "Status", "Approved On", "Expires On", "Reference", "Notes"
OPTIONAL = (EXTRA, REST, STATUS, APPROVED, EXPIRES, REFERENCE, NOTES)
ALIASES = {"Candidate No": NUMBER, "Cand No": NUMBER, "Exam Number": NUMBER, "Arrangement Type": KIND,
           "Type": KIND, "Extra Time": EXTRA, "Extra Time (%)": EXTRA, "Rest Breaks": REST,
           "Rest Minutes": REST, "Approved": APPROVED, "Approval Date": APPROVED, "Expires": EXPIRES,
           "Expiry": EXPIRES, "Expiry Date": EXPIRES, "AAO Reference": REFERENCE}
# Health data: what a candidate needs and why. An error names these cells, never quotes them.
SENSITIVE = (KIND, EXTRA, REST, NOTES)
T = TypeVar("T")
_STATUS = Chooser(STATUSES, "status")


def read_arrangements(path: Path | str) -> Table:
    return read_table(path, (NUMBER, KIND), OPTIONAL, ALIASES, sensitive=SENSITIVE)


def _unquoted(read: Callable[[object], T], value: object, should: str) -> T:
    """A sensitive cell read by the domain's rule; a refusal says what the cell should hold,
    never what it holds (the domain's own words quote the value, for the window's forms)."""
    try:
        return read(value)
    except InputError:
        raise InputError(f"the cell is not {should}") from None


def _kind(value: object) -> str:
    if blank(value):
        raise InputError("the arrangement type is empty")
    return _unquoted(access.parse_kind, value, "an arrangement type eoffice knows; use one of: "
                     + ", ".join(t.label for t in TYPES.values()))


@bulk
def check_arrangements(session: Session, table: Table, *, today: date | None = None) -> ImportResult:
    """Check every row and say what would change; writes nothing.

    A blank optional cell leaves the stored value alone: a SENCo's list often fills only
    what it knows, and a blank must never wipe an approval date or an expiry.
    """
    today = today or clock.today()
    result = ImportResult.of("arrangements", table)
    ids = numbers_to_ids(session)
    existing = {(r.candidate_id, r.kind): r for r in access.arrangements(session)}
    months = access.expiry_months(session)  # read once, not once a row
    seen: dict[tuple[int, str], int] = {}
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at(NUMBER):
            number, candidate_id = known_candidate(cells.get(NUMBER), ids)
        with at(KIND):
            kind = _kind(cells.get(KIND))
            if (candidate_id, kind) in seen:
                raise InputError(f"candidate {format_number(number)} has this arrangement on rows "
                                 f"{seen[(candidate_id, kind)]} and {row.number}; give each once")
            seen[(candidate_id, kind)] = row.number
        current = existing.get((candidate_id, kind))
        fields = current.fields if current else access.new_fields(kind)
        given = {h: cells[h] for h in OPTIONAL if table.has(h) and not blank(cells.get(h))}
        changes = _changes(given, fields, at)
        merged = replace(fields, **changes)  # type: ignore[arg-type]
        # The arrangement dialog's rule: made Approved with no approval date, it is approved today.
        taken_today = fields.status != "approved" and merged.status == "approved" and merged.approved_on is None
        if taken_today:
            merged = replace(merged, approved_on=today)
        with at(EXPIRES if EXPIRES in given else APPROVED if APPROVED in given else STATUS):
            if merged.approved_on and merged.expires_on and merged.expires_on < merged.approved_on:
                when = (f", taken as today ({format_date(today)}) as no Approved On was given; add Approved On"
                        if taken_today else f" {format_date(merged.approved_on)}")
                raise InputError(f"the expiry date {format_date(merged.expires_on)} is before the approval date{when}")
        with at(None):  # every cell was checked under its column; this catches stored values only
            fields = access.validate_arrangement(session, merged, months=months)
        note = ""
        if taken_today:
            note = f"; approval date taken as today, {format_date(today)}, as no Approved On was given"
        name = f"arrangement for candidate {format_number(number)}"
        if current is None:
            result.add(row.number, f"add {name}{note}", (candidate_id, None, fields))
        elif fields != current.fields:
            changed = [k for k, v in values_of(fields).items() if getattr(current.fields, k) != v]
            result.update(row.number, f"update arrangement {current.id} for candidate {format_number(number)}: "
                                      f"{', '.join(changed)}{note}", (candidate_id, current.id, fields))
        else:
            result.unchanged += 1
    return result


def _changes(given: dict[str, Any], fields: access.ArrangementFields, at: Locate) -> dict[str, object]:
    """The fields the row's filled cells change, each cell read under its own column."""
    changes: dict[str, object] = {}
    if EXTRA in given:
        with at(EXTRA):
            changes["extra_time_percent"] = _unquoted(
                access.parse_extra_time, given[EXTRA],
                "an extra time: write 25, 25%, up to 50 or over 50")
    if REST in given:
        with at(REST):
            changes["rest_minutes_per_hour"] = _unquoted(
                lambda v: whole_number(v, "minutes per hour", 0, access.REST_MAX), given[REST],
                f"a whole number of rest minutes per hour from 0 to {access.REST_MAX}")
    if STATUS in given:
        with at(STATUS):
            changes["status"] = _STATUS(given[STATUS])
    if APPROVED in given:
        with at(APPROVED):
            changes["approved_on"] = date_cell(given[APPROVED], "approval date")
        if changes["approved_on"] != fields.approved_on:
            changes["expires_on"] = None  # worked out again from the new approval, unless given
    if EXPIRES in given:
        with at(EXPIRES):
            changes["expires_on"] = date_cell(given[EXPIRES], "expiry date")
    if REFERENCE in given:
        with at(REFERENCE):
            changes["reference"] = text(given[REFERENCE])
            if len(changes["reference"]) > access.REFERENCE_MAX:  # type: ignore[arg-type]
                raise InputError(f"the reference is longer than {access.REFERENCE_MAX} characters")
    if NOTES in given:
        changes["notes"] = text(given[NOTES], collapse=False)
    return changes


@bulk
def apply_arrangements(session: Session, result: ImportResult) -> None:
    """Write a checked import in the caller's transaction, in two bulk calls; the domain audits each."""
    access.add_arrangements(session, [(candidate_id, fields) for candidate_id, arrangement_id, fields in result.actions
                                      if arrangement_id is None])
    access.update_arrangements(session, [(arrangement_id, fields) for _cid, arrangement_id, fields in result.actions
                                         if arrangement_id is not None])
