"""What the Standards tab shows, read in one go, and who may do what with it.

``load_snapshot`` reads everything the pages need for one officer and year in a single
session, as frozen records; ``acting_for`` works out, from who is signed in, whether
edits and signatures are allowed and the line that says why not (once the officer or a
line manager has a password, nobody edits or signs without signing in first); ``signers`` lists who
may sign each document. The ``save_*`` functions write the PDFs and the workbook, for
the tab's buttons, through the same export catalogue as File > Export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from eoffice.domain import standards
from eoffice.domain.accounts import Account, passwords
from eoffice.domain.centre import printed_name
from eoffice.domain.dates import format_date
from eoffice.domain.standards import GridRow, Reminder, SignatureRecord, Standards
from eoffice.domain.standards import progress as standards_progress
from eoffice.domain.years import AcademicYear
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs.password_dialog import Signer
from eoffice.ui.sign_in import ROLE_WORDS

PDF_FILTER = "PDF files (*.pdf)"
XLSX_FILTER = "Excel workbook (*.xlsx)"


@dataclass(frozen=True)
class Snapshot:
    year: AcademicYear
    person_id: int | None  # the officer shown; None when the centre has no exams officer
    grid: tuple[GridRow, ...]
    standards: Standards | None  # None: not started this year
    reminder: Reminder | None
    missing: tuple[str, ...]  # what the certificate still needs
    declaration_missing: tuple[str, ...]  # what must be met before the SLT declaration
    accounts: tuple[Account, ...]
    sign_in_needed: bool = True  # the officer or a line manager has a password: no anonymous changes

    @property
    def officer(self) -> str:
        return next((r.officer for r in self.grid if r.person_id == self.person_id), "")

    @property
    def year_id(self) -> int | None:
        return self.standards.year.id if self.standards else None

    def signed(self, kind: str) -> list[SignatureRecord]:
        return self.standards.signed(kind) if self.standards else []

    def live(self, *kinds: str, meeting_id: int | None = None) -> list[SignatureRecord]:
        """Signatures not withdrawn: while one stands, what it signed is fixed."""
        if self.standards is None:
            return []
        return [s for s in self.standards.signatures
                if s.kind in kinds and s.live and (meeting_id is None or s.meeting_id == meeting_id)]


def load_snapshot(session: Session, year: AcademicYear, person_id: int | None, today: date) -> Snapshot:
    grid = tuple(standards_progress.grid(session, year))
    if person_id not in {r.person_id for r in grid}:
        person_id = grid[0].person_id if grid else None
    row = next((r for r in grid if r.person_id == person_id), None)
    st = row.standards if row else None
    accounts, needed = tuple(passwords.accounts(session)), standards.sign_in_needed(session)
    if st is None:
        missing: tuple[str, ...] = (f"the Standards for {year.label} have not been started",)
        return Snapshot(year, person_id, grid, None, None, missing, missing, accounts, needed)
    return Snapshot(year, person_id, grid, st, standards_progress.reminder(session, st, today),
                    tuple(standards_progress.certificate_eligibility(st)),
                    tuple(standards_progress.declaration_missing(st)), accounts, needed)


def trust_lines(snapshot: Snapshot) -> tuple[list[str], list[str]]:
    """The year's signatures that are not what they seem: (alarms, notes). An alarm is one that
    does not verify or is disputed; a note, one given before signing keys."""
    alarms, notes = [], []
    for s in snapshot.standards.signatures if snapshot.standards else ():
        head = (f"{standards.SIGNATURE_KINDS.get(s.kind, s.kind)} in the name of {s.signer_name}, "
                f"{format_date(standards.local(s.signed_at).date())}")
        if not s.trusted:
            alarms.append(f"✗ {head}: {s.problem}")
        elif s.disputed:
            alarms.append(f"✗ {head}: {s.dispute_words}: {s.disputed_reason}")
        elif s.legacy:
            notes.append(f"{head}: {standards.LEGACY_WORDS}")
    return alarms, notes


# --- who may do what -------------------------------------------------------------------------

@dataclass(frozen=True)
class Acting:
    by: int | None  # the person edits are made as (None: nobody is signed in)
    can_edit: bool
    can_sign: bool
    line: str  # who is acting, or why everything is read-only
    signed_in: int | None = None
    offer_sign_in: bool = False  # read-only only because nobody is signed in


def acting_for(account: Account | None, snapshot: Snapshot, read_only: bool) -> Acting:
    """The domain's rule (``standards.sign_in_needed``, ``check_editor``) as the tab shows it."""
    if read_only:
        return Acting(None, False, False, "This database is open read-only: the Professional Standards can be "
                      "read here but not changed or signed.")
    if account is None and snapshot.sign_in_needed:
        return Acting(None, False, False, "Nobody is signed in, so the Professional Standards are read-only. The "
                      "exams officer or the line manager signs in to change or sign them.", offer_sign_in=True)
    if account is None:
        return Acting(None, True, True, "Neither the exams officer nor the line manager has set a password yet, "
                      "so changes are not attributed to anyone until they do (each signs in with the one-time "
                      "setup code they were given when added): they are recorded under this computer's user name.")
    if account.role == "exams_assistant":
        return Acting(account.id, False, False, f"{account.name} is signed in as an exams assistant: assistants "
                      "can read the Professional Standards but cannot change or sign them.", account.id)
    if account.role == "exams_officer" and account.id != snapshot.person_id and snapshot.person_id is not None:
        return Acting(account.id, False, True, f"{account.name} is signed in: only {snapshot.officer} or a line "
                      "manager can change these Standards. Signing asks for the signer's own password.", account.id)
    return Acting(account.id, True, True, f"Signed in as {account.name}: changes are recorded as "
                  f"{account.name}; signing asks for the signer's own password.", account.id)


