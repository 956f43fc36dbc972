"""The centre's exam timetable (papers) and who is entered for what (entries).

Shared with the invigilator roster, which reads the same tables: a paper is one
component sat in one session (AM or PM) on one day. The published start defaults to
the centre's session start (a setting: many centres start at 09:00 and 13:30, some
not), and the series a paper belongs to is worked out from its date, because awarding
bodies publish one timetable per series (``exam_series``, re-exported here: the Overview
reads the first exam of each series before SQLAlchemy loads).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from eoffice.db.models import Entry, Paper
from eoffice.domain import audit, settings
from eoffice.domain.access.exam_series import first_exam_of_series as first_exam_of_series
from eoffice.domain.access.exam_series import series_of as series_of
from eoffice.domain.access.exam_time import SESSIONS, clock, parse_clock
from eoffice.domain.bulk import Updates, audit_each, by_ids, insert_all, values_of
from eoffice.domain.dates import format_date
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

MODES: dict[str, str] = {"written": "Written", "on_screen": "On-screen", "practical": "Practical"}
START_LEEWAY_MINUTES = 30  # JCQ ICE section 6: a start may move this far from the published time
BOARD_MAX, CODE_MAX, TITLE_MAX, QUALIFICATION_MAX = 40, 30, 200, 40


@dataclass(frozen=True)
class PaperFields:
    board: str
    code: str
    title: str
    sat_on: date
    session: str
    start_minutes: int
    duration_minutes: int
    qualification: str = ""
    mode: str = "written"


@dataclass(frozen=True)
class PaperRecord:
    id: int
    fields: PaperFields

    board = property(lambda self: self.fields.board)
    code = property(lambda self: self.fields.code)
    title = property(lambda self: self.fields.title)
    sat_on = property(lambda self: self.fields.sat_on)
    session = property(lambda self: self.fields.session)
    start_minutes = property(lambda self: self.fields.start_minutes)
    duration_minutes = property(lambda self: self.fields.duration_minutes)
    qualification = property(lambda self: self.fields.qualification)
    mode = property(lambda self: self.fields.mode)


@dataclass(frozen=True)
class PaperSnapshot:
    record: PaperRecord
    candidate_ids: tuple[int, ...]


def is_gce(qualification: str) -> bool:
    """A level and AS (GCE), as opposed to GCSE and the rest: the day-length rule differs."""
    text = qualification.casefold()
    if "gcse" in text:
        return False
    return "gce" in text or "a level" in text or "a-level" in text or text.strip() in ("as", "a2", "as level")


def default_start(session: Session, exam_session: str) -> int:
    """The centre's published start for AM or PM (settings "timetable.start.AM"/"PM")."""
    if exam_session not in SESSIONS:
        raise InputError(f"{exam_session!r} is not a session: use AM or PM")
    return parse_clock(str(settings.get(session, f"timetable.start.{exam_session}")))


def check_start(session: Session, exam_session: str, start_minutes: int, *, usual: int | None = None) -> None:
    """Refuse a start more than ``START_LEEWAY_MINUTES`` from the session's start.

    JCQ lets a centre start a paper up to 30 minutes before or after the published time
    without permission (ICE section 6); a start further away is nearly always a slip or
    the wrong session, and would put the paper's finish times and clashes wrong.
    ``usual`` is ``default_start``, read once by a caller checking thousands of rows.
    """
    if usual is None:
        usual = default_start(session, exam_session)
    if abs(start_minutes - usual) > START_LEEWAY_MINUTES:
        other = "PM" if exam_session == "AM" else "AM"
        raise InputError(
            f"the start {clock(start_minutes)} is more than {START_LEEWAY_MINUTES} minutes from the {exam_session} "
            f"start, {clock(usual)}: JCQ lets a centre move a start by up to {START_LEEWAY_MINUTES} minutes without "
            f"permission, so give a time from {clock(usual - START_LEEWAY_MINUTES)} to "
            f"{clock(usual + START_LEEWAY_MINUTES)}, or put the paper in the {other} session"
        )


