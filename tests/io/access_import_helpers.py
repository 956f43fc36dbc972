"""Writing small CSV and Excel files for the MIS import tests, and catching refusals."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from eoffice.errors import InputError

KINDS = ("csv", "xlsx")


def csv_file(path: Path, rows: Sequence[Sequence[object]], *, sep: str = ",", encoding: str = "utf-8") -> Path:
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=sep).writerows([["" if v is None else v for v in row] for row in rows])
    return path


def xlsx_file(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """Blank cells stay empty (None), as Excel leaves them."""
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append([None if v == "" else v for v in row])
    wb.save(path)
    return path


def table_file(folder: Path, name: str, kind: str, rows: Sequence[Sequence[object]]) -> Path:
    """``name.csv`` or ``name.xlsx`` holding ``rows``."""
    path = folder / f"{name}.{kind}"
    return csv_file(path, rows) if kind == "csv" else xlsx_file(path, rows)


def refused(call: Callable[..., Any], *args: Any, **kwargs: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        call(*args, **kwargs)
    return caught.value
