"""Progress towards the Standards: the grid, the certificate rule and the meeting reminder.

One source of truth for "is the certificate earned?": the grid, the Overview, the PDFs
and the command line all call ``certificate_eligibility``. Each criterion carries a
short word for the grid cell (a tick or cross is never alone) and, when not met, full
sentences saying what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice.db.models import Person
from eoffice.domain.accounts import people
from eoffice.domain.centre import get_centre
from eoffice.domain.dates import format_date, local
from eoffice.domain.standards.meeting_records import Meeting, meetings, suggested_next
from eoffice.domain.standards.records import SignatureRecord, StandardsYearRecord, find_year, signatures, standards_year, years_in
from eoffice.domain.standards.rules import DONE_STATUSES, DUE_SOON_DAYS, THREE_AREAS, skills_warning
from eoffice.domain.standards.target_records import Skill, Target, skills, targets
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError

CRITERIA: dict[str, str] = {
    "knowledge": "Knowledge & Understanding",
    "skills": "Key Skills",
    "values": "Values & Attributes",
    "meetings": "Meetings",
    "slt": "SLT declaration",
    "certificate": "Certificate",
}
SHORT_LABELS: dict[str, str] = {  # for narrow columns: a portrait page, a phone-width panel
    "knowledge": "K&U",
    "skills": "Key Skills",
    "values": "V&A",
    "meetings": "Meetings",
    "slt": "SLT",
    "certificate": "Certificate",
}
TICK, CROSS = "✓", "✗"
SHORT_KINDS = {"slt_declaration": "SLT declaration", "values_officer": "statement (exams officer)",
               "values_line_manager": "statement (line manager)", "meeting": "meeting record"}


@dataclass(frozen=True)
class Standards:
    """Everything about one officer's year, read once, for the rules below."""

    year: StandardsYearRecord
    targets: tuple[Target, ...]
    skills: tuple[Skill, ...]
    meetings: tuple[Meeting, ...]
    signatures: tuple[SignatureRecord, ...]

    def signed(self, kind: str) -> list[SignatureRecord]:
        """Signatures of ``kind`` that count: not withdrawn, content unchanged."""
        return [s for s in self.signatures if s.kind == kind and s.valid]

    def changed(self, kind: str) -> list[SignatureRecord]:
        return [s for s in self.signatures if s.kind == kind and s.live and not s.intact]

    def doubted(self, kind: str) -> list[SignatureRecord]:
        """Standing, over what is stored, but not counted: it does not verify, or is disputed."""
        return [s for s in self.signatures if s.kind == kind and s.live and s.intact and not s.valid]


def doubt_words(s: SignatureRecord) -> str:
    """Why a standing signature does not count: "does not verify", "disputed by ... on ..."."""
    return s.dispute_words or s.problem.split(":")[0]


def load(session: Session, standards_year_id: int) -> Standards:
    return Standards(standards_year(session, standards_year_id), tuple(targets(session, standards_year_id)),
                     tuple(skills(session, standards_year_id)), tuple(meetings(session, standards_year_id)),
                     tuple(signatures(session, standards_year_id)))


@dataclass(frozen=True)
class Criterion:
    key: str
    met: bool
    word: str  # beside the tick or cross: "3 of 5", "Officer only", "Earned"
    missing: tuple[str, ...] = ()  # plain sentences, empty when met
    note: str = ""  # a gentle warning that does not block (fewer than three skills)

    @property
    def label(self) -> str:
        return CRITERIA[self.key]

    @property
    def short_label(self) -> str:
        return SHORT_LABELS[self.key]

    @property
    def mark(self) -> str:
        return TICK if self.met else CROSS


def _targets_criterion(key: str, items: tuple[Target, ...] | tuple[Skill, ...], noun: str) -> Criterion:
    area = CRITERIA[key]
    if not items:
        return Criterion(key, False, "None set", (f"{area}: no {noun}s have been agreed yet",))
    achieved = sum(i.status == "achieved" for i in items)
    applicable = sum(i.status != "not_applicable" for i in items)
    still_open = sum(i.status not in DONE_STATUSES for i in items)
    if still_open:
        return Criterion(key, False, f"{achieved} of {applicable}",
                         (f"{area}: {still_open} of {len(items)} {noun}{'s are' if len(items) != 1 else ' is'} "
                          "not yet achieved (mark each achieved or not applicable)",))
    if not achieved:
        return Criterion(key, False, "None achieved", (f"{area}: every {noun} is marked not applicable; "
                                                        "at least one must be achieved",))
    return Criterion(key, True, "Achieved" if achieved == len(items) else f"{achieved} achieved")


