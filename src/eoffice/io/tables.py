"""Tables written to and read from Excel and CSV the same way everywhere.

Every export builds ``Sheet`` objects from domain results and hands them here, so
formula escaping, real dates, frozen headers and atomic writes are done once.

Every import reads its file through ``read_table``: a CSV (UTF-8 with or without a
byte-order mark, UTF-16, UTF-32 or Windows text; comma, semicolon or tab) or the first
sheet of a workbook, with real Excel dates, within the limits ``table_import`` sets on
rows, cells and size (a file past them is refused in seconds, not read whole). Files come from many hands (an MIS, a board, a
colleague's spreadsheet), so the header row may sit under a title, in any case and
order; the reader is tolerant of that form and strict about meaning. Missing columns
and columns it does not know are reported one way for every import, and an error
names the file, the row as the spreadsheet numbers it and the column as written. An
import's sensitive columns (an access arrangement's type and notes: health data) are
named in errors but their cells are never quoted: the command line's output ends up in
logs that school IT keeps.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from eoffice import paths
from eoffice.domain.bulk import bulk
from eoffice.errors import EofficeError, InputError
from eoffice.io.table_import import MAX_CELL_CHARS, UNSAVED, Line, bad_cell, column_letter, read_lines

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe.

    ``-5`` typed as a note stays ``'-5`` in CSV: a spreadsheet shows it as text, and
    an injected ``=HYPERLINK(...)`` never becomes live.
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14
    number_format: str | None = None


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    fills: dict[int, str] = field(default_factory=dict)  # row index -> ARGB fill colour
    # (row index, column index), both from 0 within the data -> ARGB; wins over ``fills``.
    cell_fills: dict[tuple[int, int], str] = field(default_factory=dict)
    notice: str | None = None  # e.g. "Contains sensitive personal data", shown above the table


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """Write to a hidden partial file, then rename: a failed export leaves nothing behind
    and never damages the previous file of that name. The target must be a plain file or
    new (``paths.check_output_file``)."""
    paths.check_output_file(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        yield partial
        os.replace(partial, path)
    except OSError as error:
        with suppress(OSError):  # the folder itself may be what failed
            partial.unlink(missing_ok=True)
        raise cannot_write(path, error) from error
    except BaseException:
        with suppress(OSError):  # the folder itself may be what failed
            partial.unlink(missing_ok=True)
        raise


def cannot_write(path: Path, error: OSError) -> EofficeError:
    """The chosen file, not our hidden partial one, named in plain words."""
    return EofficeError(f"cannot write {path}: {error.strerror or error}")


NOTICE_FONT = "FF9C0006"  # a sheet's notice (sensitive data): bold, Excel's dark red
DATE_FORMAT, DATETIME_FORMAT = "DD/MM/YYYY", "DD/MM/YYYY HH:MM"
PLAIN = frozenset({int, float, bool, type(None)})  # written as they are, unless the column has a number format
FORMULA, TEXT = "f", "s"  # openpyxl's data types for a formula and for text (``Cell.TYPE_FORMULA``, ``TYPE_STRING``)
NO_FILLS: dict[int, str] = {}  # a row with no cell fills (never changed)
Look = tuple[str | None, str | None, str | None, bool]  # number format, fill, bold font's colour, quote prefix


def write_xlsx(path: Path | str, sheets: Sequence[Sheet]) -> Path:
    """Real Excel types (dates are dates), bold frozen header, autofilter, widths.

    Written in openpyxl's write-only mode, row by row, at the speed of a bare openpyxl write
    of the same cells (issue 17: a year's roster at a large college is 27,000 cells). Each
    look a cell can have (a number format, a fill, bold, the quote prefix) is made once per
    workbook, and every cell of a sheet is written through one openpyxl cell (``_Sheet``).
    Widths, the frozen header and the filter are set before the first row, as write-only
    mode needs.
    """
    from openpyxl import Workbook

    path = Path(path)
    paths.check_output_file(path)  # a target that is not a plain file is refused before any work
    workbook = Workbook(write_only=True)
    looks = _Looks()
    try:
        for sheet in sheets:
            _Sheet(workbook.create_sheet(sheet.title[:31]), looks).write(sheet)
        with atomic_file(path) as partial:
            workbook.save(partial)
    except BaseException:
        _discard(workbook)
        raise
    return path


def _discard(workbook: Any) -> None:
    """A workbook that was not saved: write-only mode streams each sheet's rows to a temporary
    file of openpyxl's, kept until the process ends unless removed. They are closed and
    removed now, as a register of access arrangements is health data."""
    for ws in workbook.worksheets:
        writer = ws._writer
        if writer is None:
            continue
        with suppress(Exception):  # already saved, or the stream itself is what failed
            ws.close()
        with suppress(Exception):
            writer.close()
        with suppress(OSError, ValueError):  # removed by the save already
            writer.cleanup()


class _Styled:
    """A value and the look it is written with, in a row handed to ``WriteOnlyWorksheet.append``."""

    __slots__ = ("style", "value")

    def __init__(self, value: Any, style: Any) -> None:
        self.value, self.style = value, style


class _Looks:
    """Each look a workbook's cells have, as openpyxl's style array, made once. openpyxl
    registers a font, fill or number format with the workbook each time one is set on a cell
    (hashing the whole style object); here that is done once per look."""

    def __init__(self) -> None:
        self._made: dict[Look, Any] = {}
        self._keys: dict[int, Look] = {}  # id of a style array made here -> its look

    def get(self, ws: Any, number_format: str | None = None, fill: str | None = None, font: str | None = None,
            quoted: bool = False) -> Any:
        """``font``: None for the default font, "" for plain bold, else bold in that colour."""
        key = (number_format, fill, font, quoted)
        found = self._made.get(key)
        if found is None:
            from openpyxl.cell.cell import Cell
            from openpyxl.styles import Font, PatternFill

            sample = Cell(ws)
            if font is not None:
                sample.font = Font(bold=True, color=font or None)
            if number_format:
                sample.number_format = number_format
            if fill:
                sample.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if quoted:
                sample.quotePrefix = True
            found = self._made[key] = sample._style
            self._keys[id(found)] = key
        return found

    def quoted(self, ws: Any, style: Any) -> Any:
        """``style`` with the quote prefix: text a spreadsheet would otherwise run as a formula."""
        number_format, fill, font, _quoted = self._keys.get(id(style), (None, None, None, False))
        return self.get(ws, number_format, fill, font, quoted=True)


class _Widths:
    """A sheet's column widths, in the place of openpyxl's ``column_dimensions``, which the
    worksheet writer asks only for ``max_outline`` and ``to_tree()``. Each openpyxl
    ``ColumnDimension`` sets and reads a dozen checked attributes, made, sorted and turned
    into XML one column at a time: on a small workbook (the Standards, 151 cells on six sheets)
    that was a tenth of the whole write (issue 17). The XML is the same: one ``<col>`` a column."""

    max_outline = None  # no column is grouped: openpyxl writes no outline level

    def __init__(self, widths: Sequence[float]) -> None:
        self.widths = widths

    def to_tree(self) -> Any:
        from openpyxl.xml.functions import Element, SubElement

        if not self.widths:
            return None
        cols = Element("cols")
        for index, width in enumerate(self.widths, start=1):
            SubElement(cols, "col", width=f"{width:.16g}", customWidth="1", min=str(index), max=str(index))
        return cols


class _Sheet:
    """One worksheet written row by row.

    openpyxl's own loop (``WriteOnlyWorksheet._values_to_row``) takes a styled value only as
    a cell made for it, tells that from a plain value by the error that binding it raises,
    then makes yet another cell: three cells and an exception for every date or filled cell.
    Here ``_values_to_row`` is this sheet's own: every value is bound to one openpyxl cell,
    given its look and handed to the writer, which writes it before asking for the next. A row holds plain values as they are and
    ``_Styled`` for the rest, so a ``_Styled`` reaching openpyxl's loop (a future openpyxl not
    calling ``_values_to_row``) is refused, never written wrong; text starting "=" is always
    ``_Styled``, so it can never become a live formula that way either.
    """

    def __init__(self, ws: Any, looks: _Looks) -> None:
        from openpyxl.cell.cell import Cell
        from openpyxl.styles.cell_style import StyleArray

        self.ws, self.looks = ws, looks
        self._cell = Cell(ws, row=1, column=1)
        self._plain = StyleArray()
        self._scratch = StyleArray()  # binding a date may set a number format: not on a shared look
        ws._values_to_row = self._values_to_row

    def write(self, sheet: Sheet) -> None:
        from openpyxl.utils import get_column_letter

        ws, looks = self.ws, self.looks
        first = 3 if sheet.notice else 1  # the header row: under the notice and a blank row
        # The sheet's size, which write-only mode leaves out and the normal mode writes: readers
        # that size a sheet by it (openpyxl's read-only mode, as pandas uses) see every row whole.
        size = f"A1:{get_column_letter(max(1, len(sheet.columns), *map(len, sheet.rows)))}{first + len(sheet.rows)}"
        ws.calculate_dimension = lambda: size
        ws.column_dimensions = _Widths([column.width for column in sheet.columns])
        ws.freeze_panes = f"A{first + 1}"
        if sheet.columns:
            last = get_column_letter(len(sheet.columns))
            ws.auto_filter.ref = f"A{first}:{last}{max(first, first + len(sheet.rows))}"
        if sheet.notice:
            ws.append([_Styled(sheet.notice, looks.get(ws, font=NOTICE_FONT))])
            ws.append([])
        bold = looks.get(ws, font="")
        ws.append([_Styled(column.header, bold) for column in sheet.columns])
        for row in self._rows(sheet):
            ws.append(row)

    def _rows(self, sheet: Sheet) -> Iterator[list[Any]]:
        """Each row as ``append`` takes it. Written for speed (it runs for each of 27,000 cells):
        plain values stay as they are, a value's look is found once per type and column, and a
        row's cell fills are looked up only for the cells that have one."""
        formats = [column.number_format for column in sheet.columns]
        fills = sheet.fills
        cell_fills: dict[int, dict[int, str]] = {}
        for (r, c), colour in sheet.cell_fills.items():
            cell_fills.setdefault(r, {})[c] = colour
        by_type: dict[tuple[type, str | None], Any] = {}  # (type, column's number format) -> its look
        styled = self._styled
        for index, row in enumerate(sheet.rows):
            values = list(row)
            if len(values) > len(formats):  # more cells than columns: the rest have no number format
                formats += [None] * (len(values) - len(formats))
            here = cell_fills.get(index, NO_FILLS)
            row_fill = fills.get(index)
            if row_fill is not None:
                yield [styled(v, formats[c], here.get(c, row_fill)) for c, v in enumerate(values)]
                continue
            for c, value in enumerate(values):
                kind = type(value)
                if kind is str:
                    if value.startswith("="):
                        values[c] = styled(value, None, None)
                elif kind not in PLAIN or formats[c] is not None:
                    look = by_type.get((kind, formats[c]))
                    if look is not None:
                        values[c] = _Styled(value, look)
                        continue
                    values[c] = found = styled(value, formats[c], None)
                    if found.__class__ is _Styled and not isinstance(value, str):  # text's look is its own
                        by_type[(kind, formats[c])] = found.style
            for c, colour in here.items():
                if c < len(values):
                    values[c] = styled(row[c], formats[c], colour)
            yield values

    def _styled(self, value: Any, number_format: str | None, fill: str | None) -> Any:
        """``value`` as it is when it needs no look, else ``_Styled``. A column's number format
        is for values, not text; a date without one is shown the UK way."""
        if isinstance(value, str):
            if fill is None and not value.startswith("="):
                return value
            number_format = None
        elif number_format is None:
            if isinstance(value, datetime):
                number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                number_format = DATE_FORMAT
            elif fill is None:
                return value
        return _Styled(value, self.looks.get(self.ws, number_format, fill))

    def _values_to_row(self, values: Sequence[Any], row_idx: int) -> Iterator[Any]:
        """In place of openpyxl's: the row's cells, each written before the next is made."""
        cell, plain, scratch = self._cell, self._plain, self._scratch
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if value.__class__ is _Styled:
                style, value = value.style, value.value
            else:
                style = plain
            cell._style = scratch
            cell.value = value  # openpyxl's own checks: types, dates, illegal characters, length
            if cell.data_type == FORMULA:  # openpyxl takes text starting "=" for a live formula
                cell.data_type = TEXT
                style = self.looks.quoted(self.ws, style)
            cell._style = style
            cell.column, cell.row = col_idx, row_idx
            yield cell


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return safe_text(value)
    return str(value)  # a number stays a number: -5 is not a formula


