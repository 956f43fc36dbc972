"""The demo centre: the foundation's part of it, scaled and reproducible."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eoffice.db.models import AcademicYear as YearRow
from eoffice.db.models import Series
from eoffice.db.session import Database, open_database
from eoffice.domain.accounts import people
from eoffice.domain.centre import get_centre
from eoffice.domain.demo import DEMO_CENTRE, build_demo
from eoffice.domain.series import series_names, stored_years
from eoffice.domain.years import SERIES_NAMES, AcademicYear
from tests.conftest import TODAY, child_python


def heads_of_department(db: Database) -> list[str]:
    with db.session() as session:
        return [p.name for p in people.people(session, "head_of_department")]


def test_demo_creates_the_centre_and_its_people(demo_db: Database) -> None:
    with demo_db.session() as session:
        assert get_centre(session) == DEMO_CENTRE
        assert people.named_in_role(session, "senco").name == "Zoë Brontë-Ndiaye"
        assert [p.name for p in people.people(session, "exams_assistant")] == ["Tom Barker"]
        assert [p.name for p in people.people(session, "finance")] == ["Helen Greaves"]
    assert len(heads_of_department(demo_db)) == 16


def test_demo_creates_three_years_of_three_series(demo_db: Database) -> None:
    with demo_db.session() as session:
        assert stored_years(session) == [AcademicYear(2025), AcademicYear(2026), AcademicYear(2027)]
        for year in stored_years(session):
            assert series_names(session, year) == list(SERIES_NAMES)
        assert session.scalar(select(func.count()).select_from(YearRow)) == 3
        assert session.scalar(select(func.count()).select_from(Series)) == 9


def test_scale_two_has_more_heads_of_department(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        build_demo(session, scale=1, today=TODAY)
    with open_database(tmp_path / "bigger.sqlite3") as bigger:
        with bigger.session() as session:
            build_demo(session, scale=2, today=TODAY)
        assert len(heads_of_department(bigger)) == 2 * len(heads_of_department(db)) == 32


@pytest.mark.parametrize("scale", [0, -1])
def test_scale_below_one_is_refused(db: Database, scale: int) -> None:
    with db.session() as session:
        with pytest.raises(ValueError, match="at least 1"):
            build_demo(session, scale=scale, today=TODAY)
        assert get_centre(session) is None


def test_same_seed_gives_the_same_demo(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        build_demo(session, today=TODAY, seed=7)
    with open_database(tmp_path / "again.sqlite3") as again:
        with again.session() as session:
            build_demo(session, today=TODAY, seed=7)
        assert heads_of_department(again) == heads_of_department(db)


_DIGEST = """
import hashlib, sys
from datetime import date
from pathlib import Path
from sqlalchemy import text
from eoffice.db.session import open_database
from eoffice.domain.demo import build_demo
# The audit log holds clock times and people hold salted password hashes: both differ by design;
# so do signing keys (new key pairs) and the signatures made with them.
SKIP = {"audit_entry": None, "person": ("password_hash", "password_salt"), "signing_key": ("public_key", "private_key"),
        "signature": ("signature",)}
with open_database(Path(sys.argv[1])) as db:
    with db.session() as session:
        build_demo(session, today=date(2026, 11, 23))
    with db.session() as session:
        tables = session.execute(text("select name from sqlite_master where type='table' order by name")).scalars()
        for table in list(tables):
            if table in SKIP and SKIP[table] is None:
                continue
            rows = session.execute(text(f"select * from {table}")).mappings().all()
            # random by design: the database's id; the demo's mark keeps each demo password's salt
            rows = [r for r in rows if not (table == "setting" and r["key"] in ("database.id", "demo.sign_ins"))]
            kept = sorted(repr(sorted((k, v) for k, v in row.items() if k not in SKIP.get(table, ()))) for row in rows)
            print(table, len(rows), hashlib.sha256(repr(kept).encode()).hexdigest())
"""


def test_the_demo_is_the_same_whatever_the_string_hashing(tmp_path: Path) -> None:
    """Each Python process hashes strings differently; a demo built from a set's order once made CI flaky."""
    outputs = []
    for seed in ("1", "2"):
        home = tmp_path / seed
        home.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "EOFFICE_HOME": str(home)}
        done = subprocess.run(child_python("-c", _DIGEST, str(home / "demo.sqlite3")), env=env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        outputs.append(done.stdout.splitlines())
    assert len(outputs[0]) > 20
    assert outputs[0] == outputs[1]


def test_demo_years_follow_today(db: Database) -> None:
    with db.session() as session:
        build_demo(session, today=date(2030, 3, 1))
        assert stored_years(session) == [AcademicYear(2028), AcademicYear(2029), AcademicYear(2030)]


def test_only_the_demo_lists_sign_ins_and_only_passwords_still_in_use(demo_db: Database, tmp_path: Path) -> None:
    from eoffice.domain.accounts import issue_setup_code, set_first_password, set_password
    from eoffice.domain.demo import demo_sign_ins, is_demo

    with open_database(tmp_path / "real.sqlite3") as real, real.session() as session:
        priya = people.add_person(session, "Priya Shah", "exams_officer").id
        set_first_password(session, priya, issue_setup_code(session, priya, how="when added").code, "officer-demo-2026")
        assert not is_demo(session) and demo_sign_ins(session) == []  # the same password, but not the demo
    with demo_db.session() as session:
        assert is_demo(session)
        shown = demo_sign_ins(session)
        assert [(p.name, p.role) for p in shown] == [
            ("Priya Shah", "exams officer"), ("Daniel O'Connor", "line manager"), ("Tom Barker", "exams assistant")]
        tom = people.named_in_role(session, "exams_assistant")
        assert tom is not None
        set_password(session, tom.id, "tom-chose-this-1", current=shown[2].password)
        assert [p.name for p in demo_sign_ins(session)] == ["Priya Shah", "Daniel O'Connor"]
