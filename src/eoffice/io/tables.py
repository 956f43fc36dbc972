"""Tables written to Excel and CSV the same way everywhere.

Every export builds ``Sheet`` objects from domain results and hands them here, so
formula escaping, real dates, frozen headers and atomic writes are done once.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
def _atomic(path: Path) -> Iterator[Path]:
    """Write to a hidden partial file, then rename: a failed export leaves nothing behind
    and never damages the previous file of that name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


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
    with _atomic(path) as partial:
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
    with _atomic(path) as partial, open(partial, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in sheet.columns])
        for row in sheet.rows:
            writer.writerow([_csv_value(v) for v in row])
    return path