def _values_criterion(st: Standards) -> Criterion:
    officer, manager = st.signed("values_officer"), st.signed("values_line_manager")
    missing = []
    for kind, who in (("values_officer", "the exams officer"), ("values_line_manager", "the line manager")):
        if st.changed(kind):
            missing.append(f"Values & Attributes: the statement changed after {who} signed it; "
                           "withdraw that signature and sign again")
        elif st.doubted(kind):
            doubted = st.doubted(kind)[0]
            missing.append(f"Values & Attributes: the signature of {who} in the name of {doubted.signer_name} "
                           f"{doubt_words(doubted)}; withdraw it and sign again")
        elif not st.signed(kind):
            missing.append(f"Values & Attributes: the statement is not yet signed by {who}")
    if not missing:
        return Criterion("values", True, "Signed by both")
    word = "Officer only" if officer else "Manager only" if manager else "Not signed"
    if st.changed("values_officer") or st.changed("values_line_manager"):
        word = "Changed since signed"
    elif st.doubted("values_officer") or st.doubted("values_line_manager"):
        word = "Signature in doubt"
    return Criterion("values", False, word, tuple(missing))


def _meetings_criterion(st: Standards) -> Criterion:
    kinds = {m.kind for m in st.meetings}
    missing = []
    if "target_setting" not in kinds:
        missing.append("Meetings: no target-setting meeting has been recorded")
    if "assessment" not in kinds:
        missing.append("Meetings: no assessment meeting has been recorded (where the line manager "
                       "reviews whether every target has been met)")
    held = len(st.meetings)
    if not missing:
        return Criterion("meetings", True, f"{held} held")
    word = "None held" if not held else "No assessment" if "target_setting" in kinds else "No target setting"
    return Criterion("meetings", False, word, tuple(missing))


def _slt_criterion(st: Standards) -> Criterion:
    if st.signed("slt_declaration"):
        return Criterion("slt", True, "Signed")
    if st.changed("slt_declaration"):
        return Criterion("slt", False, "Changed since signed",
                         ("SLT declaration: the record changed after it was signed; withdraw it and sign again",))
    if st.doubted("slt_declaration"):
        doubted = st.doubted("slt_declaration")[0]
        return Criterion("slt", False, "Signature in doubt",
                         (f"SLT declaration: the signature in the name of {doubted.signer_name} "
                          f"{doubt_words(doubted)}; withdraw it and sign again",))
    return Criterion("slt", False, "Not signed", ("SLT declaration: not yet signed by the line manager",))


def before_declaration(st: Standards) -> list[Criterion]:
    """The criteria the line manager confirms by signing the SLT declaration."""
    skills_criterion = _targets_criterion("skills", st.skills, "skill")
    note = skills_warning(len(st.skills)) or ""
    return [
        _targets_criterion("knowledge", st.targets, "target"),
        Criterion(skills_criterion.key, skills_criterion.met, skills_criterion.word, skills_criterion.missing, note),
        _values_criterion(st),
        _meetings_criterion(st),
    ]


def criteria(st: Standards) -> list[Criterion]:
    """The six grid columns, in order."""
    found = [*before_declaration(st), _slt_criterion(st)]
    earned = all(c.met for c in found)
    return [*found, Criterion("certificate", earned, "Earned" if earned else "Not yet")]


def certificate_eligibility(st: Standards) -> list[str]:
    """What is still missing for the certificate, in plain words; empty means earned."""
    return list(_still_missing(criteria(st)))


def _still_missing(cells: Sequence[Criterion]) -> tuple[str, ...]:
    """Every criterion's missing lines but the certificate's own, which only says "Not yet"."""
    return tuple(line for c in cells[:-1] for line in c.missing)


def declaration_missing(st: Standards) -> list[str]:
    """What must be done before the line manager can sign the SLT declaration."""
    return [line for c in before_declaration(st) for line in c.missing]


# --- the grid ---------------------------------------------------------------------------

@dataclass(frozen=True)
class GridRow:
    officer: str
    person_id: int
    standards: Standards | None  # None: no Standards started this year
    cells: tuple[Criterion, ...]

    @property
    def met(self) -> int:
        return sum(c.met for c in self.cells)

    @property
    def still_missing(self) -> tuple[str, ...]:
        """What is still missing for the certificate (``certificate_eligibility``), read from
        the row's own criteria: the exports print it without working them out again."""
        return _still_missing(self.cells) if self.standards is not None else ()


def _not_started() -> tuple[Criterion, ...]:
    return tuple(Criterion(key, False, "Not started", ("the Standards have not been started for this year",))
                 for key in CRITERIA)


