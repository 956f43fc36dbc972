"""The Professional Standards on paper: the certificate, the signed statement, a meeting
record and the year's summary for the exams manual.

The certificate is a page to frame, not a report: A4 landscape, centred, a double
border, no running header. The other three are records an inspector may ask for, so
they use the shared report page (centre, title and "page X of Y" on every page) and
show each signature with who, in what role, when, the fingerprint of the signing key it
verifies against, and whether it still stands (withdrawn, disputed, not verified, changed
since, or signed before signing keys). The certificate prints the fingerprints of the
keys behind it. All of them take the domain's results (``standards_progress``) so paper
and screen agree; the verdicts are the domain's, these writers only print them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fpdf.enums import XPos, YPos

from eoffice.domain.accounts import ROLES
from eoffice.domain.dates import format_date, format_datetime
from eoffice.domain.standards import (
    EXPERIENCE,
    LEGACY_WORDS,
    MEETING_KINDS,
    SIGNATURE_KINDS,
    SKILLS,
    STATUSES,
    Certificate,
    GridRow,
    Meeting,
    Reminder,
    SignatureRecord,
    Standards,
    criteria,
    local,
    methods_label,
)
from eoffice.domain.years import AcademicYear
from eoffice.io.pdf import AMBER, AMBER_FILL, BLACK, GREY, RED, RED_FILL, Cell, Colour, Column, Document, line_height

NAVY: Colour = (24, 45, 84)
GOLD: Colour = (150, 112, 40)
GREEN: Colour = (0, 110, 40)
GREEN_FILL: Colour = (214, 240, 220)


# --- the certificate -------------------------------------------------------------------

class _Frameable(Document):
    """No running header or footer: the certificate is laid out by hand on one page, with
    only the audit log's chain head (``pdf.footer_mark``), small, at the foot."""

    def header(self) -> None:
        return

    def footer(self) -> None:
        if self.mark:
            self.style(6.5, "", GREY)
            self.set_xy(0, self.h - 9)
            self.cell(self.w, 3, self.mark, align="C")

    def centred(self, y: float, text: str, size: float, emphasis: str = "", colour: Colour = NAVY) -> None:
        self.style(size, emphasis, colour)
        self.set_xy(0, y)
        self.cell(self.w, line_height(size), self.fit(text, self.w - 60), align="C")


def write_certificate_pdf(path: Path, cert: Certificate, *, printed: date | None = None) -> Path:
    """The Certificate of Achievement; only ever made from an earned ``Certificate``."""
    with _Frameable("Certificate of Achievement", cert.centre, cert.year.label, orientation="landscape",
                    printed=printed) as pdf:
        pdf.set_auto_page_break(False)
        pdf.add_page()
        width, height = pdf.w, pdf.h
        pdf.set_draw_color(*NAVY)
        pdf.set_line_width(1.6)
        pdf.rect(9, 9, width - 18, height - 18)
        pdf.set_draw_color(*GOLD)
        pdf.set_line_width(0.5)
        pdf.rect(13, 13, width - 26, height - 26)
        pdf.centred(26, cert.centre.upper(), 12, "B", GREY)
        pdf.centred(42, "Certificate of Achievement", 34, "B")
        pdf.centred(60, "Exams Officer Professional Standards", 16, "", GOLD)
        pdf.set_draw_color(*GOLD)
        pdf.set_line_width(0.4)
        pdf.line(width / 2 - 40, 72, width / 2 + 40, 72)
        pdf.centred(80, "This is to certify that", 12, "I", GREY)
        pdf.centred(90, cert.officer, 30, "B")
        pdf.centred(108, f"has achieved the Professional Standards for the academic year {cert.year.label}", 13, "", BLACK)
        pdf.centred(115, "in all three areas", 13, "", BLACK)
        box, gap = 80.0, 8.0
        left = (width - 3 * box - 2 * gap) / 2
        for index, area in enumerate(cert.areas):
            x = left + index * (box + gap)
            pdf.set_fill_color(244, 240, 228)
            pdf.set_draw_color(*GOLD)
            pdf.set_line_width(0.3)
            pdf.rect(x, 128, box, 14, style="DF")
            pdf.style(12, "B", NAVY)
            pdf.set_xy(x, 128)
            pdf.cell(box, 14, f"✓  {area}", align="C")
        _signature_block(pdf, 40, 170, cert.line_manager, "Line manager (senior leader)")
        declared = f"{cert.declared_on.day} {cert.declared_on:%B %Y}"  # "8 July 2026" on every platform
        _signature_block(pdf, width - 40 - 90, 170, declared, "Date of the SLT declaration")
        number = f"Centre number {cert.centre_number}  ·  " if cert.centre_number else ""
        pdf.centred(184, f"{number}Declared electronically by {cert.line_manager} with their own password and signing "
                    "key in eoffice", 7.5, "", GREY)
        for line_number, line in enumerate(_certificate_keys(cert)):
            pdf.centred(188 + 3.6 * line_number, line, 6.5, "", GREY)
        return pdf.save(path)