def parse_session(value: object) -> str:
    text = str(value or "").strip().upper().replace(".", "")
    aliases = {"AM": "AM", "MORNING": "AM", "PM": "PM", "AFTERNOON": "PM"}
    if text not in aliases:
        raise InputError(f"{value!r} is not a session: use AM or PM")
    return aliases[text]


def parse_mode(value: object) -> str:
    text = " ".join(str(value or "").split()).casefold().replace("-", " ").replace("_", " ")
    if not text:
        return "written"
    for key, label in MODES.items():
        if text in (key.replace("_", " "), label.casefold().replace("-", " ")):
            return key
    if text in ("onscreen", "computer", "on screen test"):
        return "on_screen"
    raise InputError(f"{value!r} is not a mode; use one of: {', '.join(MODES.values())}")


def validate_paper(fields: PaperFields) -> PaperFields:
    board, code = " ".join(fields.board.split()), "".join(fields.code.split()).upper()
    title, qualification = " ".join(fields.title.split()), " ".join(fields.qualification.split())
    for value, what, limit in ((board, "awarding body", BOARD_MAX), (code, "paper code", CODE_MAX),
                               (title, "title", TITLE_MAX)):
        if not value:
            raise InputError(f"the paper needs an {what}" if what[0] in "a" else f"the paper needs a {what}")
        if len(value) > limit:
            raise InputError(f"the {what} is longer than {limit} characters")
    if len(qualification) > QUALIFICATION_MAX:
        raise InputError(f"the qualification is longer than {QUALIFICATION_MAX} characters")
    if fields.session not in SESSIONS:
        raise InputError(f"{fields.session!r} is not a session: use AM or PM")
    if fields.mode not in MODES:
        raise InputError(f"{fields.mode!r} is not a mode; use one of: {', '.join(MODES.values())}")
    if not 0 <= fields.start_minutes < 24 * 60:
        raise InputError("the start time must be between 00:00 and 23:59")
    if not 0 < fields.duration_minutes <= 24 * 60:
        raise InputError("the duration must be more than 0 minutes")
    if (board, code, title, qualification) == (fields.board, fields.code, fields.title, fields.qualification):
        return fields  # already clean (an import checks each paper, then writes it): no copy
    return replace(fields, board=board, code=code, title=title, qualification=qualification)


def _record(row: Paper) -> PaperRecord:
    return PaperRecord(row.id, PaperFields(
        board=row.board, code=row.code, title=row.title, sat_on=row.sat_on, session=row.session,
        start_minutes=row.start_minutes, duration_minutes=row.duration_minutes,
        qualification=row.qualification, mode=row.mode,
    ))


def _paper_order() -> tuple[InstrumentedAttribute[date], InstrumentedAttribute[str], InstrumentedAttribute[int],
                            InstrumentedAttribute[str]]:
    return (Paper.sat_on, Paper.session, Paper.start_minutes, Paper.code)


def papers(session: Session, year: AcademicYear | None = None) -> list[PaperRecord]:
    query = select(Paper).order_by(*_paper_order())
    if year is not None:
        query = query.where(Paper.sat_on >= year.start, Paper.sat_on <= year.end)
    return [_record(row) for row in session.scalars(query)]


def paper(session: Session, paper_id: int) -> PaperRecord:
    row = session.get(Paper, paper_id)
    if row is None:
        raise InputError(f"there is no paper {paper_id}")
    return _record(row)


def find_paper(session: Session, code: str, sat_on: date, exam_session: str) -> PaperRecord | None:
    row = session.scalar(select(Paper).where(Paper.code == code, Paper.sat_on == sat_on, Paper.session == exam_session))
    return None if row is None else _record(row)


