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


def write_xlsx(path: Path | str, sheets: Sequence[Sheet]) -> Path:
    """Real Excel types (dates are dates), bold frozen header, autofilter, widths."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title[:31])
        first = 1
        if sheet.notice:
            ws.cell(row=1, column=1, value=sheet.notice).font = Font(bold=True, color="FF9C0006")
            first = 3
        for c, column in enumerate(sheet.columns, start=1):
            ws.cell(row=first, column=c, value=column.header).font = Font(bold=True)
            ws.column_dimensions[get_column_letter(c)].width = column.width
        for r, row in enumerate(sheet.rows, start=first + 1):
            fill_colour = sheet.fills.get(r - first - 1)
            for c, value in enumerate(row, start=1):
                cell = ws.cell(row=r, column=c)
                cell_colour = sheet.cell_fills.get((r - first - 1, c - 1), fill_colour)
                if isinstance(value, str):
                    cell.value = value
                    if cell.data_type == "f":
                        # openpyxl stores text starting "=" as a live formula: keep it text.
                        cell.data_type = TYPE_STRING
                        cell.quotePrefix = True
                else:
                    cell.value = value
                    column = sheet.columns[c - 1]
                    if column.number_format:
                        cell.number_format = column.number_format
                    elif isinstance(value, datetime):
                        cell.number_format = "DD/MM/YYYY HH:MM"
                    elif isinstance(value, date):
                        cell.number_format = "DD/MM/YYYY"
                if cell_colour:
                    cell.fill = PatternFill("solid", start_color=cell_colour, end_color=cell_colour)
        ws.freeze_panes = ws.cell(row=first + 1, column=1)
        if sheet.columns:
            last = get_column_letter(len(sheet.columns))
            ws.auto_filter.ref = f"A{first}:{last}{max(first, first + len(sheet.rows))}"
    with atomic_file(path) as partial:
        workbook.save(partial)
    return path


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
