"""``eoffice exam-day seat`` (issue 12 item 7): seats one session in rooms and desks, stores it,
and prints it; ``--json`` is a list of objects with the contract's keys."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from eoffice.db.session import open_database
from eoffice.domain import examday
from tests.cli.cli_helpers import Capture, one_line, run

DAY = date(2027, 5, 12)
KEYS = {"candidate", "paper", "room", "desk", "start", "finish", "arrangements", "pending"}


def test_seat_prints_every_sitting_with_its_desk_and_stores_it(demo_db: object, db_path: Path,
                                                               capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    code, out, err = run(capsys, "exam-day", "seat", "--date", "2027-05-12", "--session", "AM", "--json",
                         "--db", db_path)
    assert code == 0, err
    printed = json.loads(out)
    assert printed and all(set(item) == KEYS for item in printed)
    finn = [item for item in printed if item["candidate"] == "0012"]
    assert [(i["paper"], i["room"], i["start"], i["finish"]) for i in finn] == [
        ("8035/1", "Library", "09:00", "10:53"), ("8145/1", "Library", "11:03", "13:33")]
    assert finn[0]["desk"] == finn[1]["desk"]  # one desk for both clash papers
    leo = next(i for i in printed if i["candidate"] == "0061")
    assert (leo["finish"], leo["pending"]) == ("10:30", ["25% extra time"])
    with open_database(db_path, read_only=True) as db, db.session() as session:
        stored = {(r.candidate, r.code): r.desk for r in examday.sittings(session, DAY, DAY, "AM")}
    assert {(i["candidate"], i["paper"]): i["desk"] for i in printed} == stored


def test_seat_in_words_names_rooms_desks_and_warnings(demo_db: object, db_path: Path, capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    code, out, _err = run(capsys, "exam-day", "seat", "--date", "2027-05-12", "--session", "PM", "--db", db_path)
    assert code == 0
    assert "Library: " in out and " desks" in out
    assert "warning: 0012 starts 8702/1 at 13:43, 13 minutes after its published start" in out
    assert out.rstrip().endswith("seated for 2027-05-12 PM")


def test_a_bad_session_or_an_empty_day_is_one_plain_line(demo_db: object, db_path: Path, capsys: Capture) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    code, _out, err = run(capsys, "exam-day", "seat", "--date", "2027-05-12", "--session", "EV", "--db", db_path)
    assert code == 2 and "EV" in one_line(err)
    code, _out, err = run(capsys, "exam-day", "seat", "--date", "2027-05-15", "--session", "AM", "--db", db_path)
    assert code == 2 and one_line(err) == "eoffice: nobody sits an exam on Sat 15 May AM"


def test_printing_is_recorded_and_a_plan_changed_since_is_named(demo_db: object, db_path: Path, tmp_path: Path,
                                                               capsys: Capture) -> None:
    """Issue 12 item 4: the export keeps what it printed; seating again says which printed plan
    no longer matches, and the staff the rooming needs is said beside it."""
    demo_db.close()  # type: ignore[attr-defined]
    seat = ("exam-day", "seat", "--date", "2027-05-12", "--session", "AM", "--db", db_path)
    assert run(capsys, *seat)[0] == 0
    code, _out, err = run(capsys, "export", "exam-day", "--kind", "seating-plan", "--date", "2027-05-12", "--session",
                          "AM", "--format", "pdf", "--out", tmp_path / "plans.pdf", "--db", db_path)
    assert code == 0, err
    code, out, _err = run(capsys, *seat)
    assert code == 0 and "out of date" not in out  # seated the same way: the printed plans still hold
    assert "staff: Wed 12 May AM: 3 rooms need 4 invigilators and 1 helper (5 people);" in out
    with open_database(db_path) as db, db.session() as session:
        rows = {r.candidate: r for r in examday.sittings(session, DAY, DAY, "AM")}
        taken = {r.desk for r in rows.values() if r.room == "Library"}
        free = next(d for d in ("A1", "A2", "A3", "B1", "B2", "B3") if d not in taken)
        examday.move_to_desk(session, rows["0012"].candidate_id, DAY, "AM", free)
    code, out, _err = run(capsys, *seat)
    assert code == 0
    assert "warning: Printed for Wed 12 May AM and now out of date: the seating plan for Library printed " in out


def test_move_paper_settles_a_clash_and_every_view_follows(demo_db: object, db_path: Path, capsys: Capture) -> None:
    """``access move-paper``: 0012's afternoon 8702/1 sat the next morning under overnight
    supervision; ``access clashes`` says so, ``exam-day seat`` seats it there; a date the rules
    do not allow is one plain line and exit 2."""
    demo_db.close()  # type: ignore[attr-defined]
    move = ("access", "move-paper", "--candidate", "0012", "--paper", "8702/1", "--session", "AM", "--db", db_path)
    code, out, err = run(capsys, *move, "--date", "2027-05-13")
    assert (code, out.strip()) == (0, "0012 sits 8702/1 on 2027-05-13 AM"), err
    code, out, _err = run(capsys, "access", "clashes", "--json", "--db", db_path)
    (clash,) = [c for c in json.loads(out) if c["candidate"] == "0012"]
    assert clash["decision"] == "8702/1 sat Thu 13 May AM (overnight supervision)"
    code, out, _err = run(capsys, "exam-day", "seat", "--date", "2027-05-13", "--session", "AM", "--json",
                          "--db", db_path)
    assert [(i["paper"], i["start"]) for i in json.loads(out) if i["candidate"] == "0012"] == [
        ("1MA1/1H", "09:00"), ("8702/1", "11:03")]
    code, out, _err = run(capsys, "exam-day", "seat", "--date", "2027-05-12", "--session", "PM", "--json",
                          "--db", db_path)
    assert all(i["candidate"] != "0012" for i in json.loads(out))
    code, _out, err = run(capsys, *move, "--date", "2027-05-14")
    assert code == 2 and "not to Fri 14 May AM" in one_line(err)
