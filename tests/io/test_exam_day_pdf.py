"""The exam-day kit PDFs: seating plans, registers and desk cards, from hand-built kits.

The kit records come from ``domain/examday/kit.py``; the writer only lays them out, so
these tests build the records directly and read the words back with poppler's pdftotext.
"""

from __future__ import annotations

import ast
import dataclasses
import itertools
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from eoffice.domain import roster
from eoffice.domain.examday import KINDS, DeskCard, ExamDayKit, KitPaper, Register, RegisterLine, RoomPlan, Seat
from eoffice.io import exam_day_pdf
from eoffice.io.access_export import SENSITIVE
from eoffice.io.exam_day_pdf import TRUE_RECORD, row_letter, write_exam_day_pdf

DAY = date(2027, 5, 12)
PRINTED = date(2027, 5, 11)
CENTRE = "St Zoë's Academy"
GEOGRAPHY = KitPaper("AQA", "8035/1", "Geography Paper 1", 540, 630)
BIOLOGY = KitPaper("AQA", "8461/1H", "Biology Paper 1 (Higher)", 540, 645)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


def seat(row: int, column: int, candidate: str, name: str, codes: tuple[str, ...] = ("8035/1",), start: int = 540,
         finish: int = 630, arrangements: tuple[str, ...] = (), pending: tuple[str, ...] = (), timing: str = "") -> Seat:
    return Seat(f"{row_letter(row)}{column + 1}", row, column, candidate, name, codes, start, finish, arrangements,
                pending, timing)


SEATS = (
    # 0012 has a clash: Geography, then Biology, with 25% extra time on both.
    seat(0, 0, "0012", "Watson, Finn", ("8035/1", "8461/1H"), 540, 813, ("25% extra time",), timing="25% extra time"),
    seat(0, 1, "0013", "Brontë-Ndiaye, Siân"),
    seat(0, 3, "0014", "Ó Briain, Łukasz", ("8461/1H",), 540, 645),
    seat(1, 0, "0021", "Khan, Amir", pending=("Reader",)),  # applied for, not approved
    seat(1, 2, "0022", "Featherstonehaugh-Montgomery, Alexandra", ("8461/1H",), 540, 671, ("25% extra time",),
         timing="25% extra time"),
    seat(2, 1, "0031", "Plain, Pat"),
)
NO_DESK = seat(9, 9, "0099", "Late, Lee", arrangements=("Rest breaks",))
HALL = RoomPlan("Main Hall", 3, 4, frozenset({"B2"}), "back right", "front", "1.25 m between desks",
                (GEOGRAPHY, BIOLOGY), SEATS, (NO_DESK,))


def line_of(s: Seat) -> RegisterLine:
    return RegisterLine(s.desk, s.candidate, s.name, s.arrangements, s.pending)


def card_of(s: Seat) -> DeskCard:
    papers = tuple(p for code in s.codes for p in (GEOGRAPHY, BIOLOGY) if p.code == code)
    return DeskCard("Main Hall", s.desk, s.candidate, s.name, papers, s.start, s.finish, s.timing_text)


def make_kit(**changes: object) -> ExamDayKit:
    geography = tuple(line_of(s) for s in SEATS if "8035/1" in s.codes)
    biology = tuple(line_of(s) for s in SEATS if "8461/1H" in s.codes)
    kit = ExamDayKit("12345", CENTRE, DAY, "AM", (HALL,),
                     (Register("Main Hall", GEOGRAPHY, geography), Register("Main Hall", BIOLOGY, biology)),
                     tuple(card_of(s) for s in SEATS), ("1 candidate has no desk in Main Hall",))
    return dataclasses.replace(kit, **changes)


def big_room() -> RoomPlan:
    """26 rows of 60 desks, every desk taken but the switched-off ones, one in 40 marked."""
    seats, off, number = [], set(), 0
    for row in range(26):
        for column in range(60):
            if (row + column) % 9 == 4:
                off.add(f"{row_letter(row)}{column + 1}")
                continue
            number += 1
            marked = number % 40 == 0
            seats.append(seat(row, column, f"{number:04d}", f"Surname{number}, Given",
                              arrangements=("25% extra time",) if marked else ()))
    return RoomPlan("Sports Hall", 26, 60, frozenset(off), "left", "back", "", (GEOGRAPHY,), tuple(seats))


