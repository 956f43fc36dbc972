"""Desk cards, eight to an A4 page with dashed cut lines: name, candidate number, room and
desk, the papers, the start and the finish (with the reason when it is late)."""

from __future__ import annotations

from collections.abc import Sequence

from eoffice.domain.access import clock
from eoffice.domain.examday import DeskCard, ExamDayKit, KitPaper
from eoffice.io.kit_pdf import (
    CARD_COLUMNS,
    CARD_PAD,
    CARD_ROWS,
    nothing,
    put,
    short_name,
    size_to_fit,
    wrap_name,
)
from eoffice.io.pdf import GREY, Document, line_height

# --- desk cards -------------------------------------------------------------------------


def desk_cards(pdf: Document, kit: ExamDayKit) -> None:
    if not kit.cards:
        nothing(pdf, kit, "desk card")
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
    name_size = size_to_fit(pdf, card.name, "B", inner, 15)
    if name_size >= 12:
        names = [" ".join(card.name.split())]
    else:
        name_size = 12
        pdf.style(name_size, "B")
        names = wrap_name(pdf, card.name, inner)
        if len(names) > 2:
            names = [short_name(pdf, card.name, inner)]
    with pdf.field(f"candidate {card.candidate}'s name"):
        for line in names:
            put(pdf, left, top, line, name_size, "B")
            top += line_height(name_size)
    top += 1.5
    # Candidate number, very large; room and desk beside it.
    put(pdf, left, top, "Candidate number", 7, "", GREY)
    number_size = size_to_fit(pdf, card.candidate, "B", inner * 0.5, 36)
    put(pdf, left, top + line_height(7) - 0.5, card.candidate, number_size, "B")
    block = left + inner * 0.55
    room_w = (right - block) * 0.64
    places = (("Room", card.room, block, room_w - 2), ("Desk", card.desk or "—", block + room_w, right - block - room_w))
    for label, value, bx, bw in places:
        put(pdf, bx, top, label, 7, "", GREY)
        size = max(7.0, size_to_fit(pdf, value, "B", bw, 14))
        pdf.style(size, "B")
        put(pdf, bx, top + line_height(7) + 1, pdf.fit(value, bw), size, "B")
    if kit.centre_number.strip():
        put(pdf, block, top + line_height(7) + 1 + line_height(14) + 0.5, f"Centre {kit.centre_number.strip()}", 7.5,
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
    put(pdf, left, start_top, f"Start {clock(card.start)}", 11)
    put(pdf, left, finish_top, finish, 13, "B")
    if same_line:
        put(pdf, left + finish_w + 2, finish_top + 1.2, timing_lines[0], 9.5)
    else:
        for index, line in enumerate(timing_lines):
            put(pdf, left, finish_top + line_height(13) + index * line_height(9.5), line, 9.5)
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
        put(pdf, left, top, paper.code, size, "B")
        for line in lines:
            put(pdf, left + code_w, top, line, size)
            top += lh
