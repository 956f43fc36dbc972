"""The Excel writer in openpyxl's write-only mode (issue 17) writes what the normal mode did:
formula-looking text kept text wherever it is, each cell's own look, widths and frozen
headers on every sheet, and nothing left behind when a write fails."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet import _writer as openpyxl_writer

from eoffice.errors import EofficeError
from eoffice.io.tables import Column, Sheet, write_xlsx

RED, GREEN = "FFFFC7CE", "FFC6EFCE"


def all_sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))


def test_formula_text_stays_text_in_every_place_a_cell_can_be(tmp_path: Path) -> None:
    """A filled cell, a whole filled row, a date column, the header and the notice: each takes
    its own path through the writer, and each keeps ``=1+1`` as text with the quote prefix."""
    sheet = Sheet(
        "Notes",
        [Column("=HEADER()", 20), Column("Due", 12), Column("Note", 30)],
        [
            ("=1+1", date(2027, 5, 12), "plain"),  # plain row
            ("ok", "=2+2", "=3+3"),  # a cell fill on the second cell
            ("=4+4", None, "fine"),  # a whole row filled
        ],
        fills={2: RED},
        cell_fills={(1, 1): GREEN},
        notice="=NOTICE()",
    )
    out = write_xlsx(tmp_path / "notes.xlsx", [sheet])
    ws = openpyxl.load_workbook(out).active
    for ref, text in [("A1", "=NOTICE()"), ("A3", "=HEADER()"), ("A4", "=1+1"), ("B5", "=2+2"), ("C5", "=3+3"),
                      ("A6", "=4+4")]:
        assert ws[ref].value == text, ref
        assert ws[ref].data_type == "s", ref
        assert ws[ref].quotePrefix, ref
    assert ws["A1"].font.bold and ws["A3"].font.bold  # the notice and header keep their bold too
    assert ws["B5"].fill.fgColor.rgb == GREEN and ws["A6"].fill.fgColor.rgb == RED
    assert ws["B6"].fill.fgColor.rgb == RED  # a blank in a filled row is filled
    assert not ws["C4"].quotePrefix and not ws["A5"].quotePrefix  # ordinary text has no prefix
    xml = all_sheet_xml(out)
    assert "<f>" not in xml and "<f " not in xml


def test_a_lone_equals_sign_is_ordinary_text(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "e.xlsx", [Sheet("E", [Column("Sign")], [("=",)])])).active
    assert ws["A2"].value == "=" and ws["A2"].data_type == "s"


def test_each_cell_keeps_its_own_look(tmp_path: Path) -> None:
    """One openpyxl cell writes every value, and looks are shared between cells: a date bound
    in a column of another number format must not change the look of any other cell."""
    sheet = Sheet(
        "Mixed",
        [Column("Hours", 8, "0.00"), Column("Due", 12), Column("Seen", 16), Column("Count", 8)],
        [
            (date(2027, 1, 2), date(2027, 5, 12), datetime(2027, 5, 12, 9, 5), 3),
            (1.5, date(2027, 6, 1), None, True),
            (None, "not a date", datetime(2027, 6, 1, 13, 30), 2.25),
        ],
        cell_fills={(1, 0): RED},
    )
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "m.xlsx", [sheet])).active
    assert ws["A2"].number_format == "0.00"  # the column's format wins, even over a date's
    assert ws["A3"].number_format == "0.00" and ws["A3"].value == 1.5 and ws["A3"].fill.fgColor.rgb == RED
    assert ws["A4"].value is None and ws["A4"].number_format == "0.00"  # a blank keeps the column's format
    assert [ws[f"B{r}"].number_format for r in (2, 3)] == ["DD/MM/YYYY", "DD/MM/YYYY"]
    assert ws["B4"].value == "not a date" and ws["B4"].number_format == "General"
    assert [ws[f"C{r}"].number_format for r in (2, 4)] == ["DD/MM/YYYY HH:MM", "DD/MM/YYYY HH:MM"]
    assert ws["B2"].value == datetime(2027, 5, 12) and ws["C4"].value == datetime(2027, 6, 1, 13, 30)
    assert ws["D2"].value == 3 and ws["D3"].value is True and ws["D4"].value == 2.25
    assert all(ws[f"D{r}"].number_format == "General" for r in (2, 3, 4))
    assert ws["A2"].fill.fill_type is None and ws["B3"].fill.fill_type is None  # the fill stays on its cell


def test_every_sheet_keeps_its_widths_frozen_header_and_filter(tmp_path: Path) -> None:
    first = Sheet("First", [Column("A", 7), Column("B", 48)], [(1, "x"), (2, "y")])
    second = Sheet("Second", [Column("C", 12), Column("D", 30), Column("E", 9)], [(3, "z", None)],
                   notice="Contains sensitive personal data")
    book = openpyxl.load_workbook(write_xlsx(tmp_path / "two.xlsx", [first, second]))
    one, two = book["First"], book["Second"]
    assert [one.column_dimensions[c].width for c in "AB"] == [7, 48]
    assert [two.column_dimensions[c].width for c in "ABC"] == [12, 30, 9]
    assert (one.freeze_panes, one.auto_filter.ref) == ("A2", "A1:B3")
    assert (two.freeze_panes, two.auto_filter.ref) == ("A4", "A3:C4")
    assert [c.value for c in two[3]] == ["C", "D", "E"] and all(c.font.bold for c in two[3])
    assert two["A1"].font.color.rgb == "FF9C0006"


def test_widths_are_written_as_openpyxl_writes_them(tmp_path: Path) -> None:
    """The writer makes the ``<cols>`` element itself (openpyxl's column objects were a tenth of
    a small workbook's write): the XML must be what openpyxl's own ``column_dimensions`` write,
    fractional widths too, with no outline level added to the sheet's format."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    widths = [7, 48, 12.5, 18, 18]
    ours = write_xlsx(tmp_path / "ours.xlsx", [Sheet("W", [Column(str(w), w) for w in widths], [(1,) * 5])])
    book = Workbook(write_only=True)
    ws = book.create_sheet("W")
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.append([str(w) for w in widths])
    book.save(tmp_path / "theirs.xlsx")

    def cols_and_format(path: Path) -> tuple[str, str]:
        xml = all_sheet_xml(path)
        return xml[xml.index("<sheetFormatPr"):xml.index("</cols>")], xml

    assert cols_and_format(ours)[0] == cols_and_format(tmp_path / "theirs.xlsx")[0]
    assert "outlineLevelCol" not in cols_and_format(ours)[1]


def test_a_sheet_without_columns_has_no_cols_element(tmp_path: Path) -> None:
    xml = all_sheet_xml(write_xlsx(tmp_path / "none.xlsx", [Sheet("Empty", [], [])]))
    assert "<cols" not in xml


def test_a_row_longer_than_its_columns_is_written_whole(tmp_path: Path) -> None:
    sheet = Sheet("Long", [Column("Only")], [("a", 2, date(2027, 1, 4))])
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "l.xlsx", [sheet])).active
    assert [c.value for c in ws[2]] == ["a", 2, datetime(2027, 1, 4)]
    assert ws["C2"].number_format == "DD/MM/YYYY"


