"""The exam-day kit as PDFs: a seating plan per room, a register per paper and room, desk cards.

Everything printed here comes from one ``examday.ExamDayKit`` (``domain/examday/kit.py``),
so the plan on the wall, the register in the folder and the card on the desk cannot
disagree with the exam-day view; this module only lays the records out.

* **Seating plan** (landscape): the room as seen from the back, FRONT at the top, row A
  nearest it. Desk boxes shrink to fit the page; when a box would drop below about 6 mm
  the room is split into sheets by row bands (and, for a very wide room, column bands),
  each saying which rows and columns it shows. Access-arrangement desks have a thick
  border (dashed while the application is only pending) and a numbered tag keyed to a
  legend that says the arrangements in words; colour is only ever a second signal,
  because school printers are often mono. Each sheet ends with the true-record line the
  invigilator signs, since the plan is kept as a centre record.
* **Register**: a page (or more) per paper and room in seating order, with empty boxes
  to tick Present, Absent or Late, rows for candidates not listed, and a signature line.
* **Desk cards**: eight to an A4 page with dashed cut lines: name, candidate number,
  room and desk, the papers, the start and the finish (with the reason when it is late).

Every page carries the access exports' sensitive-data notice, because the pages name
access arrangements.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eoffice.domain.access import clock
from eoffice.domain.dates import format_date
from eoffice.domain.examday import KINDS, DeskCard, ExamDayKit, KitPaper, Register, RegisterLine, RoomPlan, Seat
from eoffice.io.access_export import SENSITIVE
from eoffice.io.pdf import AMBER_FILL, BLACK, GREY, HEAD_FILL, PT, RED, RULE, ZEBRA_FILL, Colour, Document, line_height

TITLES = {"seating-plan": "Seating plan", "register": "Register", "desk-cards": "Desk cards"}
TRUE_RECORD = "This plan is a true record of where each candidate sat."
SIGN_HERE = "Invigilator: ______________________________   Signature: ______________________________   Time: __________"
FRONT = "FRONT (candidates face this way)"
NO_DESK = "No desk"
WARNINGS_TITLE = "Before printing, check:"
WHITE: Colour = (255, 255, 255)
OFF_FILL: Colour = (228, 228, 228)
HATCH: Colour = (160, 160, 160)
MARK_FILL: Colour = (255, 238, 205)  # a second signal only: the border and the tag say it in mono
DESK_RULE: Colour = (120, 120, 120)

# Where an exit or the invigilator's desk is: ``roster.POSITIONS`` (front = top of the plan).
SIDES = {
    "front left": ("front", 0), "front": ("front", 1), "front right": ("front", 2),
    "left": ("side", 0), "right": ("side", 2),
    "back left": ("back", 0), "back": ("back", 1), "back right": ("back", 2),
}

# Seating-plan geometry, millimetres.
MIN_BOX = 6.0  # a desk box smaller than this splits the room across sheets
MAX_CELL_W = 42.0
MAX_CELL_H = 24.0
LETTERS_W = 5.0  # the row letters, both sides of the grid
SIDE_W = 19.0  # a marker (exit, invigilator desk) on the left or right wall
STRIP_H = 6.5  # markers on the front or back wall
FRONT_H = 6.0
NUMBERS_H = 3.6
TRUE_RECORD_H = 9.0
NOTES_SHARE = 0.4  # a legend taller than this share of the page moves to a page of its own
LEGEND_SIZE = 7.5
LEGEND_COLUMNS = 3
NO_DESK_SIZE = 8.5

# Register geometry.
REGISTER_WIDTHS = (13.0, 18.5, 48.5, 62.0, 16.0, 16.0, 16.0)
REGISTER_HEADERS = ("Desk", "Cand. no.", "Name", "Access arrangements", "Present", "Absent", "Late")
REGISTER_ROW = 8.0
NOT_LISTED_ROWS = 3
TICK = 4.6

# Desk cards: 2 across, 4 down.
CARD_COLUMNS = 2
CARD_ROWS = 4
CARD_PAD = 4.0


def write_exam_day_pdf(path: Path, kit: ExamDayKit, kind: str, *, printed: date | None = None) -> Path:
    """Write one kind of the exam-day kit (``kit.KINDS``) for one session to ``path``."""
    if kind not in KINDS:
        raise ValueError(f"unknown exam-day kit {kind!r}: choose one of {', '.join(KINDS)}")
    orientation = "landscape" if kind == "seating-plan" else "portrait"
    with Document(TITLES[kind], centre_line(kit), session_label(kit), orientation=orientation,
                  notice=SENSITIVE, printed=printed) as pdf:
        if kind == "seating-plan":
            _seating_plans(pdf, kit)
        elif kind == "register":
            _registers(pdf, kit)
        else:
            _desk_cards(pdf, kit)
        return pdf.save(path)


def centre_line(kit: ExamDayKit) -> str:
    """"Centre 12345 · St Zoë's Academy"; the name alone when the number is not recorded."""
    number = kit.centre_number.strip()
    return f"Centre {number} · {kit.centre_name}" if number else kit.centre_name


def session_label(kit: ExamDayKit) -> str:
    """"Wed 12 May 2027 AM": enough to place a loose sheet."""
    return f"{kit.on:%a} {kit.on.day} {kit.on:%b %Y} {kit.session}"


def row_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z" as ``roster.desk_label`` names rows (26 -> "AA" should a room ever grow)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def arrangement_words(arrangements: Sequence[str], pending: Sequence[str]) -> str:
    """"25% extra time; pending: Reader": an application not yet approved says so."""
    return "; ".join([*arrangements, *(f"pending: {p}" for p in pending)])


def paper_line(paper: KitPaper) -> str:
    return f"{paper.board} {paper.code} {paper.title}, published {clock(paper.start)}–{clock(paper.finish)}"


# --- drawing helpers --------------------------------------------------------------------


def _put(pdf: Document, x: float, top: float, text: str, size: float, emphasis: str = "", colour: Colour = BLACK,
         *, width: float = 0.0, align: str = "L") -> None:
    """One line of text in the line box starting at ``top``; ``align`` within ``width``."""
    pdf.style(max(size, 1.0), emphasis, colour)
    if align != "L":
        used = pdf.measure(text)
        x += (width - used) / 2 if align == "C" else width - used
    pdf.text(x, top + size * PT * 0.98, text)


def _size_to_fit(pdf: Document, text: str, emphasis: str, width: float, most: float) -> float:
    """The largest size up to ``most`` points at which ``text`` fits ``width``."""
    pdf.style(10, emphasis)
    at_ten = pdf.measure(text)
    return most if at_ten <= 0 else min(most, 9.9 * width / at_ten)  # a hair under: rounding must not cut it


def _short_name(pdf: Document, name: str, width: float) -> str:
    """"Watson, Finn" -> "Watson, F" -> "Watson" -> "Wat…", whichever first fits."""
    name = " ".join(name.split())
    if pdf.measure(name) <= width:
        return name
    surname, _, given = (part.strip() for part in name.partition(","))
    if given and pdf.measure(f"{surname}, {given[0]}") <= width:
        return f"{surname}, {given[0]}"
    return pdf.fit(surname or name, width)


def _hline(pdf: Document, x1: float, x2: float, y: float) -> None:
    pdf.line(x1, y, x2, y)


def _hatch(pdf: Document, x: float, y: float, w: float, h: float, step: float) -> None:
    """Diagonal lines across a box, clipped to it by hand (so nothing spills onto a neighbour)."""
    pdf.set_draw_color(*HATCH)
    pdf.set_line_width(0.15)
    offset = step
    while offset < w + h:
        # The line x + y' = offset (y' measured down from the top), clipped to the box.
        x1, y1 = (x + offset, y) if offset <= w else (x + w, y + offset - w)
        x2, y2 = (x, y + offset) if offset <= h else (x + offset - h, y + h)
        pdf.line(x1, y1, x2, y2)
        offset += step


def _nothing(pdf: Document, kit: ExamDayKit, what: str) -> None:
    pdf.add_page()
    pdf.heading(f"Nothing is seated in this session: {session_label(kit)}", size=14)
    pdf.paragraph(f"No candidate has a desk in the {kit.session} session on {format_date(kit.on)}, so there is "
                  f"no {what} to print. Seat the session first, then print the kit again.", colour=GREY)
    pdf.ln(3)
    _warnings(pdf, kit, pdf.get_y(), pdf.epw)


def _warnings(pdf: Document, kit: ExamDayKit, y: float, width: float, *, draw: bool = True) -> float:
    """The boxed note of what the officer must settle; returns the y below it."""
    if not kit.warnings:
        return y
    size, pad = 8.5, 2.0
    pdf.style(size)
    bullets = [(wrapped, index == 0) for warning in kit.warnings
               for index, wrapped in enumerate(pdf.wrap(warning, width - 2 * pad - 4))]
    height = 2 * pad + line_height(size) * (1 + len(bullets))
    if draw:
        pdf.set_fill_color(*AMBER_FILL)
        pdf.set_draw_color(*RED)
        pdf.set_line_width(0.5)
        pdf.rect(pdf.l_margin, y, width, height, style="DF")
        top = y + pad
        _put(pdf, pdf.l_margin + pad, top, WARNINGS_TITLE, size, "B", RED)
        for text, first in bullets:
            top += line_height(size)
            if first:
                _put(pdf, pdf.l_margin + pad, top, "•", size, "B")
            _put(pdf, pdf.l_margin + pad + 4, top, text, size)
    return y + height + 3


# --- seating plan -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One marked desk in the legend under a grid."""

    key: str  # the numbered tag on the desk
    head: str  # desk, candidate number, name
    lines: tuple[str, ...]  # the arrangements in words, wrapped
    pending_only: bool

    def height(self) -> float:
        return line_height(LEGEND_SIZE) * (1 + len(self.lines)) + 1.2


