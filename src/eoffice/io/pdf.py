"""The page every eoffice PDF shares: plan, key dates, access arrangements, rosters, certificates.

Printouts leave the office: they go on the staff-room wall, into the invigilators'
folder, in front of an inspector. Each needs the same things, done once here:

* the bundled DejaVu fonts, so Zoë, Siân, Łukasz and Ó Briain print as written (the
  fonts built into PDF readers know only Latin-1 and would print question marks);
* the centre, the title and the year on every page, so a loose sheet can be placed;
  "page X of Y" and the date printed, so a missing page or an old copy is spotted;
* an optional notice (e.g. "Contains sensitive personal data") on every page;
* tables whose header row repeats after a page break, with zebra rows and status
  colour that always comes with a word, because school printers are often mono;
* an atomic save, so a failed export never leaves half a PDF where the last good one was.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Self

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from eoffice import clock, paths
from eoffice.domain.dates import format_date
from eoffice.io.tables import cannot_write

FONT = "DejaVu"
ELLIPSIS = "…"
PT = 0.3528  # millimetres in a point
HYPHEN_BREAK = re.compile(r"(?<=[^\W_][-\u2010])(?=[^\W\d_])")  # a line may break after such a hyphen
MIN_TAIL = 3  # letters at least carried to the next line when a too-long word is split

Colour = tuple[int, int, int]
BLACK: Colour = (0, 0, 0)
GREY: Colour = (95, 95, 95)
RULE: Colour = (175, 175, 175)
RED: Colour = (178, 0, 0)
AMBER: Colour = (150, 80, 0)  # dark enough to read on white and on AMBER_FILL
RED_FILL: Colour = (250, 215, 215)
AMBER_FILL: Colour = (255, 232, 180)
HEAD_FILL: Colour = (222, 227, 235)
ZEBRA_FILL: Colour = (243, 244, 247)


@dataclass(frozen=True)
class Column:
    header: str
    weight: float = 1.0  # share of the page width, relative to the other columns
    align: str = "L"


@dataclass(frozen=True)
class Cell:
    """A cell with more than plain text.

    Colour is never the only signal: the text must say it too ("Overdue", not just red).
    """

    text: str
    fill: Colour | None = None
    colour: Colour | None = None
    bold: bool = False
    note: str = ""  # printed under the text, small and italic


def word_parts(word: str) -> list[str]:
    """``word`` in the pieces a line may break between: after each hyphen written between
    a letter or digit and a letter ("review-", "of-", "marking"); never inside "2026-27"."""
    return HYPHEN_BREAK.split(word)


def line_height(size: float) -> float:
    """Millimetres per line for a font size in points."""
    return size * PT * 1.25


class Document(FPDF):
    """A4 with eoffice's header, footer, fonts, tables and atomic save."""

    MARGIN = 10.0
    PAD = 1.0  # space above and below the text in a table row

    def __init__(self, title: str, centre_name: str, subtitle: str = "", *, orientation: str = "portrait",
                 notice: str | None = None, printed: date | None = None) -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        fonts = paths.resource("fonts")
        self.add_font(FONT, "", fonts / "DejaVuSans.ttf")
        self.add_font(FONT, "B", fonts / "DejaVuSans-Bold.ttf")
        self.add_font(FONT, "I", fonts / "DejaVuSans-Oblique.ttf")
        self.doc_title = title
        self.centre_name = centre_name
        self.subtitle = subtitle
        self.notice = notice
        self.printed = printed or clock.today()
        self._widths: dict[tuple[str, str, float, float], dict[str, float]] = {}
        self.set_margins(self.MARGIN, self.MARGIN, self.MARGIN)
        self.set_auto_page_break(True, margin=14)
        self.alias_nb_pages()
        self.set_title(" ".join(p for p in (title, subtitle) if p))
        self.set_author(centre_name)
        self.set_creator("eoffice")
        self.set_lang("en-GB")
        self.set_font(FONT, "", 9)

    # --- every page -------------------------------------------------------------------

    def header(self) -> None:
        half = self.epw / 2
        self.set_xy(self.l_margin, 7)
        self.style(10, "B")
        self.cell(half, 5, self.fit(self.centre_name, half - 2 * self.c_margin))
        title = "  ·  ".join(p for p in (self.doc_title, self.subtitle) if p)
        self.cell(half, 5, self.fit(title, half - 2 * self.c_margin), align="R")
        y = 12.5
        if self.notice:
            self.set_xy(self.l_margin, y)
            self.style(8.5, "B", RED)
            self.cell(self.epw, 4.5, self.fit(self.notice, self.epw - 2 * self.c_margin))
            y += 5
        self.set_draw_color(*RULE)
        self.set_line_width(0.3)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_xy(self.l_margin, y + 3)
        self.style()

    def footer(self) -> None:
        self.set_xy(self.l_margin, self.h - 10)
        self.style(7.5, "", GREY)
        self.cell(self.epw / 2, 4, f"Printed {format_date(self.printed)}")
        self.cell(self.epw / 2, 4, f"page {self.page_no()} of {{nb}}", align="R")
        self.style()

    # --- text -------------------------------------------------------------------------

    def style(self, size: float = 9, emphasis: str = "", colour: Colour = BLACK) -> None:
        """Font size (points), "", "B" or "I", and text colour in one call."""
        self.set_font(FONT, emphasis, size)
        self.set_text_color(*colour)

    def measure(self, text: str) -> float:
        """``get_string_width`` from cached character widths: the same sum, far faster."""
        key = (self.font_family, self.font_style, self.font_size_pt, self.font_stretching)
        widths = self._widths.setdefault(key, {})
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = self.get_string_width(char)
            total += width
        return total

    def _fits(self, text: str, width: float) -> int:
        """How many leading characters of ``text`` fit in ``width``."""
        used = 0.0
        for count, char in enumerate(text):
            used += self.measure(char)
            if used > width:
                return count
        return len(text)

    def fit(self, text: str, width: float) -> str:
        """One line in the current font, cut with "…" when it is wider than ``width``."""
        text = " ".join(text.split())
        if self.measure(text) <= width:
            return text
        keep = self._fits(text, width - self.measure(ELLIPSIS))
        return text[:keep].rstrip() + ELLIPSIS

    def wrap(self, text: str, width: float, max_lines: int | None = None, *, hyphenate: bool = False) -> list[str]:
        """Word-wrapped lines in the current font; the last kept line ends "…" if cut.

        Lines break at spaces and after a hyphen written between letters ("review-of-|marking"),
        so words stay whole. Only a piece wider than a whole line is split inside, so nothing
        overflows; ``hyphenate`` marks that split with "-" (for prose, not for codes or e-mail
        addresses that a hyphen would corrupt). A cut last line loses its partial word to the
        "…" unless it is the line's only word.
        """
        hyphen = "-" if hyphenate else ""
        space = self.measure(" ")
        enough = float("inf") if max_lines is None else max_lines + 1  # one more shows a cut
        lines: list[str] = []
        for paragraph in text.splitlines():
            line, used = "", 0.0
            for word in paragraph.split():
                if len(lines) >= enough:
                    break
                for index, part in enumerate(word_parts(word)):
                    joiner, gap = (" ", space) if index == 0 else ("", 0.0)
                    size = self.measure(part)
                    if line and used + gap + size <= width:
                        line, used = f"{line}{joiner}{part}", used + gap + size
                        continue
                    if line:
                        lines.append(line)
                    while size > width:  # longer than a whole line
                        cut = self._split_at(part, width - self.measure(hyphen))
                        lines.append(part[:cut] + hyphen)
                        part = part[cut:]
                        size = self.measure(part)
                    line, used = part, size
            if line:
                lines.append(line)
            if len(lines) >= enough:
                break
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = self._cut_line(lines[-1], width)
        return lines

    def breaks_a_word(self, text: str, width: float) -> bool:
        """Whether ``wrap`` at ``width`` must split a word: a piece between spaces and
        written hyphens is wider than a whole line."""
        return any(self.measure(part) > width for word in text.split() for part in word_parts(word))

    def _split_at(self, word: str, width: float) -> int:
        """Where to split a word wider than a line: as much as fits, but never leaving a
        tail of one or two letters ("confidentialit-y") when the head can spare them."""
        cut = max(1, self._fits(word, width))
        tail = len(word) - cut
        if 0 < tail < MIN_TAIL and cut - (MIN_TAIL - tail) >= MIN_TAIL:
            cut -= MIN_TAIL - tail
        return cut

    def _cut_line(self, line: str, width: float) -> str:
        """``line`` ending "…" within ``width``, cut after a whole word where there is one."""
        keep = self._fits(line, width - self.measure(ELLIPSIS))
        if keep < len(line) and not line[keep].isspace():
            words = line[:keep].rsplit(" ", 1)
            if len(words) == 2 and words[0].strip():
                keep = len(words[0])
        return line[:keep].rstrip() + ELLIPSIS

    def ensure_space(self, height: float) -> None:
        """Start a new page unless ``height`` millimetres still fit on this one."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def heading(self, text: str, detail: str = "", size: float = 12) -> None:
        """A bold heading with optional grey detail on the same line."""
        self.set_x(self.l_margin)
        self.style(size, "B")
        head = self.fit(text, self.epw - 2 * self.c_margin)
        width = self.get_string_width(head) + 2 * self.c_margin
        self.cell(width, line_height(size) + 1, head)
        if detail:
            self.style(size - 3, "", GREY)
            self.cell(self.epw - width, line_height(size) + 1, self.fit(detail, self.epw - width - 4))
        self.ln(line_height(size) + 2)
        self.style()

    def paragraph(self, text: str, size: float = 9, emphasis: str = "", colour: Colour = BLACK) -> None:
        self.style(size, emphasis, colour)
        for line in self.wrap(text, self.epw - 2 * self.c_margin):
            self.set_x(self.l_margin)
            self.cell(self.epw, line_height(size), line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.style()

    # --- tables -----------------------------------------------------------------------

    def table_rows(self, columns: Sequence[Column], rows: Sequence[Sequence[str | Cell]], *, size: float = 8.5,
                   zebra: bool = True, max_lines: int = 6) -> None:
        """A table across the page; rows wrap (up to ``max_lines``) and never split.

        After a page break the header row is printed again above the next row.
        """
        total = sum(c.weight for c in columns)
        widths = [self.epw * c.weight / total for c in columns]
        note_size = size - 1.5
        self.ensure_space(3 * line_height(size) + 4 * self.PAD)  # no header alone at the foot of a page
        self._table_header(columns, widths, size)
        for index, row in enumerate(rows):
            cells = [c if isinstance(c, Cell) else Cell(str(c)) for c in row]
            laid: list[tuple[list[str], list[str]]] = []
            for cell, width in zip(cells, widths, strict=True):
                self.set_font(FONT, "B" if cell.bold else "", size)
                lines = self.wrap(cell.text, width - 2 * self.c_margin, max_lines)
                self.set_font(FONT, "I", note_size)
                laid.append((lines, self.wrap(cell.note, width - 2 * self.c_margin, max_lines)))
            height = 2 * self.PAD + max(
                len(lines) * line_height(size) + len(notes) * line_height(note_size) for lines, notes in laid
            )
            if self.get_y() + height > self.page_break_trigger:
                self.add_page()
                self._table_header(columns, widths, size)
            top, x = self.get_y(), self.l_margin
            for cell, width, column, (lines, notes) in zip(cells, widths, columns, laid, strict=True):
                fill = cell.fill or (ZEBRA_FILL if zebra and index % 2 else None)
                if fill:
                    self.set_fill_color(*fill)
                    self.rect(x, top, width, height, style="F")
                self.set_xy(x, top + self.PAD)
                self.style(size, "B" if cell.bold else "", cell.colour or BLACK)
                for line in lines:
                    self.cell(width, line_height(size), line, align=column.align, new_x=XPos.LEFT, new_y=YPos.NEXT)
                self.style(note_size, "I", GREY)
                for line in notes:
                    self.cell(width, line_height(note_size), line, align=column.align, new_x=XPos.LEFT, new_y=YPos.NEXT)
                x += width
            self.set_draw_color(*RULE)
            self.set_line_width(0.15)
            self.line(self.l_margin, top + height, self.l_margin + self.epw, top + height)
            self.set_xy(self.l_margin, top + height)
        self.style()

    def _table_header(self, columns: Sequence[Column], widths: Sequence[float], size: float) -> None:
        height = line_height(size) + 2 * self.PAD + 0.5
        self.set_x(self.l_margin)
        self.set_fill_color(*HEAD_FILL)
        self.style(size, "B")
        for column, width in zip(columns, widths, strict=True):
            text = self.fit(column.header, width - 2 * self.c_margin)
            self.cell(width, height, text, align=column.align, fill=True)
        self.ln(height)
        self.style()

    # --- saving -----------------------------------------------------------------------

    def save(self, path: Path | str) -> Path:
        """Write the PDF to ``path`` atomically: a hidden ``.partial`` file, then a rename."""
        path = Path(path)
        partial = path.with_name(f".{path.name}.partial")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = self.output()
            with open(partial, "wb") as handle:
                handle.write(data)
            os.replace(partial, path)
        except OSError as error:
            with suppress(OSError):  # the folder itself may be what failed
                partial.unlink(missing_ok=True)
            raise cannot_write(path, error) from error
        except BaseException:
            with suppress(OSError):  # the folder itself may be what failed
                partial.unlink(missing_ok=True)
            raise
        finally:
            self.close()
        return path

    def close(self) -> None:
        """Let go of the font files (``save`` does; ``with Document(...)`` covers an early failure)."""
        for font in self.fonts.values():
            if hasattr(font, "close"):
                font.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
