"""The annual exams plan as a PDF, A4 landscape.

Page 1 is the office whiteboard on one sheet: twelve columns, September to August,
each listing that month's tasks by day with a marker for done, overdue and so on.
Then every task month by month in full, and a progress summary by phase.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from eoffice.domain.dates import format_date
from eoffice.domain.plan import (
    BEFORE_EOFFICE,
    DUE_SOON,
    DUE_SOON_DAYS,
    OVERDUE,
    OWNERS,
    PHASES,
    STATUSES,
    UNCOUNTED,
    Task,
    progress_by_month,
    progress_by_phase,
)
from eoffice.domain.years import AcademicYear
from eoffice.io.pdf import (
    AMBER,
    AMBER_FILL,
    BLACK,
    GREY,
    HEAD_FILL,
    PT,
    RED,
    RED_FILL,
    RULE,
    Cell,
    Colour,
    Column,
    Document,
    line_height,
)

TITLE = "Exams plan"
DONE_MARK, NA_MARK, ACTIVE_MARK, OVERDUE_MARK, SOON_MARK = "✓", "–", "◐", "!", "»"

TABLE_COLUMNS = (
    Column("Due", 11),
    Column("Task", 52),
    Column("Phase", 18),
    Column("Owner", 18),
    Column("Status", 15),
    Column("Flag", 12),
)

# Wall planner: type sizes to try (points), largest first; space between tasks as a
# share of a line; room for the key at the foot of the page (millimetres).
PLAN_SIZES = (8.0, 7.5, 7.0, 6.5, 6.0)
PLAN_GAP = 0.3
PLAN_STRETCH = 90  # per cent: slightly condensed type gets more of each title into a column
PLAN_LINES = 6  # most lines one title may take
LEGEND_HEIGHT = 9.0


def marker(task: Task, today: date) -> tuple[str, Colour]:
    """The wall planner's sign for a task, and the colour of its text."""
    flag = task.urgency(today)
    if flag == OVERDUE:
        return OVERDUE_MARK, RED
    if flag == DUE_SOON:
        return SOON_MARK, AMBER
    if task.status == "done":
        return DONE_MARK, GREY
    if task.status in UNCOUNTED:
        return NA_MARK, GREY
    if task.status == "in_progress":
        return ACTIVE_MARK, BLACK
    return "", BLACK


def month_name(year_month: tuple[int, int]) -> str:
    return date(year_month[0], year_month[1], 1).strftime("%B")


def write_plan_pdf(path: Path, centre_name: str, year: AcademicYear, tasks: Sequence[Task], today: date) -> Path:
    """Write the wall planner, the monthly lists and the phase summary; returns ``path``."""
    ordered = sorted(tasks, key=lambda t: (t.due, t.id))
    by_month: dict[tuple[int, int], list[Task]] = defaultdict(list)
    for t in ordered:
        by_month[(t.due.year, t.due.month)].append(t)
    months = set(year.months())
    outside = sum(len(month) for ym, month in by_month.items() if ym not in months)
    with Document(TITLE, centre_name, year.label, orientation="landscape", printed=today) as pdf:
        pdf.add_page()
        if not ordered:
            pdf.heading(f"The exams plan for {year.label} is empty")
            pdf.paragraph("No tasks have been added to this year yet. Add tasks, or start the year from "
                          "the template, then print the plan again.")
            return pdf.save(path)
        _wall_planner(pdf, year, ordered, by_month, today, outside)
        pdf.add_page()
        _monthly_lists(pdf, year, by_month, today)
        _phase_summary(pdf, ordered, today)
        return pdf.save(path)


# --- page 1: the wall planner -----------------------------------------------------------