@dataclass(frozen=True)
class _Sheet:
    rows: range
    columns: range
    number: int  # 1-based, within the room
    count: int
    entries: tuple[_Entry, ...]
    no_desk: tuple[str, ...]  # the candidates in the room without a desk, wrapped (the room's last sheet)
    moved: bool  # legend and no-desk list are too long for the sheet: they follow on a page of their own


def _seating_plans(pdf: Document, kit: ExamDayKit) -> None:
    if not kit.plans:
        _nothing(pdf, kit, "seating plan")
        return
    first = True
    for plan in kit.plans:
        _room(pdf, kit, plan, first)
        first = False


def _markers(plan: RoomPlan) -> dict[tuple[str, int], list[str]]:
    found: dict[tuple[str, int], list[str]] = {}
    for text, where in (("EXIT", plan.exit), ("INVIGILATOR DESK", plan.invigilator_desk)):
        side = SIDES.get(" ".join(where.lower().split()))
        if side:
            found.setdefault(side, []).append(text)
    return found


def _legend_entries(pdf: Document, keys: dict[str, str], seats: Sequence[Seat], width: float) -> tuple[_Entry, ...]:
    entries = []
    for seat in seats:
        if seat.marked:
            tag_w = _tag_width(pdf, keys[seat.desk], LEGEND_SIZE)
            pdf.style(LEGEND_SIZE)
            lines = pdf.wrap(arrangement_words(seat.arrangements, seat.pending), width - tag_w - 3)
            entries.append(_Entry(keys[seat.desk], f"{seat.desk}  {seat.candidate}  {seat.name}", tuple(lines),
                                  not seat.arrangements))
    return tuple(entries)


