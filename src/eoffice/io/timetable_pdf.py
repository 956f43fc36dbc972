"""Candidates' own exam timetables and statements of entry, one candidate to a page (portrait A4).

Each candidate gets: their name, number, form, year group and UCI; "Your entries" (board,
code, title, qualification, tier); "Your exams" (date, session, board, code, title, room,
desk, start and their own finish in bold), with any clash arrangement in words on a line
under its exam; and the statement they sign to say the entries are right (``CONFIRM``).

A page is handed to one candidate, so it carries that candidate's data and nobody else's:
the next candidate always starts a new page, the running header names only the centre,
the title and the year, and a page a long timetable runs onto names its own candidate in
the header band. A finish is printed as a time only, never with the reason it is late
(that is health data, and the records do not carry it).

The page is laid out so that a typical GCSE candidate (some 16 entries, 18 exams and a
few arrangement lines) fits on one sheet with the statement and signature line: the tables
are set tight, titles get the width the other columns can spare, and a board, code, date
or room that is a little too wide for its column is set a little smaller rather than
split. The centre's name is printed whole; the title and year go on a line of their own
when they do not fit beside it. A longer timetable runs on to a further page.

Like every writer, this one formats the ``examday.CandidateTimetable`` records it is
handed and calls no domain rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf.enums import XPos, YPos

from eoffice.domain.access import clock
from eoffice.domain.dates import format_date
from eoffice.domain.examday import CONFIRM, CandidateTimetable, TimetableSitting
from eoffice.io.pdf import BLACK, GREY, HEAD_FILL, PT, RULE, ZEBRA_FILL, Colour, Document, line_height

TITLE = "Exam timetable and statement of entry"
NO_EXAMS = "No exams are timetabled yet."
NO_ENTRIES = "No entries."
NO_ROOM = "to be confirmed"
NO_DESK = "—"
NO_VALUE = "—"
SIGNATURE = "Candidate's signature ________________________________________   Date ____________________"
INTRO = ("Check every line. The start and finish are your own times. If anything is wrong or missing, tell the "
         "exams office straight away.")

SIZE = 8.0  # points: the text of both tables
MIN_SIZE = 7.5  # points: a cell marked shrink that is too wide for its column is set down to this, not split
FINISH_SIZE = 9.0  # points, bold: the candidate's own finish is the easiest thing on the page to read
LINE = SIZE * PT * 1.15  # millimetres from one table line to the next
PAD = 0.5  # millimetres above and below the text in a table row
NOTE_INDENT = 4.0  # millimetres: the arrangement line sits a little in from the row's left edge
HEADING = 10.5  # points: "Your entries", "Your exams", "Statement of entry"
HEADER = (10.0, 9.0)  # points, bold: the centre, title and year in the fewest lines, the larger on a tie
HEADER_LINE = 4.6  # millimetres per line of that header when it takes more than one
HEADER_GAP = 6.0  # millimetres at least between the centre and the title when they share a line


@dataclass(frozen=True)
class _Col:
    header: str
    width: float  # millimetres of portrait A4's 190
    align: str = "L"
    lines: int = 1  # how many lines the text may wrap to
    shrink: bool = False  # set down towards MIN_SIZE to keep the text on one line


# Widths hold, on one line: "WJEC Eduqas" (at MIN_SIZE; "Pearson" at SIZE), codes of up to 10
# characters ("8464/B/1H", bold in the exams), "GCE A level", "Foundation", "Wed 12/05/2027" and
# "to be confirmed"; the title has the rest of the 190 mm.
ENTRY_COLUMNS = (
    _Col("Board", 19.5, shrink=True), _Col("Code", 20.5, shrink=True), _Col("Title", 109.5, lines=3),
    _Col("Qualification", 22.5, lines=2, shrink=True), _Col("Tier", 18, lines=2, shrink=True),
)
EXAM_COLUMNS = (
    _Col("Date", 25.5, shrink=True), _Col("AM/PM", 13, "C"), _Col("Board", 19.5, shrink=True),
    _Col("Code", 20.5, shrink=True), _Col("Title", 55, lines=3), _Col("Room", 23.5, lines=2, shrink=True),
    _Col("Desk", 10, "C"), _Col("Start", 10.5, "C"), _Col("Finish", 12.5, "C"),
)


@dataclass(frozen=True)
class _Text:
    """What goes in one cell, before it is laid out."""

    text: str
    emphasis: str = ""
    colour: Colour = BLACK
    size: float = SIZE


@dataclass(frozen=True)
class _Cell:
    """A cell laid out: its wrapped lines and the font they are set in."""

    lines: list[str]
    emphasis: str
    size: float
    colour: Colour


def centre_line(timetable: CandidateTimetable) -> str:
    """"Centre 12345 · St Zoë's Academy"; the name alone when the number is not recorded."""
    number = timetable.centre_number.strip()
    return f"Centre {number} · {timetable.centre_name}" if number else timetable.centre_name


def day_text(on: date) -> str:
    """"Wed 12/05/2027"."""
    return f"{on:%a} {format_date(on)}"


class _TimetableDocument(Document):
    """The house page, with the centre's name printed whole, the title and year beside it
    (or under it, when they do not fit), and the candidate named at the top of any page
    their timetable runs onto."""

    candidate: CandidateTimetable | None = None  # set once a candidate's first page is started

    def __init__(self, title: str, centre_name: str, subtitle: str = "", *, printed: date | None = None) -> None:
        super().__init__(title, centre_name, subtitle, printed=printed)
        self.set_auto_page_break(True, margin=12)  # the footer's line starts 10 mm from the foot

    def header(self) -> None:
        width = self.epw - 2 * self.c_margin
        title = "  ·  ".join(p for p in (self.doc_title, self.subtitle) if p)
        size, centre, beside = min((self._header_layout(size, title, width) for size in HEADER),
                                   key=lambda layout: len(layout[1]) + (0 if layout[2] else 1))  # fewest lines
        self.style(size, "B")
        y = 7.0
        for index, line in enumerate(centre):
            self.set_xy(self.l_margin, y)
            with self.field("the centre's name"):
                self.cell(self.epw, 5, line)
            if index < len(centre) - 1 or not beside:
                y += HEADER_LINE
        self.set_xy(self.l_margin, y)
        self.cell(self.epw, 5, self.fit(title, width), align="R")
        y += 5.5
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_xy(self.l_margin, y + 2.5)
        if self.candidate is not None:  # a page the same candidate's timetable runs onto
            person = self.candidate
            self.style(11, "B")
            with self.field(f"candidate {person.number}'s name"):
                self.cell(self.epw * 0.7, line_height(11), self.fit(f"{person.name} · candidate {person.number}",
                                                                    self.epw * 0.7 - 2 * self.c_margin))
            self.style(8.5, "I", GREY)
            self.cell(self.epw * 0.3, line_height(11), "continued", align="R")
            self.set_xy(self.l_margin, y + 2.5 + line_height(11) + 2.5)
        self.style()

    def _header_layout(self, size: float, title: str, width: float) -> tuple[float, list[str], bool]:
        """At ``size``: the centre's name in whole lines, and whether the title fits beside the last."""
        self.style(size, "B")
        centre = self.wrap(self.centre_name, width) or [""]
        return size, centre, self.measure(centre[-1]) + HEADER_GAP + self.measure(title) <= width


