"""Bench rows for exports (issue 17): every Excel export against a bare openpyxl write of the
same cells, and every PDF export's largest document timed.

Data: the demo centre at ``--scale 10`` (``scale10``: about 1,800 candidates, 20,000 entries,
440 invigilators), today fixed at 23 November 2026, so the year is 2026/27 and its summer
May-June 2027. Each export's domain result is read once, through the export catalogue's own
``gather`` (``io.catalogue``), outside the timed part; every run then times only the writer,
``Export.write``, handed that result: the step from the domain's answer to a finished file,
sheets or pages laid out, written to a partial file and renamed into place.

Excel rows (target: eoffice under 1.2 x the baseline). The baseline is the plainest openpyxl
code writing the same cells: the export's own sheets (``plan_sheets``, ``register_sheet``,
...) are made once outside the timed part, and each run appends their notice, header and rows
as they are to a new workbook and saves it; no widths, frozen panes, filters, styles, formula
escaping or partial file. openpyxl has two ways to write, normal and write-only; each row is
timed both ways three times while it is prepared and the faster is its baseline (a ``note:``
line says which, with the cells and sheets written). The subject is eoffice's writer, which
also builds those sheets from the domain result. Most of these files take 10 to 300 ms, where
one busy moment of the machine moves a single timing by a third, so each run writes the file
several times, as many on both sides, and counts the quickest (as ``timeit`` does): three
times, or as many as fill a tenth of a second at the baseline's pace, up to fifteen. Every row
counts this process's CPU time (``clock``), not the time on the clock. One more row, figures
only, times the roster's whole catalogue export (the domain's read as well as the writer), the
largest workbook, against the same bare write of its cells.

PDF rows (figures only): the largest document of each kind the demo has, named in the row and
in a ``note:`` line with its pages, pieces of text and size: the whole year's plan, key dates,
Standards, values statement and meeting pack (and the Standards certificate of 2025/26, the
year the demo officer earned it); the access register's session sheets, candidate summaries
and door list for the year; the busiest exam session's seating plans, registers, desk cards
and incident sheets; every candidate's own timetable; the incident log; the whole roster. The baseline is fpdf2 alone placing as
many pieces of text (a cell's worth each, in a core font, at set places) on as many pages as
the document has, counted in the document once it is written: the ratio says what eoffice's
layout (measuring, wrapping, fonts that cover every name, tables) costs over fpdf2 itself.

The demo records no incidents, so the incident log rows are handed a made-up log of the
same shape: one line in every room of every summer session (the rooms and candidates are the
demo's), a heavy summer's worth.
"""

from __future__ import annotations

import math
import re
import statistics
import time
import zlib
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import scale10  # beside this file

# Every row here runs in this process, in one thread, and does not wait on anything: its time
# is the CPU time this process spends (``time.process_time``, user and system), the same as
# the time on a clock on an idle machine, but not stretched by whatever else the machine runs
# (other benches, a build): on a shared machine a 10 ms export may wait its turn for a core.
clock = time.process_time
XLSX_TARGET = 1.2
PROBES = 3  # runs of each openpyxl mode when choosing an Excel row's baseline
REPEATS = (3, 15)  # the fewest and most writes in one timed run of an Excel row; the quickest counts
REPEAT_FOR = 0.1  # seconds of writing (at the baseline's pace) that set how many
CERTIFICATE_YEAR = 2025  # the demo officer's certificate is earned for 2025/26 (not yet for 2026/27)

_state: dict[str, Any] = {}
_noted: set[str] = set()


@dataclass(frozen=True)
class Kind:
    """One export of the catalogue, and what the bench calls it."""

    key: str
    title: str  # the row's name, after "export xlsx: " or "export pdf: "
    name: str  # the catalogue's export name, format and document
    fmt: str
    document: str | None = None
    one_session: bool = False  # the busiest session's papers
    year: int | None = None  # another academic year than the current one
    made_up: bool = False  # the demo has none: the bench makes the data (the incident log)