def _no_desk_lines(pdf: Document, unseated: Sequence[Seat], width: float) -> tuple[str, ...]:
    """"No desk: ..." for the candidates placed in the room without a desk, wrapped to ``width``."""
    if not unseated:
        return ()
    people = []
    for seat in unseated:
        words = arrangement_words(seat.arrangements, seat.pending)
        people.append(f"{seat.candidate} {seat.name} ({', '.join(seat.codes)}{'; ' + words if words else ''})")
    count = len(unseated)
    text = (f"{NO_DESK}: {count} candidate{'s' if count != 1 else ''} placed in this room "
            f"{'have' if count != 1 else 'has'} no desk on this plan; find {'them' if count != 1 else 'one'} a desk "
            f"before the exam and write it in: {'; '.join(people)}.")
    pdf.style(NO_DESK_SIZE, "B")
    return tuple(pdf.wrap(text, width))


def _tag_width(pdf: Document, key: str, size: float) -> float:
    pdf.style(size, "B")
    return pdf.measure(key) + size * PT * 0.8


def _tag(pdf: Document, right: float, top: float, height: float, key: str, pending_only: bool) -> float:
    """A numbered tag keyed to the legend: black (approved) or outlined (only pending)."""
    size = max(1.5, min(7.5, height / (PT * 1.15)))
    width = _tag_width(pdf, key, size)
    pdf.set_line_width(0.25)
    pdf.set_draw_color(*BLACK)
    pdf.set_fill_color(*(WHITE if pending_only else BLACK))
    pdf.rect(right - width, top, width, height, style="DF")
    pdf.style(size, "B", BLACK if pending_only else WHITE)
    pdf.text(right - width + (width - pdf.measure(key)) / 2, top + height / 2 + size * PT * 0.36, key)
    return width


def _legend_layout(entries: Sequence[_Entry], columns: int) -> list[list[_Entry]]:
    """Entries down the columns, balanced by height, in order."""
    if not entries:
        return []
    target = max(max(e.height() for e in entries), sum(e.height() for e in entries) / columns)
    while True:
        laid: list[list[_Entry]] = [[]]
        used = 0.0
        for entry in entries:
            if laid[-1] and used + entry.height() > target + 0.01:
                laid.append([])
                used = 0.0
            laid[-1].append(entry)
            used += entry.height()
        if len(laid) <= columns:
            return laid
        target += line_height(LEGEND_SIZE)


LEGEND_TITLE = ("Access arrangements at the marked desks (thick border and numbered tag; a dashed border and "
                "an outlined tag mean the application is pending, not yet approved)")


def _notes_height(entries: Sequence[_Entry], no_desk: Sequence[str], moved: bool) -> float:
    if not entries and not no_desk:
        return 0.0
    if moved:
        return line_height(8.5) + 2
    height = len(no_desk) * line_height(NO_DESK_SIZE) + 2 if no_desk else 0.0
    if entries:
        laid = _legend_layout(entries, LEGEND_COLUMNS)
        height += line_height(8) + 1 + max(sum(e.height() for e in column) for column in laid)
    return height + 2


def _draw_notes(pdf: Document, sheet: _Sheet, y: float, bottom: float, kit: ExamDayKit, plan: RoomPlan,
                detail: str) -> None:
    """Who has no desk (red, in words), then the legend in columns; the legend flows onto new pages at ``bottom``."""
    for line in sheet.no_desk:
        if y + line_height(NO_DESK_SIZE) > bottom:  # hundreds without a desk: carry on overleaf
            pdf.add_page()
            y = _plan_header(pdf, kit, plan, f"{detail} · continued", pdf.get_y())
        _put(pdf, pdf.l_margin, y, line, NO_DESK_SIZE, "B", RED)
        y += line_height(NO_DESK_SIZE)
    if sheet.no_desk:
        y += 2
    if sheet.entries:
        _draw_legend(pdf, sheet.entries, pdf.l_margin, y, pdf.epw, bottom, kit, plan, detail)


def _draw_legend(pdf: Document, entries: Sequence[_Entry], x: float, y: float, width: float, bottom: float,
                 kit: ExamDayKit, plan: RoomPlan, detail: str) -> float:
    """The legend in columns from ``y``; flows onto new pages when ``bottom`` is reached."""
    pdf.style(8, "B")
    _put(pdf, x, y, pdf.fit(LEGEND_TITLE, width), 8, "B")
    y += line_height(8) + 1
    column_w = (width - (LEGEND_COLUMNS - 1) * 4) / LEGEND_COLUMNS
    laid = _legend_layout(entries, LEGEND_COLUMNS)
    if y + max((sum(e.height() for e in c) for c in laid), default=0) > bottom:  # a page of its own, flowing
        laid = [[]]
        used = 0.0
        for entry in entries:
            if laid[-1] and y + used + entry.height() > bottom:
                laid.append([])
                used = 0.0
            laid[-1].append(entry)
            used += entry.height()
    lowest = y
    for index, column in enumerate(laid):
        if index and index % LEGEND_COLUMNS == 0:
            pdf.add_page()
            y = _plan_header(pdf, kit, plan, f"{detail} · key continued", pdf.get_y())
            lowest = y
        left = x + (index % LEGEND_COLUMNS) * (column_w + 4)
        top = y
        for entry in column:
            lh = line_height(LEGEND_SIZE)
            text_x = left + _tag(pdf, left + _tag_width(pdf, entry.key, LEGEND_SIZE), top + 0.2, lh - 0.4,
                                 entry.key, entry.pending_only) + 1.5
            pdf.style(LEGEND_SIZE, "B")
            _put(pdf, text_x, top, pdf.fit(entry.head, left + column_w - text_x), LEGEND_SIZE, "B")
            for line in entry.lines:
                top += lh
                _put(pdf, text_x, top, line, LEGEND_SIZE)
            top += lh + 1.2
        lowest = max(lowest, top)
    return lowest


