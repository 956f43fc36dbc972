"""The tabs of the main window, in order. Each area adds its ``TabSpec`` here.

Tabs are built the first time they are shown, so start-up pays only for the tab the
officer last had open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from eoffice.ui.context import AppContext


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    build: Callable[[AppContext], QWidget]


def _centre(context: AppContext) -> QWidget:
    from eoffice.ui.tabs.centre_tab import CentreTab

    return CentreTab(context)


def _overview(context: AppContext) -> QWidget:
    from eoffice.ui.tabs.overview_tab import OverviewTab

    return OverviewTab(context)


def _keydates(context: AppContext) -> QWidget:
    from eoffice.ui.tabs.keydates_tab import KeyDatesTab

    return KeyDatesTab(context)


def _plan(context: AppContext) -> QWidget:
    from eoffice.ui.tabs.plan_tab import PlanTab

    return PlanTab(context)


def _access(context: AppContext) -> QWidget:
    from eoffice.ui.tabs.access_tab import AccessTab

    return AccessTab(context)


def _roster(context: AppContext) -> QWidget:
    from eoffice.ui.tabs.roster_tab import RosterTab

    return RosterTab(context)


def _standards(context: AppContext) -> QWidget:
    from eoffice.ui.tabs.standards_tab import StandardsTab

    return StandardsTab(context)


TABS: list[TabSpec] = [
    TabSpec("overview", "&Overview", _overview),
    TabSpec("plan", "Annual exams &plan", _plan),
    TabSpec("keydates", "&Key dates", _keydates),
    TabSpec("access", "&Access arrangements", _access),
    TabSpec("roster", "&Invigilators", _roster),
    TabSpec("standards", "Professional &Standards", _standards),
    TabSpec("centre", "&Centre", _centre),
]
