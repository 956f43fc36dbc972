"""Progress towards the Standards: the grid, the certificate rule and the meeting reminder.

The criteria and the certificate rule are pure (``progress_rules``); the grid, the
reminder and the Overview's lines are read in plain SQL (``progress_reads``), so the
Overview can show them before SQLAlchemy is imported (issue 17). Both are named here too,
so every existing import keeps working. The certificate itself is worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice.db.models import Person
from eoffice.domain.centre import get_centre
from eoffice.domain.dates import local
from eoffice.domain.standards.progress_reads import GridRow as GridRow
from eoffice.domain.standards.progress_reads import Reminder as Reminder
from eoffice.domain.standards.progress_reads import grid as grid
from eoffice.domain.standards.progress_reads import load as load
from eoffice.domain.standards.progress_reads import overview_lines as overview_lines
from eoffice.domain.standards.progress_reads import reminder as reminder
from eoffice.domain.standards.progress_rules import CRITERIA as CRITERIA
from eoffice.domain.standards.progress_rules import CROSS as CROSS
from eoffice.domain.standards.progress_rules import SHORT_LABELS as SHORT_LABELS
from eoffice.domain.standards.progress_rules import TICK as TICK
from eoffice.domain.standards.progress_rules import Criterion as Criterion
from eoffice.domain.standards.progress_rules import Standards as Standards
from eoffice.domain.standards.progress_rules import before_declaration as before_declaration
from eoffice.domain.standards.progress_rules import certificate_eligibility as certificate_eligibility
from eoffice.domain.standards.progress_rules import criteria as criteria
from eoffice.domain.standards.progress_rules import declaration_missing as declaration_missing
from eoffice.domain.standards.progress_rules import doubt_words as doubt_words
from eoffice.domain.standards.rules import THREE_AREAS
from eoffice.domain.standards.standards_reads import find_year
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError

SHORT_KINDS = {"slt_declaration": "SLT declaration", "values_officer": "statement (exams officer)",
               "values_line_manager": "statement (line manager)", "meeting": "meeting record"}


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
