"""The page every eoffice PDF shares: plan, key dates, access arrangements, rosters, certificates.

Printouts leave the office: they go on the staff-room wall, into the invigilators'
folder, in front of an inspector. Each needs the same things, done once here:

* the bundled fonts, so every name prints as written: DejaVu for Zoë, Siân, Łukasz,
  Ελένη and Дмитрий (the fonts built into PDF readers know only Latin-1 and would print
  question marks), and beside it fonts for the scripts DejaVu lacks or draws less well:
  Arabic and Hebrew (shaped, right to left), Devanagari, Chinese, Japanese and Korean;
* a character none of those fonts has is an error that names the field it is in, never
  a silent blank on the page;
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
import unicodedata
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Self

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from eoffice import clock, paths
from eoffice.domain.dates import format_date
from eoffice.errors import InputError
from eoffice.io.tables import cannot_write

FONT = "DejaVu"
HEAD_CHARACTERS = 12  # of the audit log's chain head, in every footer (as in backups' names)
# What every page's footer adds (the catalogue sets it: "Audit log 1a2b3c4d5e6f"); a
# context variable, so exports written at once on two threads each keep their own.
_FOOTER_MARK: ContextVar[str | None] = ContextVar("footer_mark", default=None)


@contextmanager
def footer_mark(text: str | None) -> Iterator[None]:
    """Print ``text`` in the footer of every Document made inside the block."""
    token = _FOOTER_MARK.set(text)
    try:
        yield
    finally:
        _FOOTER_MARK.reset(token)

Ranges = tuple[tuple[int, int], ...]
ARABIC: Ranges = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
HEBREW: Ranges = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
DEVANAGARI: Ranges = ((0x0900, 0x097F), (0x1CD0, 0x1CFF), (0xA8E0, 0xA8FF))
HANGUL: Ranges = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
CJK: Ranges = ((0x2E80, 0x2FDF), (0x3000, 0x312F), (0x3190, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
               (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F))  # and kana
# Text that only prints right once HarfBuzz has shaped it: right-to-left scripts (reordered,
# letters joined), the Indic scripts (vowel signs moved, conjuncts), combining marks, Hangul
# jamo, and the invisible joiners and direction marks. Everything else is drawn letter by
# letter, which is several times faster; most of a school's names need nothing more.
SHAPED = re.compile("[\u0300-\u036f\u0590-\u0dff\u1100-\u11ff\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u2069\ua8e0-\ua8ff\ua960-\ua97f\ufb1d-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Fallback:
    """The font (in resources/fonts, with its licence) for a script DejaVu lacks: used for
    the letters in ``script`` only, and read the first time one is printed."""

    family: str
    script: Ranges
    regular: str
    bold: str | None = None  # None: bold text in this script prints in the regular weight


# NanumGothicCoding's Hangul is NanumGothic's (its Latin, monospaced, is not used). Italic text
# in these scripts, and bold in those with no bold here, prints in the regular weight.
FALLBACKS = (
    Fallback("NotoSansArabic", ARABIC, "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    Fallback("NotoSansHebrew", HEBREW, "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    Fallback("NotoSansDevanagari", DEVANAGARI, "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    Fallback("NanumGothicCoding", HANGUL, "NanumGothicCoding.ttf"),
    Fallback("DroidSansFallback", CJK, "DroidSansFallbackFull.ttf"),  # Chinese and Japanese
)
HANDED_OVER = ARABIC + HEBREW
NOTHING: frozenset[str] = frozenset()
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


class UnprintableText(InputError):
    """A character that none of eoffice's fonts has: printed, it would be a blank, so a name
    would silently lose letters. Says which field, and which character by its code, never
    the text itself (it may be health data)."""

    def __init__(self, field: str, char: str) -> None:
        name = unicodedata.name(char, "")
        code = f"U+{ord(char):04X}" + (f" {name}" if name else "")
        super().__init__(f"{field} has a character no font in eoffice can print ({code}); "
                         "correct it, then print again")


def _within(code: int, ranges: Ranges) -> bool:
    return any(low <= code <= high for low, high in ranges)


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
        for emphasis, file in (("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf"), ("I", "DejaVuSans-Oblique.ttf")):
            self.add_font(FONT, emphasis, fonts / file)
            self._hand_over(emphasis)
        self._families: list[str] = []  # the fallback fonts read so far
        self._lenders: dict[str, TTFFont | None] = {}  # characters DejaVu lacks: the font that has each
        self._own: dict[str, set[str]] = {}  # per font: the characters seen that it has
        self._field: str | None = None  # what the text being printed is, for UnprintableText
        self.doc_title = title
        self.centre_name = centre_name
        self.subtitle = subtitle
        self.notice = notice
        self.printed = printed or clock.today()
        self.mark = _FOOTER_MARK.get()
        self._widths: dict[tuple[str, str, float, float], dict[str, float]] = {}
        self.set_margins(self.MARGIN, self.MARGIN, self.MARGIN)
        self.set_auto_page_break(True, margin=14)
        self.alias_nb_pages()
        self.set_title(" ".join(p for p in (title, subtitle) if p))
        self.set_author(centre_name)
        self.set_creator("eoffice")
        self.set_lang("en-GB")
        self.set_font(FONT, "", 9)

    # --- fonts and scripts ------------------------------------------------------------

    def _hand_over(self, emphasis: str) -> None:
        """Forget DejaVu's Arabic and Hebrew, so fpdf2 takes them from Noto, which draws them
        better and has every letter in bold too (fpdf2 asks the fallback fonts only for the
        letters the current font lacks)."""
        font = self.fonts[FONT.lower() + emphasis]  # fpdf2's key for the family and style
        if isinstance(font, TTFFont):
            for code in [c for c in font.cmap if _within(c, HANDED_OVER)]:
                del font.cmap[code]

    def _lender(self, char: str) -> TTFFont | None:
        """The fallback font with ``char``, a letter DejaVu lacks, chosen by its script and read
        the first time (Droid's Chinese takes a sixth of a second: a page of Arabic names
        never reads it); None if there is none."""
        if char not in self._lenders:
            code = ord(char)
            font = None
            for fallback in FALLBACKS:
                if _within(code, fallback.script):
                    font = self._load(fallback)
                    break
            self._lenders[char] = font if font is not None and code in font.cmap else None
        return self._lenders[char]

    def _load(self, fallback: Fallback) -> TTFFont:
        key = fallback.family.lower()  # fpdf2's key for the family (and its style)
        if key not in self.fonts:
            fonts = paths.resource("fonts")
            for emphasis, file in (("", fallback.regular), ("B", fallback.bold)):
                if file:
                    self.add_font(fallback.family, emphasis, fonts / file)
            self._families.append(fallback.family)
        font = self.fonts[key]
        assert isinstance(font, TTFFont)
        return font

    def get_fallback_font(self, char: str, style: str = "") -> str | None:
        """fpdf2 asks which fallback font to print ``char`` in: the one for its script, so a
        fallback font serves its own script alone (NanumGothicCoding has Chinese characters
        too, but as empty glyphs); its bold for bold text, when it has one."""
        font = self._lender(char)
        if font is None:
            return None
        return font.fontkey + "B" if "B" in style and font.fontkey + "B" in self.fonts else font.fontkey

    def _borrows(self, text: str) -> AbstractSet[str]:
        """The characters of ``text`` that the current font lacks (learnt once per font)."""
        font = self.current_font
        assert isinstance(font, TTFFont)
        own = self._own.setdefault(font.fontkey, set())
        if own.issuperset(text):  # nearly always: asked for every line, so kept cheap
            return NOTHING
        rest = set(text) - own
        own.update(char for char in rest if ord(char) in font.cmap)
        return rest - own

    def _refuse_unprintable(self, chars: AbstractSet[str]) -> None:
        """``UnprintableText`` for the first of ``chars`` (which the current font lacks) that no
        fallback font has either, unless it is an invisible mark that shaping consumes."""
        for char in sorted(chars):
            if self._lender(char) is None and not (unicodedata.category(char) == "Cf" and SHAPED.match(char)):
                raise UnprintableText(self._field or f"the text on page {self.page_no()} of the {self.doc_title}", char)

    @contextmanager
    def field(self, label: str) -> Iterator[None]:
        """Call the text printed inside ``label`` ("candidate 0042's name") in an error."""
        outer, self._field = self._field, label
        try:
            yield
        finally:
            self._field = outer

    @contextmanager
    def _laid_out_for(self, text: str, borrowed: AbstractSet[str]) -> Iterator[None]:
        """fpdf2 set up for ``text``: the fallback fonts on if it ``borrowed`` letters from them,
        HarfBuzz shaping on if it needs it (``SHAPED``). With either on, fpdf2 walks the text
        letter by letter, several times slower than its plain path, so neither stays on for the
        next text: a page of names in Arabic and dates in digits shapes only the names.

        Every line is laid left to right, as the English around it ("0023  כהן, דוד", "Room
        محمد, desk A1"), and each right-to-left run in it reads right to left (fpdf2 finds the
        runs with the Unicode bidi algorithm; HarfBuzz finds each run's script)."""
        shaped = SHAPED.search(text) is not None
        if borrowed:
            for char in borrowed:
                self._lender(char)
            self.set_fallback_fonts(self._families)  # fpdf2 then asks get_fallback_font
        if shaped:
            self.set_text_shaping(True, direction="ltr")
        try:
            yield
        finally:
            if shaped:
                self.set_text_shaping(False)
            if borrowed:
                self.set_fallback_fonts([])

    def _font_on_page(self) -> None:
        """Set the current font on the page before a line whose first letter may come from a
        fallback font: fpdf2 2.8 would set it inside that line's q/Q, where the page loses it,
        and print the lines after with no font (fpdf2 issue 1772)."""
        if self.page and not self.current_font_is_set_on_page and self.current_font:
            self._out(self._set_font_for_page(self.current_font, self.font_size_pt))

    def cell(self, w: float | None = None, h: float | None = None, text: str = "", *args: Any,
             **kwargs: Any) -> bool:
        """fpdf2's cell, refusing a character with no glyph, borrowing the letters DejaVu lacks
        from the fallback fonts, and shaping the text that needs it."""
        borrowed = self._borrows(text)
        if not borrowed and SHAPED.search(text) is None:  # most text: fpdf2's plain path
            return bool(super().cell(w, h, text, *args, **kwargs))
        if borrowed:
            self._refuse_unprintable(borrowed)
        with self._laid_out_for(text, borrowed):
            if borrowed:
                self._font_on_page()
            return bool(super().cell(w, h, text, *args, **kwargs))

    def text(self, x: float, y: float, text: str = "") -> None:
        """fpdf2's text at baseline ``y``. fpdf2's text() neither shapes nor borrows letters
        from fallback fonts, so text that needs either goes through ``cell`` (with no page
        break: text() never makes one)."""
        if not self._borrows(text) and SHAPED.search(text) is None:
            super().text(x, y, text)
            return
        here, auto, margin = (self.x, self.y), self.auto_page_break, self.b_margin
        self.set_auto_page_break(False, margin)
        try:
            self.set_xy(x - self.c_margin, y - 0.8 * self.font_size)  # cell's baseline: top + 0.5 h + 0.3 size
            self.cell(None, self.font_size, text)
        finally:
            self.set_auto_page_break(auto, margin)
            self.set_xy(*here)

    # --- every page -------------------------------------------------------------------

    def header(self) -> None:
        half = self.epw / 2
        self.set_xy(self.l_margin, 7)
        self.style(10, "B")
        with self.field("the centre's name"):
            self.cell(half, 5, self.fit(self.centre_name, half - 2 * self.c_margin))
        title = "  ·  ".join(p for p in (self.doc_title, self.subtitle) if p)
        with self.field("the title"):
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
        mark = f" · {self.mark}" if self.mark else ""
        self.cell(self.epw / 2, 4, f"Printed {format_date(self.printed)}{mark}")
        self.cell(self.epw / 2, 4, f"page {self.page_no()} of {{nb}}", align="R")
        self.style()

    # --- text -------------------------------------------------------------------------

    def style(self, size: float = 9, emphasis: str = "", colour: Colour = BLACK) -> None:
        """Font size (points), "", "B" or "I", and text colour in one call."""
        self.set_font(FONT, emphasis, size)
        self.set_text_color(*colour)

    def measure(self, text: str) -> float:
        """``get_string_width`` from cached character widths: the same sum, far faster. Shaped
        text (``SHAPED``) is measured whole, shaped: joined letters are not as wide as apart."""
        key = (self.font_family, self.font_style, self.font_size_pt, self.font_stretching)
        widths = self._widths.setdefault(key, {})
        if SHAPED.search(text) is not None:
            width = widths.get(text)
            if width is None:
                with self._laid_out_for(text, self._borrows(text)):
                    width = widths[text] = self.get_string_width(text)
            return width
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                with self._laid_out_for(char, self._borrows(char)):
                    width = widths[char] = self.get_string_width(char)
            total += width
        return total

    def _fits(self, text: str, width: float) -> int:
        """How many leading characters of ``text`` fit in ``width`` (shaped text: the longest
        start that fits shaped, never leaving a mark without its letter)."""
        if SHAPED.search(text) is not None:
            low, high = 0, len(text)
            while low < high:
                middle = (low + high + 1) // 2
                low, high = (middle, high) if self.measure(text[:middle]) <= width else (low, middle - 1)
            while 0 < low < len(text) and unicodedata.category(text[low]).startswith("M"):
                low -= 1
            return low
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
        width = self.measure(head) + 2 * self.c_margin
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

        After a page break the header row is printed again above the next row. A character
        that cannot print is reported by its row and column header, within the writer's
        ``field`` if it gave one ("the register of Main Hall, row 3, column “Name”").
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
            where = self._field or f"the table on page {self.page_no()} of the {self.doc_title}"
            for number, (cell, width, column, (lines, notes)) in enumerate(
                    zip(cells, widths, columns, laid, strict=True), start=1):
                fill = cell.fill or (ZEBRA_FILL if zebra and index % 2 else None)
                if fill:
                    self.set_fill_color(*fill)
                    self.rect(x, top, width, height, style="F")
                self.set_xy(x, top + self.PAD)
                with self.field(f"{where}, row {index + 1}, column “{column.header or number}”"):
                    self.style(size, "B" if cell.bold else "", cell.colour or BLACK)
                    for line in lines:
                        self.cell(width, line_height(size), line, align=column.align, new_x=XPos.LEFT,
                                  new_y=YPos.NEXT)
                    self.style(note_size, "I", GREY)
                    for line in notes:
                        self.cell(width, line_height(note_size), line, align=column.align, new_x=XPos.LEFT,
                                  new_y=YPos.NEXT)
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
        paths.check_output_file(path)  # never replace a device, pipe or link
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