XLSX = (
    Kind("audit", "audit log, every entry", "audit", "xlsx"),
    Kind("plan", "annual plan, 2026/27", "plan", "xlsx"),
    Kind("keydates", "key dates, 2026/27", "keydates", "xlsx"),
    Kind("standards", "Professional Standards, 2026/27", "standards", "xlsx", "summary"),
    Kind("register", "access arrangements register, scale 10", "access", "xlsx", "register"),
    Kind("door-list", "access door list, year, scale 10", "access", "xlsx", "door-list"),
    Kind("incidents", "incident log, a line per room and session (made up)", "incidents", "xlsx", made_up=True),
    Kind("roster", "invigilation roster, year, scale 10", "roster", "xlsx"),
)
PDF = (
    Kind("plan-pdf", "annual plan wall planner, 2026/27", "plan", "pdf"),
    Kind("keydates-pdf", "key dates, 2026/27", "keydates", "pdf"),
    Kind("certificate", "Standards certificate, 2025/26", "certificate", "pdf", year=CERTIFICATE_YEAR),
    Kind("statement", "values statement, 2026/27", "standards", "pdf", "statement"),
    Kind("standards-pdf", "Professional Standards, 2026/27", "standards", "pdf", "summary"),
    Kind("meeting-pack", "meeting pack, 2026/27", "meeting-pack", "pdf"),
    Kind("sessions", "access session sheets, year, scale 10", "access", "pdf", "sessions"),
    Kind("candidates", "access candidate summaries, year, scale 10", "access", "pdf", "candidates"),
    Kind("door-pdf", "access door list, year, scale 10", "access", "pdf", "door-list"),
    Kind("seating-plan", "seating plans, busiest session, scale 10", "exam-day", "pdf", "seating-plan", True),
    Kind("exam-register", "attendance registers, busiest session, scale 10", "exam-day", "pdf", "register", True),
    Kind("desk-cards", "desk cards, busiest session, scale 10", "exam-day", "pdf", "desk-cards", True),
    Kind("incident-sheets", "incident log sheets, busiest session, scale 10", "exam-day", "pdf", "incident-log",
         True),
    Kind("timetables", "every candidate's timetable, year, scale 10", "timetable", "pdf"),
    Kind("incidents-pdf", "incident log, a line per room and session (made up)", "incidents", "pdf", made_up=True),
    Kind("roster-pdf", "invigilation roster, year, scale 10", "roster", "pdf"),
)


def _note(key: str, text: str) -> None:
    if key not in _noted:
        _noted.add(key)
        print(f"note: {text}", flush=True)


class _Source:
    """The catalogue's ``Source`` over the shared scale-10 database: read-only use, so nothing
    an export would record (the exam-day kit's printed plans) is written."""

    read_only = True

    def __init__(self, db: Any) -> None:
        self.db = db

    def read(self, query: Callable[[Any], Any]) -> Any:
        with self.db.sessions() as session:
            return query(session)

    def change(self, edit: Callable[[Any], Any]) -> Any:
        raise RuntimeError("the export bench only reads")


def _folder(ctx: Any) -> Path:
    folder = Path(ctx.workdir) / "exports"
    folder.mkdir(exist_ok=True)
    return folder


def _request(ctx: Any, kind: Kind) -> Any:
    from eoffice.domain.access import busiest_session
    from eoffice.domain.years import AcademicYear
    from eoffice.io.catalogue import Request

    year = AcademicYear(kind.year) if kind.year else AcademicYear.current(scale10.TODAY)
    if not kind.one_session:
        return Request(year, scale10.TODAY)
    if "busiest" not in _state:
        with scale10.database(ctx.workdir).sessions() as session:
            _state["busiest"] = busiest_session(session)
    on, session = _state["busiest"]
    return Request(year, scale10.TODAY, on=on, session=session)


def _made_up_log(ctx: Any, log: Any) -> Any:
    """The demo's (empty) incident log given a line in every room of every summer session,
    naming the first few candidates the demo seats there."""
    from sqlalchemy import text

    from eoffice.domain.examday import FOLLOW_UPS, INCIDENT_KINDS, IncidentFields, IncidentRecord

    query = text('SELECT pl."on", pl.session, r.name, c.number FROM placement pl JOIN room r ON r.id = pl.room_id '
                 'JOIN candidate c ON c.id = pl.candidate_id ORDER BY pl."on", pl.session, r.name, c.number')
    with scale10.database(ctx.workdir).sessions() as session:
        found = session.execute(query).all()
    rooms: dict[tuple[str, str, str], list[str]] = {}
    for on, sess, room, number in found:
        rooms.setdefault((on, sess, room), []).append(f"{int(number):04d}")
    kinds, follow_ups = list(INCIDENT_KINDS), list(FOLLOW_UPS)
    lines = []
    for i, ((on, sess, room), numbers) in enumerate(sorted(rooms.items())):
        day = date.fromisoformat(str(on)[:10])
        fields = IncidentFields(
            day, sess, room, (9 * 60 + 20) if sess == "AM" else (13 * 60 + 50), kinds[i % len(kinds)],
            what=f"Candidate {numbers[0]} reported feeling unwell twenty minutes in; the invigilator "
                 "stopped the clock for the candidate and a first aider attended." * (1 + i % 3),
            candidates=tuple(numbers[: 1 + i % 3]), action="Supervised rest break, then resumed; time added.",
            recorded_by="J. Smith", follow_up=follow_ups[i % len(follow_ups)])
        recorded = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=15)
        lines.append(IncidentRecord(i + 1, fields, i % 2 == 0, recorded))
    return replace(log, lines=tuple(lines))