def text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def flat(path: Path, page: int | None = None) -> str:
    return " ".join(text(path, page).split())


def drawn(path: Path, page: int | None = None) -> str:
    """The words in the order they are drawn (``pdftotext -raw``): a legend entry reads as one, whatever its column."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", "-raw", *pages, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", path.read_bytes()))


def words(path: Path) -> list[tuple[int, float, float, float, float, float, float, str]]:
    """Every word as (page, page width, page height, xMin, yMin, xMax, yMax, text), from ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out).replace("&apos;", "'"))
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    found = []
    for number, sheet in enumerate(root.iterfind(".//x:page", ns), start=1):
        width, height = float(sheet.get("width", 0)), float(sheet.get("height", 0))
        found.extend((number, width, height, float(w.get("xMin", 0)), float(w.get("yMin", 0)), float(w.get("xMax", 0)),
                      float(w.get("yMax", 0)), w.text or "") for w in sheet.iterfind("x:word", ns))
    return found


def write(tmp_path: Path, kit: ExamDayKit, kind: str) -> Path:
    return write_exam_day_pdf(tmp_path / f"{kind}.pdf", kit, kind, printed=PRINTED)


# --- every kind ---------------------------------------------------------------------------


def test_an_unknown_kind_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="seating-plan, register, desk-cards"):
        write_exam_day_pdf(tmp_path / "kit.pdf", make_kit(), "wall-chart")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_writes_a_pdf_and_leaves_no_partial_file(tmp_path: Path, kind: str) -> None:
    path = write(tmp_path, make_kit(), kind)
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == [f"{kind}.pdf"]


@needs_poppler
@pytest.mark.parametrize(("kind", "title"), [("seating-plan", "Seating plan"), ("register", "Register"),
                                             ("desk-cards", "Desk cards")])
def test_every_page_names_the_centre_the_session_and_carries_the_notice(tmp_path: Path, kind: str, title: str) -> None:
    path = write(tmp_path, make_kit(), kind)
    for page in range(1, page_count(path) + 1):
        words_on_page = flat(path, page)
        assert f"Centre 12345 · {CENTRE}" in words_on_page
        assert f"{title} · Wed 12 May 2027 AM" in words_on_page
        assert SENSITIVE in words_on_page
        assert f"page {page} of {page_count(path)}" in words_on_page


@needs_poppler
def test_a_centre_without_a_number_shows_its_name_alone(tmp_path: Path) -> None:
    page = flat(write(tmp_path, make_kit(centre_number=""), "register"))
    assert CENTRE in page and "Centre ·" not in page and "Centre  " not in page


@needs_poppler
@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_kit_prints_one_page_saying_nothing_is_seated(tmp_path: Path, kind: str) -> None:
    path = write(tmp_path, make_kit(plans=(), registers=(), cards=(), warnings=()), kind)
    assert page_count(path) == 1
    assert "Nothing is seated in this session: Wed 12 May 2027 AM" in flat(path)


def test_the_writer_formats_and_calls_no_domain_rule() -> None:
    """Data flows one way: the kit records in, and only the clock and date formatters from domain/."""
    folder = Path(exam_day_pdf.__file__).parent
    parts = ("exam_day_pdf", "kit_pdf", "seating_plan_pdf", "register_pdf", "desk_cards_pdf")
    trees = [ast.parse((folder / f"{name}.py").read_text(encoding="utf-8")) for name in parts]
    imported = {(node.module, alias.name) for tree in trees for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("eoffice.domain")
                for alias in node.names}
    records = {"KINDS", "DeskCard", "ExamDayKit", "KitPaper", "Register", "RegisterLine", "RoomPlan", "Seat"}
    assert {name for module, name in imported if module == "eoffice.domain.examday"} <= records
    assert {(m, n) for m, n in imported if m != "eoffice.domain.examday"} == {
        ("eoffice.domain.access", "clock"), ("eoffice.domain.dates", "format_date")}


def test_the_writer_reads_desks_and_walls_as_the_room_layout_names_them() -> None:
    assert set(exam_day_pdf.SIDES) == set(roster.POSITIONS)
    assert [row_letter(r) for r in range(roster.MAX_ROWS)] == [roster.desk_label(r, 0)[:-1] for r in range(roster.MAX_ROWS)]