def _plan_header(pdf: Document, kit: ExamDayKit, plan: RoomPlan, detail: str, y: float, *, draw: bool = True) -> float:
    """Room, date and session, the papers, exits and spacing; returns the y below."""
    x, width = pdf.l_margin, pdf.epw
    if draw:
        pdf.style(14, "B")
        room = pdf.fit(plan.room, width * 0.45)
        _put(pdf, x, y, room, 14, "B")
        used = pdf.measure(room) + 4
        pdf.style(9.5, "", GREY)
        _put(pdf, x + used, y + 1.4, pdf.fit(detail, width - used), 9.5, "", GREY)
    y += line_height(14) + 1
    size = 8.5
    halves = 2 if len(plan.papers) > 2 else 1
    column_w = (width - 6 * (halves - 1)) / halves
    per_column = math.ceil(len(plan.papers) / halves) if plan.papers else 0
    for index, paper in enumerate(plan.papers):
        if not draw:
            continue
        left = x + (index // per_column) * (column_w + 6)
        top = y + (index % per_column) * line_height(size)
        pdf.style(size, "B")
        code = f"{paper.code}  "
        code_w = pdf.measure(code)
        _put(pdf, left, top, code, size, "B")
        times = f"  published {clock(paper.start)}–{clock(paper.finish)}"
        pdf.style(size, "B")
        times_w = pdf.measure(times)
        pdf.style(size)
        name = pdf.fit(f"{paper.board} {paper.title}", column_w - code_w - times_w)
        _put(pdf, left + code_w, top, name, size)
        name_w = pdf.measure(name)
        _put(pdf, left + code_w + name_w, top, times, size, "B")
    if not plan.papers:
        if draw:
            _put(pdf, x, y, "No paper in this room.", size, "", GREY)
        per_column = 1
    y += per_column * line_height(size) + 0.6
    facts = [f"Exit: {plan.exit or 'not recorded'}", f"Invigilator desk: {plan.invigilator_desk or 'not recorded'}"]
    spacing = " ".join(plan.spacing_note.split())
    if spacing:
        facts.append(spacing if spacing.lower().startswith("spacing") else f"Spacing: {spacing}")
    pdf.style(size)
    lines = pdf.wrap("   ·   ".join(facts), width, 2)
    for line in lines:
        if draw:
            _put(pdf, x, y, line, size, "", GREY)
        y += line_height(size)
    return y + 2


def _room(pdf: Document, kit: ExamDayKit, plan: RoomPlan, first: bool) -> None:
    rows = max(plan.rows, 1 + max((s.row for s in plan.seats), default=-1), 1)
    columns = max(plan.columns, 1 + max((s.column for s in plan.seats), default=-1), 1)
    keys = {seat.desk: str(index) for index, seat in enumerate((s for s in plan.seats if s.marked), start=1)}
    markers = _markers(plan)
    side_left = SIDE_W if ("side", 0) in markers else 0.0
    side_right = SIDE_W if ("side", 2) in markers else 0.0
    strips = (STRIP_H if any(k[0] == "front" for k in markers) else 0.0) + \
             (STRIP_H if any(k[0] == "back" for k in markers) else 0.0)
    # Heights, measured once on the room's first page: the header block, the warnings on the kit's first page.
    pdf.add_page()
    header_end = _plan_header(pdf, kit, plan, "", pdf.get_y(), draw=False)
    if first:
        header_end = _warnings(pdf, kit, header_end, pdf.epw, draw=False)
    bottom = pdf.page_break_trigger - TRUE_RECORD_H
    page_room = bottom - header_end

    grid_w = pdf.epw - 2 * LETTERS_W - side_left - side_right
    column_bands = 1
    while column_bands < columns and _box(min(MAX_CELL_W, grid_w / math.ceil(columns / column_bands))) < MIN_BOX:
        column_bands += 1
    column_ranges = _split(columns, column_bands)
    cell_w = min(MAX_CELL_W, grid_w / max(len(r) for r in column_ranges))

    by_place = {(s.row, s.column): s for s in plan.seats}
    row_bands = 1
    while True:
        row_ranges = _split(rows, row_bands)
        sheets: list[_Sheet] = []
        cell_h = MAX_CELL_H
        for row_index, row_range in enumerate(row_ranges):
            for column_index, column_range in enumerate(column_ranges):
                last = row_index == len(row_ranges) - 1 and column_index == len(column_ranges) - 1
                seats = [by_place[(r, c)] for r in row_range for c in column_range if (r, c) in by_place]
                entries = _legend_entries(pdf, keys, seats, (pdf.epw - (LEGEND_COLUMNS - 1) * 4) / LEGEND_COLUMNS)
                no_desk = _no_desk_lines(pdf, plan.unseated, pdf.epw) if last else ()
                moved = _notes_height(entries, no_desk, False) > NOTES_SHARE * page_room
                notes = _notes_height(entries, no_desk, moved)
                room_for_grid = page_room - notes - strips - FRONT_H - NUMBERS_H - 3
                cell_h = min(cell_h, room_for_grid / len(row_range))
                sheets.append(_Sheet(row_range, column_range, len(sheets) + 1, 0, entries, no_desk, moved))
        if _box(cell_h) >= MIN_BOX or row_bands >= rows:
            break
        row_bands += 1
    cell_h = max(cell_h, 2.0)  # only a page of headings could leave less: shrink, never draw upside down
    count = len(sheets)
    for sheet in sheets:
        _room_sheet(pdf, kit, plan, _Sheet(sheet.rows, sheet.columns, sheet.number, count, sheet.entries,
                                           sheet.no_desk, sheet.moved),
                    rows, columns, cell_w, cell_h, keys, markers, (side_left, side_right), first and sheet.number == 1)


def _box(cell: float) -> float:
    return cell - _gap(cell)


def _gap(cell: float) -> float:
    return min(2.0, max(0.6, cell * 0.1))


def _split(total: int, parts: int) -> list[range]:
    cuts = [round(i * total / parts) for i in range(parts + 1)]
    return [range(cuts[i], cuts[i + 1]) for i in range(parts)]


def _sheet_detail(kit: ExamDayKit, sheet: _Sheet, rows: int, columns: int) -> str:
    parts = [f"{kit.on:%A} {format_date(kit.on)}", f"{kit.session} session"]
    if sheet.count > 1:
        where = []
        if len(sheet.rows) < rows:
            where.append(f"rows {row_letter(sheet.rows[0])}-{row_letter(sheet.rows[-1])} of A-{row_letter(rows - 1)}")
        if len(sheet.columns) < columns:
            where.append(f"columns {sheet.columns[0] + 1}-{sheet.columns[-1] + 1} of 1-{columns}")
        parts.append(f"{', '.join(where)} (sheet {sheet.number} of {sheet.count} for this room)")
    return " · ".join(parts)


def _room_sheet(pdf: Document, kit: ExamDayKit, plan: RoomPlan, sheet: _Sheet, rows: int, columns: int,
                cell_w: float, cell_h: float, keys: dict[str, str], markers: dict[tuple[str, int], list[str]],
                sides: tuple[float, float], warnings: bool) -> None:
    if sheet.number > 1:  # the room's first page is already open
        pdf.add_page()
    by_place = {(s.row, s.column): s for s in plan.seats}
    detail = _sheet_detail(kit, sheet, rows, columns)
    y = _plan_header(pdf, kit, plan, detail, pdf.get_y())
    if warnings:
        y = _warnings(pdf, kit, y, pdf.epw)
    front_row, back_row = sheet.rows[0] == 0, sheet.rows[-1] == rows - 1
    left_col, right_col = sheet.columns[0] == 0, sheet.columns[-1] == columns - 1
    side_left, side_right = sides
    grid_w, grid_h = cell_w * len(sheet.columns), cell_h * len(sheet.rows)
    block_w = side_left + 2 * LETTERS_W + grid_w + side_right
    x0 = pdf.l_margin + (pdf.epw - block_w) / 2 + side_left + LETTERS_W  # the grid's left edge
    has_front = any(k[0] == "front" for k in markers)
    has_back = any(k[0] == "back" for k in markers)

    if has_front:
        if front_row:
            _wall_markers(pdf, markers, "front", x0, y, grid_w, left_col, right_col)
        y += STRIP_H
    # FRONT band.
    pdf.set_fill_color(*HEAD_FILL)
    pdf.rect(x0, y, grid_w, FRONT_H - 1, style="F")
    front = f"▲  {FRONT}  ▲"
    if not front_row:
        front += f"   rows A-{row_letter(sheet.rows[0] - 1)} are nearer the front, on another sheet"
    size = _size_to_fit(pdf, front, "B", grid_w - 2, 9)
    _put(pdf, x0, y + (FRONT_H - 1 - line_height(size)) / 2, front, size, "B", width=grid_w, align="C")
    y += FRONT_H
    # Column numbers.
    number_size = min(7.0, max(3.0, _size_to_fit(pdf, str(columns), "B", cell_w - 0.4, 7)))
    for index, column in enumerate(sheet.columns):
        _put(pdf, x0 + index * cell_w, y, str(column + 1), number_size, "B", GREY, width=cell_w, align="C")
    y += NUMBERS_H
    grid_top = y
    # Rows, lettered both sides.
    letter_size = min(9.0, max(3.0, (cell_h - 0.5) / (PT * 1.25)))
    for index, row in enumerate(sheet.rows):
        top = grid_top + index * cell_h
        letter = row_letter(row)
        mid = top + (cell_h - _gap(cell_h) - line_height(letter_size)) / 2
        _put(pdf, x0 - LETTERS_W, mid, letter, letter_size, "B", width=LETTERS_W - 0.8, align="C")
        _put(pdf, x0 + grid_w + 0.8, mid, letter, letter_size, "B", width=LETTERS_W - 0.8, align="C")
        for column_index, column in enumerate(sheet.columns):
            _desk(pdf, x0 + column_index * cell_w, top, cell_w, cell_h, row, column, plan, by_place, keys)
    y = grid_top + grid_h
    middle = rows // 2 in sheet.rows  # a marker on a side wall goes beside the middle of the room
    if side_left and left_col and middle:
        _side_marker(pdf, markers[("side", 0)], x0 - LETTERS_W - side_left, grid_top, side_left - 1.5, grid_h)
    if side_right and right_col and middle:
        _side_marker(pdf, markers[("side", 2)], x0 + grid_w + LETTERS_W + 1.5, grid_top, side_right - 1.5, grid_h)
    if has_back:
        if back_row:
            _wall_markers(pdf, markers, "back", x0, y + 0.5, grid_w, left_col, right_col)
        y += STRIP_H
    y += 3
    # Legend and candidates without a desk.
    bottom = pdf.page_break_trigger - TRUE_RECORD_H
    notes = bool(sheet.entries or sheet.no_desk)
    if notes and sheet.moved:
        marked, missing = len(sheet.entries), len(plan.unseated) if sheet.no_desk else 0
        said = []
        if marked:
            said.append(f"the key to the {marked} marked desk{'s' if marked != 1 else ''}")
        if missing:
            said.append(f"{missing} candidate{'s' if missing != 1 else ''} with no desk")
        colour = RED if missing else BLACK
        _put(pdf, pdf.l_margin, y, f"See the next page for {' and '.join(said)}.", 8.5, "B", colour)
    elif notes:
        _draw_notes(pdf, sheet, y, bottom, kit, plan, detail)
    _true_record(pdf)
    if notes and sheet.moved:
        pdf.add_page()
        y = _plan_header(pdf, kit, plan, f"{detail} · key", pdf.get_y())
        _draw_notes(pdf, sheet, y, pdf.page_break_trigger, kit, plan, detail)


def _true_record(pdf: Document) -> None:
    y = pdf.page_break_trigger - TRUE_RECORD_H + 2
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.3)
    _hline(pdf, pdf.l_margin, pdf.l_margin + pdf.epw, y - 1)
    text = f"{TRUE_RECORD}   {SIGN_HERE}"
    size = _size_to_fit(pdf, text, "", pdf.epw, 9)
    _put(pdf, pdf.l_margin, y + 1.5, text, size)