def _prepared(ctx: Any, kind: Kind) -> dict[str, Any]:
    """The export, its request and its domain result, read once (not timed)."""
    if kind.key in _state:
        return _state[kind.key]
    from eoffice.io.catalogue import find

    export = find(kind.name, kind.fmt, kind.document)
    request = _request(ctx, kind)
    data = export.gather(_Source(scale10.database(ctx.workdir)), request)
    if kind.made_up:
        data = _made_up_log(ctx, data)
    prepared = {"export": export, "request": request, "data": data,
                "out": _folder(ctx) / f"eoffice-{kind.key}.{kind.fmt}"}
    _state[kind.key] = prepared
    return prepared


def _write(ctx: Any, kind: Kind) -> float:
    """Seconds for eoffice's writer (``Export.write``) handed the domain result."""
    prepared = _prepared(ctx, kind)
    start = clock()
    prepared["export"].write(prepared["data"], prepared["out"], prepared["request"])
    return clock() - start


def _quickest(measure: Callable[[], float], times: int) -> float:
    return min(measure() for _ in range(times))


# --- Excel ---------------------------------------------------------------------------------

def _sheets(kind: Kind, data: Any, request: Any) -> list[Any]:
    """The export's own sheets for its domain result: the cells the baseline writes."""
    from eoffice.io import access_export, audit_log, incident_export, keydates_export, plan_xlsx, roster_export
    from eoffice.io.standards_xlsx import standards_sheets

    year, today = request.year, request.today
    makers: dict[str, Callable[[], list[Any]]] = {
        "audit": lambda: [audit_log.audit_sheet(data)],
        "plan": lambda: plan_xlsx.plan_sheets(year, data[1], today),
        "keydates": lambda: keydates_export.keydates_sheets(year, data[1], today),
        "standards": lambda: standards_sheets(year, data[1], data[2]),
        "register": lambda: [access_export.register_sheet(data)],
        "door-list": lambda: [access_export.door_sheet(data)],
        "incidents": lambda: [incident_export.incidents_sheet(data)],
        "roster": lambda: roster_export.roster_sheets(data),
    }
    return makers[kind.key]()


def _bare_xlsx(sheets: list[Any], path: Path, write_only: bool) -> float:
    """The plainest openpyxl write of the sheets' cells: notice, header and rows appended."""
    from openpyxl import Workbook

    start = clock()
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title[:31])
        if sheet.notice:
            ws.append([sheet.notice])
            ws.append([])
        ws.append([column.header for column in sheet.columns])
        for row in sheet.rows:
            ws.append(list(row))
    workbook.save(path)
    return clock() - start


def _baseline_mode(ctx: Any, kind: Kind) -> tuple[list[Any], bool]:
    """The sheets, and whether write-only mode is the faster bare write of them."""
    prepared = _prepared(ctx, kind)
    if "sheets" not in prepared:
        sheets = _sheets(kind, prepared["data"], prepared["request"])
        path = _folder(ctx) / f"bare-{kind.key}.xlsx"
        normal, write_only = [], []
        for _ in range(PROBES):
            normal.append(_bare_xlsx(sheets, path, False))
            write_only.append(_bare_xlsx(sheets, path, True))
        fast = statistics.median(write_only) < statistics.median(normal)
        pace = statistics.median(write_only if fast else normal)
        prepared["sheets"], prepared["write_only"] = sheets, fast
        prepared["repeats"] = max(REPEATS[0], min(REPEATS[1], math.ceil(REPEAT_FOR / max(pace, 1e-6))))
        cells = sum(len(s.rows) * len(s.columns) for s in sheets)
        _note(f"xlsx {kind.key}", f"export xlsx: {kind.title}: {cells:,} cells in {len(sheets)} "
              f"sheet{'s' if len(sheets) != 1 else ''}; baseline in openpyxl's {'write-only' if fast else 'normal'} "
              f"mode (normal {1000 * statistics.median(normal):.0f} ms, write-only "
              f"{1000 * statistics.median(write_only):.0f} ms); subject: the writer only; the quickest of "
              f"{prepared['repeats']} writes a run")
    return prepared["sheets"], prepared["write_only"]


def _xlsx_baseline(kind: Kind) -> Callable[[Any], float]:
    def baseline(ctx: Any) -> float:
        sheets, write_only = _baseline_mode(ctx, kind)
        path = _folder(ctx) / f"bare-{kind.key}.xlsx"
        return _quickest(lambda: _bare_xlsx(sheets, path, write_only), _prepared(ctx, kind)["repeats"])

    baseline.__doc__ = f"A bare openpyxl write of the cells of the {kind.title} export."
    return baseline


