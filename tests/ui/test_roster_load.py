"""The People load page flags stored sessions that put one invigilator in two rooms at once."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from eoffice.db.session import Database
from eoffice.domain import roster
from eoffice.domain.roster import AssignmentRecord, Duty
from eoffice.ui.app import settings_file
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs import roster_load
from eoffice.ui.tabs.roster_tab import RosterTab
from tests.conftest import TODAY
from tests.domain.roster_helpers import arrange, invigilator, room, sitting

DAY = date(2027, 5, 18)
OVERLAP = "Tue 18/05/2027: Hall A AM until 13:50 overlaps Hall B PM from 13:30"


def duty(room_id: int, room_name: str, sess: str, start: int, finish: int, on: date = DAY) -> Duty:
    record = AssignmentRecord(room_id, 1, "X", on, sess, room_id, room_name, "invigilator", False)
    return Duty(record, start - 25, start, finish)


def test_overlapping_rooms_on_one_day_are_named_with_their_times() -> None:
    morning, afternoon = duty(1, "Hall A", "AM", 540, 830), duty(2, "Hall B", "PM", 810, 900)
    assert roster_load.overlaps([afternoon, morning]) == [OVERLAP]
    assert roster_load.overlaps([morning, duty(1, "Hall A", "PM", 810, 900)]) == []  # the same room all day
    assert roster_load.overlaps([duty(1, "Hall A", "AM", 540, 810), afternoon]) == []  # ends as the afternoon starts
    assert roster_load.overlaps([morning, duty(2, "Hall B", "PM", 810, 900, on=date(2027, 5, 19))]) == []
    assert roster_load.overlaps([duty(3, "Library", "AM", 540, 540), afternoon]) == []  # a room with no exam: no times


def test_a_lock_made_before_extra_time_was_added_shows_as_a_warning(qtbot: QtBot, db: Database) -> None:
    with db.session() as session:
        hall_a = room(session, "Hall A", 100)
        hall_b = room(session, "Hall B", 30, on_screen=True)
        _pid, ids = sitting(session, 1, DAY, "AM", minutes=232)
        sitting(session, 1, DAY, "PM", minutes=60, mode="on_screen")
        x = invigilator(session, "X Morgan")
        invigilator(session, "Yan Free")
        roster.assign(session, x, DAY, "AM", hall_a, locked=True)  # then the exam ended at 12:52
        roster.assign(session, x, DAY, "PM", hall_b, locked=True)
        arrange(session, ids[0], extra=25)  # now Hall A is covered until 13:50
    window = MainWindow(db, settings_file(), today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.show_item("roster")
    tab = window.tab("roster")
    assert isinstance(tab, RosterTab)
    qtbot.waitUntil(tab.isVisible)
    tab.show_page(tab.pages.index(tab.load_page))
    rows = {r.name: r for r in tab.load_page.model._rows}
    assert rows["X Morgan"].warnings == (OVERLAP,)
    assert rows["Yan Free"].warnings == ()
    assert "1 people with warnings" in tab.load_page.totals.text()
    tab.load_page.select(x)
    assert f"⚠ {OVERLAP}" in tab.load_page.heading.text()
    window.close()