def _wall_markers(pdf: Document, markers: dict[tuple[str, int], list[str]], wall: str, x0: float, y: float,
                  grid_w: float, left_col: bool, right_col: bool) -> None:
    size = 7.5
    for place in (0, 1, 2):
        texts = markers.get((wall, place))
        if not texts or (place == 0 and not left_col) or (place == 2 and not right_col):
            continue
        label = "  ·  ".join(texts)
        pdf.style(size, "B")
        width = pdf.measure(label) + 4
        x = x0 if place == 0 else x0 + grid_w - width if place == 2 else x0 + (grid_w - width) / 2
        _marker_box(pdf, x, y, width, STRIP_H - 1.5)
        _put(pdf, x, y + (STRIP_H - 1.5 - line_height(size)) / 2, label, size, "B", width=width, align="C")


def _side_marker(pdf: Document, texts: list[str], x: float, grid_top: float, width: float, grid_h: float) -> None:
    lines = [word for text in texts for word in (*text.split(), "")][:-1]
    size = min(_size_to_fit(pdf, line, "B", width - 1.5, 7) for line in lines if line)
    height = line_height(size) * len(lines) + 2
    y = grid_top + (grid_h - height) / 2
    _marker_box(pdf, x, y, width, height)
    for index, line in enumerate(lines):
        _put(pdf, x, y + 1 + index * line_height(size), line, size, "B", width=width, align="C")


