"""The half-termly meeting pack as a PDF for the line manager's meeting.

Portrait A4, one section after another in the order the meeting takes them; what needs
action is red (overdue) or amber (due within a fortnight), always with the words too,
because the pack is usually printed in black and white.
"""

from __future__ import annotations

from pathlib import Path

from eoffice.domain.dates import format_date
from eoffice.domain.overview import MeetingPack, PackSection, PackTable
from eoffice.io.pdf import AMBER, AMBER_FILL, GREY, RED, RED_FILL, Cell, Colour, Column, Document

TITLE = "Meeting pack"
GREEN: Colour = (0, 110, 40)
GREEN_FILL: Colour = (214, 240, 220)
FLAG_STYLE: dict[str, tuple[Colour, Colour]] = {
    "overdue": (RED_FILL, RED),
    "due_soon": (AMBER_FILL, AMBER),
    "met": (GREEN_FILL, GREEN),
}
# Relative widths for the tables the pack knows, by their first column; others share evenly.
WIDTHS: dict[str, tuple[float, ...]] = {
    "Phase": (40, 12, 12, 14),
    "Due": (13, 55, 18, 16),
    "Date": (12, 52, 12, 11, 13),
    "Exams officer": (18, 16, 13, 16, 15, 14, 12),
}


def write_meeting_pack_pdf(path: Path, pack: MeetingPack) -> Path:
    with Document(TITLE, pack.centre or "eoffice", pack.year.label, printed=pack.today) as pdf:
        pdf.add_page()
        pdf.heading("Half-termly meeting pack",
                    f"{pack.year.label}, as at {format_date(pack.today)}; dates ahead to {format_date(pack.until)}", 14)
        pdf.paragraph("For the exams officer's meeting with their line manager: the exams plan, the coming key "
                      "dates, the risks in each area and progress on the Professional Standards.", 9.5, colour=GREY)
        pdf.ln(3)
        for section in pack.sections:
            _section(pdf, section)
        return pdf.save(path)


def _section(pdf: Document, section: PackSection) -> None:
    pdf.ensure_space(30)
    pdf.heading(section.title, size=12.5)
    if section.summary:
        pdf.paragraph(section.summary, 10)
    for line in section.lines:
        pdf.paragraph(f"•  {line}", 10)
    for table in section.tables:
        pdf.ln(1.5)
        if table.title:
            pdf.ensure_space(20)
            pdf.heading(table.title, size=10.5)
        _table(pdf, table)
    pdf.ln(5)


def _table(pdf: Document, table: PackTable) -> None:
    widths = WIDTHS.get(table.columns[0], ())
    if len(widths) != len(table.columns):
        widths = tuple(1.0 for _ in table.columns)
    numeric = {"Done", "Tasks", "Done (%)"}
    columns = [Column(name, width, "R" if name in numeric else "L")
               for name, width in zip(table.columns, widths, strict=True)]
    rows = []
    for index, row in enumerate(table.rows):
        flag = table.flags[index] if index < len(table.flags) else ""
        rows.append([_cell(text, flag) for text in row])
    pdf.table_rows(columns, rows)


def _cell(text: str, flag: str) -> str | Cell:
    """Grid cells carry their own tick or cross; other flagged rows colour the whole row."""
    if text.startswith("✓ "):
        return Cell(text, fill=GREEN_FILL, colour=GREEN, bold=True)
    if text.startswith("✗ "):
        return Cell(text, fill=RED_FILL, colour=RED, bold=True)
    if flag in ("overdue", "due_soon"):
        fill, colour = FLAG_STYLE[flag]
        return Cell(text, fill=fill, colour=colour)
    return text