def write_csv(path: Path | str, sheet: Sheet) -> Path:
    """UTF-8 with a byte-order mark so Excel shows names like Zoë correctly."""
    path = Path(path)
    with atomic_file(path) as partial, open(partial, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in sheet.columns])
        for row in sheet.rows:
            writer.writerow([_csv_value(v) for v in row])
    return path


# --- reading ------------------------------------------------------------------------

HEADER_SEARCH_ROWS = 20
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")
UNREAD_SHOWN = 8  # unknown columns named in the note; the rest are counted
NOT_SHOWN = "the cell is not valid here; its content is not shown, as it may be health data"
Locate = Callable[..., AbstractContextManager[None]]  # (header=None) -> "errors here name this cell"


@dataclass(frozen=True)
class TableRow:
    number: int  # as the spreadsheet shows it (the header row is usually 1)
    cells: dict[str, Any]  # canonical header -> raw value, for the columns the file has


@dataclass(frozen=True)
class Table:
    path: Path
    headers: dict[str, str]  # canonical header -> the header as written in the file
    rows: list[TableRow]
    unread: tuple[str, ...] = ()  # headers, as written, that the import does not know
    sensitive: frozenset[str] = frozenset()  # canonical headers whose cells an error never quotes
    _by_number: dict[int, TableRow] = field(default_factory=dict, repr=False, compare=False)

    def has(self, header: str) -> bool:
        return header in self.headers

    def at(self, row: int) -> Locate:
        """``at = table.at(row.number)``, then ``with at("Date"):`` names that cell in errors.

        In a table with sensitive columns, an error that quotes one of the row's sensitive
        cells all the same (a message written for another use) is said without it.
        """
        hidden: tuple[object, ...] = ()
        if self.sensitive:
            if not self._by_number:
                self._by_number.update((r.number, r) for r in self.rows)
            found = self._by_number.get(row)
            hidden = tuple(v for h, v in found.cells.items() if h in self.sensitive) if found else ()
        return _Row(self.path, self.headers, row, hidden)

    def notes(self) -> list[str]:
        """Name the columns left unread, so a misspelt header is not dropped in silence."""
        if not self.unread:
            return []
        shown = ", ".join(repr(h) for h in self.unread[:UNREAD_SHOWN])
        if len(self.unread) > UNREAD_SHOWN:
            shown += f" and {len(self.unread) - UNREAD_SHOWN} more"
        return [f"column{'s' if len(self.unread) != 1 else ''} not read (not known to this import): {shown}"]


