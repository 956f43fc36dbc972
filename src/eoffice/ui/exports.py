"""The File > Export menu: each area adds an ``ExportAction``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eoffice.ui.context import AppContext


@dataclass(frozen=True)
class ExportAction:
    label: str  # e.g. "Audit log (Excel)…"
    suffix: str  # ".xlsx"
    file_filter: str
    write: Callable[[AppContext, Path], Path]
    sensitive: bool = False  # health or special-needs data: ask before writing


def _audit(fmt: str) -> Callable[[AppContext, Path], Path]:
    def write(context: AppContext, out: Path) -> Path:
        from eoffice.domain.audit import entries
        from eoffice.io.audit_log import export_audit

        records = context.read(entries)
        return export_audit(records, fmt, out)  # type: ignore[arg-type]

    return write


EXPORT_ACTIONS: list[ExportAction] = [
    ExportAction("Audit log (&Excel)…", ".xlsx", "Excel workbook (*.xlsx)", _audit("xlsx")),
    ExportAction("Audit log (&CSV)…", ".csv", "CSV file (*.csv)", _audit("csv")),
]


def _plan(fmt: str) -> Callable[[AppContext, Path], Path]:
    """The annual exams plan of the year shown: the same files as `eoffice export plan`."""

    def write(context: AppContext, out: Path) -> Path:
        from eoffice.domain.centre import get_centre
        from eoffice.domain.plan import tasks

        year, today = context.year, context.today
        year_tasks, centre = context.read(lambda s: (tasks(s, year), get_centre(s)))  # type: ignore[misc]
        if fmt == "pdf":
            from eoffice.io.plan_pdf import write_plan_pdf

            return write_plan_pdf(out, centre.name if centre else "eoffice", year, year_tasks, today)
        from eoffice.io.plan_xlsx import export_plan

        return export_plan(year, year_tasks, fmt, out, today)

    return write


def _keydates(fmt: str) -> Callable[[AppContext, Path], Path]:
    """The key dates of the year shown; a calendar file's events keep their UIDs across exports."""

    def write(context: AppContext, out: Path) -> Path:
        from eoffice.domain.centre import get_centre
        from eoffice.domain.keydates import key_dates
        from eoffice.io import keydates_export as export

        year, today = context.year, context.today
        records, centre = context.read(lambda s: (key_dates(s, year), get_centre(s)))  # type: ignore[misc]
        name = centre.name if centre else "eoffice"
        if fmt == "ics":
            from eoffice.domain.database_id import database_id, stored_database_id

            uid_base = context.read(stored_database_id)
            if uid_base is None and records and not context.read_only:
                with context.session() as session:  # made once, then kept, so the UIDs stay the same
                    uid_base = database_id(session)
            return export.write_keydates_ics(out, name, year, records, database_id=str(uid_base or ""))
        if fmt == "pdf":
            return export.write_keydates_pdf(out, name, year, records, today)
        if fmt == "csv":
            return export.write_keydates_csv(out, year, records, today)
        return export.write_keydates_xlsx(out, year, records, today)

    return write


EXPORT_ACTIONS.extend([
    ExportAction("Annual exams p&lan (Excel)…", ".xlsx", "Excel workbook (*.xlsx)", _plan("xlsx")),
    ExportAction("Annual exams plan (PDF wall pla&nner)…", ".pdf", "PDF file (*.pdf)", _plan("pdf")),
    ExportAction("Annual e&xams plan (CSV)…", ".csv", "CSV file (*.csv)", _plan("csv")),
    ExportAction("&Key dates (Excel)…", ".xlsx", "Excel workbook (*.xlsx)", _keydates("xlsx")),
    ExportAction("Key dates (PD&F)…", ".pdf", "PDF file (*.pdf)", _keydates("pdf")),
    ExportAction("Key dates (calendar f&ile)…", ".ics", "iCalendar file (*.ics)", _keydates("ics")),
])


