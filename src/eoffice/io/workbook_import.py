"""The first sheet of an Excel workbook as raw rows, streamed, within ``table_import``'s limits.

A workbook is a zip of XML parts. Its directory is checked first: parts that would
unpack, together, past ``MAX_BYTES`` refuse the file before a byte is unpacked (Python's
zip reader stops at the size the directory gives, so a part cannot unpack to more).
The first sheet is then read in 64 KB pieces by the expat parser, and its rows and cells
are counted as they arrive: a sheet of twenty million rows is refused when it passes
``MAX_ROWS``, after a second or two, instead of being read whole.

Why not openpyxl's read-only mode, which streams too: it makes several Python objects per
cell, and read a 100,000-row plan (800,000 cells) in 15 to 30 s here, over the whole
import's budget of 10 s before a single row was checked. This reads values only, about
ten times faster. openpyxl's own rules for dates are used (which number formats are
dates, the 1900 and 1904 calendars), so a cell reads as it did through openpyxl: a date
is a ``datetime``, a time a ``time``, a duration formatted ``[h]:mm`` a ``timedelta``,
text as it was typed, and a formula with no saved result is ``UNSAVED``, not blank.

A part missing, XML that does not parse, or a value that is not what its type says is
a damaged workbook: one line naming the file, and the row where the sheet broke off.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.parsers import expat

from eoffice.errors import InputError
from eoffice.io import table_import as limits
from eoffice.io.table_import import UNSAVED, Line

CHUNK = 64 * 1024
DAMAGED = "cannot be read as an Excel workbook; is it damaged, or another kind of file renamed?"


class Damaged(Exception):
    """The workbook is not what its own parts say; ``read_workbook`` words it for the user."""


def _local(name: str) -> str:
    """``x:row`` and ``row`` are one element: writers differ in the prefix they use."""
    return name.rpartition(":")[2]


def _parse(data: bytes, start: Callable[[str, dict[str, str]], None], end: Callable[[str], None] | None = None,
           text: Callable[[str], None] | None = None) -> None:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = lambda name, attrs: start(_local(name), attrs)
    if end is not None:
        parser.EndElementHandler = lambda name: end(_local(name))
    if text is not None:
        parser.CharacterDataHandler = text
    parser.Parse(data, True)


def _attr(attrs: dict[str, str], local: str) -> str | None:
    """An attribute by its local name, whatever its prefix (``r:id``)."""
    for key, value in attrs.items():
        if _local(key) == local:
            return value
    return None


def _relationships(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id -> (type, the target part's name in the zip)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", "").rpartition("/")[2], path)

    if rels in package.namelist():
        _parse(package.read(rels), start)
    return found


class _Book:
    """What the sheet needs from the rest of the workbook: its part, strings, date styles, calendar."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

        documents = [p for kind, p in _relationships(package, "").values() if kind == "officeDocument"]
        workbook = documents[0] if documents else "xl/workbook.xml"
        related = _relationships(package, workbook)
        sheets: list[str] = []
        date1904 = [False]

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == "sheet":
                rel = related.get(_attr(attrs, "id") or "")
                if rel is not None and rel[0] == "worksheet":
                    sheets.append(rel[1])
            elif tag == "workbookPr":
                date1904[0] = attrs.get("date1904", "0").lower() in ("1", "true")

        _parse(package.read(workbook), start)
        if not sheets:
            raise Damaged("the workbook lists no sheet")
        self.sheet = sheets[0]
        self.epoch = CALENDAR_MAC_1904 if date1904[0] else CALENDAR_WINDOWS_1900
        kinds = {kind: path for kind, path in related.values()}
        self.strings = _shared_strings(package.read(kinds["sharedStrings"])) if "sharedStrings" in kinds else []
        self.dates, self.durations = _date_styles(package.read(kinds["styles"])) if "styles" in kinds else (set(), set())