def _certificate_keys(cert: Certificate) -> list[str]:
    """Who signed what, with their signing key's fingerprint: the SLT declaration, then the statement."""
    parts = [key.line for key in cert.keys]
    return [parts[0], "  ·  ".join(parts[1:])] if len(parts) > 1 else parts


def _signature_block(pdf: Document, x: float, y: float, text: str, caption: str) -> None:
    pdf.style(14, "B", NAVY)
    pdf.set_xy(x, y - 9)
    pdf.cell(90, 8, pdf.fit(text, 88), align="C")
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(0.3)
    pdf.line(x, y, x + 90, y)
    pdf.style(9, "", GREY)
    pdf.set_xy(x, y + 1)
    pdf.cell(90, 5, caption, align="C")


# --- signatures, as every record shows them ------------------------------------------------

SIGNATURE_COLUMNS = (Column("Signed as", 34), Column("By", 22), Column("Role", 22), Column("When", 17),
                     Column("Status", 32))


def _signature_status(s: SignatureRecord) -> Cell:
    """What the signature's state is, in words (colour only repeats them)."""
    if not s.live:
        note = f"{format_datetime(local(s.withdrawn_at))}: {s.withdrawn_reason}" if s.withdrawn_at else s.withdrawn_reason
        if s.disputed:
            note += f"; {s.dispute_words}: {s.disputed_reason}"
        return Cell("Withdrawn", colour=GREY, note=note)
    if s.disputed:  # who and when in full under the table (``_signatures``)
        return Cell("✗ Disputed", fill=RED_FILL, colour=RED, bold=True, note=s.dispute_words)
    if not s.trusted:
        return Cell("✗ Does not verify", fill=RED_FILL, colour=RED, bold=True, note=s.problem)
    if not s.intact:
        return Cell("✗ Changed since signed", fill=RED_FILL, colour=RED, bold=True)
    if s.legacy:
        return Cell("Signed", fill=AMBER_FILL, colour=AMBER, bold=True, note=LEGACY_WORDS)
    return Cell("✓ Signed and verified", colour=GREEN, bold=True)


def _signature_rows(signed: Sequence[SignatureRecord]) -> list[list[str | Cell]]:
    return [[SIGNATURE_KINDS[s.kind], s.signer_name, ROLES.get(s.signer_role, s.signer_role),
             format_datetime(local(s.signed_at)), _signature_status(s)] for s in signed]


def _key_lines(signed: Sequence[SignatureRecord]) -> list[str]:
    """Each signing key the signatures verify against, once: "Daniel O'Connor: 3F9A 0C71 …"."""
    seen: dict[str, str] = {}
    for s in signed:
        if s.key_fingerprint and s.key_fingerprint not in seen:
            seen[s.key_fingerprint] = s.signer_name
    return [f"{name}: {fingerprint}" for fingerprint, name in seen.items()]