class _Located:
    """The context manager ``located`` gives; a class, not a generator, as an import enters
    one for every cell it reads (800,000 for a 100,000-row plan): the column is looked up
    only when there is an error to name it in."""

    __slots__ = ("header", "where")

    def __init__(self, where: _Row, header: str | None) -> None:
        self.where, self.header = where, header

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _trace: object) -> None:
        if isinstance(error, InputError) and error.file is None:
            where, header = self.where, self.header
            reason = NOT_SHOWN if _quotes(error.reason, where.hidden) else error.reason
            column = where.headers.get(header, header) if header else None
            raise InputError(reason, file=where.path, row=where.row, column=column) from None


class _Row:
    """``Table.at(row)``: called with a column (or none), the context that names that cell."""

    __slots__ = ("headers", "hidden", "path", "row")

    def __init__(self, path: Path, headers: Mapping[str, str], row: int, hidden: Sequence[object]) -> None:
        self.path, self.headers, self.row, self.hidden = path, headers, row, hidden

    def __call__(self, header: str | None = None) -> _Located:
        return _Located(self, header)


def located(path: Path, headers: Mapping[str, str], row: int, header: str | None = None, *,
            hidden: Sequence[object] = ()) -> AbstractContextManager[None]:
    """Give a plain domain message the file, row and column (as written in the file) it
    came from. Every importer locates its errors through this one function.

    ``hidden`` are the row's sensitive cells: a message quoting one is replaced by
    ``NOT_SHOWN``, a last guard behind the importers' own words, which never quote them.
    """
    return _Row(path, headers, row, hidden)(header)


