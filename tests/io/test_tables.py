"""Excel and CSV written one way: real dates, frozen bold headers, formula-safe text, atomic."""

from __future__ import annotations

import csv
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from eoffice.errors import EofficeError
from eoffice.io import tables
from eoffice.io.tables import Column, Sheet, safe_text, write_csv, write_xlsx

DANGEROUS = ['=HYPERLINK("http://evil.example","click")', "+1", "-5", "@SUM(A1)", "=1+1"]


def people_sheet(**extra: object) -> Sheet:
    return Sheet(
        "People",
        [Column("Name", 20), Column("Born", 12), Column("Seen", 16), Column("Count", 8)],
        [
            ("Zoë Brontë", date(2010, 2, 28), datetime(2026, 11, 23, 9, 5), 3),
            ("Łukasz Nowak", date(2009, 12, 1), None, 0),
        ],
        **extra,
    )


def load(path: Path):  # -> openpyxl Worksheet
    return openpyxl.load_workbook(path).active


def sheet_xml(path: Path, n: int = 1) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{n}.xml").decode("utf-8")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- safe_text ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [*DANGEROUS, "\tx", "\rx"])
def test_safe_text_escapes_formula_starts(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Zoë", "5", "a=b", "", "'quoted"])
def test_safe_text_leaves_ordinary_text(text: str) -> None:
    assert safe_text(text) == text


# --- xlsx -----------------------------------------------------------------------------


def test_xlsx_header_is_bold_and_frozen_with_an_autofilter(tmp_path: Path) -> None:
    out = write_xlsx(tmp_path / "people.xlsx", [people_sheet()])
    assert out == tmp_path / "people.xlsx"
    ws = load(out)
    assert ws.title == "People"
    assert [c.value for c in ws[1]] == ["Name", "Born", "Seen", "Count"]
    assert all(c.font.bold for c in ws[1])
    assert not ws["A2"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:D3"
    assert ws.column_dimensions["A"].width == 20
    assert ws.column_dimensions["D"].width == 8


def test_xlsx_dates_are_real_dates_shown_the_uk_way(tmp_path: Path) -> None:
    ws = load(write_xlsx(tmp_path / "people.xlsx", [people_sheet()]))
    born, seen = ws["B2"], ws["C2"]
    assert born.is_date and born.value == datetime(2010, 2, 28)
    assert born.number_format == "DD/MM/YYYY"
    assert seen.is_date and seen.value == datetime(2026, 11, 23, 9, 5)
    assert seen.number_format == "DD/MM/YYYY HH:MM"
    assert ws["D2"].value == 3 and ws["D2"].data_type == "n"
    assert ws["C3"].value is None
    assert ws["A2"].value == "Zoë Brontë"


def test_xlsx_column_number_format_wins(tmp_path: Path) -> None:
    sheet = Sheet("Money", [Column("Fee", number_format="£#,##0.00")], [(12.5,)])
    ws = load(write_xlsx(tmp_path / "m.xlsx", [sheet]))
    assert ws["A2"].number_format == "£#,##0.00"
    assert ws["A2"].value == 12.5


def test_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    sheet = Sheet("Notes", [Column("Note")], [(text,) for text in DANGEROUS])
    out = write_xlsx(tmp_path / "notes.xlsx", [sheet])
    ws = load(out)
    for row, text in enumerate(DANGEROUS, start=2):
        cell = ws.cell(row=row, column=1)
        assert cell.value == text
        assert cell.data_type == "s"
    xml = sheet_xml(out)
    assert "<f>" not in xml and "<f " not in xml
    assert "HYPERLINK" in xml  # the text is there, as text


def test_xlsx_notice_goes_above_the_table(tmp_path: Path) -> None:
    notice = "Contains sensitive personal data"
    ws = load(write_xlsx(tmp_path / "n.xlsx", [people_sheet(notice=notice)]))
    assert ws["A1"].value == notice
    assert ws["A1"].font.bold
    assert ws["A2"].value is None
    assert [c.value for c in ws[3]] == ["Name", "Born", "Seen", "Count"]
    assert all(c.font.bold for c in ws[3])
    assert ws["A4"].value == "Zoë Brontë"
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:D5"


def test_xlsx_fills_colour_whole_rows(tmp_path: Path) -> None:
    ws = load(write_xlsx(tmp_path / "f.xlsx", [people_sheet(fills={1: "FFFFC7CE"})]))
    assert {c.fill.fgColor.rgb for c in ws[3]} == {"FFFFC7CE"}
    assert ws["A2"].fill.fill_type is None


def test_xlsx_cell_fill_wins_over_the_row_fill(tmp_path: Path) -> None:
    sheet = people_sheet(fills={0: "FFFFC7CE"}, cell_fills={(0, 1): "FFC6EFCE", (1, 3): "FFFFEB9C"})
    ws = load(write_xlsx(tmp_path / "f.xlsx", [sheet]))
    assert [c.fill.fgColor.rgb for c in ws[2]] == ["FFFFC7CE", "FFC6EFCE", "FFFFC7CE", "FFFFC7CE"]
    assert ws["D3"].fill.fgColor.rgb == "FFFFEB9C"
    assert ws["A3"].fill.fill_type is None


def test_xlsx_several_sheets_and_long_titles(tmp_path: Path) -> None:
    long_title = "A title that is far longer than Excel allows"
    empty = Sheet(long_title, [Column("Only")], [])
    out = write_xlsx(tmp_path / "two.xlsx", [people_sheet(), empty])
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["People", long_title[:31]]
    assert book[long_title[:31]].auto_filter.ref == "A1:A1"


def test_xlsx_replaces_an_existing_file_and_leaves_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "people.xlsx"
    target.write_text("old")
    write_xlsx(target, [people_sheet()])
    assert load(target)["A2"].value == "Zoë Brontë"
    assert leftovers(tmp_path) == ["people.xlsx"]


def test_xlsx_makes_the_folder(tmp_path: Path) -> None:
    out = write_xlsx(tmp_path / "exports" / "2026" / "people.xlsx", [people_sheet()])
    assert out.is_file()


def test_failed_xlsx_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl.writer.excel import ExcelWriter

    def disk_full(self: ExcelWriter) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(ExcelWriter, "write_data", disk_full)
    with pytest.raises(EofficeError, match="cannot write .*disk full"):
        write_xlsx(tmp_path / "people.xlsx", [people_sheet()])
    assert leftovers(tmp_path) == []


def test_failed_xlsx_rename_leaves_no_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError("the file is open in Excel")

    monkeypatch.setattr(tables.os, "replace", refuse)
    with pytest.raises(EofficeError, match="cannot write"):
        write_xlsx(tmp_path / "people.xlsx", [people_sheet()])
    assert not (tmp_path / "people.xlsx").exists()


def test_existing_file_survives_a_failed_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "people.csv"
    target.write_text("yesterday's export", encoding="utf-8")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError("the file is open in Excel")

    monkeypatch.setattr(tables.os, "replace", refuse)
    with pytest.raises(EofficeError, match="cannot write"):
        write_csv(target, people_sheet())
    assert target.read_text(encoding="utf-8") == "yesterday's export"


# --- csv ------------------------------------------------------------------------------


def test_csv_is_utf8_with_a_bom_and_uk_dates(tmp_path: Path) -> None:
    out = write_csv(tmp_path / "people.csv", people_sheet())
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["Name", "Born", "Seen", "Count"],
        ["Zoë Brontë", "28/02/2010", "23/11/2026 09:05", "3"],
        ["Łukasz Nowak", "01/12/2009", "", "0"],
    ]
    assert leftovers(tmp_path) == ["people.csv"]


def test_csv_escapes_text_that_looks_like_a_formula(tmp_path: Path) -> None:
    sheet = Sheet("Notes", [Column("Note")], [(text,) for text in DANGEROUS] + [("plain",)])
    with open(write_csv(tmp_path / "notes.csv", sheet), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1:] == [["'" + text] for text in DANGEROUS] + [["plain"]]


def test_csv_writes_booleans_as_yes_and_no(tmp_path: Path) -> None:
    sheet = Sheet("Flags", [Column("Done"), Column("Late")], [(True, False)])
    with open(write_csv(tmp_path / "f.csv", sheet), encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1] == ["Yes", "No"]


def test_failed_csv_write_leaves_nothing(tmp_path: Path) -> None:
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError("cannot show this value")

    sheet = Sheet("Bad", [Column("Value")], [("fine",), (Unprintable(),)])
    with pytest.raises(RuntimeError):
        write_csv(tmp_path / "bad.csv", sheet)
    assert leftovers(tmp_path) == []
