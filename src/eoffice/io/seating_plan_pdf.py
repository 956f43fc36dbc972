"""The seating plan of each room: the room as seen from the back, FRONT at the top, row A
nearest it, desk boxes that shrink to fit and split into sheets when they would be too small,
access-arrangement desks marked and keyed in words, and the true-record line."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from eoffice.domain.dates import format_date
from eoffice.domain.examday import ExamDayKit, RoomPlan, Seat
from eoffice.io.kit_pdf import (
    DESK_RULE,
    FRONT,
    FRONT_H,
    LEGEND_COLUMNS,
    LEGEND_SIZE,
    LETTERS_W,
    MARK_FILL,
    MAX_CELL_H,
    MAX_CELL_W,
    MIN_BOX,
    NO_DESK,
    NO_DESK_SIZE,
    NOTES_SHARE,
    NUMBERS_H,
    OFF_FILL,
    SIDE_W,
    SIDES,
    SIGN_HERE,
    STRIP_H,
    TRUE_RECORD,
    TRUE_RECORD_H,
    WHITE,
    arrangement_words,
    hatch,
    hline,
    nothing,
    put,
    row_letter,
    short_name,
    size_to_fit,
    warnings_box,
)
from eoffice.io.pdf import BLACK, GREY, HEAD_FILL, PT, RED, RULE, Document, line_height

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


def seating_plans(pdf: Document, kit: ExamDayKit) -> None:
    if not kit.plans:
        nothing(pdf, kit, "seating plan")
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
        put(pdf, pdf.l_margin, y, line, NO_DESK_SIZE, "B", RED)
        y += line_height(NO_DESK_SIZE)
    if sheet.no_desk:
        y += 2
    if sheet.entries:
        _draw_legend(pdf, sheet.entries, pdf.l_margin, y, pdf.epw, bottom, kit, plan, detail)


def _draw_legend(pdf: Document, entries: Sequence[_Entry], x: float, y: float, width: float, bottom: float,
                 kit: ExamDayKit, plan: RoomPlan, detail: str) -> float:
    """The legend in columns from ``y``; flows onto new pages when ``bottom`` is reached."""
    pdf.style(8, "B")
    put(pdf, x, y, pdf.fit(LEGEND_TITLE, width), 8, "B")
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
            put(pdf, text_x, top, pdf.fit(entry.head, left + column_w - text_x), LEGEND_SIZE, "B")
            for line in entry.lines:
                top += lh
                put(pdf, text_x, top, line, LEGEND_SIZE)
            top += lh + 1.2
        lowest = max(lowest, top)
    return lowest


def _plan_header(pdf: Document, kit: ExamDayKit, plan: RoomPlan, detail: str, y: float, *, draw: bool = True) -> float:
    """Room, date and session, the papers, exits and spacing; returns the y below."""
    x, width = pdf.l_margin, pdf.epw
    if draw:
        pdf.style(14, "B")
        room = pdf.fit(plan.room, width * 0.45)
        put(pdf, x, y, room, 14, "B")
        used = pdf.measure(room) + 4
        pdf.style(9.5, "", GREY)
        put(pdf, x + used, y + 1.4, pdf.fit(detail, width - used), 9.5, "", GREY)
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
        put(pdf, left, top, code, size, "B")
        times = f"  {paper.published_words}"
        pdf.style(size, "B")
        times_w = pdf.measure(times)
        pdf.style(size)
        name = pdf.fit(f"{paper.board} {paper.title}", column_w - code_w - times_w)
        put(pdf, left + code_w, top, name, size)
        name_w = pdf.measure(name)
        put(pdf, left + code_w + name_w, top, times, size, "B")
    if not plan.papers:
        if draw:
            put(pdf, x, y, "No paper in this room.", size, "", GREY)
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
            put(pdf, x, y, line, size, "", GREY)
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
        header_end = warnings_box(pdf, kit, header_end, pdf.epw, draw=False)
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
        y = warnings_box(pdf, kit, y, pdf.epw)
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
    size = size_to_fit(pdf, front, "B", grid_w - 2, 9)
    put(pdf, x0, y + (FRONT_H - 1 - line_height(size)) / 2, front, size, "B", width=grid_w, align="C")
    y += FRONT_H
    # Column numbers.
    number_size = min(7.0, max(3.0, size_to_fit(pdf, str(columns), "B", cell_w - 0.4, 7)))
    for index, column in enumerate(sheet.columns):
        put(pdf, x0 + index * cell_w, y, str(column + 1), number_size, "B", GREY, width=cell_w, align="C")
    y += NUMBERS_H
    grid_top = y
    # Rows, lettered both sides.
    letter_size = min(9.0, max(3.0, (cell_h - 0.5) / (PT * 1.25)))
    for index, row in enumerate(sheet.rows):
        top = grid_top + index * cell_h
        letter = row_letter(row)
        mid = top + (cell_h - _gap(cell_h) - line_height(letter_size)) / 2
        put(pdf, x0 - LETTERS_W, mid, letter, letter_size, "B", width=LETTERS_W - 0.8, align="C")
        put(pdf, x0 + grid_w + 0.8, mid, letter, letter_size, "B", width=LETTERS_W - 0.8, align="C")
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
        put(pdf, pdf.l_margin, y, f"See the next page for {' and '.join(said)}.", 8.5, "B", colour)
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
    hline(pdf, pdf.l_margin, pdf.l_margin + pdf.epw, y - 1)
    text = f"{TRUE_RECORD}   {SIGN_HERE}"
    size = size_to_fit(pdf, text, "", pdf.epw, 9)
    put(pdf, pdf.l_margin, y + 1.5, text, size)


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
        put(pdf, x, y + (STRIP_H - 1.5 - line_height(size)) / 2, label, size, "B", width=width, align="C")


def _side_marker(pdf: Document, texts: list[str], x: float, grid_top: float, width: float, grid_h: float) -> None:
    lines = [word for text in texts for word in (*text.split(), "")][:-1]
    size = min(size_to_fit(pdf, line, "B", width - 1.5, 7) for line in lines if line)
    height = line_height(size) * len(lines) + 2
    y = grid_top + (grid_h - height) / 2
    _marker_box(pdf, x, y, width, height)
    for index, line in enumerate(lines):
        put(pdf, x, y + 1 + index * line_height(size), line, size, "B", width=width, align="C")


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
        hatch(pdf, x, y, w, h, max(1.2, min(w, h) / 4))
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
    label_size = min(6.5, top_h / (PT * 1.15), size_to_fit(pdf, label, "", max(0.5, inner_w - tag_w - 0.3), 6.5))
    put(pdf, x + pad + inset, y + inset + 0.1, label, label_size, "", GREY)
    if off:
        size = min(9.0, (h - top_h) * 0.5 / (PT * 1.25), size_to_fit(pdf, "off", "I", inner_w, 9))
        put(pdf, x, y + top_h + (h - top_h - line_height(size)) / 2, "off", size, "I", BLACK, width=w, align="C")
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
    number_size = min(13.0, body * shares[0] / (PT * 1.2), size_to_fit(pdf, seat.candidate, "B", inner_w - inset, 13))
    name_size = min(7.5, body * shares[1] / (PT * 1.2))
    code_size = min(7.0, body * shares[2] / (PT * 1.2 * len(codes)),
                    *(size_to_fit(pdf, code, "", inner_w - inset, 7) for code in codes))
    used = line_height(number_size) * 0.96 + line_height(name_size) * 0.96 + line_height(code_size) * 0.96 * len(codes)
    top = y + top_h + inset + max(0.0, (body - used) / 2)
    put(pdf, x, top, seat.candidate, number_size, "B", width=w, align="C")
    top += line_height(number_size) * 0.96
    pdf.style(name_size)
    with pdf.field(f"candidate {seat.candidate}'s name"):
        put(pdf, x, top, short_name(pdf, seat.name, inner_w - inset), name_size, width=w, align="C")
    top += line_height(name_size) * 0.96
    for code in codes:
        put(pdf, x, top, code, code_size, "", BLACK, width=w, align="C")
        top += line_height(code_size) * 0.96


def _wide_desk(pdf: Document, seat: Seat, x: float, y: float, width: float, body: float, codes: Sequence[str]) -> None:
    number_size = min(13.0, body * 0.82 / (PT * 1.2), size_to_fit(pdf, seat.candidate, "B", width * 0.4, 13))
    put(pdf, x, y + (body - line_height(number_size)) / 2, seat.candidate, number_size, "B")
    pdf.style(number_size, "B")
    left = x + pdf.measure(seat.candidate) + 1.5
    room = x + width - left
    lines = 1 + len(codes)
    size = min(7.5, body / (PT * 1.2 * lines), *(size_to_fit(pdf, code, "", room, 7.5) for code in codes))
    top = y + (body - line_height(size) * 0.96 * lines) / 2
    pdf.style(size)
    with pdf.field(f"candidate {seat.candidate}'s name"):
        put(pdf, left, top, short_name(pdf, seat.name, room), size)
    for code in codes:
        top += line_height(size) * 0.96
        put(pdf, left, top, code, size)