def _marker_box(pdf: Document, x: float, y: float, width: float, height: float) -> None:
    pdf.set_fill_color(*WHITE)
    pdf.set_draw_color(*BLACK)
    pdf.set_line_width(0.6)
    pdf.rect(x, y, width, height, style="DF")


def _desk(pdf: Document, x: float, y: float, cell_w: float, cell_h: float, row: int, column: int,
          plan: RoomPlan, by_place: dict[tuple[int, int], Seat], keys: dict[str, str]) -> None:
    w, h = _box(cell_w), _box(cell_h)
    seat = by_place.get((row, column))
    label = seat.desk if seat else f"{row_letter(row)}{column + 1}"
    off = seat is None and label in plan.off
    pad = min(1.0, max(0.3, min(w, h) * 0.06))
    marked = seat is not None and seat.marked
    pending_only = seat is not None and seat.marked and not seat.arrangements
    # The box.
    if off:
        pdf.set_fill_color(*OFF_FILL)
        pdf.rect(x, y, w, h, style="F")
        _hatch(pdf, x, y, w, h, max(1.2, min(w, h) / 4))
    elif marked:
        pdf.set_fill_color(*MARK_FILL)
        pdf.rect(x, y, w, h, style="F")
    thick = min(0.9, max(0.45, min(w, h) * 0.06))
    pdf.set_draw_color(*(BLACK if marked else DESK_RULE))
    pdf.set_line_width(thick if marked else 0.2)
    if pending_only:
        pdf.set_dash_pattern(dash=max(0.8, thick * 2), gap=max(0.5, thick * 1.2))
    inset = thick / 2 if marked else 0.0
    pdf.rect(x + inset, y + inset, w - 2 * inset, h - 2 * inset)
    pdf.set_dash_pattern()
    # The top line: the desk label small, the tag at the right.
    top_h = h * 0.22
    inner_w = w - 2 * pad
    tag_w = 0.0
    if marked and seat is not None:
        tag_w = _tag(pdf, x + w - inset - 0.05, y + inset, max(1.2, top_h - 0.2), keys.get(seat.desk, "?"), pending_only)
    label_size = min(6.5, top_h / (PT * 1.15), _size_to_fit(pdf, label, "", max(0.5, inner_w - tag_w - 0.3), 6.5))
    _put(pdf, x + pad + inset, y + inset + 0.1, label, label_size, "", GREY)
    if off:
        size = min(9.0, (h - top_h) * 0.5 / (PT * 1.25), _size_to_fit(pdf, "off", "I", inner_w, 9))
        _put(pdf, x, y + top_h + (h - top_h - line_height(size)) / 2, "off", size, "I", BLACK, width=w, align="C")
        return
    if seat is None:
        return
    # Candidate number, name, paper code(s): the rest of the box by share.
    body = h - top_h - pad - inset
    codes = seat.codes or ("",)
    if w >= 2.6 * h:  # a long flat box: the number on the left, name and papers beside it
        _wide_desk(pdf, seat, x + pad + inset, y + top_h + inset, w - 2 * (pad + inset), body, codes)
        return
    shares = (0.42, 0.26, 0.32) if len(codes) == 1 else (0.36, 0.22, 0.42)
    number_size = min(13.0, body * shares[0] / (PT * 1.2), _size_to_fit(pdf, seat.candidate, "B", inner_w - inset, 13))
    name_size = min(7.5, body * shares[1] / (PT * 1.2))
    code_size = min(7.0, body * shares[2] / (PT * 1.2 * len(codes)),
                    *(_size_to_fit(pdf, code, "", inner_w - inset, 7) for code in codes))
    used = line_height(number_size) * 0.96 + line_height(name_size) * 0.96 + line_height(code_size) * 0.96 * len(codes)
    top = y + top_h + inset + max(0.0, (body - used) / 2)
    _put(pdf, x, top, seat.candidate, number_size, "B", width=w, align="C")
    top += line_height(number_size) * 0.96
    pdf.style(name_size)
    _put(pdf, x, top, _short_name(pdf, seat.name, inner_w - inset), name_size, width=w, align="C")
    top += line_height(name_size) * 0.96
    for code in codes:
        _put(pdf, x, top, code, code_size, "", BLACK, width=w, align="C")
        top += line_height(code_size) * 0.96


