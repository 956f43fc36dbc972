"""Template tasks meet their reference key dates whichever arrives second, as in the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from eoffice.db.session import Database, open_database
from eoffice.domain import keydates, plan
from eoffice.domain.years import AcademicYear
from tests.conftest import TODAY

YEAR = AcademicYear.current(TODAY)


def _links(session: Session, year: AcademicYear) -> dict[str, str]:
    """Template key -> reference key of each linked task: comparable across databases."""
    by_id = {r.id: r.reference_key for r in keydates.key_dates(session, year)}
    return {t.template_key or "": by_id[t.key_date_id] or "" for t in plan.tasks(session, year) if t.key_date_id}


@pytest.mark.parametrize("dates_first", [True, False], ids=["dates then plan", "plan then dates"])
def test_either_order_ends_with_the_demos_links(tmp_path: Path, demo_db: Database, dates_first: bool) -> None:
    with open_database(tmp_path / "new-centre.sqlite3") as db, db.session() as session:
        if dates_first:
            keydates.load_reference_dates(session, YEAR)
            plan.new_year_from_template(session, YEAR)
        else:
            plan.new_year_from_template(session, YEAR)
            assert keydates.link_template_tasks(session, YEAR) == 0  # no key dates yet: nothing to meet
            keydates.load_reference_dates(session, YEAR)
        assert keydates.link_template_tasks(session, YEAR) == 23
        linked = _links(session, YEAR)
    with demo_db.session() as session:
        demo = _links(session, YEAR)
    assert linked == demo == keydates.template_task_links()


def test_linking_again_changes_nothing_and_keeps_the_officers_own_links(db: Database) -> None:
    with db.session() as session:
        keydates.load_reference_dates(session, YEAR)
        tasks = plan.new_year_from_template(session, YEAR)
        entries = next(t for t in tasks if t.template_key == "summer-entries-deadline")
        other = next(r for r in keydates.key_dates(session, YEAR) if r.reference_key == "gcse-results-day")
        keydates.link_task(session, entries.id, other.id)  # the officer's choice
        assert keydates.link_template_tasks(session, YEAR) == 22
        assert keydates.link_template_tasks(session, YEAR) == 0
        assert plan.task(session, entries.id).key_date_id == other.id