def grid(session: Session, year: AcademicYear) -> list[GridRow]:
    """One row per exams officer: every active one, and anyone with Standards that year."""
    rows: dict[int, GridRow] = {}
    for record in years_in(session, year):
        st = load(session, record.id)
        rows[record.person_id] = GridRow(record.officer, record.person_id, st, tuple(criteria(st)))
    for person in people.people(session, "exams_officer"):
        rows.setdefault(person.id, GridRow(person.name, person.id, None, _not_started()))
    return sorted(rows.values(), key=lambda r: (r.officer.casefold(), r.person_id))


# --- the next meeting -----------------------------------------------------------------------

@dataclass(frozen=True)
class Reminder:
    due: date | None
    state: str  # overdue, due_soon, scheduled, none (no meeting yet), complete
    text: str


def reminder(session: Session, st: Standards, today: date) -> Reminder:
    """When the next meeting is due: the date the last meeting set, else the cadence rule."""
    if st.signed("slt_declaration"):
        return Reminder(None, "complete", "Standards achieved")
    if not st.meetings:
        return Reminder(None, "none", "no meeting yet: hold the target-setting meeting")
    last = max(st.meetings, key=lambda m: (m.held_on, m.id))
    due = last.next_meeting_on or suggested_next(session, st.year.id, last.held_on)
    days = (due - today).days
    if days < 0:
        return Reminder(due, "overdue", f"next meeting overdue (was due {format_date(due)})")
    if days <= DUE_SOON_DAYS:
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        return Reminder(due, "due_soon", f"next meeting due {format_date(due)} ({when})")
    return Reminder(due, "scheduled", f"next meeting due {format_date(due)}")


def overview_lines(session: Session, year: AcademicYear, today: date) -> list[str]:
    """For the Overview tab: "Standards 2026/27: 4 of 6 criteria met; next meeting due 12/01/2027"."""
    rows = grid(session, year)
    lines = []
    for row in rows:
        head = f"Standards {year.label}" + (f", {row.officer}" if len(rows) > 1 else "")
        if row.standards is None:
            lines.append(f"{head}: not started for {row.officer}")
            continue
        line = f"{head}: {row.met} of {len(row.cells)} criteria met; {reminder(session, row.standards, today).text}"
        lines.append(line)
    return lines


# --- the certificate ------------------------------------------------------------------------

@dataclass(frozen=True)
class SignerKey:
    """A signature behind the certificate and the fingerprint of the key it verifies against."""

    what: str  # "SLT declaration"
    who: str
    fingerprint: str  # "" for a signature given before signing keys
    note: str = ""  # why there is no fingerprint

    @property
    def line(self) -> str:
        key = f"signing key {self.fingerprint}" if self.fingerprint else self.note
        return f"{self.what}, {self.who}: {key}"


@dataclass(frozen=True)
class Certificate:
    centre: str
    centre_number: str | None
    officer: str
    year: AcademicYear
    areas: tuple[str, str, str]
    line_manager: str
    declared_on: date
    keys: tuple[SignerKey, ...] = ()  # the SLT declaration's first, then the statement's


class NotYetEarned(EofficeError):
    def __init__(self, officer: str, year: AcademicYear, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(f"{officer} has not yet earned the certificate for {year.label}; still missing: "
                         + "; ".join(missing))


def certificate(session: Session, standards_year_id: int) -> Certificate:
    """The certificate's contents, or ``NotYetEarned`` listing what is missing."""
    st = load(session, standards_year_id)
    missing = certificate_eligibility(st)
    if missing:
        raise NotYetEarned(st.year.officer, st.year.year, missing)
    declaration = st.signed("slt_declaration")[-1]
    centre = get_centre(session)
    underpinning = [declaration, *st.signed("values_officer")[-1:], *st.signed("values_line_manager")[-1:]]
    keys = tuple(SignerKey(SHORT_KINDS[s.kind], s.signer_name, s.key_fingerprint, s.problem) for s in underpinning)
    return Certificate(centre.name if centre else "", centre.centre_number if centre else None, st.year.officer,
                       st.year.year, THREE_AREAS, declaration.signer_name, local(declaration.signed_at).date(), keys)


def certificate_for(session: Session, person_id: int, year: AcademicYear) -> Certificate:
    record = find_year(session, person_id, year)
    if record is None:
        person = session.get(Person, person_id)
        raise NotYetEarned(person.name if person else "this exams officer", year,
                           [f"the Standards for {year.label} have not been started"])
    return certificate(session, record.id)
