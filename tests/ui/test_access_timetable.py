"""The timetable and exam-day pages: a new paper, the worked extra-time case, the day's clashes
and stepping through the exam sessions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from eoffice.domain import access, examday
from eoffice.domain.access import PaperFields, exam_day, timetable
from eoffice.ui.dialogs.paper_dialog import PaperDialog
from eoffice.ui.models.access_models import FINISH_COLUMN, RESOLUTION_COLUMN
from eoffice.ui.tabs.access_tab import AccessTab
from tests.ui.access_helpers import YEAR, add_candidate, dialogs, tab  # noqa: F401 - fixtures: imported for pytest to find


def test_new_paper_takes_the_session_start_and_is_undoable(tab: AccessTab, dialogs) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: PaperDialog) -> None:
        dialog.board.setCurrentText("OCR")
        dialog.code.setText("j560/01")
        dialog.title_edit.setText("Mathematics Paper 1")
        dialog.sat_on.set_date(date(2027, 6, 30))
        dialog.session.setCurrentIndex(dialog.session.findData("PM"))
        assert dialog.start.text() == "13:30"  # the centre's PM start follows the session
        dialog.duration.setText("1h 30m")

    dialogs(fill)
    tab.show_page(2)
    tab.timetable.actions["new"].trigger()
    added = tab.context.read(lambda s: timetable.find_paper(s, "J560/01", date(2027, 6, 30), "PM"))
    assert added is not None and (added.start_minutes, added.duration_minutes) == (810, 90)  # type: ignore[attr-defined]
    assert [p.code for p in tab.timetable.chosen()] == ["J560/01"]
    tab.context.undo_stack.undo()
    assert tab.context.read(lambda s: timetable.find_paper(s, "J560/01", date(2027, 6, 30), "PM")) is None


def test_exam_day_shows_the_worked_case_finishing_at_10_53(tab: AccessTab) -> None:
    day = date(2027, 7, 1)  # after the demo's timetable: nobody else sits that morning
    cid = add_candidate(tab)
    with tab.context.session() as session:
        paper = timetable.add_paper(session, PaperFields("AQA", "TEST/1", "Worked case paper", day, "AM", 9 * 60, 90,
                                                         "GCSE"))
        timetable.add_entries(session, [(cid, paper.id)])
        access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="approved",
                                                               approved_on=date(2026, 10, 1)))
    tab.context.changed.emit("access")
    tab.show_page(3)
    page = tab.exam_day
    page.choose(day, "AM")
    assert page.proxy.rowCount() == 1
    texts = [page.proxy.index(0, c).data() for c in range(page.proxy.columnCount())]
    assert texts[0] == "9001" and texts[1] == "Testperson, Pat"
    assert texts[5:] == ["09:00", "1h 30m", "22½", "—", "10:53"]
    assert page.proxy.index(0, FINISH_COLUMN).data(Qt.ItemDataRole.FontRole).bold()
    assert "the last finishes at 10:53" in page.summary.text()


def test_exam_day_lists_the_days_clashes_and_every_clash_of_the_year(tab: AccessTab) -> None:
    found = tab.context.read(lambda s: exam_day.clashes(s, YEAR))
    assert found
    day = found[0].sat_on
    tab.show_page(3)
    page = tab.exam_day
    page.choose(day, "AM")
    that_day = [c for c in found if c.sat_on == day]  # type: ignore[attr-defined]
    assert page.clash_proxy.rowCount() == len(that_day)
    resolutions = {page.clash_proxy.index(r, RESOLUTION_COLUMN).data() for r in range(page.clash_proxy.rowCount())}
    advice = {c.advice[:1].upper() + c.advice[1:] for c in that_day}  # type: ignore[attr-defined]
    assert resolutions == advice and resolutions  # which paper moves, in plain words
    assert f"{len(that_day)} clash" in page.clash_heading.text()
    page.whole_year.setChecked(True)
    assert page.clash_proxy.rowCount() == len(found)  # type: ignore[arg-type]
    kinds = {c.resolution for c in found}  # type: ignore[attr-defined]
    assert kinds == set(access.RESOLUTIONS)  # the demo has every kind


def test_exam_day_starts_at_the_next_session_and_steps_through_the_timetable(tab: AccessTab) -> None:
    tab.show_page(3)
    page = tab.exam_day
    sessions = sorted({(p.sat_on, p.session) for p in tab.context.read(lambda s: timetable.papers(s, YEAR))})  # type: ignore[attr-defined]
    assert page.current() == sessions[0]  # the demo's summer series is after today
    assert not page.previous.isEnabled()
    page.next.click()
    assert page.current() == sessions[1]
    page.previous.click()
    assert page.current() == sessions[0]
    assert page.proxy.rowCount() == len(tab.context.read(lambda s: examday.session_list(s, *sessions[0])))  # type: ignore[arg-type]
