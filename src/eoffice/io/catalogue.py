"""Every export eoffice writes, in one list: what each reads and which writer writes it.

``eoffice export NAME --format FORMAT [--kind DOCUMENT]`` and the window's File > Export both
list and run ``EXPORTS``, so a new export appears in both at once and the two write the same
file from the same data: they cannot drift. Each entry has two halves:

- ``gather`` reads the domain's answer through a ``Source`` (the command line's database
  file, or the window's open database) for a ``Request`` (the year, today, whose Standards);
- ``write`` formats that answer into the file and calls no domain function: data flows one
  way, from the domain through the catalogue into the writer.

Qt-free, like everything under ``io/``; the writers' own modules are imported only when an
export runs, so listing the catalogue (the command line's parser, the window's menu) is cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from eoffice.errors import EofficeError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from eoffice.domain.examday import TimetableChoice
    from eoffice.domain.years import AcademicYear

T = TypeVar("T")

FILE_TYPES = {
    "xlsx": ("Excel workbook", ".xlsx"),
    "pdf": ("PDF file", ".pdf"),
    "ics": ("iCalendar file", ".ics"),
    "csv": ("CSV file", ".csv"),
}
AREAS = {  # File > Export puts a line between areas
    "audit": "centre", "plan": "plan", "keydates": "keydates", "certificate": "standards", "standards": "standards",
    "meeting-pack": "standards", "access": "access", "exam-day": "access", "timetable": "access",
    "incidents": "access", "roster": "roster",
}
# What the window suggests calling each file, before its year (``file_stem``): by name, or
# name/document where one name writes several documents.
FILE_WORDS = {
    "audit": "audit-log", "plan": "exams-plan", "keydates": "key-dates", "certificate": "standards-certificate",
    "standards/summary": "professional-standards", "standards/statement": "values-statement",
    "meeting-pack": "meeting-pack", "access/register": "access-register", "access/sessions": "access-session-sheets",
    "access/candidates": "access-candidate-summaries", "access/door-list": "access-door-list",
    "exam-day/seating-plan": "seating-plans", "exam-day/register": "attendance-registers",
    "exam-day/desk-cards": "desk-cards", "exam-day/incident-log": "incident-log-sheets",
    "timetable": "exam-timetables", "timetable/ics": "exam-timetable", "incidents": "incident-log",
    "roster": "invigilation-roster",
}


def file_stem(words: str, year: AcademicYear, who: str = "") -> str:
    """The one rule for the names the window suggests: what the file is, whose (when it is one
    person's), then the academic year, ``exams-plan-2026-27``, ``standards-certificate-priya-shah-2026-27``."""
    parts = [words, *(_slug(who).split() if who else ()), year.label.replace("/", "-")]
    return "-".join(p for p in parts if p)


def _slug(text: str) -> str:
    """Words of a person's name fit for a file name: ``Daniel O'Connor`` -> ``daniel oconnor``."""
    kept = "".join(c for c in text.lower() if c.isalnum() or c.isspace() or c == "-")
    return " ".join(kept.replace("-", " ").split())


class Source(Protocol):
    """Where an export reads from. ``read`` runs a query in a session of its own; ``change``
    runs an edit that is committed (only the calendar export's one-off database id needs it)."""

    @property
    def read_only(self) -> bool: ...

    def read(self, query: Callable[[Session], T]) -> T: ...

    def change(self, edit: Callable[[Session], T]) -> T: ...


@dataclass(frozen=True)
class Request:
    year: AcademicYear
    today: date
    person_id: int | None = None  # whose Standards statement or certificate; None: the centre's exams officer
    on: date | None = None  # the exam day, for exports of one session (``Export.one_session``)
    session: str | None = None  # "AM" or "PM", with ``on``
    choice: TimetableChoice | None = None  # whose timetables (``--candidate``, ``--form``, ``--year-group``)
    series: str | None = None  # one series of the year (``--series``): the incident log


@dataclass(frozen=True)
class Export:
    name: str  # the command line's ``eoffice export NAME``
    fmt: str  # "xlsx", "pdf", "csv", "ics"
    label: str  # File > Export's menu item, with its access key
    gather: Callable[[Source, Request], Any]
    write: Callable[[Any, Path, Request], Path]
    document: str | None = None  # the command line's ``--kind``, for names with several documents
    default: bool = False  # the document ``--kind`` left out gives for this name and format
    sensitive: bool = False  # health or personal data: the window asks before writing
    one_session: bool = False  # prints one exam session (``--date``, ``--session``): from the exam-day page
    one_candidate: bool = False  # one candidate's file (``--candidate``): from the Candidates page, which knows whom
    chooses: bool = False  # for chosen candidates (``--candidate``, ``--form``, ``--year-group``)
    by_series: bool = False  # for the year or one series of it (``--series``): from the Incidents page
    # Kept in the database once the file is written (the exam-day kit: which plans are printed).
    recorded: Callable[[Source, Any], None] | None = None

    @property
    def area(self) -> str:
        return AREAS[self.name]

    @property
    def suffix(self) -> str:
        return FILE_TYPES[self.fmt][1]

    @property
    def file_filter(self) -> str:
        kind, suffix = FILE_TYPES[self.fmt]
        return f"{kind} (*{suffix})"

    def file_name(self, request: Request, who: str = "") -> str:
        """The name the window suggests (``file_stem``): ``key-dates-2026-27.pdf``. The audit log
        holds every year, so it carries the day it was written; one exam session's papers carry
        that day and session, ``seating-plans-2027-05-12-AM.pdf``."""
        words = (FILE_WORDS.get(f"{self.name}/{self.document}") or FILE_WORDS.get(f"{self.name}/{self.fmt}")
                 or FILE_WORDS[self.name])
        if self.name == "audit":
            stem = f"{words}-{request.today:%Y-%m-%d}"
        elif self.one_session and request.on is not None and request.session:
            stem = f"{words}-{request.on:%Y-%m-%d}-{request.session}"
        else:
            stem = file_stem(words, request.year, who)
        return stem + self.suffix

    def run(self, source: Source, request: Request, out: Path) -> Path:
        """Read, write, then record what was printed (``write_file`` and ``record`` in one)."""
        written, data = self.write_file(source, request, out)
        self.record(source, data)
        return written

    def write_file(self, source: Source, request: Request, out: Path) -> tuple[Path, Any]:
        """Read, then write: the file is written only once everything it shows has been read.
        Returns the file and what it shows (for ``record``).

        A PDF's footer carries the head of the audit log's hash chain as it stood when the
        data was read (``pdf.footer_mark``), so a printout kept in a folder can later show
        whether the log has been rewritten since."""
        data = self.gather(source, request)
        if self.fmt != "pdf":
            return self.write(data, Path(out), request), data
        from eoffice.domain import audit
        from eoffice.io import pdf

        head = source.read(audit.chain_head)
        with pdf.footer_mark(f"Audit log {head[:pdf.HEAD_CHARACTERS]}" if head else None):
            return self.write(data, Path(out), request), data

    def record(self, source: Source, data: Any) -> None:
        """Keep what was printed, once the file is in place (the window calls this only when an
        export it wrote in the background was kept, not cancelled); never from a read-only copy."""
        if self.recorded is not None and not source.read_only:
            self.recorded(source, data)


# --- what each export reads ------------------------------------------------------------------

def _audit(source: Source, request: Request) -> Any:
    from eoffice.domain.audit_names import named_entries

    return source.read(named_entries)


def _plan(source: Source, request: Request) -> Any:
    from eoffice.domain.centre import printed_name
    from eoffice.domain.plan import tasks

    return source.read(lambda s: (printed_name(s), tasks(s, request.year)))


def _keydates(source: Source, request: Request) -> Any:
    from eoffice.domain.centre import printed_name
    from eoffice.domain.keydates import key_dates

    return source.read(lambda s: (printed_name(s), key_dates(s, request.year)))


def _keydates_calendar(source: Source, request: Request) -> Any:
    """Key dates with the database's id, which makes each event's UID. A database from before
    databases had ids gets its id here, once (then kept), so re-imported calendars update."""
    from eoffice.domain.centre import printed_name
    from eoffice.domain.database_id import database_id, stored_database_id
    from eoffice.domain.keydates import key_dates

    name, records, uid_base = source.read(lambda s: (printed_name(s), key_dates(s, request.year),
                                                     stored_database_id(s)))
    if uid_base is None and records and not source.read_only:
        uid_base = source.change(database_id)
    return name, records, str(uid_base or "")  # "": there are no events to name


def _access(document: str) -> Callable[[Source, Request], Any]:
    def gather(source: Source, request: Request) -> Any:
        from eoffice.domain.examday import access_export_data

        return source.read(lambda s: access_export_data(s, request.year, request.today, document))

    return gather


def _standards_grid(source: Source, request: Request) -> Any:
    from eoffice.domain.centre import printed_name
    from eoffice.domain.standards import grid, reminder

    def read(session: Session) -> Any:
        rows = grid(session, request.year)
        reminders = {r.standards.year.id: reminder(session, r.standards, request.today) for r in rows if r.standards}
        return printed_name(session), rows, reminders

    return source.read(read)


def _officer(session: Session, request: Request) -> int:
    """Whose Standards: the one asked for, else the centre's exams officer (the first active
    one, whom the Centre tab names)."""
    from eoffice.domain.accounts import named_in_role

    if request.person_id is not None:
        return request.person_id
    officer = named_in_role(session, "exams_officer")
    if officer is None:
        raise EofficeError("no exams officer is recorded for this centre; add one in the Centre tab")
    return officer.id


def _statement(source: Source, request: Request) -> Any:
    from eoffice.domain.centre import printed_name
    from eoffice.domain.standards import find_year
    from eoffice.domain.standards import progress as standards_progress

    def read(session: Session) -> Any:
        record = find_year(session, _officer(session, request), request.year)
        if record is None:
            raise EofficeError(f"the Professional Standards for {request.year.label} have not been started")
        return printed_name(session), standards_progress.load(session, record.id)

    return source.read(read)


def _certificate(source: Source, request: Request) -> Any:
    from eoffice.domain.standards import certificate_for

    # NotYetEarned says what is still missing
    return source.read(lambda s: certificate_for(s, _officer(s, request), request.year))


def _meeting_pack(source: Source, request: Request) -> Any:
    from eoffice.domain.overview import meeting_pack

    return source.read(lambda s: meeting_pack(s, request.year, request.today))


def _roster(source: Source, request: Request) -> Any:
    from eoffice.domain.centre import printed_name
    from eoffice.domain.roster import export_data

    year = request.year
    return source.read(lambda s: export_data(s, year.start, year.end, printed_name(s), year.label))


def _one_session(request: Request) -> tuple[date, str]:
    """The session an exam-day export prints (``--date``, ``--session``)."""
    if request.on is None or request.session is None:
        raise EofficeError("exam-day exports are of one session: give --date YYYY-MM-DD and --session AM or PM")
    return request.on, request.session


def _exam_day(source: Source, request: Request) -> Any:
    from eoffice.domain.examday import kit_for

    on, session = _one_session(request)
    return source.read(lambda s: kit_for(s, on, session))


def _incident_sheets(source: Source, request: Request) -> Any:
    from eoffice.domain.examday import incident_sheets

    on, session = _one_session(request)
    return source.read(lambda s: incident_sheets(s, on, session))


def _timetables(source: Source, request: Request) -> Any:
    from eoffice.domain.examday import candidate_timetables

    return source.read(lambda s: candidate_timetables(s, request.year, request.choice))


def _timetable_calendar(source: Source, request: Request) -> Any:
    """One candidate's timetable, with the database's id that makes each event's UID (made
    once, then kept, as the key-dates calendar does)."""
    from eoffice.domain.database_id import database_id, stored_database_id
    from eoffice.domain.examday import candidate_timetables

    if request.choice is None or request.choice.candidate is None:
        raise EofficeError("--format ics: a calendar file is one candidate's; give --candidate NNNN")
    (timetable,), uid_base = source.read(lambda s: (candidate_timetables(s, request.year, request.choice),
                                                   stored_database_id(s)))
    if uid_base is None and not source.read_only:
        uid_base = source.change(database_id)
    return timetable, str(uid_base or "local")


def _incidents(source: Source, request: Request) -> Any:
    from eoffice.domain.examday import incident_log_for

    return source.read(lambda s: incident_log_for(s, request.year, request.series))


def _printed(kind: str) -> Callable[[Source, Any], None]:
    def record(source: Source, kit: Any) -> None:
        from eoffice.domain.examday import record_printed

        source.change(lambda s: record_printed(s, kit, kind))

    return record


def _exam_day_export(kind: str, label: str, *, default: bool = False) -> Export:
    return Export("exam-day", "pdf", label, _exam_day, _write_exam_day(kind), document=kind, default=default,
                  sensitive=True, one_session=True, recorded=_printed(kind))


# --- how each is written (formatting only) ---------------------------------------------------

def _write_audit(fmt: str) -> Callable[[Any, Path, Request], Path]:
    def write(records: Any, out: Path, request: Request) -> Path:
        from eoffice.io.audit_log import export_audit

        return export_audit(records, fmt, out)

    return write


def _write_plan(fmt: str) -> Callable[[Any, Path, Request], Path]:
    def write(data: Any, out: Path, request: Request) -> Path:
        name, year_tasks = data
        if fmt == "pdf":
            from eoffice.io.plan_pdf import write_plan_pdf

            return write_plan_pdf(out, name, request.year, year_tasks, request.today)
        from eoffice.io.plan_xlsx import export_plan

        return export_plan(request.year, year_tasks, fmt, out, request.today)

    return write


def _write_keydates(fmt: str) -> Callable[[Any, Path, Request], Path]:
    def write(data: Any, out: Path, request: Request) -> Path:
        from eoffice.io import keydates_export as export

        if fmt == "ics":
            name, records, uid_base = data
            return export.write_keydates_ics(out, name, request.year, records, database_id=uid_base)
        name, records = data
        if fmt == "pdf":
            return export.write_keydates_pdf(out, name, request.year, records, request.today)
        if fmt == "csv":
            return export.write_keydates_csv(out, request.year, records, request.today)
        return export.write_keydates_xlsx(out, request.year, records, request.today)

    return write


def _write_access(document: str, fmt: str) -> Callable[[Any, Path, Request], Path]:
    def write(data: Any, out: Path, request: Request) -> Path:
        from eoffice.io.access_export import export_access

        return export_access(out, data, document, fmt)

    return write


def _write_standards(fmt: str) -> Callable[[Any, Path, Request], Path]:
    def write(data: Any, out: Path, request: Request) -> Path:
        name, rows, reminders = data
        if fmt == "pdf":
            from eoffice.io.standards_pdf import write_standards_pdf

            return write_standards_pdf(out, name, request.year, rows, reminders, printed=request.today)
        from eoffice.io.standards_xlsx import write_standards_xlsx

        return write_standards_xlsx(out, request.year, rows, reminders)

    return write


def _write_statement(data: Any, out: Path, request: Request) -> Path:
    from eoffice.io.standards_pdf import write_statement_pdf

    name, standards = data
    return write_statement_pdf(out, name, standards, printed=request.today)


def _write_certificate(earned: Any, out: Path, request: Request) -> Path:
    from eoffice.io.standards_pdf import write_certificate_pdf

    return write_certificate_pdf(out, earned, printed=request.today)


def _write_meeting_pack(pack: Any, out: Path, request: Request) -> Path:
    from eoffice.io.meeting_pack_pdf import write_meeting_pack_pdf

    return write_meeting_pack_pdf(out, pack)


def _write_roster(fmt: str) -> Callable[[Any, Path, Request], Path]:
    def write(data: Any, out: Path, request: Request) -> Path:
        if fmt == "pdf":
            from eoffice.io.roster_pdf import write_roster_pdf

            return write_roster_pdf(out, data, printed=request.today)
        from eoffice.io.roster_export import write_roster_xlsx

        return write_roster_xlsx(out, data)

    return write


def _write_exam_day(kind: str) -> Callable[[Any, Path, Request], Path]:
    def write(kit: Any, out: Path, request: Request) -> Path:
        from eoffice.io.exam_day_pdf import write_exam_day_pdf

        return write_exam_day_pdf(out, kit, kind, printed=request.today)

    return write


def _write_incident_sheets(sheets: Any, out: Path, request: Request) -> Path:
    from eoffice.io.incident_export import write_incident_sheets_pdf

    return write_incident_sheets_pdf(out, sheets, printed=request.today)


def _write_incidents(fmt: str) -> Callable[[Any, Path, Request], Path]:
    def write(log: Any, out: Path, request: Request) -> Path:
        from eoffice.io import incident_export

        if fmt == "pdf":
            return incident_export.write_incidents_pdf(out, log, printed=request.today)
        return incident_export.write_incidents_xlsx(out, log)

    return write


def _write_timetables(timetables: Any, out: Path, request: Request) -> Path:
    from eoffice.io.timetable_pdf import write_timetables_pdf

    return write_timetables_pdf(out, timetables, printed=request.today)


def _write_timetable_calendar(data: Any, out: Path, request: Request) -> Path:
    from eoffice.io.timetable_ics import write_timetable_ics

    timetable, uid_base = data
    return write_timetable_ics(out, timetable, database_id=uid_base)


def _access_export(document: str, fmt: str, label: str, *, default: bool = False) -> Export:
    return Export("access", fmt, label, _access(document), _write_access(document, fmt), document=document,
                  default=default, sensitive=True)


# In File > Export's order; on the command line a name's formats are listed in this order too.
EXPORTS: tuple[Export, ...] = (
    Export("audit", "xlsx", "Audit log (&Excel)…", _audit, _write_audit("xlsx"), sensitive=True),  # names people and candidates
    Export("audit", "csv", "Audit log (&CSV)…", _audit, _write_audit("csv"), sensitive=True),
    Export("plan", "xlsx", "Annual exams p&lan (Excel)…", _plan, _write_plan("xlsx")),
    Export("plan", "pdf", "Annual exams plan (PDF wall pla&nner)…", _plan, _write_plan("pdf")),
    Export("plan", "csv", "Annual e&xams plan (CSV)…", _plan, _write_plan("csv")),
    Export("keydates", "xlsx", "&Key dates (Excel)…", _keydates, _write_keydates("xlsx")),
    Export("keydates", "pdf", "Key dates (PD&F)…", _keydates, _write_keydates("pdf")),
    Export("keydates", "ics", "Key dates (calendar f&ile)…", _keydates_calendar, _write_keydates("ics")),
    Export("keydates", "csv", "Ke&y dates (CSV)…", _keydates, _write_keydates("csv")),
    Export("certificate", "pdf", "Standards cer&tificate (PDF)…", _certificate, _write_certificate),
    Export("standards", "pdf", "&Values statement (PDF)…", _statement, _write_statement, document="statement"),
    Export("meeting-pack", "pdf", "&Meeting pack (PDF)…", _meeting_pack, _write_meeting_pack),
    Export("standards", "xlsx", "Professional &Standards (Excel)…", _standards_grid, _write_standards("xlsx"),
           document="summary", default=True),
    Export("standards", "pdf", "Pr&ofessional Standards (PDF)…", _standards_grid, _write_standards("pdf"),
           document="summary", default=True),
    _access_export("register", "xlsx", "&Access arrangements register (Excel)…", default=True),
    _access_export("sessions", "pdf", "Access session s&heets (PDF)…", default=True),
    _access_export("candidates", "pdf", "Access candidate s&ummaries (PDF)…"),
    _access_export("door-list", "pdf", "Access &door list (PDF)…"),
    _access_export("door-list", "xlsx", "Access door list (Excel ta&ble)…"),
    _exam_day_export("seating-plan", "Seating &plans (PDF)…", default=True),
    _exam_day_export("register", "Attendance &registers (PDF)…"),
    _exam_day_export("desk-cards", "&Desk cards (PDF)…"),
    Export("exam-day", "pdf", "&Incident log sheets (PDF)…", _incident_sheets, _write_incident_sheets,
           document="incident-log", sensitive=True, one_session=True),
    Export("timetable", "pdf", "Candidates' o&wn exam timetables (PDF)…", _timetables, _write_timetables,
           sensitive=True, chooses=True),
    Export("timetable", "ics", "Candidate's exam timetable (&calendar file)…", _timetable_calendar,
           _write_timetable_calendar, sensitive=True, chooses=True, one_candidate=True),
    Export("incidents", "xlsx", "&Incident log (Excel)…", _incidents, _write_incidents("xlsx"), sensitive=True,
           by_series=True),
    Export("incidents", "pdf", "Incident lo&g (PDF)…", _incidents, _write_incidents("pdf"), sensitive=True,
           by_series=True),
    Export("roster", "xlsx", "Invigilation &roster (Excel)…", _roster, _write_roster("xlsx"), sensitive=True),
    Export("roster", "pdf", "Invigilation roster (&PDF)…", _roster, _write_roster("pdf"), sensitive=True),
)


def names() -> list[str]:
    """What ``eoffice export`` accepts, sorted."""
    return sorted({e.name for e in EXPORTS})


def formats(name: str) -> tuple[str, ...]:
    """The formats ``name`` exports as, in the order of ``FILE_TYPES`` (Excel first)."""
    have = {e.fmt for e in EXPORTS if e.name == name}
    return tuple(f for f in FILE_TYPES if f in have)


def documents(name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.document for e in EXPORTS if e.name == name and e.document))


def find(name: str, fmt: str, document: str | None = None) -> Export:
    """The export the command line names; a format or document it does not have is one plain
    line naming the option."""
    given, fmt = fmt, fmt.lower()
    if fmt not in formats(name):
        raise EofficeError(f"--format {given}: {name} exports as {' or '.join(formats(name))}")
    kinds = documents(name)
    if document is not None and kinds:
        if document not in kinds:
            raise EofficeError(f"--kind {document}: {name} exports are {', '.join(kinds)}")
        found = [e for e in EXPORTS if e.name == name and e.document == document and e.fmt == fmt]
        if not found:
            have = " or ".join(e.fmt for e in EXPORTS if e.name == name and e.document == document)
            raise EofficeError(f"--kind {document} exports as {have}, not {fmt}")
        return found[0]
    candidates = [e for e in EXPORTS if e.name == name and e.fmt == fmt]
    return next((e for e in candidates if e.default), candidates[0])