def test_a_cell_openpyxl_refuses_leaves_no_file_and_no_temporary_file(tmp_path: Path) -> None:
    """Write-only mode streams rows to openpyxl's temporary files as it goes; a failed write
    removes them at once rather than when the program ends (the register is health data)."""
    before = set(openpyxl_writer.ALL_TEMP_FILES)
    good = Sheet("Good", [Column("Name")], [("Zoë",)])
    bad = Sheet("Bad", [Column("Note")], [("fine",), ("bell \x07 in a note",)])
    with pytest.raises(IllegalCharacterError):
        write_xlsx(tmp_path / "bad.xlsx", [good, bad])
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    left = set(openpyxl_writer.ALL_TEMP_FILES) - before
    assert left == set()


def test_a_refused_target_is_refused_before_any_work(tmp_path: Path) -> None:
    before = list(openpyxl_writer.ALL_TEMP_FILES)
    folder = tmp_path / "a folder.xlsx"
    folder.mkdir()
    with pytest.raises(EofficeError, match="is a folder"):
        write_xlsx(folder, [Sheet("S", [Column("A")], [("x",)])])
    assert list(openpyxl_writer.ALL_TEMP_FILES) == before
    assert [p.name for p in tmp_path.iterdir()] == ["a folder.xlsx"]


def test_the_writer_names_openpyxl_data_types_as_openpyxl_does() -> None:
    from openpyxl.cell.cell import TYPE_FORMULA, TYPE_STRING

    from eoffice.io import tables

    assert (tables.FORMULA, tables.TEXT) == (TYPE_FORMULA, TYPE_STRING)


def test_the_sheet_size_is_written_for_readers_that_size_a_sheet_by_it(tmp_path: Path) -> None:
    """openpyxl's read-only mode (pandas reads with it) takes a sheet's size from the file: with
    it, the notice row and the blank row under it come back as wide as the table."""
    sheet = Sheet("Register", [Column("Number"), Column("Name"), Column("Need")], [("0001", "Zoë", None)],
                  notice="Contains sensitive personal data")
    book = openpyxl.load_workbook(write_xlsx(tmp_path / "r.xlsx", [sheet]), read_only=True)
    ws = book.active
    assert (ws.max_row, ws.max_column) == (4, 3)
    assert list(ws.iter_rows(values_only=True)) == [
        ("Contains sensitive personal data", None, None), (None, None, None), ("Number", "Name", "Need"),
        ("0001", "Zoë", None),
    ]
    book.close()