def _shared_strings(data: bytes) -> list[str]:
    """Each ``<si>``'s text, its runs joined; phonetic guides (``<rPh>``) left out, as Excel shows it."""
    strings: list[str] = []
    parts: list[str] = []
    state = {"t": False, "rPh": 0}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if tag == "t":
            state["t"] = True
        elif tag == "rPh":
            state["rPh"] += 1
        elif tag == "si":
            parts.clear()

    def end(tag: str) -> None:
        if tag == "t":
            state["t"] = False
        elif tag == "rPh":
            state["rPh"] -= 1
        elif tag == "si":
            strings.append("".join(parts))

    def text(data: str) -> None:
        if state["t"] and not state["rPh"]:
            parts.append(data)

    _parse(data, start, end, text)
    return strings


def _date_styles(data: bytes) -> tuple[set[int], set[int]]:
    """The cell styles (``s`` of a cell) whose number format shows a date or a duration."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    formats: list[int] = []
    where = {"cellXfs": False}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == "numFmt":
            codes[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            where["cellXfs"] = True
        elif tag == "xf" and where["cellXfs"]:
            formats.append(int(attrs.get("numFmtId", "0")))

    def end(tag: str) -> None:
        if tag == "cellXfs":
            where["cellXfs"] = False

    _parse(data, start, end)
    dates = {style for style, number in enumerate(formats) if is_date_format(codes.get(number, "General"))}
    durations = {style for style in dates if is_timedelta_format(codes.get(formats[style], "General"))}
    return dates, durations


def _column_index(letters: str) -> int:
    """``B`` -> 1: a column's letters as its index from 0."""
    index = 0
    for char in letters.upper():
        if not "A" <= char <= "Z":
            raise Damaged(f"{letters!r} is not a column")
        index = index * 26 + ord(char) - 64
    if not 1 <= index <= 16_384:
        raise Damaged(f"{letters!r} is not a column")
    return index - 1


_C, _V, _ROW, _IS, _T, _F, _PHONETIC, _DATA = range(1, 9)
_CODES = {"c": _C, "v": _V, "row": _ROW, "is": _IS, "t": _T, "f": _F, "rPh": _PHONETIC, "sheetData": _DATA}


