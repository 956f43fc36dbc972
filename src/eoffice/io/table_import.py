"""The first step of every import: a file's rows as raw cells, within limits.

``tables.read_table`` finds the header row and the columns; this module (and
``workbook_import`` for Excel) only turns the bytes of a CSV or the first sheet of a
workbook into numbered rows of cells, and refuses,
in one plain line naming the file (and the row and column where there is one), anything
that is not a table a school could mean to import:

- a file too big to be one: a CSV over ``MAX_BYTES``, a workbook whose parts unpack to
  more than that (read from the zip's own directory before anything is parsed: a 1 MB
  workbook can unpack to gigabytes), more than ``MAX_ROWS`` rows or ``MAX_CELLS`` cells
  (counted while the sheet streams in, so a sheet of millions of rows is refused as soon
  as it passes the limit, in seconds, not read whole);
- a workbook that is damaged: not a zip, a part missing, XML that does not parse;
- text in an encoding it cannot tell: UTF-8 (with or without a byte-order mark), UTF-16
  and UTF-32 (by their byte-order mark, or by the zero bytes of plain ASCII text written
  in them) and Windows text are read; anything else is refused by name.

The limits are generous for a real school and small enough that no file can keep the
officer waiting: a large centre's biggest list (a summer's entries, or a year's
invigilator availability) is under 100,000 rows; Excel's own sheet stops at 1,048,576.

- ``MAX_ROWS`` 250,000: two and a half times that biggest list; a 100,000-row import
  takes a few seconds, so 250,000 stays well under a minute.
- ``MAX_CELLS`` 5,000,000: 250,000 rows of 20 columns, or 100,000 of 50 (an MIS export is
  wide). A CSV's empty cells are not counted; a workbook's cells are counted as its sheet
  writes them (a formatted empty cell too), so that a sheet of millions of empty cells is
  refused as quickly as one of millions of rows.
- ``MAX_BYTES`` 256 MB: a CSV of 250,000 wide rows is under 100 MB; a workbook's sheet
  XML takes about 40 bytes a cell, so 5,000,000 cells fit with room to spare.
- ``MAX_CELL_CHARS`` 32,767: Excel's own limit for one cell; a longer one is not a list
  a person typed.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eoffice.errors import InputError

MAX_ROWS = 250_000
MAX_CELLS = 5_000_000
MAX_BYTES = 256 * 1024 * 1024
MAX_CELL_CHARS = 32_767
UNSAVED = object()  # stands for a formula cell whose result was never saved

Line = tuple[int, dict[int, Any]]  # the row as the spreadsheet numbers it; column index (from 0) -> value

# Byte-order marks, longest first: UTF-32's little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)  # fmt: skip
_SAVE_AS = "in Excel use Save As, 'CSV UTF-8 (Comma delimited)'"


def megabytes(size: int) -> str:
    """``256 MB``: sizes in refusals, in the units a person reads."""
    return f"{size / (1024 * 1024):,.0f} MB"


def too_many_rows(path: Path, row: int) -> InputError:
    return InputError(f"the file goes on past row {MAX_ROWS:,}; eoffice imports up to {MAX_ROWS:,} rows from one "
                      "file: split it, or check it is the file you meant", file=path, row=row)  # fmt: skip


def too_many_cells(path: Path, row: int) -> InputError:
    return InputError(f"the file has more than {MAX_CELLS:,} filled cells by this row; eoffice imports up to "
                      f"{MAX_CELLS:,} from one file: delete the columns the import does not need, or split it",
                      file=path, row=row)  # fmt: skip


def read_lines(path: Path) -> list[Line]:
    """The non-empty rows of a CSV or of a workbook's first sheet, in order, within the limits."""
    if path.suffix.lower() == ".csv":
        return _csv_lines(path)
    from eoffice.io.workbook_import import read_workbook  # it reads these limits: imported here, not above

    return read_workbook(path)


def column_letter(index: int) -> str:
    """``A`` for the first column (index 0), ``AA`` for the 27th: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def bad_cell(value: object) -> str | None:
    """Why a cell cannot be read as the officer's text, never quoting it (it may be health data)."""
    if not isinstance(value, str):
        return None
    if len(value) > MAX_CELL_CHARS:
        return f"the cell holds {len(value):,} characters; a cell may hold up to {MAX_CELL_CHARS:,} (Excel's own limit)"
    if "\x00" in value:
        return "the cell holds a NUL character, which no typed text has; is this a text file? " + _SAVE_AS
    return None


# --- CSV ----------------------------------------------------------------------------------------

def _wide_encoding(start: bytes) -> tuple[str, str] | None:
    """UTF-16 or UTF-32 without a byte-order mark, told by where the zero bytes of an
    ASCII first character fall (as RFC 4627 tells JSON's encoding)."""
    if len(start) >= 4 and start[:3] == b"\0\0\0" and start[3]:
        return "utf-32-be", "UTF-32"
    if len(start) >= 4 and start[0] and start[1:4] == b"\0\0\0":
        return "utf-32-le", "UTF-32"
    if len(start) >= 2 and not start[0] and start[1]:
        return "utf-16-be", "UTF-16"
    if len(start) >= 2 and start[0] and not start[1]:
        return "utf-16-le", "UTF-16"
    return None


def decode(path: Path, raw: bytes) -> str:
    """The text of a CSV in whichever encoding it is in; refused, by name, when none fits."""
    for bom, encoding, name in _BOMS:
        if raw.startswith(bom):
            return _decoded(path, raw[len(bom):], encoding, name)
    wide = _wide_encoding(raw[:4])
    if wide is not None:
        return _decoded(path, raw, *wide)
    for encoding in ("utf-8", "cp1252"):  # Excel's "CSV UTF-8", then what older MIS write
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"cannot be read as text; {_SAVE_AS}", file=path)


def _decoded(path: Path, raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"looks like {name} text but is not {name} throughout; {_SAVE_AS}", file=path) from None


@contextmanager
def _long_fields() -> Iterator[None]:
    """Let the csv module hand over a long cell, so that ``bad_cell`` refuses it naming its
    row and column; the module's own limit (128 KB) stops with neither. Put back after."""
    before = csv.field_size_limit(MAX_BYTES)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _csv_lines(path: Path) -> list[Line]:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"is {megabytes(size)}; eoffice imports files up to {megabytes(MAX_BYTES)}: "
                         "split it, or check it is the file you meant", file=path)  # fmt: skip
    text = decode(path, path.read_bytes())
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines: list[Line] = []
    cells = 0
    number = 0
    try:
        with _long_fields():
            for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
                if number > MAX_ROWS:
                    raise too_many_rows(path, number)
                cells += len(values) - values.count("")
                if cells > MAX_CELLS:
                    raise too_many_cells(path, number)
                if values:
                    lines.append((number, dict(enumerate(values))))
    except csv.Error as error:
        raise InputError(f"cannot be read as CSV ({error})", file=path, row=number + 1) from None
    return lines
