"""The Exam day page's view read ahead (``exam_day_ahead``): once the Access tab has refreshed
and the window has been idle, the view of the session the page would open on is read and kept
with that data; opening the page then shows exactly what a read of its own would, without
reading, and any edit or refresh after it makes the page read afresh. Nothing is read for a
tab nobody sees, nor for a page already on screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from eoffice.ui import access_commands, areas
from eoffice.ui.main_window import MainWindow
from eoffice.ui.models.access_models import first_on_or_after
from eoffice.ui.tabs import access_exam_day, exam_day_ahead
from eoffice.ui.tabs.access_exam_day import ExamDayPage
from eoffice.ui.tabs.access_tab import EXAM_DAY, REGISTER, AccessTab
from eoffice.ui.tabs.exam_day_ahead import IDLE_MS
from eoffice.ui.tabs.exam_day_view import ExamDayView, exam_day_view
from tests.ui.access_helpers import arrangements, exam_day_page, tab  # noqa: F401 - a fixture: imported for pytest

pytestmark = pytest.mark.gui

DAY = date(2027, 5, 12)  # the demo's busiest day: 0012 Finn Watson sits two papers that morning
WATSON = 12


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, date, str]]]:
    """Every ``exam_day_view`` read, by whom: ("ahead" or "page", day, session)."""
    found: list[tuple[str, date, str]] = []

    def counted(who: str) -> Any:
        def read(session: Any, day: date, exam_session: str, year: Any = None) -> ExamDayView:
            found.append((who, day, exam_session))
            return exam_day_view(session, day, exam_session, year)

        return read

    monkeypatch.setattr(exam_day_ahead, "exam_day_view", counted("ahead"))
    monkeypatch.setattr(access_exam_day, "exam_day_view", counted("page"))
    yield found


def _shown(page: ExamDayPage) -> tuple[object, ...]:
    """Everything the page shows of its session's view."""
    return (page.current(), page.model.records(), page.clash_model.records(), page.summary.text(),
            page.seating.text(), page.reprint.text(), page.staff.text(), page.clash_heading.text(),
            page.plan.plans, page.holders, page.kit)


def _on_register_with(tab: AccessTab, day: date, sess: str = "AM") -> ExamDayPage:
    """The Exam day page chosen on ``day``'s ``sess`` session, then the register shown again."""
    page = exam_day_page(tab, day, sess)
    tab.show_page(REGISTER)
    return page


def _first_session(tab: AccessTab) -> tuple[date, str]:
    found = first_on_or_after(sorted({(p.sat_on, p.session) for p in tab.data.papers}), tab.data.today)
    assert found is not None
    return found


def test_after_an_idle_moment_the_page_opens_on_the_view_read_ahead_without_reading(
        tab: AccessTab, qtbot: QtBot, reads: list[tuple[str, date, str]]) -> None:
    assert EXAM_DAY not in tab._built  # the page is not built yet: the session it opens on is the first from today
    qtbot.waitUntil(lambda: bool(tab.data.views_ahead), timeout=IDLE_MS * 5)  # the window left idle
    first = _first_session(tab)
    assert reads == [("ahead", *first)] and set(tab.data.views_ahead) == {first}
    tab.show_page(EXAM_DAY)
    page = tab.exam_day
    assert page.current() == first and reads == [("ahead", *first)]  # shown without a read of its own
    assert not tab.data.views_ahead  # taken: it serves once
    ahead = _shown(page)
    page.show_session()  # the same session read by the page itself
    assert reads[-1] == ("page", *first)
    assert _shown(page) == ahead


def test_the_page_chosen_session_is_read_ahead_and_shown_as_read_directly(
        tab: AccessTab, reads: list[tuple[str, date, str]]) -> None:
    page = _on_register_with(tab, DAY, "PM")
    tab.refresh()  # new data: the page will load it when next shown
    reads.clear()
    tab.finish_reading_ahead()
    assert reads == [("ahead", DAY, "PM")]
    assert tab.data.views_ahead[(DAY, "PM")] == tab.context.read(lambda s: exam_day_view(s, DAY, "PM"))
    tab.show_page(EXAM_DAY)
    assert reads == [("ahead", DAY, "PM")] and page.current() == (DAY, "PM")
    ahead = _shown(page)
    page.show_session()
    assert _shown(page) == ahead


