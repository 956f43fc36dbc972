"""The centre's timetable and entries from the MIS or the awarding bodies' files.

Timetable: ``Date``, ``Session``, ``Board``, ``Code``, ``Title``, ``Duration`` and
optional ``Start``, ``Qualification``, ``Mode``. A paper is known by its code, date and
session: the same three again update it. A duration may be ``90`` or ``1h 30m``. A blank
start takes the centre's session start (settings) for a new paper; a start given must be
within 30 minutes of it, as JCQ allows. A blank Start, Qualification or Mode leaves an
existing paper's value as it was.

Entries: ``Candidate Number``, ``Code`` and optional ``Date`` and ``Session``. A code alone
means this academic year's paper; a Date is needed only when the code is sat more than
once that year, and a Session given must be the paper's. Candidate and paper must
already be in the database: an entry for an unknown one is refused, because it would
otherwise vanish silently.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import suppress
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from eoffice import clock
from eoffice.domain.access import (
    SESSIONS,
    PaperFields,
    PaperRecord,
    format_number,
    numbers_to_ids,
    parse_clock,
    parse_duration,
    timetable,
)
from eoffice.domain.bulk import bulk, values_of
from eoffice.domain.dates import format_date
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from eoffice.io.mis_import import ImportResult, clock_cell, date_cell, known_candidate, minutes_cell, text
from eoffice.io.tables import Locate, Table, blank, read_table

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


@bulk
def check_timetable(session: Session, table: Table) -> ImportResult:
    """Check every row and say what would change; writes nothing."""
    result = ImportResult.of("papers", table)
    seen: dict[tuple[str, object, str], int] = {}
    # Read once, not once a row: the papers there and each session's usual start.
    there = {(p.code, p.sat_on, p.session): p for p in timetable.papers(session)}
    usual = {sess: timetable.default_start(session, sess) for sess in SESSIONS}
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at(DATE):
            sat_on = date_cell(cells.get(DATE), "date", required=True)
            assert sat_on is not None  # required
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
        current = there.get((code, sat_on, sess))
        with at(START):
            raw_start = clock_cell(cells.get(START)) if table.has(START) else ""
            if raw_start:
                start = parse_clock(str(raw_start))
                timetable.check_start(session, sess, start, usual=usual[sess])
            else:
                start = current.start_minutes if current else usual[sess]
        with at(MODE):
            mode = timetable.parse_mode(cells.get(MODE)) if table.has(MODE) and not blank(cells.get(MODE)) else None
        qualification = text(cells.get(QUALIFICATION)) if table.has(QUALIFICATION) else ""
        fields = PaperFields(
            board=text(cells.get(BOARD)), code=code, title=text(cells.get(TITLE)), sat_on=sat_on, session=sess,
            start_minutes=start, duration_minutes=duration,
            qualification=qualification or (current.qualification if current else ""),
            mode=mode or (current.mode if current else "written"),
        )
        fields = _checked(fields, at)
        name = f"paper {code} on {format_date(sat_on)} {sess}"
        if current is None:
            result.add(row.number, f"add {name}", (None, fields))
        elif fields != current.fields:
            changed = [k for k, v in values_of(fields).items() if getattr(current.fields, k) != v]
            result.update(row.number, f"update {name}: {', '.join(changed)}", (current.id, fields))
        else:
            result.unchanged += 1
    return result


def _checked(fields: PaperFields, at: Locate) -> PaperFields:
    """The domain's rules for a paper, each text cell checked alone under its own column
    so that a refusal names the column, then the whole paper. A paper that passes whole
    passes cell by cell (the rules are each about one field), so the cells are checked
    alone only to find the column of a refusal."""
    if fields.board and fields.title:
        with suppress(InputError):
            return timetable.validate_paper(fields)
    probe = replace(fields, board="X", code="X", title="X", qualification="")
    for header, name in ((BOARD, "board"), (CODE, "code"), (TITLE, "title"), (QUALIFICATION, "qualification")):
        with at(header):
            value = getattr(fields, name)
            if header in (BOARD, TITLE) and not value:
                raise InputError(f"the {header.lower()} is empty")
            timetable.validate_paper(replace(probe, **{name: value}))
    with at(None):  # every cell was checked under its column; this catches stored values only
        return timetable.validate_paper(fields)


@bulk
def apply_timetable(session: Session, result: ImportResult) -> None:
    """Write a checked import in the caller's transaction, in two bulk calls; the domain audits each."""
    timetable.add_papers(session, [fields for paper_id, fields in result.actions if paper_id is None])
    timetable.update_papers(session, [(paper_id, fields) for paper_id, fields in result.actions if paper_id is not None])


