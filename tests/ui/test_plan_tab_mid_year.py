"""A plan begun in December: asked once about the tasks already past; a whole year is not
lost to one Ctrl+Z too many."""

from __future__ import annotations

import pytest

from eoffice.domain import plan
from eoffice.domain.plan import Task
from eoffice.ui.dialogs import ask
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs.plan_tab import PlanTab
from tests.conftest import TODAY
from tests.ui.conftest import Answers

MARK = "Mark them “before eoffice”"


@pytest.fixture
def tab(window: MainWindow) -> PlanTab:
    """The plan tab on 2026/27 emptied, as for an officer starting eoffice in November."""
    window.show_item("plan")
    built = window.tab("plan")
    assert isinstance(built, PlanTab)
    year = built.context.year
    with built.context.session() as session:
        plan.delete_tasks(session, [t.id for t in plan.tasks(session, year)])
    built.refresh()
    return built


def _tasks(tab: PlanTab) -> list[Task]:
    return tab.context.read(lambda s: plan.tasks(s, tab.context.year))  # type: ignore[return-value]


def test_the_past_tasks_are_marked_before_eoffice_when_the_officer_says_so(tab: PlanTab, answers: Answers) -> None:
    answers.confirm, answers.choice = True, MARK
    tab.actions["template"].trigger()
    tasks = _tasks(tab)
    past = [t for t in tasks if t.due < TODAY]
    assert past and {t.status for t in past} == {plan.BEFORE_EOFFICE}
    assert not any(t.urgency(TODAY) == plan.OVERDUE for t in tasks)  # no wall of red
    flags = {tab.model.index(row, 5).data() for row in range(tab.model.rowCount())}
    assert "Overdue" not in flags
    index = tab.status_filter.findData(plan.BEFORE_EOFFICE)
    tab.status_filter.setCurrentIndex(index)
    assert tab.proxy.rowCount() == len(past)  # filterable


def test_keeping_them_open_leaves_them_overdue(tab: PlanTab, answers: Answers) -> None:
    answers.confirm, answers.choice = True, "Keep them open"
    tab.actions["template"].trigger()
    past = [t for t in _tasks(tab) if t.due < TODAY]
    assert past and {t.status for t in past} == {"not_started"}


def test_undo_asks_before_it_removes_a_whole_year(tab: PlanTab, window: MainWindow, answers: Answers,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    answers.confirm, answers.choice = True, MARK
    tab.actions["template"].trigger()
    size = len(plan.load_template().tasks)
    asked: list[str] = []

    def confirm(_parent: object, _title: str, question: str) -> bool:
        asked.append(question)
        return answers.confirm

    monkeypatch.setattr(ask, "confirm", confirm)
    window.undo_action.trigger()  # the marking goes back without a question
    assert asked == [] and {t.status for t in _tasks(tab)} == {"not_started"}
    answers.confirm = False
    window.undo_action.trigger()
    assert asked == [f"Undo “New 2026/27 plan from the template”? This removes all {size} tasks it added to "
                     "2026/27, with anything you have changed in them since."]
    assert len(_tasks(tab)) == size  # the officer said no: nothing removed
    answers.confirm = True
    window.undo_action.trigger()
    assert _tasks(tab) == [] and len(asked) == 2
    window.redo_action.trigger()
    assert len(_tasks(tab)) == size