def _wall_planner(
    pdf: Document,
    year: AcademicYear,
    tasks: Sequence[Task],
    by_month: dict[tuple[int, int], list[Task]],
    today: date,
    outside: int,
) -> None:
    months = year.months()
    width = pdf.epw / len(months)
    left, top = pdf.l_margin, pdf.get_y() - 1
    page_margin = pdf.b_margin
    pdf.set_auto_page_break(False, margin=page_margin)  # this page is laid out by hand and must stay one page
    # The calendar years above the months, as on a printed year planner.
    autumn = sum(1 for y, _ in months if y == year.start_year)
    pdf.style(8, "B", GREY)
    pdf.set_xy(left, top)
    pdf.cell(width * autumn, 4.5, str(year.start_year), align="C")
    pdf.cell(width * (len(months) - autumn), 4.5, str(year.start_year + 1), align="C")
    head_top, head_height = top + 5, 10.0
    body_top = head_top + head_height + 1.5
    bottom = pdf.h - 13 - LEGEND_HEIGHT
    columns = [by_month.get(ym, []) for ym in months]
    pdf.set_stretching(PLAN_STRETCH)
    size, layouts = _plan_layout(pdf, columns, width, bottom - body_top - 1)
    pdf.set_stretching(100)
    progress = progress_by_month(year, tasks)
    for index, (ym, done) in enumerate(zip(months, progress, strict=True)):
        x = left + index * width
        pdf.set_fill_color(*HEAD_FILL)
        pdf.rect(x, head_top, width, head_height, style="F")
        pdf.style(8.5, "B")
        pdf.set_xy(x, head_top + 0.8)
        pdf.cell(width, 4.5, pdf.fit(month_name(ym), width - 2 * pdf.c_margin), align="C")
        pdf.style(6.5, "", GREY)
        pdf.set_xy(x, head_top + 5.3)
        pdf.cell(width, 3.5, f"{done.done} of {done.total} done", align="C")
        pdf.set_stretching(PLAN_STRETCH)
        _month_column(pdf, x, body_top, bottom - body_top - 1, size, columns[index], layouts[index], today)
        pdf.set_stretching(100)
    # The grid: an outline and a rule between months.
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.25)
    pdf.rect(left, head_top, pdf.epw, bottom - head_top)
    for index in range(1, len(months)):
        pdf.line(left + index * width, head_top, left + index * width, bottom)
    _legend(pdf, bottom + 1.5, today, year, outside)
    pdf.set_auto_page_break(True, margin=page_margin)


def _gutter(pdf: Document, size: float) -> tuple[float, float]:
    """Widths of the day number and of the marker at ``size``, with a little air."""
    pdf.style(size, "B")
    marks = (DONE_MARK, NA_MARK, ACTIVE_MARK, OVERDUE_MARK, SOON_MARK)
    return pdf.get_string_width("30") + 0.6, max(pdf.get_string_width(m) for m in marks) + 0.9