# --- entries -----------------------------------------------------------------------

def read_entries(path: Path | str) -> Table:
    return read_table(path, (NUMBER, CODE), (DATE, SESSION), ENTRY_ALIASES)


@bulk
def check_entries(session: Session, table: Table, *, today: date | None = None) -> ImportResult:
    """Each row names a candidate and a paper code, both already known; writes nothing.

    Without a date, a code means this academic year's paper (``timetable.papers_for_entry``):
    boards use the same codes every year, and last year's timetable is kept.
    """
    today = today or clock.today()
    result = ImportResult.of("entries", table)
    ids = numbers_to_ids(session)
    by_code: dict[str, list[PaperRecord]] = defaultdict(list)
    for paper in timetable.papers(session):
        by_code[paper.code].append(paper)
    present = timetable.entered_pairs(session)
    planned: set[tuple[int, int]] = set()
    for row in table.rows:
        cells, at = row.cells, table.at(row.number)
        with at(NUMBER):
            number, candidate_id = known_candidate(cells.get(NUMBER), ids)
        with at(CODE):
            code = _paper_code(cells.get(CODE))
            if code not in by_code:
                raise InputError(f"paper {code} is not in the timetable; import the timetable first")
        dated = table.has(DATE) and not blank(cells.get(DATE))
        if dated:
            with at(DATE):
                on = date_cell(cells.get(DATE), "date")
                matches = [p for p in by_code[code] if p.sat_on == on]
                if not matches:
                    raise InputError(f"paper {code} is not timetabled on {format_date(on)}")
        else:
            with at(CODE):
                matches = _this_years(code, by_code[code], today, table.has(DATE))
        if table.has(SESSION) and not blank(cells.get(SESSION)):
            with at(SESSION):
                sess = timetable.parse_session(cells.get(SESSION))
                if not any(p.session == sess for p in matches):
                    raise InputError(f"paper {code} is not timetabled in the {sess} session: it is on "
                                     f"{_when(matches)}; correct the Session or leave it blank")
                matches = [p for p in matches if p.session == sess]
        if len(matches) > 1:
            with at(CODE):
                if dated:
                    how = "fill in its Session" if table.has(SESSION) else "add a Session column"
                    raise InputError(f"paper {code} is timetabled more than once on {format_date(matches[0].sat_on)} "
                                     f"({_when(matches)}); {how} to say which")
                year = AcademicYear.containing(matches[0].sat_on)
                how = "fill in its Date" if table.has(DATE) else "add a Date column"
                raise InputError(f"paper {code} is timetabled more than once in {year} ({_when(matches)}); "
                                 f"{how} to say which")
        pair = (candidate_id, matches[0].id)
        if pair in present or pair in planned:
            result.unchanged += 1
            continue
        planned.add(pair)
        result.add(row.number, f"enter candidate {format_number(number)} for {code}", pair)
    return result


def _when(papers: list[PaperRecord]) -> str:
    return ", ".join(f"{format_date(p.sat_on)} {p.session}" for p in papers)


def _this_years(code: str, papers: list[PaperRecord], today: date, has_date: bool) -> list[PaperRecord]:
    """The code's papers in the year an entry without a date is for; refused when every
    year that has it is over, because the timetable for this year is probably missing."""
    chosen = timetable.papers_for_entry(papers, today)
    if not chosen:
        years = sorted({AcademicYear.containing(p.sat_on) for p in papers})
        over = f"{years[0]}, which is" if len(years) == 1 else f"{', '.join(map(str, years))}, which are"
        how = "fill in its Date" if has_date else "add a Date column"
        raise InputError(f"paper {code} is timetabled only in {over} over; import this year's timetable first, "
                         f"or {how} to enter the past paper")
    return chosen


@bulk
def apply_entries(session: Session, result: ImportResult) -> None:
    timetable.add_entries(session, result.actions)
