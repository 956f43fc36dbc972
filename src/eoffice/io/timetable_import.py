"""The centre's timetable and entries from the MIS or the awarding bodies' files.

Timetable: ``Date``, ``Session``, ``Board``, ``Code``, ``Title``, ``Duration`` and
optional ``Start``, ``Qualification``, ``Mode``. A paper is known by its code, date and
session: the same three again update it. A blank start takes the centre's session start
(settings), a duration may be ``90`` or ``1h 30m``.

Entries: ``Candidate Number``, ``Code`` (and optional ``Date`` when a code is timetabled
more than once). Both must already be in the database: an entry for an unknown
candidate or paper is refused, because it would otherwise vanish silently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Paper
from eoffice.domain import timetable
from eoffice.domain.candidates import format_number, numbers_to_ids
from eoffice.domain.dates import format_date
from eoffice.domain.exam_time import parse_clock, parse_duration
from eoffice.domain.timetable import PaperFields
from eoffice.errors import InputError
from eoffice.io.mis_import import ImportResult, clock_cell, date_cell, known_candidate, minutes_cell, text
from eoffice.io.tables import Table, blank, read_table

DATE, SESSION, BOARD, CODE, TITLE, DURATION = "Date", "Session", "Board", "Code", "Title", "Duration"
START, QUALIFICATION, MODE = "Start", "Qualification", "Mode"
NUMBER = "Candidate Number"
TIMETABLE_ALIASES = {"Awarding Body": BOARD, "Paper Code": CODE, "Component Code": CODE, "AM/PM": SESSION,
                     "Start Time": START, "Qualification Type": QUALIFICATION, "Component Title": TITLE}
ENTRY_ALIASES = {"Candidate No": NUMBER, "Cand No": NUMBER, "Exam Number": NUMBER, "Paper Code": CODE,
                 "Component Code": CODE, "Entry Code": CODE}


def _paper_code(value: object) -> str:
    """``8700/1`` however it is spaced or cased: the boards' codes are capitals without spaces."""
    code = "".join(text(value).split()).upper()
    if not code:
        raise InputError("the paper code is empty")
    return code


def read_timetable(path: Path | str) -> Table:
    return read_table(path, (DATE, SESSION, BOARD, CODE, TITLE, DURATION), (START, QUALIFICATION, MODE),
                      TIMETABLE_ALIASES)


def check_timetable(session: Session, table: Table) -> ImportResult:
    """Check every row and say what would change; writes nothing."""
    result = ImportResult.of("papers", table)
    seen: dict[tuple[str, object, str], int] = {}
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at(DATE):
            sat_on = date_cell(cells.get(DATE), "date", required=True)
        with at(SESSION):
            sess = timetable.parse_session(cells.get(SESSION))
        with at(CODE):
            code = _paper_code(cells.get(CODE))
            key = (code, sat_on, sess)
            if key in seen:
                raise InputError(f"paper {code} on {format_date(sat_on)} {sess} is on rows {seen[key]} and "
                                 f"{row.number}; each paper may appear once")
            seen[key] = row.number
        with at(DURATION):
            duration = parse_duration(minutes_cell(cells.get(DURATION)))
        with at(START):
            raw_start = clock_cell(cells.get(START)) if table.has(START) else ""
            start = parse_clock(str(raw_start)) if raw_start else timetable.default_start(session, sess)
        with at(MODE):
            mode = timetable.parse_mode(cells.get(MODE)) if table.has(MODE) else None
        assert sat_on is not None
        current = timetable.find_paper(session, code, sat_on, sess)
        fields = PaperFields(
            board=text(cells.get(BOARD)), code=code, title=text(cells.get(TITLE)), sat_on=sat_on, session=sess,
            start_minutes=start, duration_minutes=duration,
            qualification=text(cells.get(QUALIFICATION)) if table.has(QUALIFICATION)
            else (current.qualification if current else ""),
            mode=mode or (current.mode if current else "written"),
        )
        for header, value in ((BOARD, fields.board), (TITLE, fields.title)):
            with at(header):
                if not value:
                    raise InputError(f"the {header.lower()} is empty")
        with at(None):
            fields = timetable.validate_fields(fields)
        name = f"paper {code} on {format_date(sat_on)} {sess}"
        if current is None:
            result.add(row.number, f"add {name}", (None, fields))
        elif fields != current.fields:
            changed = [k for k, v in asdict(fields).items() if getattr(current.fields, k) != v]
            result.update(row.number, f"update {name}: {', '.join(changed)}", (current.id, fields))
        else:
            result.unchanged += 1
    return result


def apply_timetable(session: Session, result: ImportResult) -> None:
    for paper_id, fields in result.actions:
        if paper_id is None:
            timetable.add_paper(session, fields)
        else:
            timetable.update_paper(session, paper_id, fields)


# --- entries -----------------------------------------------------------------------

def read_entries(path: Path | str) -> Table:
    return read_table(path, (NUMBER, CODE), (DATE, SESSION), ENTRY_ALIASES)


def check_entries(session: Session, table: Table) -> ImportResult:
    """Each row names a candidate and a paper code, both already known; writes nothing."""
    result = ImportResult.of("entries", table)
    ids = numbers_to_ids(session)
    by_code: dict[str, list[tuple[int, object, str]]] = defaultdict(list)
    for pid, code, on, sess in session.execute(select(Paper.id, Paper.code, Paper.sat_on, Paper.session)):
        by_code[code].append((pid, on, sess))
    present = timetable.entered_pairs(session)
    planned: set[tuple[int, int]] = set()
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at(NUMBER):
            number, candidate_id = known_candidate(cells.get(NUMBER), ids)
        with at(CODE):
            code = _paper_code(cells.get(CODE))
            matches = by_code.get(code, [])
            if not matches:
                raise InputError(f"paper {code} is not in the timetable; import the timetable first")
        if table.has(DATE) and not blank(cells.get(DATE)):
            with at(DATE):
                on = date_cell(cells.get(DATE), "date")
                matches = [m for m in matches if m[1] == on]
                if not matches:
                    raise InputError(f"paper {code} is not timetabled on {format_date(on)}")
        if table.has(SESSION) and not blank(cells.get(SESSION)):
            with at(SESSION):
                sess = timetable.parse_session(cells.get(SESSION))
                matches = [m for m in matches if m[2] == sess] or matches
        if len(matches) > 1:
            when = ", ".join(f"{format_date(on)} {s}" for _p, on, s in matches)  # type: ignore[arg-type]
            with at(CODE):
                raise InputError(f"paper {code} is timetabled more than once ({when}); add a Date column to say which")
        pair = (candidate_id, matches[0][0])
        if pair in present or pair in planned:
            result.unchanged += 1
            continue
        planned.add(pair)
        result.add(row.number, f"enter candidate {format_number(number)} for {code}", pair)
    return result


def apply_entries(session: Session, result: ImportResult) -> None:
    timetable.add_entries(session, result.actions)
