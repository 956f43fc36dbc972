"""``access session`` times a clashing paper after the first and marks it; ``access clashes``
says which paper moves, or that none fits, in plain words."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eoffice.db.session import Database
from eoffice.domain import access
from eoffice.domain.access import CandidateFields, PaperFields, add_candidate, add_entries, add_paper
from tests.cli.test_access_cli import Capture, run
from tests.conftest import TODAY

DAY = date(2027, 5, 12)


@pytest.fixture
def centre(db: Database, db_path: Path) -> Path:
    """Demo candidates 0012 (25% extra time) and 0018 (none): 8035/1 and 8145/1 in the AM and
    8702/1 in the PM."""
    with db.session() as session:
        ids = {code: add_paper(session, PaperFields("AQA", code, f"Paper {code}", DAY, sess, start, minutes,
                                                    "GCSE")).id
               for code, sess, start, minutes in (("8035/1", "AM", 540, 90), ("8145/1", "AM", 540, 120),
                                                  ("8702/1", "PM", 810, 105))}
        finn = add_candidate(session, CandidateFields(12, "Watson", "Finn", year_group=11), today=TODAY).id
        elif_ = add_candidate(session, CandidateFields(18, "Johnson", "Elif", year_group=11), today=TODAY).id
        add_entries(session, [(finn, ids["8035/1"]), (finn, ids["8145/1"]), (finn, ids["8702/1"]),
                              (elif_, ids["8035/1"]), (elif_, ids["8145/1"]), (elif_, ids["8702/1"])])
        access.add_arrangement(session, finn, access.new_fields("extra_time_25", status="approved",
                                                                approved_on=date(2026, 2, 4)))
    db.close()
    return db_path


def test_session_json_starts_the_second_paper_after_the_first(centre: Path, capsys: Capture) -> None:
    """Before: both at 09:00, 8145/1 finishing 11:30. Now 10:53 + the 10-minute break."""
    code, out, err = run(capsys, "access", "session", "--date", "2027-05-12", "--session", "AM", "--db", centre,
                         "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(r["code"], r["published_start"], r["start"], r["finish"], r["clash"]) for r in rows] == [
        ("8035/1", "09:00", "09:00", "10:53", "clash: sits first, then 8145/1"),
        ("8145/1", "09:00", "11:03", "13:33", "clash: sits after 8035/1")]


def test_session_text_marks_the_clash_rows(centre: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "access", "session", "--date", "2027-05-12", "--session", "AM", "--db", centre)
    second = next(line for line in out.splitlines() if line.split()[3:4] == ["8145/1"])
    assert code == 0 and "11:03" in second and "finish 13:33" in second
    assert second.endswith("(clash: sits after 8035/1; published start 09:00)")
    plain = next(line for line in out.splitlines() if line.split()[3:4] == ["8035/1"])
    assert "clash: sits first, then 8145/1" in plain


def test_clashes_count_the_other_session_and_say_what_to_do(centre: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "access", "clashes", "--db", centre, "--json")
    found = {c["candidate"]: c for c in json.loads(out)}
    assert code == 0 and set(found) == {"0012", "0018"}
    # 0012: 263 minutes in the AM with extra time, 394 in the day: overnight supervision.
    assert found["0012"]["resolution"] == "overnight-supervision"
    assert "offer overnight supervision (the afternoon paper is sat the next morning;" in found["0012"]["advice"]
    assert "or the chance to sit every paper on the day (the supervised break may then be longer than 20 minutes)" in (
        found["0012"]["advice"])
    # 0018: 210 in the AM; the PM's 105 makes any move 195 or 225 minutes.
    assert (found["0018"]["resolution"], found["0018"]["total_minutes"]) == ("move-to-other-session", 210)
    code, out, _ = run(capsys, "access", "clashes", "--db", centre)
    line = next(line for line in out.splitlines() if line.startswith("0018"))
    assert line.endswith("move-to-other-session: moving 8035/1 puts 3h 15m in the PM, over the 3h limit for one session; "
                         "decide how to split the day")