# --- seating plan -----------------------------------------------------------------------


@needs_poppler
def test_the_seating_plan_shows_the_room_papers_and_every_desk(tmp_path: Path) -> None:
    path = write(tmp_path, make_kit(), "seating-plan")
    assert page_count(path) == 1
    page = flat(path)
    assert "Main Hall" in page and "12/05/2027" in page and "AM session" in page
    assert "8035/1 AQA Geography Paper 1 published 09:00–10:30" in page
    assert "8461/1H AQA Biology Paper 1 (Higher) published 09:00–10:45" in page
    assert "Exit: back right · Invigilator desk: front · Spacing: 1.25 m between desks" in page
    assert "FRONT (candidates face this way)" in page
    assert "EXIT" in page and "INVIGILATOR DESK" in page
    on_page = {w[-1] for w in words(path)}
    assert {s.candidate for s in SEATS} <= on_page
    assert {f"{r}{c}" for r in "ABC" for c in range(1, 5)} <= on_page  # every desk labelled, empty ones too
    assert "off" in on_page  # B2 is switched off
    assert {"8035/1", "8461/1H"} <= on_page


@needs_poppler
def test_the_clash_candidate_s_desk_shows_both_papers_in_the_order_sat(tmp_path: Path) -> None:
    found = words(write(tmp_path, make_kit(), "seating-plan"))
    number = next(w for w in found if w[-1] == "0012")
    inside = [w for w in found if number[3] - 15 < w[3] < number[5] + 15 and number[4] < w[4] < number[4] + 40]
    codes = sorted((w for w in inside if w[-1] in ("8035/1", "8461/1H")), key=lambda w: w[4])
    assert [w[-1] for w in codes] == ["8035/1", "8461/1H"]


@needs_poppler
def test_arrangements_are_keyed_in_words_and_pending_never_looks_approved(tmp_path: Path) -> None:
    path = write(tmp_path, make_kit(), "seating-plan")
    page = drawn(path)
    assert "1 A1 0012 Watson, Finn 25% extra time" in page
    assert "2 B1 0021 Khan, Amir pending: Reader" in page
    assert "3 B3 0022 Featherstonehaugh-Montgomery, Alexandra 25% extra time" in page
    assert "dashed border and an outlined tag mean the application is pending, not yet approved" in page
    assert re.search(r"(?<!pending: )Reader", page) is None
    key = page[page.index("Access arrangements at the marked desks"):]
    assert "0031" not in key and "0013" not in key  # no arrangements: not in the key


@needs_poppler
def test_a_candidate_without_a_desk_is_listed_under_the_grid_in_words(tmp_path: Path) -> None:
    page = flat(write(tmp_path, make_kit(), "seating-plan"))
    assert "No desk: 1 candidate placed in this room has no desk on this plan" in page
    assert "0099 Late, Lee (8035/1; Rest breaks)" in page


@needs_poppler
def test_the_plan_ends_with_the_true_record_line_and_the_warnings_are_boxed_on_page_one(tmp_path: Path) -> None:
    page = flat(write(tmp_path, make_kit(), "seating-plan"))
    assert TRUE_RECORD == "This plan is a true record of where each candidate sat."
    assert re.search(re.escape(TRUE_RECORD) + r" Invigilator: _+ Signature: _+ Time: _+", page)
    assert "Before printing, check: • 1 candidate has no desk in Main Hall" in page