def _standards(kind: str) -> Callable[[AppContext, Path], Path]:
    """The Professional Standards of the year shown: the certificate and the statement are
    the signed-in officer's (else the centre's exams officer's); the meeting pack and the
    workbook cover the whole centre."""

    def write(context: AppContext, out: Path) -> Path:
        from eoffice.domain.standards import find_year
        from eoffice.domain.standards_progress import certificate_for
        from eoffice.errors import EofficeError
        from eoffice.io.standards_pdf import write_certificate_pdf
        from eoffice.ui import sign_in
        from eoffice.ui.tabs import standards_state

        year = context.year
        if kind == "pack":
            return standards_state.save_meeting_pack(context, year, out)
        if kind == "xlsx":
            return standards_state.save_summary_xlsx(context, year, out)
        person = standards_state.export_officer(context, sign_in.current(context))
        if kind == "certificate":  # NotYetEarned says what is still missing
            earned = context.read(lambda s: certificate_for(s, person, year))
            return write_certificate_pdf(out, earned, printed=context.today)  # type: ignore[arg-type]
        record = context.read(lambda s: find_year(s, person, year))
        if record is None:
            raise EofficeError(f"the Professional Standards for {year.label} have not been started")
        return standards_state.save_statement(context, record.id, out)  # type: ignore[attr-defined]

    return write


EXPORT_ACTIONS.extend([
    ExportAction("Standards cer&tificate (PDF)…", ".pdf", "PDF file (*.pdf)", _standards("certificate")),
    ExportAction("&Values statement (PDF)…", ".pdf", "PDF file (*.pdf)", _standards("statement")),
    ExportAction("&Meeting pack (PDF)…", ".pdf", "PDF file (*.pdf)", _standards("pack")),
    ExportAction("Professional &Standards (Excel)…", ".xlsx", "Excel workbook (*.xlsx)", _standards("xlsx")),
])


def _access(kind: str, fmt: str) -> Callable[[AppContext, Path], Path]:
    """Access arrangements of the year shown (special category data: the menu asks first)."""

    def write(context: AppContext, out: Path) -> Path:
        from eoffice.io.access_export import export_access, gather

        year, today = context.year, context.today
        data = context.read(lambda s: gather(s, year, today, kind))
        return export_access(out, data, kind, fmt)  # type: ignore[arg-type]

    return write


EXPORT_ACTIONS.extend([
    ExportAction("&Access arrangements register (Excel)…", ".xlsx", "Excel workbook (*.xlsx)",
                 _access("register", "xlsx"), sensitive=True),
    ExportAction("Access session s&heets (PDF)…", ".pdf", "PDF file (*.pdf)", _access("sessions", "pdf"), sensitive=True),
    ExportAction("Access candidate s&ummaries (PDF)…", ".pdf", "PDF file (*.pdf)", _access("candidates", "pdf"),
                 sensitive=True),
    ExportAction("Access &door list (PDF)…", ".pdf", "PDF file (*.pdf)", _access("door-list", "pdf"), sensitive=True),
])


def _roster(fmt: str) -> Callable[[AppContext, Path], Path]:
    """The invigilation roster of the year shown: names, hours and pay (personal data: the menu asks first)."""

    def write(context: AppContext, out: Path) -> Path:
        from eoffice.domain.centre import get_centre
        from eoffice.io.roster_export import RosterData, gather, write_roster_xlsx

        year = context.year

        def read(session) -> RosterData:  # type: ignore[no-untyped-def]
            centre = get_centre(session)
            return gather(session, year.start, year.end, centre.name if centre else "eoffice", year.label)

        data: RosterData = context.read(read)  # type: ignore[assignment]
        if fmt == "pdf":
            from eoffice.io.roster_pdf import write_roster_pdf

            return write_roster_pdf(out, data, printed=context.today)
        return write_roster_xlsx(out, data)

    return write


EXPORT_ACTIONS.extend([
    ExportAction("Invigilation &roster (Excel)…", ".xlsx", "Excel workbook (*.xlsx)", _roster("xlsx"), sensitive=True),
    ExportAction("Invigilation roster (&PDF)…", ".pdf", "PDF file (*.pdf)", _roster("pdf"), sensitive=True),
])
