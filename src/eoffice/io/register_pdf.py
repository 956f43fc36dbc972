"""The attendance register of each paper and room, in seating order, with boxes to tick
Present, Absent or Late, rows for candidates not listed and the signature line."""

from __future__ import annotations

from collections.abc import Sequence

from eoffice.domain.access import clock
from eoffice.domain.dates import format_date
from eoffice.domain.examday import ExamDayKit, Register, RegisterLine
from eoffice.io.kit_pdf import (
    NOT_LISTED_ROWS,
    REGISTER_HEADERS,
    REGISTER_ROW,
    REGISTER_WIDTHS,
    TICK,
    WHITE,
    arrangement_words,
    hline,
    nothing,
    put,
    warnings_box,
    wrap_name,
)
from eoffice.io.pdf import BLACK, GREY, HEAD_FILL, RULE, ZEBRA_FILL, Document, line_height

# --- registers --------------------------------------------------------------------------


def registers(pdf: Document, kit: ExamDayKit) -> None:
    if not kit.registers:
        nothing(pdf, kit, "register")
        return
    for index, register in enumerate(kit.registers):
        _register(pdf, kit, register, index == 0)


def _register_heading(pdf: Document, kit: ExamDayKit, register: Register, continued: bool) -> float:
    paper = register.paper
    y = pdf.get_y()
    title = f"{paper.board} {paper.code} {paper.title}" + (" (continued)" if continued else "")
    pdf.style(13, "B")
    put(pdf, pdf.l_margin, y, pdf.fit(title, pdf.epw), 13, "B")
    y += line_height(13) + 0.8
    count = len(register.lines)
    facts = (f"Room: {register.room}   ·   {kit.on:%A} {format_date(kit.on)} {kit.session}   ·   "
             f"published start {clock(paper.start)}, finish {clock(paper.finish)}"
             f"{paper.moved_words}   ·   "
             f"{count} candidate{'s' if count != 1 else ''}")
    pdf.style(9)
    for line in pdf.wrap(facts, pdf.epw, 2):
        put(pdf, pdf.l_margin, y, line, 9)
        y += line_height(9)
    if not continued:
        put(pdf, pdf.l_margin, y, "In seating order: collect the scripts in this order. Tick one box for each candidate.",
             8, "I", GREY)
        y += line_height(8)
    return y + 2


def _register_header_row(pdf: Document, y: float) -> float:
    height = line_height(8.5) + 2.5
    x = pdf.l_margin
    pdf.set_fill_color(*HEAD_FILL)
    pdf.rect(x, y, pdf.epw, height, style="F")
    for index, (header, width) in enumerate(zip(REGISTER_HEADERS, REGISTER_WIDTHS, strict=True)):
        align = "C" if index >= 4 else "L"
        put(pdf, x + (0 if align == "C" else 1), y + 1.2, header, 8.5, "B", width=width, align=align)
        x += width
    return y + height


def _register_row(pdf: Document, y: float, cells: Sequence[tuple[str, str]], lines: Sequence[list[str]],
                  height: float, zebra: bool) -> float:
    """One row: text cells then three empty tick boxes."""
    x = pdf.l_margin
    if zebra:
        pdf.set_fill_color(*ZEBRA_FILL)
        pdf.rect(x, y, pdf.epw, height, style="F")
    for index, width in enumerate(REGISTER_WIDTHS):
        if index < len(cells):
            emphasis, _text = cells[index]
            size = 9.0 if index < 3 else 8.0
            top = y + (height - line_height(size) * len(lines[index])) / 2
            for line in lines[index]:
                put(pdf, x + 1, top, line, size, emphasis)
                top += line_height(size)
        else:
            pdf.set_draw_color(*BLACK)
            pdf.set_line_width(0.3)
            pdf.set_fill_color(*WHITE)
            pdf.rect(x + (width - TICK) / 2, y + (height - TICK) / 2, TICK, TICK, style="DF")
        x += width
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.15)
    hline(pdf, pdf.l_margin, pdf.l_margin + pdf.epw, y + height)
    return y + height


def _register(pdf: Document, kit: ExamDayKit, register: Register, first: bool) -> None:
    pdf.add_page()
    y = _register_heading(pdf, kit, register, False)
    if first:
        y = warnings_box(pdf, kit, y, pdf.epw)
    y = _register_header_row(pdf, y)
    bottom = pdf.page_break_trigger

    def room_for(height: float) -> float:
        nonlocal y
        if y + height > bottom:
            pdf.add_page()
            y = _register_header_row(pdf, _register_heading(pdf, kit, register, True))
        return y

    for index, line in enumerate(register.lines):
        cells, laid = _register_cells(pdf, line)
        height = max(REGISTER_ROW, max(len(lines) * line_height(9 if i < 3 else 8) for i, lines in enumerate(laid)) + 2)
        y = room_for(height)
        with pdf.field(f"candidate {line.candidate}'s line of the register"):
            y = _register_row(pdf, y, cells, laid, height, index % 2 == 1)
    # Candidates who turn up but are not on the register, then the signature.
    title_h = line_height(9) + 3
    signature_h = 14.0
    room_for(title_h + line_height(8.5) + 2.5 + NOT_LISTED_ROWS * REGISTER_ROW + signature_h)
    y += 3
    put(pdf, pdf.l_margin, y, "Candidates not listed", 9, "B")
    put(pdf, pdf.l_margin + 45, y + 0.5, "(write in the desk, number and name of anyone who sits this paper here "
         "but is not on the register)", 7.5, "I", GREY)
    y += title_h - 3
    y = _register_header_row(pdf, y)
    for _ in range(NOT_LISTED_ROWS):
        y = _register_row(pdf, y, [("", ""), ("", ""), ("", ""), ("", "")], [[], [], [], []], REGISTER_ROW, False)
    y += 9
    put(pdf, pdf.l_margin, y, "Register completed by ________________________________________  at __________", 10)


def _register_cells(pdf: Document, line: RegisterLine) -> tuple[list[tuple[str, str]], list[list[str]]]:
    words = arrangement_words(line.arrangements, line.pending)
    cells = [("B", line.desk or "none"), ("B", line.candidate), ("", line.name), ("", words)]
    laid = []
    for index, (emphasis, text) in enumerate(cells):
        pdf.style(9 if index < 3 else 8, emphasis)
        laid.append(wrap_name(pdf, text, REGISTER_WIDTHS[index] - 2) if index == 2 else
                    pdf.wrap(text, REGISTER_WIDTHS[index] - 2, 4))
    return cells, laid