def entry_counts(session: Session) -> tuple[dict[int, int], dict[int, int]]:
    """Entries per candidate id and per paper id, as two grouped counts: fetching a large
    centre's 20,000 entry pairs only to count them would slow the Access tab's opening."""
    by_candidate = select(Entry.candidate_id, func.count()).group_by(Entry.candidate_id)
    by_paper = select(Entry.paper_id, func.count()).group_by(Entry.paper_id)
    return ({c: n for c, n in session.execute(by_candidate)}, {p: n for p, n in session.execute(by_paper)})


def exam_sessions(session: Session, start: date, end: date) -> list[tuple[date, str]]:
    """Every (date, AM/PM) with a paper between two dates, in order: the sessions invigilators'
    availability is asked for."""
    rows = session.execute(select(Paper.sat_on, Paper.session).where(Paper.sat_on >= start, Paper.sat_on <= end).distinct())
    return sorted((on, sess) for on, sess in rows)


def papers_for_entry(found: Sequence[PaperRecord], today: date) -> list[PaperRecord]:
    """Which of one code's papers an entry that gives only the code is for.

    Boards use the same codes every year (8700/1 is sat every summer), so the code alone
    means the paper of the academic year that contains ``today`` or, when that year has
    none, of the next year that has it. More than one paper back means the code is sat
    more than once in that year (a November resit and a June paper) and the date must
    say which; none means the code is timetabled only in years that are over.
    """
    this_year = AcademicYear.containing(today)
    years = sorted({y for p in found if (y := AcademicYear.containing(p.sat_on)) >= this_year})
    if not years:
        return []
    return sorted((p for p in found if years[0].contains(p.sat_on)), key=lambda p: (p.sat_on, p.session))


def _refuse_duplicate(session: Session, fields: PaperFields, paper_id: int | None) -> None:
    other = find_paper(session, fields.code, fields.sat_on, fields.session)
    if other is not None and other.id != paper_id:
        raise InputError(
            f"paper {fields.code} is already timetabled on {format_date(fields.sat_on)} {fields.session}"
        )


def add_paper(session: Session, fields: PaperFields, *, paper_id: int | None = None) -> PaperRecord:
    fields = validate_paper(fields)
    _refuse_duplicate(session, fields, None)
    row = Paper(**asdict(fields))
    if paper_id is not None:
        row.id = paper_id
    session.add(row)
    session.flush()
    audit.record(session, "create", "paper", row.id, _added(fields))
    return _record(row)


def update_paper(session: Session, paper_id: int, fields: PaperFields) -> PaperRecord:
    fields = validate_paper(fields)
    row = session.get(Paper, paper_id)
    if row is None:
        raise InputError(f"there is no paper {paper_id}")
    _refuse_duplicate(session, fields, paper_id)
    changed = [name for name, value in asdict(fields).items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, getattr(fields, name))
    if changed:
        session.flush()
        audit.record(session, "update", "paper", paper_id, f"paper {row.code} changed: {', '.join(changed)}")
    return _record(row)


def _added(fields: PaperFields) -> str:
    return f"paper {fields.code} added on {format_date(fields.sat_on)} {fields.session}"


def add_papers(session: Session, many: Sequence[PaperFields]) -> list[int]:
    """Add many papers (an import), each checked and audited as ``add_paper`` does; returns
    their ids. One query for the papers there and one insert, whatever the count."""
    checked = [validate_paper(fields) for fields in many]
    there = {(code, on, sess) for code, on, sess in session.execute(select(Paper.code, Paper.sat_on, Paper.session))}
    for fields in checked:
        key = (fields.code, fields.sat_on, fields.session)
        if key in there:
            raise InputError(f"paper {fields.code} is already timetabled on {format_date(fields.sat_on)} {fields.session}")
        there.add(key)
    ids = insert_all(session, Paper, [values_of(fields) for fields in checked])
    audit_each(session, "create", "paper", ((paper_id, _added(fields)) for paper_id, fields in zip(ids, checked, strict=True)))
    return ids


