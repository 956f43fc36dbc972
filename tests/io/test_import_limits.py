"""Imports are bounded (issue 14): a file too big, damaged or in an odd encoding is refused
in seconds with one line naming the file (and the row and column where there is one), or
read when it can be; nothing is written; 100,000 rows are read whole.

The big files are made cheaply: a sheet's XML is one row repeated, deflated once and the
compressed block repeated (a deflate stream restarts after a full flush), so a 1.6 MB
workbook that unpacks to 20 million rows takes a second to write, as the fault trial's did.
"""

from __future__ import annotations

import codecs
import csv
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from eoffice.db.models import AuditEntry, Candidate
from eoffice.db.session import Database, open_database
from eoffice.errors import InputError
from eoffice.io import table_import
from eoffice.io.tables import read_table
from tests.cli.cli_helpers import Capture, one_line, run

REQUIRED = ("Candidate Number", "Surname")
SHEET = "xl/worksheets/sheet1.xml"
ROW = b'<row><c><v>42</v></c><c><v>1</v></c></row>'  # a candidate number and a (numeric) surname


def refused(path: Path, *required: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read_table(path, required or REQUIRED)
    return caught.value


def workbook_parts(path: Path, rows: Sequence[Sequence[object]]) -> dict[str, bytes]:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def write_zip(path: Path, parts: dict[str, bytes], repeated: tuple[str, bytes, int] | None = None) -> Path:
    """A zip of ``parts``; ``repeated`` (part, chunk, times) puts ``chunk`` that many times into
    that part before its ``</sheetData>``, deflated once and the block repeated."""
    local, central = bytearray(), bytearray()
    for name, data in parts.items():
        if repeated and name == repeated[0]:
            head, tail = data.split(b"</sheetData>", 1)
            tail = b"</sheetData>" + tail
            chunk, times = repeated[1], repeated[2]
            deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
            start = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
            block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
            packed = start + block * times + deflate.compress(tail) + deflate.flush()
            crc = zlib.crc32(head)
            for _ in range(times):
                crc = zlib.crc32(chunk, crc)
            crc, size = zlib.crc32(tail, crc), len(head) + len(chunk) * times + len(tail)
        else:
            deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed, crc, size = deflate.compress(data) + deflate.flush(), zlib.crc32(data), len(data)
        encoded = name.encode()
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(packed), size, len(encoded), 0)
        local += encoded + packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(packed), size,
                               len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def many_rows(tmp_path: Path, name: str, rows: int) -> Path:
    """A workbook whose header is followed by ``rows`` rows (a multiple of 10,000 when large)."""
    parts = workbook_parts(tmp_path / name, [list(REQUIRED)])
    per_block = 10_000 if rows >= 10_000 else 1
    return write_zip(tmp_path / name, parts, (SHEET, ROW * per_block, rows // per_block))


# --- too big --------------------------------------------------------------------------------------

def test_a_small_workbook_of_twenty_million_rows_is_refused_in_seconds(tmp_path: Path) -> None:
    path = many_rows(tmp_path, "bomb.xlsx", 20_000_000)
    assert path.stat().st_size < 5_000_000  # a few MB on disk, gigabytes of XML inside
    start = time.perf_counter()
    error = refused(path)
    assert time.perf_counter() - start < 5
    assert error.file == path and error.row is None
    assert re.fullmatch(r"unpacks to [\d,]+ MB; eoffice imports workbooks up to 256 MB unpacked \(about 250,000 "
                        r"rows\): split it, or check it is the file you meant", error.reason), error.reason


def test_a_sheet_past_the_row_limit_is_refused_as_it_streams_in(tmp_path: Path) -> None:
    path = many_rows(tmp_path, "long.xlsx", 400_000)  # 30 MB of XML: under the size limit
    start = time.perf_counter()
    error = refused(path)
    assert time.perf_counter() - start < 5
    assert (error.file, error.row) == (path, 250_001)
    assert error.reason.startswith("the file goes on past row 250,000; eoffice imports up to 250,000 rows")


def test_a_csv_past_the_row_limit_is_refused_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Candidate Number,Surname\n" + "1,Evans\n" * 260_000, encoding="utf-8")
    error = refused(path)
    assert (error.file, error.row) == (path, 250_001)


def test_a_csv_bigger_than_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.write(b"Candidate Number,Surname\n")
        handle.truncate(table_import.MAX_BYTES + 1)  # sparse: nothing is really written
    assert refused(path).reason.startswith("is 256 MB; eoffice imports files up to 256 MB")


def test_too_many_cells_are_refused_naming_the_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_import, "MAX_CELLS", 100)
    path = tmp_path / "wide.csv"
    path.write_text("Candidate Number,Surname," + ",".join(f"C{n}" for n in range(40)) + "\n" +
                    ("1,Evans," + ",".join("x" * 40) + "\n") * 3, encoding="utf-8")
    xlsx = write_zip(tmp_path / "wide.xlsx", workbook_parts(tmp_path / "wide.xlsx", [list(REQUIRED)]),
                     (SHEET, ROW, 60))
    assert refused(path).row == 3
    assert refused(xlsx).row == 51  # two cells a row: the 101st cell is on row 51


def test_one_hundred_thousand_rows_are_read_whole(tmp_path: Path) -> None:
    path = many_rows(tmp_path, "big.xlsx", 100_000)
    start = time.perf_counter()
    table = read_table(path, REQUIRED)
    assert len(table.rows) == 100_000 and table.rows[-1].number == 100_001
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("Candidate Number,Surname\n" + "1,Evans\n" * 100_000, encoding="utf-8")
    assert len(read_table(csv_path, REQUIRED).rows) == 100_000
    assert time.perf_counter() - start < 10


# --- damaged workbooks ----------------------------------------------------------------------------

def _parts(tmp_path: Path) -> dict[str, bytes]:
    return workbook_parts(tmp_path / "good.xlsx", [list(REQUIRED), [42, "Evans"], [43, "Khan"]])


DAMAGED = "cannot be read as an Excel workbook; is it damaged, or another kind of file renamed?"


@pytest.mark.parametrize("damage", ["not a zip", "cut short", "sheet missing", "workbook missing", "workbook XML",
                                    "bad cell place", "shared string missing"])
def test_a_damaged_workbook_is_one_line_naming_the_file(tmp_path: Path, damage: str) -> None:
    parts = _parts(tmp_path)
    path = tmp_path / "damaged.xlsx"
    if damage == "not a zip":
        path.write_bytes(b"PK\x03\x04 not really a zip")
    elif damage == "cut short":
        good = (tmp_path / "good.xlsx").read_bytes()
        path.write_bytes(good[: len(good) // 2])
    else:
        if damage == "sheet missing":
            del parts[SHEET]
        elif damage == "workbook missing":
            del parts["xl/workbook.xml"]
        elif damage == "workbook XML":
            parts["xl/workbook.xml"] = parts["xl/workbook.xml"][:-20]
        elif damage == "bad cell place":
            parts[SHEET] = parts[SHEET].replace(b'r="B2"', b'r="2B"')
        else:
            parts[SHEET] = parts[SHEET].replace(b'<c r="B2" t="inlineStr"><is><t>Evans</t></is></c>',
                                                b'<c r="B2" t="s"><v>99</v></c>')
        write_zip(path, parts)
    error = refused(path)
    assert error.file == path and "\n" not in str(error)
    assert error.reason == DAMAGED or error.reason.startswith("the workbook is damaged after row")


def test_a_sheet_whose_xml_breaks_off_names_the_row_it_reached(tmp_path: Path) -> None:
    parts = _parts(tmp_path)
    parts[SHEET] = parts[SHEET].replace(b"</row><row r=\"3\"", b"</row><row r=\"3\"<<")
    error = refused(write_zip(tmp_path / "broken.xlsx", parts))
    assert (error.row, error.column) == (3, None)
    assert error.reason == ("the workbook is damaged after row 2 and cannot be read on; is it complete? "
                            "Open it in Excel and save it again")


def test_a_part_whose_checksum_is_wrong_is_damaged(tmp_path: Path) -> None:
    parts = _parts(tmp_path)
    path = write_zip(tmp_path / "crc.xlsx", parts)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        info = package.getinfo(SHEET)
    data[info.header_offset + 14] ^= 0xFF  # the CRC in the sheet's local header...
    central = data.rfind(b"PK\x01\x02" + struct.pack("<HH", 20, 20), 0, len(data))
    while data[central + 46: central + 46 + len(SHEET)] != SHEET.encode():
        central = data.rfind(b"PK\x01\x02", 0, central)
    data[central + 16] ^= 0xFF  # ...and in the directory
    path.write_bytes(bytes(data))
    assert refused(path).file == path


# --- encodings, NUL bytes and long cells -----------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be", "utf-8-sig"])
@pytest.mark.parametrize("bom", [True, False])
def test_utf16_and_utf32_files_are_read_by_their_byte_order_mark_or_their_zero_bytes(
        tmp_path: Path, encoding: str, bom: bool) -> None:
    text = "Candidate Number\tSurname\r\n42\tBrontë\r\n"  # Excel's "Unicode Text" is tab-separated UTF-16
    data = text.encode(encoding)
    marks = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}
    if bom and encoding in marks:
        data = marks[encoding] + data
    elif not bom and encoding in ("utf-16", "utf-32", "utf-8-sig"):
        pytest.skip("this codec always writes its mark")
    path = tmp_path / "unicode.csv"
    path.write_bytes(data)
    assert [r.cells for r in read_table(path, REQUIRED).rows] == [{"Candidate Number": "42", "Surname": "Brontë"}]


def test_a_file_with_a_utf16_mark_that_is_not_utf16_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + b"Candidate Number,Surname\n\x00\xd8")  # an unpaired surrogate
    assert refused(path).reason.startswith("looks like UTF-16 text but is not UTF-16 throughout; in Excel use Save As")


def test_a_nul_byte_is_refused_naming_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Candidate Number,Surname\n42,Evans\n43,Kh\x00an\n")
    error = refused(path)
    assert (error.file, error.row, error.column) == (path, 3, "Surname")
    assert error.reason.startswith("the cell holds a NUL character")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_200_kb_cell_is_refused_naming_its_row_and_column_without_quoting_it(tmp_path: Path, kind: str) -> None:
    long = "dyslexia " * 22_000  # about 200 KB
    rows = [["Candidate Number", "Surname", "Notes"], [42, "Evans", "short"], [43, "Khan", long]]
    path = tmp_path / f"long.{kind}"
    if kind == "csv":
        with open(path, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
    else:  # openpyxl cuts a cell to Excel's limit as it writes: put the long text in its place after
        parts = workbook_parts(path, [*rows[:2], [43, "Khan", "LONG"]])
        write_zip(path, {**parts, SHEET: parts[SHEET].replace(b"LONG", long.encode())})
    error = refused(path)
    assert (error.row, error.column) == (3, "Notes")
    assert error.reason == "the cell holds 198,000 characters; a cell may hold up to 32,767 (Excel's own limit)"
    assert csv.field_size_limit() == 131072  # the csv module's own limit is put back


def test_a_long_cell_with_no_header_above_it_is_named_by_its_letter(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Candidate Number,Surname\n42,Evans,," + "x" * 40_000 + "\n", encoding="utf-8")
    assert (refused(path).row, refused(path).column) == (2, "D")


# --- on the command line: one line, exit 2, nothing written -----------------------------------------

@pytest.mark.parametrize("content", [b"\xff\xfe\x00\x00" + "Candidate Number,Surname,Forenames\n1,E\x00,S\n"
                                     .encode("utf-32-le"), b"Candidate Number,Surname,Forenames\n1,E\x00,S\n"])
def test_a_refused_file_writes_nothing_and_exits_2_with_one_line(tmp_path: Path, db: Database, db_path: Path,
                                                                 capsys: Capture, content: bytes) -> None:
    db.close()
    path = tmp_path / "candidates.csv"
    path.write_bytes(content)
    code, out, err = run(capsys, "import", "candidates", path, "--db", db_path)
    assert code == 2 and out == ""
    assert one_line(err) == (f"eoffice: {path}, row 2, column 'Surname': the cell holds a NUL character, which no "
                             "typed text has; is this a text file? in Excel use Save As, 'CSV UTF-8 (Comma delimited)'")
    with open_database(db_path, read_only=True) as again, again.session() as session:
        assert session.scalar(select(func.count()).select_from(Candidate)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_the_bomb_on_the_command_line_is_one_line_in_seconds(tmp_path: Path, db: Database, db_path: Path,
                                                              capsys: Capture) -> None:
    db.close()
    path = many_rows(tmp_path, "plan.xlsx", 20_000_000)
    start = time.perf_counter()
    code, out, err = run(capsys, "import", "plan", path, "--db", db_path)
    assert time.perf_counter() - start < 5
    assert code == 2 and out == "" and one_line(err).startswith(f"eoffice: {path}: unpacks to ")
