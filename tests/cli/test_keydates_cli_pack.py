"""``keydates load-reference`` with the key-dates pack (issue 15): any year from 2025/26 to
2035/36, ``--from`` a newer pack that updates what the officer has not edited and says what
changed, and a bad pack refused with one line, exit 2, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from eoffice.db.session import open_database
from eoffice.domain import keydates
from eoffice.domain.years import AcademicYear
from tests.cli.cli_helpers import Capture, one_line, run
from tests.cli.test_keydates_cli import centre, state  # noqa: F401 - the same centre fixture, and what "nothing written" means
from tests.domain.keydates_packs import RESULTS, pack_file

YEAR = AcademicYear(2026)


def week_early(data: dict[str, Any]) -> None:
    data["version"] = 1
    for item in data["dates"]:
        if item["year"] == YEAR.label and item["key"] in RESULTS:
            item["date"] = (date.fromisoformat(item["date"]) - timedelta(days=7)).isoformat()


def confirmed(data: dict[str, Any]) -> None:
    data["version"], data["as_of"] = 3, "2027-03-01"
    for item in data["dates"]:
        if item["year"] == YEAR.label and item["key"] in RESULTS[:2]:
            item.update(status="confirmed", source="JCQ key dates 2026/27 (confirmed)", as_of="2027-03-01")


@pytest.mark.parametrize("label", ["2027/28", "2031/32", "2035/36"])
def test_a_year_the_pack_does_not_list_is_projected(centre: Path, capsys: Capture, label: str) -> None:
    assert run(capsys, "keydates", "load-reference", "--year", label, "--db", centre) == (
        0, f"added 42 reference dates to {label}\nprojected: {label} is not in the pack: its 42 reference dates are "
           "projected from their rules; check them before relying on them\n", "")
    with open_database(centre, read_only=True) as db, db.session() as session:
        records = keydates.key_dates(session, AcademicYear.parse(label))
    assert len(records) == 42 and all(r.needs_check and r.reference_key for r in records)
    assert run(capsys, "keydates", "load-reference", "--year", label, "--db", centre)[1].splitlines()[0] == (
        f"added 0 reference dates to {label}")


def test_a_year_outside_the_pack_is_one_line_and_exit_2(centre: Path, capsys: Capture) -> None:
    before = state(centre)
    for label in ("2024/25", "2036/37"):
        code, out, err = run(capsys, "keydates", "load-reference", "--year", label, "--db", centre)
        assert (code, out) == (2, "")
        assert one_line(err) == f"eoffice: there are no reference dates for {label}; eoffice has them for 2025/26 to 2035/36"
    assert state(centre) == before


def test_load_reference_brings_dates_from_an_older_pack_up_to_date_and_keeps_the_officers(
    centre: Path, tmp_path: Path, capsys: Capture
) -> None:
    old = pack_file(tmp_path, "old.json", week_early)
    code, out, _ = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--from", old, "--db", centre)
    assert code == 0 and out.splitlines()[-2:] == [
        f"pack: {old}, version 1, as of 07/12/2026",
        "note: that pack is older than eoffice's own (version 2, as of 07/12/2026)",
    ]
    with open_database(centre) as db, db.session() as session:
        gcse = next(r for r in keydates.key_dates(session, YEAR) if r.reference_key == "gcse-results-day")
        keydates.update_key_date(session, gcse.id, replace(gcse.fields, on=date(2027, 8, 18)))  # the officer's date
    code, out, err = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--db", centre)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "added 0 reference dates to 2026/27",
        "updated: 'A level results: restricted release to centres': date 11/08/2027 to 18/08/2027",
        "updated: 'A level results day': date 12/08/2027 to 19/08/2027",
        "updated: 'GCSE results: restricted release to centres': date 18/08/2027 to 25/08/2027",
        "updated 3 reference dates in 2026/27",
        "kept: 'GCSE results day' on 18/08/2027, as you changed it; the pack has 26/08/2027",
    ]
    with open_database(centre, read_only=True) as db, db.session() as session:
        days = {r.reference_key: (r.on, r.edited) for r in keydates.key_dates(session, YEAR)}
    assert days["a-level-results-day"] == (date(2027, 8, 19), False)
    assert days["gcse-results-day"] == (date(2027, 8, 18), True)


def test_from_a_newer_pack_confirms_and_says_what_changed(centre: Path, tmp_path: Path, capsys: Capture) -> None:
    assert run(capsys, "keydates", "load-reference", "--year", "2026/27", "--db", centre)[0] == 0
    newer = pack_file(tmp_path, "newer.json", confirmed)
    code, out, err = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--from", newer, "--db", centre)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "added 0 reference dates to 2026/27",
        f"pack: {newer}, version 3, as of 01/03/2027",
        "updated: 'A level results: restricted release to centres': now confirmed; new source",
        "updated: 'A level results day': now confirmed; new source",
        "updated 2 reference dates in 2026/27",
    ]
    with open_database(centre, read_only=True) as db, db.session() as session:
        record = next(r for r in keydates.key_dates(session, YEAR) if r.reference_key == "a-level-results-day")
    assert (record.needs_check, record.source) == (False, "JCQ key dates 2026/27 (confirmed)")


BAD: list[tuple[Callable[[dict[str, Any]], None], str]] = [
    (lambda d: d["dates"][0].update(date="2025-09-31"),
     "entry 1 ('nov-modified-papers-pearson', 2025/26), field 'date': '2025-09-31' is not a date (write it like 2027-08-19)"),
    (lambda d: d["dates"][2].update(status="check"),
     "entry 3 ('jan-modified-papers-pearson', 2025/26), field 'status': 'check' is not one of: confirmed, projected"),
    (lambda d: d.pop("as_of"), "field 'as_of': is missing"),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_a_bad_from_file_is_one_line_naming_it_exit_2_and_nothing_changed(
    centre: Path, tmp_path: Path, capsys: Capture, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    assert run(capsys, "keydates", "load-reference", "--year", "2026/27", "--db", centre)[0] == 0
    before = state(centre)
    bad = pack_file(tmp_path, "bad.json", change)
    code, out, err = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--from", bad, "--db", centre)
    assert (code, out) == (2, "")
    assert one_line(err) == f"eoffice: {bad}: {message}"
    assert state(centre) == before


def test_a_from_file_that_is_missing_or_not_json(centre: Path, tmp_path: Path, capsys: Capture) -> None:
    before = state(centre)
    missing = tmp_path / "missing.json"
    code, _out, err = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--from", missing, "--db", centre)
    assert code == 2 and one_line(err) == f"eoffice: {missing}: there is no such file"
    notes = tmp_path / "notes.json"
    notes.write_text("key dates: see the JCQ site", encoding="utf-8")
    code, _out, err = run(capsys, "keydates", "load-reference", "--year", "2026/27", "--from", notes, "--db", centre)
    assert code == 2 and one_line(err).startswith(f"eoffice: {notes}: not a key dates pack: not JSON")
    assert state(centre) == before


def test_a_bad_from_file_is_refused_before_the_database_is_opened(tmp_path: Path, capsys: Capture) -> None:
    missing_db = tmp_path / "missing.sqlite3"
    bad = pack_file(tmp_path, "bad.json", lambda d: d.update(version=0))
    code, _out, err = run(capsys, "keydates", "load-reference", "--from", bad, "--db", missing_db)
    assert code == 2 and one_line(err) == f"eoffice: {bad}: field 'version': 0 is not a whole number of 1 or more"
    assert not missing_db.exists()


def test_the_help_names_from(capsys: Capture) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "keydates", "load-reference", "--help")
    assert "--from FILE" in capsys.readouterr().out