def _wide_desk(pdf: Document, seat: Seat, x: float, y: float, width: float, body: float, codes: Sequence[str]) -> None:
    number_size = min(13.0, body * 0.82 / (PT * 1.2), _size_to_fit(pdf, seat.candidate, "B", width * 0.4, 13))
    _put(pdf, x, y + (body - line_height(number_size)) / 2, seat.candidate, number_size, "B")
    pdf.style(number_size, "B")
    left = x + pdf.measure(seat.candidate) + 1.5
    room = x + width - left
    lines = 1 + len(codes)
    size = min(7.5, body / (PT * 1.2 * lines), *(_size_to_fit(pdf, code, "", room, 7.5) for code in codes))
    top = y + (body - line_height(size) * 0.96 * lines) / 2
    pdf.style(size)
    _put(pdf, left, top, _short_name(pdf, seat.name, room), size)
    for code in codes:
        top += line_height(size) * 0.96
        _put(pdf, left, top, code, size)


# --- registers --------------------------------------------------------------------------


def _registers(pdf: Document, kit: ExamDayKit) -> None:
    if not kit.registers:
        _nothing(pdf, kit, "register")
        return
    for index, register in enumerate(kit.registers):
        _register(pdf, kit, register, index == 0)


def _register_heading(pdf: Document, kit: ExamDayKit, register: Register, continued: bool) -> float:
    paper = register.paper
    y = pdf.get_y()
    title = f"{paper.board} {paper.code} {paper.title}" + (" (continued)" if continued else "")
    pdf.style(13, "B")
    _put(pdf, pdf.l_margin, y, pdf.fit(title, pdf.epw), 13, "B")
    y += line_height(13) + 0.8
    count = len(register.lines)
    facts = (f"Room: {register.room}   ·   {kit.on:%A} {format_date(kit.on)} {kit.session}   ·   "
             f"published start {clock(paper.start)}, finish {clock(paper.finish)}   ·   "
             f"{count} candidate{'s' if count != 1 else ''}")
    pdf.style(9)
    for line in pdf.wrap(facts, pdf.epw, 2):
        _put(pdf, pdf.l_margin, y, line, 9)
        y += line_height(9)
    if not continued:
        _put(pdf, pdf.l_margin, y, "In seating order: collect the scripts in this order. Tick one box for each candidate.",
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
        _put(pdf, x + (0 if align == "C" else 1), y + 1.2, header, 8.5, "B", width=width, align=align)
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
                _put(pdf, x + 1, top, line, size, emphasis)
                top += line_height(size)
        else:
            pdf.set_draw_color(*BLACK)
            pdf.set_line_width(0.3)
            pdf.set_fill_color(*WHITE)
            pdf.rect(x + (width - TICK) / 2, y + (height - TICK) / 2, TICK, TICK, style="DF")
        x += width
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.15)
    _hline(pdf, pdf.l_margin, pdf.l_margin + pdf.epw, y + height)
    return y + height


def _register(pdf: Document, kit: ExamDayKit, register: Register, first: bool) -> None:
    pdf.add_page()
    y = _register_heading(pdf, kit, register, False)
    if first:
        y = _warnings(pdf, kit, y, pdf.epw)
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
        y = _register_row(pdf, room_for(height), cells, laid, height, index % 2 == 1)
    # Candidates who turn up but are not on the register, then the signature.
    title_h = line_height(9) + 3
    signature_h = 14.0
    room_for(title_h + line_height(8.5) + 2.5 + NOT_LISTED_ROWS * REGISTER_ROW + signature_h)
    y += 3
    _put(pdf, pdf.l_margin, y, "Candidates not listed", 9, "B")
    _put(pdf, pdf.l_margin + 45, y + 0.5, "(write in the desk, number and name of anyone who sits this paper here "
         "but is not on the register)", 7.5, "I", GREY)
    y += title_h - 3
    y = _register_header_row(pdf, y)
    for _ in range(NOT_LISTED_ROWS):
        y = _register_row(pdf, y, [("", ""), ("", ""), ("", ""), ("", "")], [[], [], [], []], REGISTER_ROW, False)
    y += 9
    _put(pdf, pdf.l_margin, y, "Register completed by ________________________________________  at __________", 10)


def _register_cells(pdf: Document, line: RegisterLine) -> tuple[list[tuple[str, str]], list[list[str]]]:
    words = arrangement_words(line.arrangements, line.pending)
    cells = [("B", line.desk or "none"), ("B", line.candidate), ("", line.name), ("", words)]
    laid = []
    for index, (emphasis, text) in enumerate(cells):
        pdf.style(9 if index < 3 else 8, emphasis)
        laid.append(_wrap_name(pdf, text, REGISTER_WIDTHS[index] - 2) if index == 2 else
                    pdf.wrap(text, REGISTER_WIDTHS[index] - 2, 4))
    return cells, laid