def test_an_arrangement_edited_after_the_read_ahead_is_shown_as_edited(
        tab: AccessTab, reads: list[tuple[str, date, str]]) -> None:
    page = _on_register_with(tab, DAY)
    tab.refresh()
    tab.finish_reading_ahead()
    stale = tab.data.views_ahead[(DAY, "AM")]
    record = next(r for r in arrangements(tab) if r.candidate_number == WATSON and r.status == "approved")
    access_commands.set_status(tab.context, [record], "withdrawn")  # read again by ``refresh_arrangements``
    assert not tab.data.views_ahead  # the new data carries no view read before the edit
    tab.finish_reading_ahead()  # the edit's own read ahead, of the view as it is now
    fresh = tab.context.read(lambda s: exam_day_view(s, DAY, "AM"))
    assert fresh.rows != stale.rows  # 0012's arrangements are in the view: the stale one would show them
    assert tab.data.views_ahead[(DAY, "AM")] == fresh
    tab.show_page(EXAM_DAY)
    assert page.model.records() == fresh.rows


def test_a_view_read_ahead_is_never_carried_into_data_an_edit_changed(
        tab: AccessTab, reads: list[tuple[str, date, str]]) -> None:
    page = _on_register_with(tab, DAY)
    tab.refresh()
    tab.finish_reading_ahead()
    record = next(r for r in arrangements(tab) if r.candidate_number == WATSON and r.status == "approved")
    tab._ahead_for = None  # the edit's own read ahead held back: the page must read for itself
    access_commands.set_status(tab.context, [record], "withdrawn")
    tab._ahead.stop()
    reads.clear()
    tab.show_page(EXAM_DAY)
    assert reads == [("page", DAY, "AM")]
    assert page.model.records() == tab.context.read(lambda s: exam_day_view(s, DAY, "AM")).rows


def test_any_refresh_drops_the_view_read_ahead(tab: AccessTab, reads: list[tuple[str, date, str]]) -> None:
    _on_register_with(tab, DAY)
    tab.refresh()
    tab.finish_reading_ahead()
    before = tab.data
    assert before.views_ahead
    tab.context.changed.emit(areas.ROSTER)  # seating changed elsewhere (the Invigilators tab): the tab reads again
    assert tab.data is not before and not tab.data.views_ahead
    reads.clear()
    tab._ahead.stop()  # its own read ahead held back
    tab.show_page(EXAM_DAY)
    assert reads == [("page", DAY, "AM")]


def test_a_print_finished_drops_the_view_read_ahead(tab: AccessTab) -> None:
    """A print is recorded on the export's own thread and tells no tab: a view read meanwhile may not have it."""
    page = _on_register_with(tab, DAY)
    tab.refresh()
    tab.finish_reading_ahead()
    assert tab.data.views_ahead
    page._printed(None)  # type: ignore[arg-type]  # the outcome is not read
    assert not tab.data.views_ahead


def test_nothing_is_read_ahead_for_a_hidden_tab(tab: AccessTab, window: MainWindow, qtbot: QtBot,
                                                reads: list[tuple[str, date, str]]) -> None:
    tab.refresh()
    assert tab._ahead.isActive()
    window.show_item("plan")
    qtbot.waitUntil(lambda: not tab.isVisible())
    assert not tab._ahead.isActive()
    qtbot.wait(IDLE_MS + 300)
    tab.finish_reading_ahead()
    assert reads == [] and not tab.data.views_ahead
    window.show_item("access")  # shown again: the read ahead it was owed is waiting again
    qtbot.waitUntil(tab.isVisible)
    assert tab._ahead.isActive()
    tab.finish_reading_ahead()
    assert reads == [("ahead", *_first_session(tab))]


def test_nothing_is_read_ahead_while_the_page_is_on_screen(tab: AccessTab, qtbot: QtBot,
                                                           reads: list[tuple[str, date, str]]) -> None:
    page = exam_day_page(tab, DAY)
    reads.clear()
    tab.refresh()  # the page on screen reads for itself at once
    assert reads == [("page", DAY, "AM")]
    qtbot.wait(IDLE_MS + 300)
    tab.finish_reading_ahead()
    assert reads == [("page", DAY, "AM")] and not tab.data.views_ahead
    assert page.current() == (DAY, "AM")


def test_nothing_is_read_ahead_for_the_whole_year_s_clashes(tab: AccessTab,
                                                            reads: list[tuple[str, date, str]]) -> None:
    page = exam_day_page(tab, DAY)
    page.whole_year.setChecked(True)
    tab.show_page(REGISTER)
    tab.refresh()
    reads.clear()
    tab.finish_reading_ahead()
    assert reads == [] and not tab.data.views_ahead


def test_a_view_read_ahead_for_another_session_is_not_shown(tab: AccessTab,
                                                            reads: list[tuple[str, date, str]]) -> None:
    page = _on_register_with(tab, DAY)
    tab.refresh()
    tab.finish_reading_ahead()
    tab.data.views_ahead[(DAY, "PM")] = tab.data.views_ahead.pop((DAY, "AM"))  # kept under the wrong key
    reads.clear()
    tab.show_page(EXAM_DAY)
    assert reads == [("page", DAY, "AM")] and not tab.data.views_ahead
    assert page.model.records() == tab.context.read(lambda s: exam_day_view(s, DAY, "AM")).rows