def write_timetables_pdf(path: Path, timetables: Sequence[CandidateTimetable], *, printed: date | None = None) -> Path:
    """Each candidate's timetable and statement of entry, every candidate from a new page."""
    if not timetables:
        raise ValueError("no timetables to print: choose at least one candidate with entries")
    first = timetables[0]
    with _TimetableDocument(TITLE, centre_line(first), first.year, printed=printed) as pdf:
        for timetable in timetables:
            pdf.centre_name = centre_line(timetable)
            pdf.subtitle = timetable.year
            pdf.candidate = None
            pdf.add_page()
            pdf.candidate = timetable
            _candidate(pdf, timetable)
            _entries(pdf, timetable)
            _exams(pdf, timetable)
            _statement(pdf)
        return pdf.save(path)


# --- the candidate ------------------------------------------------------------------------


def _heading(pdf: Document, text: str, detail: str = "") -> None:
    """A bold heading with optional grey detail beside it, set close above what it heads."""
    pdf.set_x(pdf.l_margin)
    pdf.style(HEADING, "B")
    width = pdf.measure(text) + 2 * pdf.c_margin
    pdf.cell(width, line_height(HEADING), text)
    if detail:
        pdf.style(HEADING - 3, "", GREY)
        pdf.cell(pdf.epw - width, line_height(HEADING), pdf.fit(detail, pdf.epw - width - 2 * pdf.c_margin))
    pdf.ln(line_height(HEADING) + 1)
    pdf.style()