def update_papers(session: Session, changes: Sequence[tuple[int, PaperFields]]) -> None:
    """Change many papers (an import), each checked and audited as ``update_paper`` does, in a few statements."""
    rows = by_ids(session, Paper, (paper_id for paper_id, _fields in changes))
    query = select(Paper.id, Paper.code, Paper.sat_on, Paper.session)
    owners = {(code, on, sess): paper_id for paper_id, code, on, sess in session.execute(query).all()}
    updates = Updates(Paper, "paper")
    for paper_id, fields in changes:
        fields = validate_paper(fields)
        row = rows.get(paper_id)
        if row is None:
            raise InputError(f"there is no paper {paper_id}")
        key = (fields.code, fields.sat_on, fields.session)
        if owners.get(key, paper_id) != paper_id:
            raise InputError(f"paper {fields.code} is already timetabled on {format_date(fields.sat_on)} {fields.session}")
        owners.pop((row.code, row.sat_on, row.session), None)
        owners[key] = paper_id
        updates.compare(paper_id, row, values_of(fields), f"paper {fields.code}")
    updates.write(session)


def delete_papers(session: Session, paper_ids: Iterable[int]) -> list[PaperSnapshot]:
    """Delete papers and their entries; returns what undo needs to put them back."""
    gone = []
    for paper_id in list(paper_ids):
        record = paper(session, paper_id)
        entered = tuple(session.scalars(select(Entry.candidate_id).where(Entry.paper_id == paper_id)))
        gone.append(PaperSnapshot(record, entered))
        session.execute(delete(Entry).where(Entry.paper_id == paper_id))
        session.delete(session.get(Paper, paper_id))
        audit.record(session, "delete", "paper", paper_id, f"paper {record.code} deleted")
    session.flush()
    return gone


def restore_papers(session: Session, snapshots: Sequence[PaperSnapshot]) -> None:
    for snap in snapshots:
        add_paper(session, snap.record.fields, paper_id=snap.record.id)
        add_entries(session, [(cid, snap.record.id) for cid in snap.candidate_ids], audited=False)


# --- entries -------------------------------------------------------------------------

def entered_pairs(session: Session) -> set[tuple[int, int]]:
    """Every (candidate id, paper id) entered, in one query."""
    return {(c, p) for c, p in session.execute(select(Entry.candidate_id, Entry.paper_id))}


def add_entries(session: Session, pairs: Iterable[tuple[int, int]], *, audited: bool = True) -> int:
    """Enter candidates for papers in one bulk insert; pairs already entered are skipped.

    Entries come by the thousand (a whole year group's subjects), so they go in with
    one ``insert()`` and one audit line, not an ORM object and audit line each.
    """
    present = entered_pairs(session)
    new = sorted({pair for pair in pairs if pair not in present})
    if new:
        session.execute(insert(Entry), [{"candidate_id": c, "paper_id": p} for c, p in new])
        if audited:
            audit.record(session, "create", "entry", None, f"{len(new)} entries added")
    return len(new)


def remove_entries(session: Session, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Withdraw entries; returns the pairs removed, which ``add_entries`` puts back."""
    removed = []
    for candidate_id, paper_id in pairs:
        result = session.execute(delete(Entry).where(Entry.candidate_id == candidate_id, Entry.paper_id == paper_id))
        if result.rowcount:  # type: ignore[attr-defined]
            removed.append((candidate_id, paper_id))
    if removed:
        audit.record(session, "delete", "entry", None, f"{len(removed)} entries withdrawn")
    return removed


def papers_for_candidate(session: Session, candidate_id: int) -> list[PaperRecord]:
    query = select(Paper).join(Entry, Entry.paper_id == Paper.id).where(Entry.candidate_id == candidate_id)
    return [_record(row) for row in session.scalars(query.order_by(*_paper_order()))]
