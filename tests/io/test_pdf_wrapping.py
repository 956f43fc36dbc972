"""PDF table cells wrap whole words: at spaces and after written hyphens, splitting a word
only when it alone is wider than its cell (issue 11, "Words, not fragments")."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from eoffice.domain.plan import OWNERS, PHASES, Task, TaskFields
from eoffice.domain.years import AcademicYear
from eoffice.io.pdf import PT, Column, Document, line_height, word_parts
from eoffice.io.plan_pdf import write_plan_pdf
from tests.conftest import TODAY

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
MM = 72 / 25.4  # points in a millimetre
TITLE = "Summer review-of-marking requests for the A level deadline"
LONG_WORD = "Supercalifragilisticexpialidocious"
NARROW = 22.0  # millimetres: "review-of-marking" is wider than the text in it, "review-of-" is not

Box = tuple[float, float, float, float, str]


def boxes(path: Path, page: int = 1) -> list[Box]:
    """Every word on ``page`` with its box in points (x0, y0, x1, y1), from ``pdftotext -bbox``."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace("&apos;", "'"))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    return [
        (float(w.get("xMin", 0)), float(w.get("yMin", 0)), float(w.get("xMax", 0)), float(w.get("yMax", 0)), w.text or "")
        for w in root.iterfind(".//x:word", ns)
    ]


def pieces(text: str) -> set[str]:
    """What a whole-word wrap may print as one word: a word, or a run of its hyphen-parts."""
    allowed: set[str] = set()
    for word in text.split():
        parts = word_parts(word)
        allowed.update("".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1))
    return allowed


def rejoin(words: list[str]) -> str:
    """Printed words back into the text: after a written hyphen there was no space."""
    return "".join(w if not i or words[i - 1].endswith("-") else f" {w}" for i, w in enumerate(words))


def table_pdf(tmp_path: Path, rows: list[list[str]], width: float = NARROW) -> Path:
    doc = Document("Exams plan", "St Zoë's Academy", "2026/27", printed=TODAY)
    doc.add_page()
    rest = doc.epw - width
    doc.table_rows([Column("Task", width), Column("Owner", rest)], rows)
    return doc.save(tmp_path / "table.pdf")


def column_words(path: Path, width: float = NARROW) -> list[Box]:
    """The words printed in the first column, under its header, top to bottom."""
    found = boxes(path)
    header = next(b for b in found if b[4] == "Task")
    footer = next(b for b in found if b[4] == "Printed")
    right = (Document.MARGIN + width) * MM
    inside = [b for b in found if header[3] < b[1] < footer[1] and b[0] < right]
    return sorted(inside, key=lambda b: (round(b[1]), b[0]))


@needs_poppler
def test_a_narrow_cell_keeps_every_word_whole(tmp_path: Path) -> None:
    path = table_pdf(tmp_path, [[TITLE, "Exams officer"]])
    printed = [b[4] for b in column_words(path)]
    assert "review-of-" in printed and "marking" in printed  # broken where the hyphen is written
    assert all(word in pieces(TITLE) for word in printed), printed  # no "review-of-ma" / "rking"
    assert rejoin(printed) == TITLE
    right = (Document.MARGIN + NARROW) * MM
    assert all(x1 <= right for _, _, x1, _, _ in column_words(path))


@needs_poppler
def test_a_word_longer_than_its_cell_is_still_split_inside_the_cell(tmp_path: Path) -> None:
    path = table_pdf(tmp_path, [[f"The {LONG_WORD} task", "Exams officer"], ["Next row", "Deputy head"]])
    found = column_words(path)
    printed = [b[4] for b in found]
    assert len(printed) > 4 and LONG_WORD not in printed
    assert "".join(printed[1:printed.index("task")]) == LONG_WORD  # split, nothing lost
    right = (Document.MARGIN + NARROW) * MM
    assert all(x1 <= right for _, _, x1, _, _ in found)  # nothing overflows the cell
    # The row is as tall as its lines: the next row starts below the last piece of the word.
    assert min(b[1] for b in found if b[4] == "Next") > max(b[3] for b in found if b[4] == "task")


@needs_poppler
def test_the_wall_planner_keeps_hyphenated_and_long_words_whole(tmp_path: Path) -> None:
    year = AcademicYear(2026)

    def task(number: int, due: date, title: str) -> Task:
        fields = TaskFields(title=title, phase=next(iter(PHASES)), owner=next(iter(OWNERS)), due=due,
                            status="not_started")
        return Task(number, year, fields)

    titles = ["Send the last summer review-of-marking requests to the boards",
              "Collect the signed confidentiality forms from every invigilator"]
    tasks = [task(1, date(2026, 9, 24), titles[0])]
    tasks += [task(10 + i, date(2026, 10, 1 + i), titles[1]) for i in range(4)]
    path = write_plan_pdf(tmp_path / "plan.pdf", "St Zoë's Academy", year, tasks, TODAY)
    found = boxes(path, 1)
    top = min(b[3] for b in found if b[4] == "done")  # under "N of M done"
    bottom = min(b[1] for b in found if b[4] == "Key:")
    allowed = pieces(" ".join(titles)) | {str(n) for n in range(1, 32)} | {"»", "!", "✓", "◐", "–"}
    planner = [b[4] for b in found if top < b[1] < bottom]
    assert "confidentiality" in planner and "marking" in planner
    assert all(word in allowed for word in planner), [w for w in planner if w not in allowed]


def test_wrap_breaks_after_written_hyphens_between_letters_only() -> None:
    with Document("t", "c") as doc:
        doc.style(8.5)
        assert doc.wrap("review-of-marking", doc.measure("review-of-m")) == ["review-of-", "marking"]
        assert doc.wrap("review-of-marking", doc.measure("review-of-marking")) == ["review-of-marking"]
        assert not doc.breaks_a_word("review-of-marking", doc.measure("review-of-"))
        assert doc.breaks_a_word(LONG_WORD, 20)
        # Numbers and codes keep their hyphen: "2026-" / "27" would misread.
        assert word_parts("2026-27") == ["2026-27"] and word_parts("AB-1234") == ["AB-1234"]
        assert word_parts("Smith-Jones") == ["Smith-", "Jones"] and word_parts("-5") == ["-5"]


def test_a_split_word_carries_at_least_three_letters_and_a_cut_ends_at_a_word() -> None:
    with Document("t", "c") as doc:
        doc.style(8.5)
        word = "confidentiality"
        lines = doc.wrap(word, doc.measure(word[:-1] + "-") + 0.01, hyphenate=True)
        assert lines == ["confidential-", "ity"]
        assert all(doc.measure(line) <= 20 for line in doc.wrap(LONG_WORD * 3, 20, hyphenate=True))
        cut = doc.wrap("plan the rooms for the summer considerations meeting", 40, max_lines=2)
        assert len(cut) == 2 and cut[-1].endswith("…")
        assert all(piece in pieces("plan the rooms for the summer considerations meeting")
                   for piece in cut[-1].removesuffix("…").split())


def test_row_height_follows_the_wrapped_line_count() -> None:
    with Document("t", "c") as doc:
        doc.add_page()
        size = 8.5
        width = NARROW
        doc.style(size)
        expected = len(doc.wrap(TITLE, width - 2 * doc.c_margin, 6))
        top = doc.get_y() + line_height(size) + 2 * Document.PAD + 0.5  # under the header row
        doc.table_rows([Column("Task", width), Column("Owner", doc.epw - width)], [[TITLE, "Exams officer"]],
                       size=size)
        assert expected == 6
        assert doc.get_y() - top == pytest.approx(2 * Document.PAD + expected * size * PT * 1.25)
