"""The Standards' criteria and the certificate rule: what one officer's year has met, with no database.

One source of truth for "is the certificate earned?": the grid, the Overview, the PDFs
and the command line all call ``certificate_eligibility``. Each criterion carries a
short word for the grid cell (a tick or cross is never alone) and, when not met, full
sentences saying what is missing. Pure rules over a ``Standards`` already read
(``progress_reads.load``), so the Overview can work them out before SQLAlchemy is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eoffice.domain.standards.meeting_reads import Meeting
from eoffice.domain.standards.rules import DONE_STATUSES, skills_warning
from eoffice.domain.standards.signature_reads import SignatureRecord
from eoffice.domain.standards.standards_reads import StandardsYearRecord
from eoffice.domain.standards.target_reads import Skill, Target

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
    return list(still_missing(criteria(st)))


def still_missing(cells: Sequence[Criterion]) -> tuple[str, ...]:
    """Every criterion's missing lines but the certificate's own, which only says "Not yet"."""
    return tuple(line for c in cells[:-1] for line in c.missing)


def declaration_missing(st: Standards) -> list[str]:
    """What must be done before the line manager can sign the SLT declaration."""
    return [line for c in before_declaration(st) for line in c.missing]