def _signatures(pdf: Document, signed: Sequence[SignatureRecord], wanted: Sequence[str]) -> None:
    pdf.ensure_space(30)
    pdf.heading("Signatures", "each given with the signer's own password and signing key; the key's fingerprint is "
                "shown, to compare with the one on the certificate")
    rows = _signature_rows(signed)
    have = {s.kind for s in signed if s.valid}
    rows += [[SIGNATURE_KINDS[kind], "", "", "", Cell("Not yet signed", colour=GREY)] for kind in wanted
             if kind not in have]
    if rows:
        pdf.table_rows(SIGNATURE_COLUMNS, rows)
    else:
        pdf.paragraph("Not signed yet.", colour=GREY)
    for s in signed:
        if s.disputed:
            pdf.paragraph(f"{SIGNATURE_KINDS[s.kind]} in the name of {s.signer_name}: {s.dispute_words}: "
                          f"{s.disputed_reason}", 9, "B", colour=RED)
    keys = _key_lines(signed)
    if keys:
        pdf.ln(1)
        pdf.paragraph("Signing key fingerprints:", 8.5, "B", colour=GREY)
        for line in keys:
            pdf.paragraph(line, 8.5, colour=GREY)


# --- the statement and a meeting record --------------------------------------------------------

def write_statement_pdf(path: Path, centre: str, st: Standards, *, printed: date | None = None) -> Path:
    """The Values & Attributes statement in the year's own words, with its signatures."""
    with Document("Values & Attributes statement", centre, st.year.year.label, printed=printed) as pdf:
        pdf.add_page()
        pdf.heading("Values & Attributes statement", f"{st.year.officer}, exams officer, {st.year.year.label}", 14)
        pdf.ln(2)
        for part in st.year.values_statement.splitlines():
            pdf.paragraph(part, 10.5)
            pdf.ln(2)
        pdf.ln(3)
        mine = [s for s in st.signatures if s.kind in ("values_officer", "values_line_manager")]
        _signatures(pdf, mine, ("values_officer", "values_line_manager"))
        return pdf.save(path)


def _target_name(st: Standards, kind: str, target_id: int) -> tuple[str, str]:
    if kind == "skill":
        found = next((s for s in st.skills if s.id == target_id), None)
        return ("Key skill", found.label) if found else ("Key skill", "(deleted)")
    target = next((t for t in st.targets if t.id == target_id), None)
    return ("Knowledge & Understanding", target.target) if target else ("Knowledge & Understanding", "(deleted)")