def _plan_layout(
    pdf: Document, columns: Sequence[Sequence[Task]], width: float, height: float
) -> tuple[float, list[list[list[str]]]]:
    """The type size for the planner and each task's title lines, best layout first.

    The columns are narrow, so whole words matter more than big type: first the
    largest size at which every title fits whole with no word split (a line may break
    after a written hyphen, as in "review-of-|marking"), then titles cut
    with "…" to no fewer than two lines, then split words, then one line each.
    """
    busiest = max(len(c) for c in columns)
    measured: dict[float, tuple[float, list[list[tuple[int, bool]]]]] = {}

    def measure(size: float) -> tuple[float, list[list[tuple[int, bool]]]]:
        if size not in measured:
            day, mark = _gutter(pdf, size)
            text_width = width - day - mark - 1.2
            pdf.style(size)
            measured[size] = text_width, [
                [
                    (
                        max(1, len(pdf.wrap(t.title, text_width, hyphenate=True))),
                        pdf.breaks_a_word(t.title, text_width),
                    )
                    for t in column
                ]
                for column in columns
            ]
        return measured[size]

    tiers = (  # (fewest lines a title may be cut to, may a word be split, sizes to try)
        (PLAN_LINES, False, PLAN_SIZES),
        (2, False, PLAN_SIZES[2:4]),
        (2, True, PLAN_SIZES[2:]),
        (1, True, PLAN_SIZES[3:]),
    )
    for fewest, split, sizes in tiers:
        for size in sizes:
            step = line_height(size)
            gap = step * PLAN_GAP
            if busiest * (step + gap) > height:
                continue  # too many tasks in one month for this size, before measuring any
            text_width, counts = measure(size)
            if not split and any(broken for column in counts for _, broken in column):
                continue
            if fewest == PLAN_LINES and any(n > fewest for column in counts for n, _ in column):
                continue
            allowed: list[int] = []
            for column in counts:
                fitting = [m for m in range(PLAN_LINES, fewest - 1, -1)
                           if sum(min(n, m) * step + gap for n, _ in column) <= height]
                if not fitting:
                    break
                allowed.append(fitting[0])
            else:
                pdf.style(size)
                return size, [
                    [pdf.wrap(t.title, text_width, m, hyphenate=True) or [""] for t in column]
                    for column, m in zip(columns, allowed, strict=True)
                ]
    # Too many for one line each even in the smallest type: "+N more" will say so.
    size = PLAN_SIZES[-1]
    text_width, _ = measure(size)
    pdf.style(size)
    return size, [[pdf.wrap(t.title, text_width, 1, hyphenate=True) or [""] for t in column] for column in columns]


