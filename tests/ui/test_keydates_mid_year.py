"""Reference dates loaded in December: asked once about the dates already past."""

from __future__ import annotations

import pytest

from eoffice.domain import keydates
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.keydates_tab import KeyDatesTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers


@pytest.fixture
def tab(window: MainWindow) -> KeyDatesTab:
    built = window.tab("keydates")
    assert isinstance(built, KeyDatesTab)
    year = built.context.year
    with built.context.session() as session:
        keydates.delete_key_dates(session, [r.id for r in keydates.key_dates(session, year)])
    built.refresh()
    return built


@pytest.mark.parametrize(("choice", "open_after"), [("Mark them done", False), ("Keep them open", True)])
def test_dates_already_past_are_marked_done_or_kept_open_as_the_officer_says(
    tab: KeyDatesTab, answers: Answers, choice: str, open_after: bool
) -> None:
    answers.confirm, answers.choice = True, choice
    tab.actions["load"].trigger()
    records = tab.context.read(lambda s: keydates.key_dates(s, tab.context.year))
    past = [r for r in records if r.on < TODAY]  # type: ignore[attr-defined]
    assert past
    assert any(keydates.is_overdue(r, TODAY) for r in past) is open_after
    assert not any(r.done for r in records if r.on > TODAY)  # type: ignore[attr-defined]


def test_loading_again_corrects_a_projection_the_officer_left_alone_and_one_undo_puts_it_back(
    window: MainWindow, answers: Answers
) -> None:
    """A database from before the pack said 19/08/2027: A level results day 12/08/2027, with a
    plan task linked to it. Loading the reference dates again moves both; one undo, both back."""
    from dataclasses import replace
    from datetime import date

    from eoffice.domain import plan

    window.show_item("keydates")
    tab = window.tab("keydates")
    assert isinstance(tab, KeyDatesTab)
    year = tab.context.year
    with tab.context.session() as session:
        results = next(r for r in keydates.key_dates(session, year) if r.reference_key == "a-level-results-day")
        assert results.on == date(2027, 8, 19) and not results.edited
        keydates.update_key_date(session, results.id, replace(results.fields, on=date(2027, 8, 12)), edited=False)
        task = plan.add_task(session, year, plan.TaskFields("Zebra results staffing", "results", "exams_officer",
                                                            date(2027, 8, 11)))
        keydates.link_task(session, task.id, results.id)
    tab.refresh()
    answers.confirm = True
    tab.actions["load"].trigger()
    assert "Updated: 'A level results day': date 12/08/2027 to 19/08/2027" in answers.infos[-1]
    assert "Plan: 2 tasks moved with their key dates" in answers.infos[-1]  # the template's and this one
    assert tab.context.read(lambda s: keydates.key_dates(s, year))  # still readable
    moved = tab.context.read(lambda s: plan.task(s, task.id))
    assert moved.due == date(2027, 8, 18)  # type: ignore[attr-defined]
    window.undo_action.trigger()
    back = tab.context.read(lambda s: next(r for r in keydates.key_dates(s, year) if r.id == results.id))
    assert back.on == date(2027, 8, 12) and not back.edited
    assert tab.context.read(lambda s: plan.task(s, task.id)).due == date(2027, 8, 11)  # type: ignore[attr-defined]
    assert "reference dates as of" in tab.reference_note.text().lower()