def _xlsx_subject(kind: Kind) -> Callable[[Any], float]:
    def subject(ctx: Any) -> float:
        _baseline_mode(ctx, kind)  # the note first, and the same preparation for both sides
        return _quickest(lambda: _write(ctx, kind), _prepared(ctx, kind)["repeats"])

    subject.__doc__ = f"eoffice's writer for the {kind.title} export, handed its domain result."
    return subject


def roster_catalogue(ctx: Any) -> float:
    """The roster's whole catalogue export (domain read and writer), as File > Export runs it."""
    roster = next(k for k in XLSX if k.key == "roster")
    prepared = _prepared(ctx, roster)
    source = _Source(scale10.database(ctx.workdir))
    start = clock()
    prepared["export"].write_file(source, prepared["request"], _folder(ctx) / "eoffice-roster-catalogue.xlsx")
    return clock() - start


# --- PDF -----------------------------------------------------------------------------------

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page object; not /Pages, the tree above them
_STREAM = re.compile(rb"<<([^>]*?)>>\s*stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_TEXT_RUN = re.compile(rb"(?<!\\)[)\]] ?T[jJ]\b")  # a string shown: "(...) Tj" or "[...] TJ"
BARE_TEXT = "Candidate 1234 Maths"  # what the baseline shows each time: a typical cell's worth


def _shape(path: Path) -> tuple[int, int]:
    """The document's pages and the pieces of text it shows, counted in its page contents
    (fpdf2 writes page objects plainly and compresses each page's contents; font files, which
    are compressed too, are left out)."""
    raw = path.read_bytes()
    runs = 0
    for header, body in _STREAM.findall(raw):
        if b"/Length1" in header or b"/Subtype" in header:
            continue
        with suppress(zlib.error):
            runs += len(_TEXT_RUN.findall(zlib.decompress(body) if b"FlateDecode" in header else body))
    return max(1, len(_PAGE.findall(raw))), runs


def _pdf_shape(ctx: Any, kind: Kind) -> tuple[int, int]:
    """The document's pages and text runs, from one write made while preparing (not timed);
    notes what the document is."""
    prepared = _prepared(ctx, kind)
    if "shape" not in prepared:
        _write(ctx, kind)
        prepared["shape"] = pages, runs = _shape(prepared["out"])
        size = prepared["out"].stat().st_size
        _note(f"pdf {kind.key}", f"export pdf: {kind.title}: {pages:,} page{'s' if pages != 1 else ''}, "
              f"{runs:,} pieces of text, {size / 1024:,.0f} KB; subject: the writer only; baseline: fpdf2 "
              f"placing {runs:,} pieces of text on {pages:,} pages")
    shape: tuple[int, int] = prepared["shape"]
    return shape


def _pdf_baseline(kind: Kind) -> Callable[[Any], float]:
    def baseline(ctx: Any) -> float:
        from fpdf import FPDF

        pages, runs = _pdf_shape(ctx, kind)
        start = clock()
        pdf = FPDF()
        pdf.set_font("helvetica", size=8)
        for page in range(pages):
            pdf.add_page()
            for i in range(runs * page // pages, runs * (page + 1) // pages):
                pdf.text(10 + (i % 6) * 32, 15 + (i // 6) % 54 * 5, BARE_TEXT)
        pdf.output(str(_folder(ctx) / f"bare-{kind.key}.pdf"))
        return clock() - start

    baseline.__doc__ = f"fpdf2 alone placing as many pieces of text on as many pages as the {kind.title} PDF."
    return baseline


def _pdf_subject(kind: Kind) -> Callable[[Any], float]:
    def subject(ctx: Any) -> float:
        _pdf_shape(ctx, kind)
        return _write(ctx, kind)

    subject.__doc__ = f"eoffice's writer for the {kind.title} PDF, handed its domain result."
    return subject


# (name, baseline, subject, target ratio): bench.py makes a Row of each.
ROWS: list[tuple[str, Callable[[Any], float], Callable[[Any], float], float | None]] = [
    *((f"export xlsx: {k.title}", _xlsx_baseline(k), _xlsx_subject(k), XLSX_TARGET) for k in XLSX),
    ("export xlsx: invigilation roster, catalogue read and write, scale 10",
     _xlsx_baseline(next(k for k in XLSX if k.key == "roster")), roster_catalogue, None),
    *((f"export pdf: {k.title}", _pdf_baseline(k), _pdf_subject(k), None) for k in PDF),
]