class _Sheet:
    """The expat handlers for one sheet: rows of values, counted against the limits as they end.

    Written for speed, as they run five million times for a 100,000-row sheet: each tag
    name is looked up once (``codes``), the cell's state lives in locals of ``handlers``,
    and nothing runs outside ``<sheetData>``.
    """

    def __init__(self, path: Path, book: _Book) -> None:
        self.path, self.book = path, book
        self.lines: list[Line] = []
        self.done = 0  # the last row read to its end

    def handlers(self, parser: Any) -> None:
        """Set ``parser``'s handlers: only ``<sheetData>`` is read, and nothing after it."""
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        path, book, lines = self.path, self.book, self.lines
        strings, dates, durations, epoch = book.strings, book.dates, book.durations, book.epoch
        codes: dict[str, int] = {}
        columns: dict[str, int] = {}
        dates_read: dict[tuple[float, bool], Any] = {}
        text: list[str] = []
        values: dict[int, Any] = {}
        # The cell being read: its column (from 0), type, style, whether it has a formula and an
        # inline string; the row, the cells seen; reading a <v> or <t>; inside a phonetic guide.
        column, kind, style, formula, inline = -1, "n", 0, False, False
        row, seen, reading, phonetic = 0, 0, False, False

        def code(name: str) -> int:
            found = codes[name] = _CODES.get(_local(name), 0)
            return found

        def column_of(reference: str) -> int:
            letters = reference.rstrip("0123456789")
            if len(letters) == len(reference):
                raise Damaged(f"{reference!r} is not a cell")
            found = columns[letters] = _column_index(letters)
            return found

        def number(raw: str) -> Any:
            found: float = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
            if style not in dates:
                return found
            key = (found, style in durations)
            if key not in dates_read:
                try:
                    dates_read[key] = from_excel(found, epoch, timedelta=key[1])
                except (OverflowError, ValueError):
                    dates_read[key] = "#VALUE!"  # out of the calendar: an error cell, as openpyxl reads it
            return dates_read[key]

        def value(raw: str) -> Any:
            """The cell's value as openpyxl gives it with ``data_only``: what Excel last worked out."""
            if kind == "inlineStr":
                return raw if inline else None
            if kind == "str":  # a formula's text result; empty text is blank, not unsaved
                return raw or None
            if not raw:
                return UNSAVED if formula else None
            if kind == "n":
                return number(raw)
            if kind == "s":
                return strings[int(raw)]
            if kind == "b":
                return bool(int(raw))
            if kind == "d":
                return from_ISO8601(raw)
            return raw  # "e": an error such as #N/A, read as its text

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal column, kind, style, formula, inline, row, reading, phonetic, values
            tag = codes.get(name) or code(name)
            if tag == _C:
                reference = attrs.get("r")
                if reference:
                    found = columns.get(reference.rstrip("0123456789"))
                    column = column_of(reference) if found is None else found
                else:
                    column += 1
                kind = attrs.get("t", "n")
                given = attrs.get("s")
                style = int(given) if given else 0
                formula = inline = False
                text.clear()
            elif tag == _V:
                reading = True
            elif tag == _T:
                reading = inline and not phonetic
            elif tag == _IS:
                inline = True
            elif tag == _ROW:
                given = attrs.get("r")
                row = int(given) if given else row + 1
                if row > limits.MAX_ROWS:
                    raise limits.too_many_rows(path, row)
                values = {}
                column = -1
            elif tag == _F:
                formula = True
            elif tag == _PHONETIC:
                phonetic = True

        def end(name: str) -> None:
            nonlocal seen, reading, phonetic
            tag = codes.get(name) or code(name)
            if tag == _C:
                raw = "".join(text)
                if kind == "inlineStr":  # the two common kinds first, without a call
                    found = raw if inline else None
                elif kind == "s" and raw:
                    found = strings[int(raw)]
                else:
                    found = value(raw)
                if found is not None:
                    values[column] = found
                seen += 1
                if seen > limits.MAX_CELLS:
                    raise limits.too_many_cells(path, row)
            elif tag in (_V, _T):
                reading = False
            elif tag == _ROW:
                if values:
                    lines.append((row, values))
                self.done = row
            elif tag == _PHONETIC:
                phonetic = False
            elif tag == _DATA:  # the rest of the sheet is not data: parsed, not read
                parser.StartElementHandler = parser.EndElementHandler = parser.CharacterDataHandler = None

        def chars(data: str) -> None:
            if reading:
                text.append(data)

        def before(name: str, _attrs: dict[str, str]) -> None:
            if (codes.get(name) or code(name)) == _DATA:
                parser.StartElementHandler, parser.EndElementHandler = start, end
                parser.CharacterDataHandler = chars

        parser.StartElementHandler = before


def read_workbook(path: Path) -> list[Line]:
    """The non-empty rows of the first worksheet, in order, within the limits; refused when damaged."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(DAMAGED, file=path) from None
    sheet: _Sheet | None = None
    try:
        with package:
            unpacked = sum(part.file_size for part in package.infolist())
            if unpacked > limits.MAX_BYTES:
                raise InputError(f"unpacks to {limits.megabytes(unpacked)}; eoffice imports workbooks up to "
                                 f"{limits.megabytes(limits.MAX_BYTES)} unpacked (about {limits.MAX_ROWS:,} rows): "
                                 "split it, or check it is the file you meant", file=path)  # fmt: skip
            book = _Book(package)
            sheet = _Sheet(path, book)
            parser = expat.ParserCreate()
            parser.buffer_text = True
            sheet.handlers(parser)
            with package.open(book.sheet) as source:
                while chunk := source.read(CHUNK):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
            return sheet.lines
    except (Damaged, KeyError, IndexError, ValueError, TypeError, OverflowError, expat.ExpatError, zipfile.BadZipFile,
            zlib.error, OSError, EOFError) as error:
        reached = sheet.done if sheet is not None else 0
        if reached:  # the sheet was read this far: say where it broke off
            raise InputError(f"the workbook is damaged after row {reached} and cannot be read on; is it complete? "
                             "Open it in Excel and save it again", file=path, row=reached + 1) from error
        raise InputError(DAMAGED, file=path) from error