def _quotes(reason: str, values: Sequence[object]) -> bool:
    """Whether ``reason`` shows any of ``values`` (three characters or more, in any case or spacing)."""
    said = " ".join(reason.split()).casefold()
    for value in values:
        shown = " ".join(str(value).split()).casefold() if value is not None else ""
        if len(shown) >= 3 and shown in said:
            return True
    return False


def header_key(text: str) -> str:
    """``Candidate_Number``, `` candidate  number`` and ``CANDIDATE NUMBER`` are one header."""
    return " ".join(text.replace("\ufeff", "").replace("_", " ").split()).casefold()


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _listed(names: Sequence[str], word: str) -> str:
    quoted = [repr(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {word} {quoted[-1]}"


Columns = dict[str, tuple[int, str]]  # canonical header -> (column index, the header as written)


def _header_row(path: Path, lines: list[Line], names: Mapping[str, str], required: Sequence[str],
                needs: str) -> tuple[int, Columns]:
    """The first row naming every required column, as (index in ``lines``, its columns).

    Without one, the row naming most of them is taken for the header and what it lacks is
    named; a file with none of them has no header row at all.
    """
    best: tuple[int, Columns] | None = None
    for index, (number, values) in enumerate(lines):
        if number > HEADER_SEARCH_ROWS:
            break
        columns: Columns = {}
        for i, value in sorted(values.items()):
            if isinstance(value, str) and (name := names.get(header_key(value))) and name not in columns:
                columns[name] = (i, value.replace("\ufeff", "").strip())
        found = sum(r in columns for r in required)
        if found == len(required):
            return index, columns
        if found and (best is None or found > sum(r in best[1] for r in required)):
            best = (index, columns)
    if best is None:
        raise InputError(f"no header row found in the first {HEADER_SEARCH_ROWS} rows; {needs}", file=path)
    missing = [r for r in required if r not in best[1]]
    raise InputError(f"the header row has no {_listed(missing, 'or')} column; {needs}", file=path,
                     row=lines[best[0]][0])


def _refuse_bad_cells(path: Path, lines: list[Line], header: Callable[[], tuple[int, Columns]]) -> None:
    """A cell too long or holding a NUL is refused by row and column, never quoted: the
    column by its header when the header row has one, else by its letter."""
    for number, values in lines:
        for i, value in values.items():
            if not isinstance(value, str) or (len(value) <= MAX_CELL_CHARS and "\x00" not in value):
                continue  # the test of every cell of the file, kept quick
            why = bad_cell(value) or "the cell cannot be read"
            column = column_letter(i)
            with suppress(InputError):  # no header row: the column letter says where
                index, columns = header()
                if number > lines[index][0]:
                    written = lines[index][1].get(i)
                    column = next((text for j, text in columns.values() if j == i),
                                  written.strip() if isinstance(written, str) and written.strip() else column)
            raise InputError(why, file=path, row=number, column=column)


@bulk
def read_table(path: Path | str, required: Sequence[str], optional: Sequence[str] = (),
               aliases: Mapping[str, str] | None = None, *, ignored: Sequence[str] = (), advice: str = "",
               sensitive: Sequence[str] = ()) -> Table:
    """The rows under the first header row (within the first rows) naming every ``required`` column.

    ``aliases`` maps other spellings to a column; ``ignored`` are columns an eoffice export
    writes but its import never reads (worked out again), so they are not reported unread.
    ``advice`` ends the message when the header row cannot be found. ``sensitive`` are the
    columns (health data) whose cells an error must never quote (``Table.at``).
    The file is read within ``table_import``'s limits; one bad cell refuses it whole.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("there is no such file", file=path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError("is an old Excel file (.xls); save it as .xlsx or CSV and import that", file=path)
    if suffix not in TABLE_SUFFIXES:
        raise InputError("is not a CSV or Excel (.xlsx) file", file=path)
    names = {header_key(h): h for h in (*required, *optional)} | {header_key(k): v for k, v in (aliases or {}).items()}
    lines = read_lines(path)
    needs = f"the file needs: {', '.join(required)}" + (f" (it may also have: {', '.join(optional)})" if optional else "")
    find_header = partial(_header_row, path, lines, names, required, needs + (f"; {advice}" if advice else ""))
    _refuse_bad_cells(path, lines, find_header)
    index, columns = find_header()
    used, skip = {i for i, _text in columns.values()}, {header_key(h) for h in ignored}
    unread = tuple(str(v).replace("\ufeff", "").strip() for i, v in sorted(lines[index][1].items())
                   if i not in used and not blank(v) and v is not UNSAVED and header_key(str(v)) not in skip)
    rows = []
    wanted = [(name, i) for name, (i, _text) in columns.items()]
    for number, cells in lines[index + 1:]:  # written for speed: it runs for each of 100,000 rows
        got = {name: cells.get(i) for name, i in wanted}
        if UNSAVED in got.values():
            text = next(text for name, (_i, text) in columns.items() if got[name] is UNSAVED)
            raise InputError("the cell holds a formula with no saved result; type the value itself, "
                             "or open and save the file in Excel first", file=path, row=number, column=text)
        for value in got.values():
            if value is not None and (not isinstance(value, str) or value.strip()):  # not blank: a row to read
                rows.append(TableRow(number, got))
                break
    return Table(path, {name: text for name, (_i, text) in columns.items()}, rows, unread,
                 frozenset(sensitive) & frozenset(columns))