def _month_column(
    pdf: Document,
    x: float,
    top: float,
    height: float,
    size: float,
    tasks: Sequence[Task],
    laid: Sequence[Sequence[str]],
    today: date,
) -> None:
    step, gap = line_height(size), line_height(size) * PLAN_GAP
    day_width, mark_width = _gutter(pdf, size)
    shown = len(tasks)
    if sum(len(lines) * step + gap for lines in laid) > height:
        shown = max(int(height // (step + gap)) - 1, 0)  # keep a line for "+N more"
    y = top
    for task, lines in zip(tasks[:shown], laid, strict=False):
        mark, colour = marker(task, today)
        baseline = y + size * PT
        pdf.style(size, "B", colour)
        pdf.text(x + 0.4 + day_width - 0.6 - pdf.measure(str(task.due.day)), baseline, str(task.due.day))
        if mark:
            pdf.text(x + 0.4 + day_width, baseline, mark)
        pdf.style(size, "", colour)
        with pdf.field(f"the title of the task due {format_date(task.due)}"):
            for number, line in enumerate(lines):
                pdf.text(x + 0.4 + day_width + mark_width, baseline + number * step, line)
        y += len(lines) * step + gap
    if shown < len(tasks):
        pdf.style(size, "B")
        pdf.text(x + 0.4 + day_width + mark_width, y + size * PT, f"+{len(tasks) - shown} more")
    pdf.style()


def _legend(pdf: Document, top: float, today: date, year: AcademicYear, outside: int) -> None:
    pdf.set_xy(pdf.l_margin, top)
    pdf.style(7, "B")
    pdf.cell(9, 4, "Key:")
    entries = (
        ("12", BLACK, "day of the month"),
        (DONE_MARK, GREY, "done (grey)"),
        (ACTIVE_MARK, BLACK, "in progress"),
        (NA_MARK, GREY, "not applicable"),
        (OVERDUE_MARK, RED, "overdue (red)"),
        (SOON_MARK, AMBER, f"due within {DUE_SOON_DAYS} days (amber)"),
    )
    for mark, colour, words in entries:
        pdf.style(7, "B", colour)
        pdf.cell(pdf.get_string_width(mark) + 1.5, 4, mark)
        pdf.style(7)
        pdf.cell(pdf.get_string_width(words) + 5, 4, words)
    pdf.set_xy(pdf.l_margin, top + 4)
    pdf.style(7, "", GREY)
    note = (f"No mark: not started. Overdue and due soon as at {format_date(today)}. "
            "Every task in full, with notes, from page 2.")
    if outside:
        note += f" {outside} task{'s' if outside != 1 else ''} dated outside {year.label} not shown."
    pdf.cell(pdf.epw, 4, pdf.fit(note, pdf.epw - 2 * pdf.c_margin))
    pdf.style()


# --- then the tasks month by month, and progress by phase -------------------------------

def _status(task: Task) -> str:
    label = STATUSES.get(task.status, task.status)
    mark = {"done": DONE_MARK, "not_applicable": NA_MARK, BEFORE_EOFFICE: NA_MARK, "in_progress": ACTIVE_MARK}.get(task.status)
    return f"{mark} {label}" if mark else label


def _flag(task: Task, today: date) -> Cell | str:
    flag = task.urgency(today)
    if flag == OVERDUE:
        return Cell(f"{OVERDUE_MARK} {OVERDUE}", fill=RED_FILL, colour=RED, bold=True)
    if flag == DUE_SOON:
        return Cell(f"{SOON_MARK} {DUE_SOON}", fill=AMBER_FILL, colour=AMBER, bold=True)
    return ""


def _monthly_lists(
    pdf: Document, year: AcademicYear, by_month: dict[tuple[int, int], list[Task]], today: date
) -> None:
    for ym in year.months():
        month = by_month.get(ym, [])
        applicable = [t for t in month if t.status not in UNCOUNTED]
        done = sum(t.status == "done" for t in applicable)
        overdue = sum(t.urgency(today) == OVERDUE for t in month)
        detail = f"{done} of {len(applicable)} done" if month else "no tasks"
        for status in sorted(UNCOUNTED):
            if uncounted := sum(t.status == status for t in month):
                detail += f", {uncounted} {STATUSES[status].lower()}"
        if overdue:
            detail += f", {overdue} overdue"
        pdf.ensure_space(30 if month else 10)
        pdf.heading(f"{month_name(ym)} {ym[0]}", detail)
        if month:
            rows = [
                [
                    format_date(t.due),
                    Cell(t.title, note=t.notes),
                    PHASES.get(t.phase, t.phase),
                    OWNERS.get(t.owner, t.owner),
                    _status(t),
                    _flag(t, today),
                ]
                for t in month
            ]
            pdf.table_rows(TABLE_COLUMNS, rows)
        pdf.ln(4)


def _phase_summary(pdf: Document, tasks: Sequence[Task], today: date) -> None:
    pdf.ensure_space(60)
    pdf.heading("Progress by phase", "tasks not applicable or before eoffice are left out of the counts")
    columns = (
        Column("Phase", 30),
        Column("Done", 10, "R"),
        Column("Tasks", 10, "R"),
        Column("Done (%)", 10, "R"),
        Column("Overdue", 10, "R"),
        Column("Not counted", 14, "R"),
    )
    rows: list[list[str | Cell]] = []
    totals = [0, 0, 0, 0]
    for key, progress in zip(PHASES, progress_by_phase(tasks), strict=True):
        phase_tasks = [t for t in tasks if t.phase == key]
        overdue = sum(t.urgency(today) == OVERDUE for t in phase_tasks)
        na = sum(t.status in UNCOUNTED for t in phase_tasks)
        rows.append([progress.label, *_counts(progress.done, progress.total, overdue, na)])
        totals = [a + b for a, b in zip(totals, (progress.done, progress.total, overdue, na), strict=True)]
    rows.append([Cell("Whole year", bold=True), *(Cell(v, bold=True) for v in _counts(*totals))])
    pdf.table_rows(columns, rows)


def _counts(done: int, total: int, overdue: int, na: int) -> list[str]:
    percent = f"{round(100 * done / total)}%" if total else NA_MARK
    return [str(done), str(total), percent, str(overdue), str(na)]
