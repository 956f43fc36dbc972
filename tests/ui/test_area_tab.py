"""Every tab follows its areas through one base, ``AreaTab``: a change refreshes the tab on
screen at once, and a hidden tab when it is next shown, so an edit costs one tab's reading."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from eoffice.ui import areas
from eoffice.ui.main_window import MainWindow
from eoffice.ui.tabs import TABS
from eoffice.ui.tabs.area_tab import AreaTab
from eoffice.ui.tabs.plan_tab import PlanTab


def test_every_tab_is_an_area_tab(window: MainWindow) -> None:
    built = [window.tab(spec.key) for spec in TABS]
    assert all(isinstance(tab, AreaTab) for tab in built), [type(t).__name__ for t in built]


def test_a_hidden_tab_waits_for_its_own_areas_and_refreshes_when_shown(qtbot: QtBot, window: MainWindow,
                                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.show_item("plan")
    plan = window.tab("plan")
    assert isinstance(plan, PlanTab)
    reads: list[str] = []
    real = plan.refresh
    monkeypatch.setattr(plan, "refresh", lambda: reads.append("plan") or real())

    plan.context.changed.emit(areas.PLAN)  # on screen: at once
    assert reads == ["plan"] and not plan.pending
    window.show_item("overview")
    plan.context.changed.emit(areas.ACCESS)  # not an area the plan shows
    assert reads == ["plan"] and not plan.pending
    plan.context.changed.emit(areas.PLAN)  # hidden: waits
    plan.context.changed.emit(areas.KEYDATES)
    assert reads == ["plan"] and plan.pending
    window.show_item("plan")
    assert reads == ["plan", "plan"] and not plan.pending  # once, for both changes