def _wrap_name(pdf: Document, name: str, width: float) -> list[str]:
    """A name wrapped at spaces or, for a long double-barrelled name, after a hyphen."""
    lines: list[str] = []
    line = ""
    for word in name.split():
        for index, part in enumerate(p for p in re.split(r"(?<=-)", word) if p):
            trial = f"{line}{' ' if index == 0 else ''}{part}" if line else part
            if not line or pdf.measure(trial) <= width:
                line = trial
            else:
                lines.append(line)
                line = part
    if line:
        lines.append(line)
    return [pdf.fit(text, width) for text in lines]


# --- desk cards -------------------------------------------------------------------------


def _desk_cards(pdf: Document, kit: ExamDayKit) -> None:
    if not kit.cards:
        _nothing(pdf, kit, "desk card")
        return
    per_page = CARD_COLUMNS * CARD_ROWS
    for start in range(0, len(kit.cards), per_page):
        pdf.add_page()
        top = pdf.get_y()
        bottom = pdf.h - 14  # clear of the footer
        card_w = pdf.epw / CARD_COLUMNS
        card_h = (bottom - top) / CARD_ROWS
        for index, card in enumerate(kit.cards[start:start + per_page]):
            row, column = divmod(index, CARD_COLUMNS)
            x, y = pdf.l_margin + column * card_w, top + row * card_h
            _cut_lines(pdf, x, y, card_w, card_h)
            _card(pdf, kit, card, x, y, card_w, card_h)


def _cut_lines(pdf: Document, x: float, y: float, w: float, h: float) -> None:
    """Dashed, always drawn left to right and top to bottom, so shared edges coincide."""
    pdf.set_draw_color(*GREY)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=2.0, gap=1.5)
    pdf.line(x, y, x + w, y)
    pdf.line(x, y + h, x + w, y + h)
    pdf.line(x, y, x, y + h)
    pdf.line(x + w, y, x + w, y + h)
    pdf.set_dash_pattern()


def _card(pdf: Document, kit: ExamDayKit, card: DeskCard, x: float, y: float, w: float, h: float) -> None:
    left, right = x + CARD_PAD, x + w - CARD_PAD
    inner = right - left
    top = y + CARD_PAD
    # Name: on one line down to 12 points, else on two.
    name_size = _size_to_fit(pdf, card.name, "B", inner, 15)
    if name_size >= 12:
        names = [" ".join(card.name.split())]
    else:
        name_size = 12
        pdf.style(name_size, "B")
        names = _wrap_name(pdf, card.name, inner)
        if len(names) > 2:
            names = [_short_name(pdf, card.name, inner)]
    for line in names:
        _put(pdf, left, top, line, name_size, "B")
        top += line_height(name_size)
    top += 1.5
    # Candidate number, very large; room and desk beside it.
    _put(pdf, left, top, "Candidate number", 7, "", GREY)
    number_size = _size_to_fit(pdf, card.candidate, "B", inner * 0.5, 36)
    _put(pdf, left, top + line_height(7) - 0.5, card.candidate, number_size, "B")
    block = left + inner * 0.55
    room_w = (right - block) * 0.64
    places = (("Room", card.room, block, room_w - 2), ("Desk", card.desk or "—", block + room_w, right - block - room_w))
    for label, value, bx, bw in places:
        _put(pdf, bx, top, label, 7, "", GREY)
        size = max(7.0, _size_to_fit(pdf, value, "B", bw, 14))
        pdf.style(size, "B")
        _put(pdf, bx, top + line_height(7) + 1, pdf.fit(value, bw), size, "B")
    if kit.centre_number.strip():
        _put(pdf, block, top + line_height(7) + 1 + line_height(14) + 0.5, f"Centre {kit.centre_number.strip()}", 7.5,
             "", GREY)
    top += line_height(7) + line_height(number_size) * 0.95 + 1.5
    # Start and finish, from the bottom of the card up.
    finish = f"Finish {clock(card.finish)}"
    timing = f"({card.timing_text})" if card.timing_text.strip() else ""
    pdf.style(13, "B")
    finish_w = pdf.measure(finish)
    pdf.style(9.5)
    same_line = bool(timing) and pdf.measure(timing) <= inner - finish_w - 2
    timing_lines = [timing] if same_line else pdf.wrap(timing, inner, 2)
    finish_top = y + h - CARD_PAD - line_height(13) - (0 if same_line else line_height(9.5) * len(timing_lines))
    start_top = finish_top - line_height(11) - 0.5
    _put(pdf, left, start_top, f"Start {clock(card.start)}", 11)
    _put(pdf, left, finish_top, finish, 13, "B")
    if same_line:
        _put(pdf, left + finish_w + 2, finish_top + 1.2, timing_lines[0], 9.5)
    else:
        for index, line in enumerate(timing_lines):
            _put(pdf, left, finish_top + line_height(13) + index * line_height(9.5), line, 9.5)
    # The papers, in the space between: a title wraps to a second line when there is room.
    _card_papers(pdf, card.papers, left, top, inner, start_top - 1.5)


def _card_papers(pdf: Document, papers: Sequence[KitPaper], left: float, top: float, width: float, bottom: float) -> None:
    size = 9.5
    while True:
        lh = line_height(size)
        pdf.style(size, "B")
        code_w = max((pdf.measure(f"{p.code}  ") for p in papers), default=0.0)
        pdf.style(size)
        laid = [pdf.wrap(p.title, width - code_w, 2) or [""] for p in papers]
        if sum(len(lines) for lines in laid) * lh <= bottom - top:
            break
        laid = [[pdf.fit(p.title, width - code_w)] for p in papers]
        if len(papers) * lh <= bottom - top or size <= 6:
            break
        size -= 0.5
    for paper, lines in zip(papers, laid, strict=True):
        if top + lh > bottom + 0.01:
            break
        _put(pdf, left, top, paper.code, size, "B")
        for line in lines:
            _put(pdf, left + code_w, top, line, size)
            top += lh