def _signer(account: Account) -> Signer:
    return Signer(account.id, account.name, ROLE_WORDS.get(account.role, account.role))


def signers(snapshot: Snapshot, kind: str, signature: SignatureRecord | None = None) -> list[Signer]:
    """Who may sign ``kind`` (or withdraw ``signature``): the officer, line managers, or both."""
    managers = [a for a in snapshot.accounts if a.role == "line_manager"]
    officer = [a for a in snapshot.accounts if a.id == snapshot.person_id]
    if signature is not None:
        found = [a for a in snapshot.accounts if a.id == signature.person_id]
        found += [a for a in managers if a.id != signature.person_id]
    elif kind == "values_officer":
        found = officer
    elif kind == "meeting":
        found = officer + managers
    else:
        found = managers
    return [_signer(a) for a in found]


# --- files --------------------------------------------------------------------------------------

def _export(context: AppContext, name: str, fmt: str, out: Path, year: AcademicYear, *,
            person_id: int | None = None, document: str | None = None) -> Path:
    """The tab's buttons write the same files as File > Export and ``eoffice export``: one
    catalogue entry each."""
    from eoffice.io import catalogue

    export = catalogue.find(name, fmt, document)
    return export.run(context, catalogue.Request(year, context.today, person_id), Path(out))


def file_name(context: AppContext, year: AcademicYear, name: str, fmt: str, *, document: str | None = None,
              who: str = "") -> str:
    """The name File > Export suggests for the same catalogue entry (``catalogue.file_stem``)."""
    from eoffice.io import catalogue

    return catalogue.find(name, fmt, document).file_name(catalogue.Request(year, context.today), who)


def save_certificate(context: AppContext, year: AcademicYear, person_id: int, out: Path) -> Path:
    """Only an earned certificate is written; otherwise ``NotYetEarned`` says what is missing."""
    return _export(context, "certificate", "pdf", out, year, person_id=person_id)


def save_statement(context: AppContext, year: AcademicYear, person_id: int, out: Path) -> Path:
    return _export(context, "standards", "pdf", out, year, person_id=person_id, document="statement")


def save_meeting(context: AppContext, year_id: int, meeting_id: int, out: Path) -> Path:
    from eoffice.io.standards_pdf import write_meeting_pdf

    centre, st = context.read(lambda s: (printed_name(s), standards_progress.load(s, year_id)))
    meeting = next(m for m in st.meetings if m.id == meeting_id)
    return write_meeting_pdf(Path(out), centre, st, meeting, printed=context.today)


def save_meeting_pack(context: AppContext, year: AcademicYear, out: Path) -> Path:
    return _export(context, "meeting-pack", "pdf", out, year)


def save_summary_xlsx(context: AppContext, year: AcademicYear, out: Path) -> Path:
    return _export(context, "standards", "xlsx", out, year, document="summary")


def save_summary_pdf(context: AppContext, year: AcademicYear, out: Path) -> Path:
    return _export(context, "standards", "pdf", out, year, document="summary")