def _candidate(pdf: Document, timetable: CandidateTimetable) -> None:
    pdf.style(16, "B")
    pdf.set_x(pdf.l_margin)
    with pdf.field(f"candidate {timetable.number}'s name"):
        pdf.cell(pdf.epw, line_height(16), pdf.fit(timetable.name, pdf.epw - 2 * pdf.c_margin),
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    facts = [("Candidate number", timetable.number, 38.0), ("Form", timetable.form or "—", 30.0),
             ("Year group", str(timetable.year_group) if timetable.year_group is not None else "—", 30.0)]
    if timetable.uci.strip():
        facts.append(("UCI", timetable.uci.strip(), pdf.epw - 98))
    top, x = pdf.get_y() + 0.5, pdf.l_margin
    for label, value, width in facts:
        pdf.set_xy(x, top)
        pdf.style(7, "", GREY)
        pdf.cell(width, line_height(7), label)
        pdf.set_xy(x, top + line_height(7))
        pdf.style(11, "B")
        pdf.cell(width, line_height(11), pdf.fit(value, width - 2 * pdf.c_margin))
        x += width
    pdf.set_xy(pdf.l_margin, top + line_height(7) + line_height(11) + 1.5)
    pdf.paragraph(INTRO, size=8, colour=GREY)
    pdf.ln(2)


def _entries(pdf: Document, timetable: CandidateTimetable) -> None:
    count = len(timetable.entries)
    _heading(pdf, "Your entries", f"{count} paper{'' if count == 1 else 's'}")
    if not timetable.entries:
        pdf.paragraph(NO_ENTRIES, colour=GREY)
    else:
        _table(pdf, ENTRY_COLUMNS, [
            ([_Text(e.board), _Text(e.code), _Text(e.title), _Text(e.qualification or NO_VALUE),
              _Text(e.tier or NO_VALUE)], "")
            for e in timetable.entries])
    pdf.ln(3)


# --- the exams ----------------------------------------------------------------------------


def _exams(pdf: Document, timetable: CandidateTimetable) -> None:
    count = len(timetable.sittings)
    pdf.ensure_space(line_height(HEADING) + 3 + 4 * (LINE + 2 * PAD))  # never the heading alone
    _heading(pdf, "Your exams", f"{count} exam{'' if count == 1 else 's'} in {timetable.year}" if count else "")
    if not timetable.sittings:
        pdf.paragraph(NO_EXAMS, size=10)
        pdf.ln(3)
        return
    _table(pdf, EXAM_COLUMNS, [(_exam_texts(sitting), sitting.arrangement.strip()) for sitting in timetable.sittings])
    pdf.ln(3)


def _exam_texts(sitting: TimetableSitting) -> list[_Text]:
    room = _Text(NO_ROOM, "I", GREY) if not sitting.room.strip() else _Text(sitting.room)
    return [_Text(day_text(sitting.on)), _Text(sitting.session), _Text(sitting.board), _Text(sitting.code, "B"),
            _Text(sitting.title), room, _Text(sitting.desk or NO_DESK), _Text(clock(sitting.start)),
            _Text(clock(sitting.finish), "B", size=FINISH_SIZE)]


# --- the tables ---------------------------------------------------------------------------


def _table(pdf: Document, columns: Sequence[_Col], rows: Sequence[tuple[Sequence[_Text], str]]) -> None:
    """Rows of (cells, arrangement) under a header row; a row never splits, and the header row
    is printed again at the top of a page the table runs onto."""
    _table_header(pdf, columns)
    for index, (texts, arrangement) in enumerate(rows):
        cells = [_lay_out(pdf, text, column) for text, column in zip(texts, columns, strict=True)]
        height = 2 * PAD + max(len(cell.lines) for cell in cells) * LINE
        note: list[str] = []
        if arrangement:
            pdf.style(SIZE, "B")
            note = pdf.wrap(f"Arrangement: {arrangement}", pdf.epw - NOTE_INDENT - 2 * pdf.c_margin, 3)
        note_h = len(note) * LINE + PAD if note else 0.0
        if pdf.get_y() + height + note_h > pdf.page_break_trigger:
            pdf.add_page()
            _table_header(pdf, columns)
        _draw_row(pdf, columns, cells, note, height, note_h, index % 2 == 1)


def _table_header(pdf: Document, columns: Sequence[_Col]) -> None:
    height = LINE + 2 * PAD + 0.4
    pdf.set_x(pdf.l_margin)
    pdf.set_fill_color(*HEAD_FILL)
    pdf.style(SIZE, "B")
    for column in columns:
        pdf.cell(column.width, height, pdf.fit(column.header, column.width - 2 * pdf.c_margin), align=column.align,
                 fill=True)
    pdf.ln(height)
    pdf.style()


def _lay_out(pdf: Document, text: _Text, column: _Col) -> _Cell:
    """The cell's lines: on one line if it fits, set down as far as MIN_SIZE when the column
    allows; wrapped (up to the column's lines) when it does not."""
    room = column.width - 2 * pdf.c_margin
    size = text.size
    pdf.style(size, text.emphasis)
    wide = pdf.measure(" ".join(text.text.split()))
    if wide > room and column.shrink:
        smaller = math.floor(size * room / wide * 20) / 20  # text widths scale with the font size
        if smaller >= MIN_SIZE:
            size = smaller
            pdf.style(size, text.emphasis)
    return _Cell(pdf.wrap(text.text, room, column.lines) or [""], text.emphasis, size, text.colour)


def _draw_row(pdf: Document, columns: Sequence[_Col], cells: Sequence[_Cell], note: Sequence[str], height: float,
              note_h: float, zebra: bool) -> None:
    top, x = pdf.get_y(), pdf.l_margin
    if zebra:
        pdf.set_fill_color(*ZEBRA_FILL)
        pdf.rect(pdf.l_margin, top, pdf.epw, height + note_h, style="F")
    for cell, column in zip(cells, columns, strict=True):
        pdf.set_xy(x, top + PAD)
        pdf.style(cell.size, cell.emphasis, cell.colour)
        for line in cell.lines:
            pdf.cell(column.width, LINE, line, align=column.align, new_x=XPos.LEFT, new_y=YPos.NEXT)
        x += column.width
    if note:
        pdf.set_draw_color(*BLACK)
        pdf.set_line_width(0.5)
        bar = pdf.l_margin + NOTE_INDENT - 1.2
        pdf.line(bar, top + height - 0.2, bar, top + height + note_h - PAD + 0.2)
        pdf.style(SIZE, "B")
        pdf.set_xy(pdf.l_margin + NOTE_INDENT, top + height - PAD)
        for line in note:
            pdf.cell(pdf.epw - NOTE_INDENT, LINE, line, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.15)
    pdf.line(pdf.l_margin, top + height + note_h, pdf.l_margin + pdf.epw, top + height + note_h)
    pdf.set_xy(pdf.l_margin, top + height + note_h)
    pdf.style()


# --- the statement ------------------------------------------------------------------------


def _statement(pdf: Document) -> None:
    pdf.style(9)
    lines = pdf.wrap(CONFIRM, pdf.epw - 2 * pdf.c_margin)
    pdf.ensure_space(line_height(HEADING) + 1 + len(lines) * line_height(9) + 8 + line_height(10))
    _heading(pdf, "Statement of entry")
    pdf.paragraph(CONFIRM, size=9)
    pdf.ln(8)
    pdf.style(10)
    pdf.set_x(pdf.l_margin)
    pdf.cell(pdf.epw, line_height(10), pdf.fit(SIGNATURE, pdf.epw - 2 * pdf.c_margin))
    pdf.ln(line_height(10))
    pdf.style()
