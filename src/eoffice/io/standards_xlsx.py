"""The Professional Standards as a spreadsheet: progress, targets, skills, meetings, signatures.

For the line manager's appraisal folder or a trust's HR team, who want to sort and
filter. One sheet per kind of record, every officer of the year on each, real dates,
labels a person reads ("Online training", not ``online``). The grid's colours repeat its
words (a tick or cross and "1 of 4"), so it still reads in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eoffice.domain.accounts import ROLES
from eoffice.domain.standards import (
    EXPERIENCE,
    MEETING_KINDS,
    SIGNATURE_KINDS,
    SKILLS,
    STATUSES,
    GridRow,
    Reminder,
    Standards,
    local,
    methods_label,
)
from eoffice.domain.years import AcademicYear
from eoffice.io.tables import Column, Sheet, write_xlsx

GREEN = "FFC6EFCE"
RED = "FFFFC7CE"


def progress_sheet(year: AcademicYear, rows: Sequence[GridRow], reminders: dict[int, Reminder]) -> Sheet:
    labels = [c.label for c in rows[0].cells] if rows else []
    columns = [Column("Exams officer", 22), *(Column(label, 18) for label in labels), Column("Criteria met", 12),
               Column("Next meeting", 32), Column("Still missing", 90)]
    data, fills = [], {}
    for r, row in enumerate(rows):
        st = row.standards
        due = reminders.get(st.year.id) if st else None
        missing = row.still_missing if st else (f"the Standards for {year.label} have not been started",)
        data.append((row.officer, *(f"{c.mark} {c.word}" for c in row.cells), row.met, due.text if due else "",
                     "; ".join(missing)))
        for c, cell in enumerate(row.cells, start=1):
            fills[(r, c)] = GREEN if cell.met else RED
    return Sheet(f"Progress {year.label.replace('/', '-')}", columns, data, cell_fills=fills)


def _officers(standards: Sequence[Standards]) -> list[tuple[str, Standards]]:
    return [(st.year.officer, st) for st in standards]


def targets_sheet(standards: Sequence[Standards]) -> Sheet:
    columns = (Column("Exams officer", 22), Column("Area", 34), Column("Target", 50), Column("Methods", 28),
               Column("Success criteria", 40), Column("Checkpoint", 12), Column("Status", 14),
               Column("Progress notes", 50))
    rows = [(name, t.area, t.target, methods_label(t.methods), t.success_criteria, t.checkpoint_on,
             STATUSES.get(t.status, t.status), t.progress_notes)
            for name, st in _officers(standards) for t in st.targets]
    return Sheet("K&U targets", columns, rows)


def skills_sheet(standards: Sequence[Standards]) -> Sheet:
    columns = (Column("Exams officer", 22), Column("Key skill", 36), Column("Methods", 28),
               Column("How success is measured", 50), Column("By when", 12), Column("Status", 14))
    rows = [(name, SKILLS.get(s.skill, s.skill), methods_label(s.methods), s.measure, s.by_when,
             STATUSES.get(s.status, s.status))
            for name, st in _officers(standards) for s in st.skills]
    return Sheet("Key skills", columns, rows)


def meetings_sheet(standards: Sequence[Standards]) -> Sheet:
    columns = (Column("Exams officer", 22), Column("Experience", 24), Column("Date", 12), Column("Kind", 16),
               Column("Attended", 32), Column("What went well", 40), Column("What did not go so well", 40),
               Column("Focus next", 40), Column("Next meeting", 12), Column("Signed by", 30))
    rows = []
    for name, st in _officers(standards):
        for m in st.meetings:
            signed = ", ".join(s.signer_name for s in st.signatures if s.meeting_id == m.id and s.valid)
            rows.append((name, EXPERIENCE.get(st.year.experience, st.year.experience), m.held_on,
                         MEETING_KINDS.get(m.kind, m.kind), m.attendees, m.went_well, m.not_well, m.focus_next,
                         m.next_meeting_on, signed))
    return Sheet("Meetings", columns, rows)


def progress_notes_sheet(standards: Sequence[Standards]) -> Sheet:
    """The progress each meeting noted against each target: one row per note."""
    columns = (Column("Exams officer", 22), Column("Meeting", 12), Column("Area", 24), Column("Target", 50),
               Column("Progress noted", 60))
    rows = []
    for name, st in _officers(standards):
        targets = {("knowledge", t.id): ("Knowledge & Understanding", t.target) for t in st.targets}
        targets |= {("skill", s.id): ("Key skill", s.label) for s in st.skills}
        for m in st.meetings:
            for note in m.progress:
                area, target = targets.get((note.target_kind, note.target_id), ("", "(deleted)"))
                rows.append((name, m.held_on, area, target, note.progress))
    return Sheet("Meeting progress", columns, rows)


def signatures_sheet(standards: Sequence[Standards]) -> Sheet:
    """Every signature with its state in words ("Disputed by ... on ...", "Does not verify"), the
    fingerprint of the signing key it verifies against, and why it does not when it does not."""
    columns = (Column("Exams officer", 22), Column("Signed as", 44), Column("Meeting", 12), Column("Signed by", 22),
               Column("Role", 26), Column("Signed at", 17), Column("Status", 34), Column("Withdrawn at", 17),
               Column("Reason", 40), Column("Signing key", 42), Column("Verified", 60), Column("Dispute", 40))
    rows = []
    for name, st in _officers(standards):
        dates = {m.id: m.held_on for m in st.meetings}
        for s in st.signatures:
            verified = "Yes" if s.verified else s.problem.capitalize()
            rows.append((name, SIGNATURE_KINDS[s.kind], dates.get(s.meeting_id) if s.meeting_id else None,
                         s.signer_name, ROLES.get(s.signer_role, s.signer_role), local(s.signed_at),
                         s.state[:1].upper() + s.state[1:], local(s.withdrawn_at) if s.withdrawn_at else None,
                         s.withdrawn_reason, s.key_fingerprint, verified,
                         f"{s.dispute_words}: {s.disputed_reason}" if s.disputed else ""))
    return Sheet("Signatures", columns, rows)


def standards_sheets(year: AcademicYear, rows: Sequence[GridRow], reminders: dict[int, Reminder]) -> list[Sheet]:
    """The workbook's sheets: what ``write_standards_xlsx`` writes (and the bench writes bare)."""
    started = [row.standards for row in rows if row.standards is not None]
    return [
        progress_sheet(year, rows, reminders), targets_sheet(started), skills_sheet(started),
        meetings_sheet(started), progress_notes_sheet(started), signatures_sheet(started),
    ]


def write_standards_xlsx(path: Path, year: AcademicYear, rows: Sequence[GridRow],
                         reminders: dict[int, Reminder]) -> Path:
    return write_xlsx(path, standards_sheets(year, rows, reminders))
