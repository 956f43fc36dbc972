"""Calendar UIDs come from the database's own id, never from what the officer can edit, so a
re-import into Outlook or Google updates events instead of copying them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import delete

from eoffice import cli
from eoffice.db.models import Setting
from eoffice.db.session import Database, open_database
from eoffice.domain import database_id as ids
from eoffice.domain import keydates
from eoffice.domain.centre import CentreDetails, save_centre
from eoffice.domain.keydates import KeyDateFields
from eoffice.domain.years import AcademicYear
from eoffice.io import keydates_export as export

YEAR = AcademicYear(2026)


def _export(db: Database, out: Path) -> list[str]:
    with db.session() as session:
        records = keydates.key_dates(session, YEAR)
        made = export.write_keydates_ics(out, "Riverside Academy", YEAR, records, database_id=ids.database_id(session))
    return [str(e["UID"]) for e in Calendar.from_ical(made.read_bytes()).walk("VEVENT")]


def _centre_with_dates(db: Database, number: str | None) -> None:
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy", centre_number=number))
        keydates.add_key_date(session, YEAR, KeyDateFields(
            on=date(2027, 2, 19), title="AQA: summer entries", series="Summer", body="AQA", category="entries"))
        keydates.add_key_date(session, YEAR, KeyDateFields(
            on=date(2027, 5, 7), title="Coursework marks", series="Summer", body="OCR", category="coursework"))


def test_uids_stay_the_same_when_the_centre_number_is_set_later(db: Database, tmp_path: Path) -> None:
    _centre_with_dates(db, None)
    before = _export(db, tmp_path / "before.ics")
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy Trust", centre_number="12345"))
    after = _export(db, tmp_path / "after.ics")
    assert len(before) == 4 and len(set(before)) == 4  # two dates, each with an internal deadline
    assert sorted(before) == sorted(after)
    assert not any("12345" in uid for uid in after)


def test_two_databases_never_share_a_uid(tmp_path: Path) -> None:
    found = []
    for name in ("first", "second"):
        with open_database(tmp_path / f"{name}.sqlite3") as db:
            _centre_with_dates(db, "12345")  # the same centre number and key date ids in both
            found.append(set(_export(db, tmp_path / f"{name}.ics")))
    assert len(found[0]) == len(found[1]) == 4
    assert found[0].isdisjoint(found[1])


def test_the_id_is_made_with_the_first_key_date_and_kept(db_path: Path, db: Database) -> None:
    with db.session() as session:
        assert ids.stored_database_id(session) is None
    _centre_with_dates(db, None)
    with db.session() as session:
        made = ids.stored_database_id(session)
        assert made is not None and len(made) == 32 and ids.database_id(session) == made
    db.close()
    with open_database(db_path, read_only=True) as again, again.session() as session:
        assert ids.stored_database_id(session) == made


def test_a_database_from_before_ids_gets_one_at_its_first_calendar_export(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _centre_with_dates(db, "12345")
    with db.session() as session:
        session.execute(delete(Setting).where(Setting.key == ids.KEY))  # as an older eoffice left it
    db.close()
    uids = []
    for name in ("a.ics", "b.ics"):
        out = tmp_path / name
        assert cli.main(["export", "keydates", "--format", "ics", "--out", str(out), "--db", str(db_path),
                         "--year", "2026/27"]) == 0
        uids.append(sorted(str(e["UID"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")))
    capsys.readouterr()
    assert len(uids[0]) == 4 and uids[0] == uids[1]
    with open_database(db_path, read_only=True) as again, again.session() as session:
        made = ids.stored_database_id(session)
    assert made is not None and all(uid.endswith(f"@{made}.eoffice") for uid in uids[0])


def test_a_shortened_internal_deadline_says_so_in_its_calendar_event(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        keydates.load_reference_dates(session, YEAR)
        pearson = next(r for r in keydates.key_dates(session, YEAR) if r.reference_key == "nov-modified-papers-pearson")
    _export(db, tmp_path / "kd.ics")
    events = {str(e["UID"]): e for e in Calendar.from_ical((tmp_path / "kd.ics").read_bytes()).walk("VEVENT")}
    internal = next(e for uid, e in events.items() if uid.startswith(f"keydate-{pearson.id}-internal@"))
    assert internal["DTSTART"].dt == date(2026, 9, 1)
    assert "Shortened: 15 working days before would fall before the year starts." in str(internal["DESCRIPTION"])


def test_a_calendar_export_with_no_key_dates_writes_nothing(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as session:
        save_centre(session, CentreDetails(name="Riverside Academy", centre_number="12345"))
    db.close()
    out = tmp_path / "empty.ics"
    assert cli.main(["export", "keydates", "--format", "ics", "--out", str(out), "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert list(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == []
    with open_database(db_path, read_only=True) as again, again.session() as session:
        assert ids.stored_database_id(session) is None  # no events, so no id was needed