def write_meeting_pdf(path: Path, centre: str, st: Standards, meeting: Meeting, *, printed: date | None = None) -> Path:
    """One meeting record: the guide's progress review questions, answered, and its signatures."""
    title = f"{MEETING_KINDS.get(meeting.kind, meeting.kind)} meeting, {format_date(meeting.held_on)}"
    with Document("Standards meeting record", centre, st.year.year.label, printed=printed) as pdf:
        pdf.add_page()
        pdf.heading(title, f"{st.year.officer}, {st.year.year.label}", 14)
        for label, value in (("Exams officer", st.year.officer), ("Attended", meeting.attendees or "—"),
                             ("Next meeting", format_date(meeting.next_meeting_on) or "not set")):
            pdf.style(10, "B")
            pdf.cell(35, line_height(10) + 1, label)
            pdf.style(10)
            pdf.cell(pdf.epw - 35, line_height(10) + 1, pdf.fit(value, pdf.epw - 37), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(4)
        pdf.heading("Progress on each target")
        if meeting.progress:
            rows = [[*_target_name(st, n.target_kind, n.target_id), n.progress] for n in meeting.progress]
            pdf.table_rows((Column("Area", 22), Column("Target", 40), Column("Progress noted", 38)), rows)
        else:
            pdf.paragraph("No progress was noted against individual targets.", colour=GREY)
        for heading, text in (("What went well", meeting.went_well), ("What did not go so well", meeting.not_well),
                              ("Focus for the next meeting", meeting.focus_next)):
            pdf.ln(3)
            pdf.ensure_space(20)
            pdf.heading(heading, size=11)
            pdf.paragraph(text or "—", 10)
        pdf.ln(4)
        signed = [s for s in st.signatures if s.kind == "meeting" and s.meeting_id == meeting.id]
        _signatures(pdf, signed, ())
        return pdf.save(path)


# --- the year's summary ----------------------------------------------------------------------

def _status(status: str) -> Cell:
    label = STATUSES.get(status, status)
    if status == "achieved":
        return Cell(f"✓ {label}", colour=GREEN, bold=True)
    return Cell(label, colour=GREY if status == "not_applicable" else None)


def _grid(pdf: Document, rows: Sequence[GridRow]) -> None:
    wider = {"knowledge": 23, "values": 18}  # the long headers, so none is cut
    columns = [Column("Exams officer", 17), *(Column(c.label, wider.get(c.key, 14)) for c in rows[0].cells)]
    table = []
    for row in rows:
        cells: list[str | Cell] = [Cell(row.officer, bold=True)]
        for c in row.cells:
            fill, colour = (GREEN_FILL, GREEN) if c.met else (RED_FILL, RED)
            cells.append(Cell(f"{c.mark} {c.word}", fill=fill, colour=colour, bold=True))
        table.append(cells)
    pdf.table_rows(columns, table, zebra=False)


def write_standards_pdf(path: Path, centre: str, year: AcademicYear, rows: Sequence[GridRow],
                        reminders: dict[int, Reminder], *, printed: date | None = None) -> Path:
    """The progress grid, then each officer's targets, skills, statement, meetings and signatures."""
    with Document("Professional Standards", centre, year.label, orientation="landscape", printed=printed) as pdf:
        pdf.add_page()
        pdf.heading(f"Exams Officer Professional Standards {year.label}", "progress as at " + format_date(pdf.printed), 14)
        if not rows:
            pdf.paragraph("No exams officer is recorded for this centre.")
            return pdf.save(path)
        _grid(pdf, rows)
        started = [(row.standards, row.still_missing) for row in rows if row.standards is not None]
        for number, (st, missing) in enumerate(started):
            if number:
                pdf.add_page()
            else:
                pdf.ln(6)
            _officer(pdf, st, missing, reminders.get(st.year.id))
        return pdf.save(path)


def _officer(pdf: Document, st: Standards, missing: Sequence[str], due: Reminder | None) -> None:
    pdf.heading(st.year.officer, f"{EXPERIENCE.get(st.year.experience, st.year.experience)}, {st.year.year.label}", 14)
    pdf.paragraph("Certificate earned." if not missing else "Still to do for the certificate:", 10, "B")
    for line in missing:
        pdf.paragraph(f"•  {line}", 9.5)
    if due is not None:
        pdf.paragraph(f"Meetings: {due.text}.", 9.5, colour=RED if due.state == "overdue" else GREY)
    pdf.ln(3)
    pdf.heading("Knowledge & Understanding targets", size=11)
    if st.targets:
        pdf.table_rows(
            (Column("Area", 20), Column("Target", 34), Column("Methods", 18), Column("Success criteria", 28),
             Column("Checkpoint", 11), Column("Status", 13)),
            [[t.area, Cell(t.target, note=t.progress_notes), methods_label(t.methods), t.success_criteria,
              format_date(t.checkpoint_on), _status(t.status)] for t in st.targets])
    else:
        pdf.paragraph("No targets agreed yet.", colour=GREY)
    pdf.ln(3)
    pdf.ensure_space(25)
    warning = next((c.note for c in criteria(st) if c.note), "")
    pdf.heading("Key Skills", warning, size=11)
    if st.skills:
        pdf.table_rows(
            (Column("Skill", 26), Column("Methods", 22), Column("How success is measured", 42), Column("By", 11),
             Column("Status", 13)),
            [[SKILLS.get(s.skill, s.skill), methods_label(s.methods), s.measure, format_date(s.by_when),
              _status(s.status)] for s in st.skills])
    pdf.ln(3)
    pdf.ensure_space(25)
    pdf.heading("Meetings", size=11)
    if st.meetings:
        pdf.table_rows(
            (Column("Date", 11), Column("Kind", 14), Column("Attended", 24), Column("Focus next", 40),
             Column("Next meeting", 12), Column("Signed by", 22)),
            [[format_date(m.held_on), MEETING_KINDS.get(m.kind, m.kind), m.attendees, m.focus_next,
              format_date(m.next_meeting_on),
              ", ".join(s.signer_name for s in st.signatures if s.meeting_id == m.id and s.valid) or "—"]
             for m in st.meetings])
    else:
        pdf.paragraph("No meetings recorded yet.", colour=GREY)
    pdf.ln(3)
    _signatures(pdf, st.signatures, ("values_officer", "values_line_manager", "slt_declaration"))