@needs_poppler
def test_a_large_room_is_split_by_row_bands_and_no_candidate_is_lost(tmp_path: Path) -> None:
    """26 rows of 60 desks would need boxes under 6 mm on one A4 page: the plan prints it in
    sheets, each saying which rows and columns it shows, and every candidate number is there,
    inside the page and clear of its neighbours."""
    room = big_room()
    path = write(tmp_path, make_kit(plans=(room,), warnings=()), "seating-plan")
    assert page_count(path) == 4
    bands = [re.search(r"rows (\S+) of A-Z, columns (\S+) of 1-60 \(sheet (\d) of 4", flat(path, page))
             for page in range(1, 5)]
    assert [m.groups() if m else None for m in bands] == [
        ("A-M", "1-30", "1"), ("A-M", "31-60", "2"), ("N-Z", "1-30", "3"), ("N-Z", "31-60", "4")]
    found = words(path)
    numbers = [w for w in found if re.fullmatch(r"\d{4}", w[-1]) and w[-1] not in ("2027",)]
    in_key = [s.candidate for s in room.seats if s.marked]  # on the desk and again in the key
    assert sorted(w[-1] for w in numbers) == sorted([s.candidate for s in room.seats] + in_key)
    for _page, width, height, x0, y0, x1, y1, _word in found:
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, "a word off the page"
    by_page: dict[int, list[tuple[float, float, float, float]]] = {}
    for page, _w, _h, x0, y0, x1, y1, _word in numbers:
        by_page.setdefault(page, []).append((x0, y0, x1, y1))
    for boxes in by_page.values():
        for a, b in itertools.combinations(boxes, 2):
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"two candidate numbers overlap: {a} {b}"
    assert "INVIGILATOR DESK" in flat(path, 3) and "EXIT" in flat(path, 3)  # back wall; left wall, middle
    assert "EXIT" not in flat(path, 1) and "INVIGILATOR DESK" not in flat(path, 1) + flat(path, 2)
    assert "rows A-M are nearer the front, on another sheet" in flat(path, 3)
    for sheet, rows, columns in ((1, range(13), range(30)), (4, range(13, 26), range(30, 60))):
        keyed = [s for s in room.seats if s.marked and s.row in rows and s.column in columns]
        elsewhere = [s for s in room.seats if s.marked and s not in keyed]
        assert keyed and all(f"{s.desk} {s.candidate} {s.name} 25% extra time" in drawn(path, sheet) for s in keyed)
        assert not any(f"{s.desk} {s.candidate} {s.name}" in drawn(path, sheet) for s in elsewhere)


@needs_poppler
def test_a_room_that_fits_stays_on_one_page(tmp_path: Path) -> None:
    seats = tuple(seat(r, c, f"{r * 10 + c + 1:04d}", "Pupil, Some") for r in range(10) for c in range(10))
    room = RoomPlan("Room 12", 10, 10, frozenset(), "front left", "front right", "", (GEOGRAPHY,), seats)
    path = write(tmp_path, make_kit(plans=(room,)), "seating-plan")
    assert page_count(path) == 1
    assert "sheet" not in flat(path)
    assert {s.candidate for s in seats} <= {w[-1] for w in words(path)}


@needs_poppler
def test_each_room_has_its_own_page_and_the_warnings_print_once(tmp_path: Path) -> None:
    other = RoomPlan("Room 12", 2, 2, frozenset(), "", "", "", (BIOLOGY,), (seat(0, 0, "0050", "Other, Olu"),))
    path = write(tmp_path, make_kit(plans=(HALL, other)), "seating-plan")
    assert page_count(path) == 2
    first, second = flat(path, 1), flat(path, 2)
    assert "Main Hall" in first and "Room 12" in second and "0050" in second
    assert "Before printing, check" in first and "Before printing, check" not in second
    assert "Exit: not recorded · Invigilator desk: not recorded" in second
    assert TRUE_RECORD in first and TRUE_RECORD in second


@needs_poppler
def test_a_key_too_long_for_the_sheet_follows_on_the_next_page(tmp_path: Path) -> None:
    seats = tuple(seat(r, c, f"{r * 10 + c + 1:04d}", f"Pupil{r * 10 + c + 1}, Some",
                       arrangements=("25% extra time", "Reader", "Rest breaks", "Separate invigilation"))
                  for r in range(8) for c in range(10))
    room = RoomPlan("Library", 8, 10, frozenset(), "front left", "right", "", (GEOGRAPHY,), seats, (NO_DESK,))
    path = write(tmp_path, make_kit(plans=(room,), warnings=()), "seating-plan")
    assert page_count(path) >= 2
    assert "See the next page for the key to the 80 marked desks and 1 candidate with no desk." in flat(path, 1)
    assert TRUE_RECORD in flat(path, 1)
    keyed = " ".join(drawn(path, page) for page in range(2, page_count(path) + 1))
    assert all(f"{s.desk} {s.candidate} {s.name} 25% extra time; Reader" in keyed for s in seats)
    assert "No desk: 1 candidate" in flat(path, 2)


# --- register ---------------------------------------------------------------------------


