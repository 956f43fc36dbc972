"""The exam-day kit as PDFs: a seating plan per room, a register per paper and room, desk cards.

Everything printed here comes from one ``examday.ExamDayKit`` (``domain/examday/kit.py``),
so the plan on the wall, the register in the folder and the card on the desk cannot
disagree with the exam-day view; these modules only lay the records out. This one chooses
the kind; ``seating_plan_pdf``, ``register_pdf`` and ``desk_cards_pdf`` draw each, from the
parts in ``kit_pdf``.

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

from datetime import date
from pathlib import Path

from eoffice.domain.examday import KINDS, ExamDayKit
from eoffice.io.access_export import SENSITIVE
from eoffice.io.desk_cards_pdf import desk_cards
from eoffice.io.kit_pdf import (
    SIDES,
    TITLES,
    TRUE_RECORD,
    centre_line,
    row_letter,
    session_label,
)
from eoffice.io.pdf import Document
from eoffice.io.register_pdf import registers
from eoffice.io.seating_plan_pdf import seating_plans

__all__ = ["SIDES", "TRUE_RECORD", "row_letter", "write_exam_day_pdf"]  # what callers and tests read here


def write_exam_day_pdf(path: Path, kit: ExamDayKit, kind: str, *, printed: date | None = None) -> Path:
    """Write one kind of the exam-day kit (``kit.KINDS``) for one session to ``path``."""
    if kind not in KINDS:
        raise ValueError(f"unknown exam-day kit {kind!r}: choose one of {', '.join(KINDS)}")
    orientation = "landscape" if kind == "seating-plan" else "portrait"
    with Document(TITLES[kind], centre_line(kit), session_label(kit), orientation=orientation,
                  notice=SENSITIVE, printed=printed) as pdf:
        if kind == "seating-plan":
            seating_plans(pdf, kit)
        elif kind == "register":
            registers(pdf, kit)
        else:
            desk_cards(pdf, kit)
        return pdf.save(path)
