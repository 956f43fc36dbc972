"""The parts every exam-day kit PDF shares: the titles and measures, the lines that name the
centre and the session, and the small drawing helpers (text at a place, a size that fits,
a shortened name, hatching, the "before printing" box).

The seating plans (``seating_plan_pdf``), registers (``register_pdf``) and desk cards
(``desk_cards_pdf``) are drawn from these; ``exam_day_pdf.write_exam_day_pdf`` chooses one.
Like every writer, they format the kit records they are handed and call no domain rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eoffice.domain.dates import format_date
from eoffice.domain.examday import ExamDayKit, KitPaper
from eoffice.io.pdf import AMBER_FILL, BLACK, GREY, PT, RED, Colour, Document, line_height

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
    return f"{paper.board} {paper.code} {paper.title}, {paper.published_words}"


# --- drawing helpers --------------------------------------------------------------------


def put(pdf: Document, x: float, top: float, text: str, size: float, emphasis: str = "", colour: Colour = BLACK,
         *, width: float = 0.0, align: str = "L") -> None:
    """One line of text in the line box starting at ``top``; ``align`` within ``width``."""
    pdf.style(max(size, 1.0), emphasis, colour)
    if align != "L":
        used = pdf.measure(text)
        x += (width - used) / 2 if align == "C" else width - used
    pdf.text(x, top + size * PT * 0.98, text)


def size_to_fit(pdf: Document, text: str, emphasis: str, width: float, most: float) -> float:
    """The largest size up to ``most`` points at which ``text`` fits ``width``."""
    pdf.style(10, emphasis)
    at_ten = pdf.measure(text)
    return most if at_ten <= 0 else min(most, 9.9 * width / at_ten)  # a hair under: rounding must not cut it


def short_name(pdf: Document, name: str, width: float) -> str:
    """"Watson, Finn" -> "Watson, F" -> "Watson" -> "Wat…", whichever first fits."""
    name = " ".join(name.split())
    if pdf.measure(name) <= width:
        return name
    surname, _, given = (part.strip() for part in name.partition(","))
    if given and pdf.measure(f"{surname}, {given[0]}") <= width:
        return f"{surname}, {given[0]}"
    return pdf.fit(surname or name, width)


def hline(pdf: Document, x1: float, x2: float, y: float) -> None:
    pdf.line(x1, y, x2, y)


def hatch(pdf: Document, x: float, y: float, w: float, h: float, step: float) -> None:
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


def nothing(pdf: Document, kit: ExamDayKit, what: str) -> None:
    pdf.add_page()
    pdf.heading(f"Nothing is seated in this session: {session_label(kit)}", size=14)
    pdf.paragraph(f"No candidate has a desk in the {kit.session} session on {format_date(kit.on)}, so there is "
                  f"no {what} to print. Seat the session first, then print the kit again.", colour=GREY)
    pdf.ln(3)
    warnings_box(pdf, kit, pdf.get_y(), pdf.epw)


def warnings_box(pdf: Document, kit: ExamDayKit, y: float, width: float, *, draw: bool = True) -> float:
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
        put(pdf, pdf.l_margin + pad, top, WARNINGS_TITLE, size, "B", RED)
        for text, first in bullets:
            top += line_height(size)
            if first:
                put(pdf, pdf.l_margin + pad, top, "•", size, "B")
            put(pdf, pdf.l_margin + pad + 4, top, text, size)
    return y + height + 3



def wrap_name(pdf: Document, name: str, width: float) -> list[str]:
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