@needs_poppler
def test_a_register_per_paper_in_seating_order_with_tick_boxes(tmp_path: Path) -> None:
    path = write(tmp_path, make_kit(), "register")
    assert page_count(path) == 2
    first, second = flat(path, 1), flat(path, 2)
    assert "AQA 8035/1 Geography Paper 1" in first and "AQA 8461/1H Biology Paper 1 (Higher)" in second
    assert "Room: Main Hall" in first and "published start 09:00, finish 10:30" in first
    assert "published start 09:00, finish 10:45" in second
    assert "Desk Cand. no. Name Access arrangements Present Absent Late" in first
    order = [first.index(f"{s.desk} {s.candidate}") for s in SEATS if "8035/1" in s.codes]
    assert order == sorted(order)
    assert "B1 0021 Khan, Amir pending: Reader" in first
    assert "A1 0012 Watson, Finn 25% extra time" in first
    assert "Candidates not listed" in first
    assert re.search(r"Register completed by _+ at _+", first)
    assert "Before printing, check" in first and "Before printing, check" not in second


@needs_poppler
def test_a_long_register_repeats_its_headings_on_every_page(tmp_path: Path) -> None:
    lines = tuple(RegisterLine(f"{row_letter(i // 10)}{i % 10 + 1}", f"{i + 1:04d}", f"Pupil{i + 1}, Some")
                  for i in range(70))
    path = write(tmp_path, make_kit(registers=(Register("Sports Hall", GEOGRAPHY, lines),), warnings=()), "register")
    assert page_count(path) >= 3
    for page in range(1, page_count(path) + 1):
        assert "Desk Cand. no. Name Access arrangements Present Absent Late" in flat(path, page)
        assert "AQA 8035/1 Geography Paper 1" in flat(path, page)
    assert "(continued)" in flat(path, 2)
    whole = flat(path)
    assert all(f"{i + 1:04d} Pupil{i + 1}, Some" in whole for i in range(70))
    assert whole.index("Candidates not listed") > whole.index("0070")


@needs_poppler
def test_a_candidate_without_a_desk_is_still_on_the_register_and_gets_a_card(tmp_path: Path) -> None:
    register = Register("Main Hall", GEOGRAPHY, (line_of(SEATS[1]), RegisterLine("", "0099", "Late, Lee", ("Rest breaks",))))
    card = DeskCard("Main Hall", "", "0099", "Late, Lee", (GEOGRAPHY,), 540, 648, "rest breaks 10 min/h")
    page = flat(write(tmp_path, make_kit(registers=(register,)), "register"))
    assert "none 0099 Late, Lee Rest breaks" in page
    cards = flat(write(tmp_path, make_kit(cards=(card,)), "desk-cards"))
    assert "0099" in cards and "Finish 10:48 (rest breaks 10 min/h)" in cards


# --- desk cards -------------------------------------------------------------------------


@needs_poppler
def test_desk_cards_say_who_where_and_when_they_finish(tmp_path: Path) -> None:
    path = write(tmp_path, make_kit(), "desk-cards")
    assert page_count(path) == 1
    page = flat(path)
    on_page = [w[-1] for w in words(path)]
    assert {s.candidate for s in SEATS} <= set(on_page)
    assert "Finish 13:33 (25% extra time)" in page  # the clash, with extra time
    assert "Finish 11:11 (25% extra time)" in page
    assert re.search(r"Finish 10:30(?! \()", page)  # no extra time: the finish alone
    assert "Finish 10:45" in page and "Start 09:00" in page
    assert "Watson, Finn" in page and "Brontë-Ndiaye, Siân" in page
    assert {"A1", "B3", "C2"} <= set(on_page) and on_page.count("Main") >= len(SEATS)
    assert "8035/1 Geography Paper 1" in page and "8461/1H Biology Paper 1 (Higher)" in page
    assert "Centre 12345" in page


@needs_poppler
def test_desk_cards_go_eight_to_a_page(tmp_path: Path) -> None:
    cards = tuple(DeskCard("Hall", f"A{i + 1}", f"{i + 1:04d}", f"Pupil{i + 1}, Some", (GEOGRAPHY,), 540, 630)
                  for i in range(9))
    path = write(tmp_path, make_kit(cards=cards), "desk-cards")
    assert page_count(path) == 2
    assert "0008" in flat(path, 1) and "0009" in flat(path, 2) and "0009" not in flat(path, 1)
