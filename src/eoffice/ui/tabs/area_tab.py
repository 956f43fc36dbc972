"""What every tab of the window shares: it follows its areas' changes and the chosen year,
and refreshes only when it can be seen.

A change in one tab (an undo included) announces its area on ``AppContext.changed``. A tab
that shows that area refreshes at once if it is on screen, or marks itself to refresh when
it is next shown: so an edit costs the reading of the one tab the officer is looking at,
not of all seven. Tabs once each wired this themselves, three deferring and four not.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Collection
from typing import ClassVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from eoffice.domain.years import AcademicYear
from eoffice.ui import areas
from eoffice.ui.context import AppContext
from eoffice.ui.widgets.abstract_widget import AbstractWidgetMeta


class AreaTab(QWidget, metaclass=AbstractWidgetMeta):
    """A tab of the window. A subclass names the areas it shows in ``watches`` (every area
    by default), implements ``refresh`` and calls ``follow_changes`` once it is built."""

    watches: ClassVar[Collection[str]] = areas.EVERY

    def __init__(self, context: AppContext, name: str) -> None:
        super().__init__()
        self.context = context
        self.setAccessibleName(name)
        self._pending = False

    def follow_changes(self) -> None:
        """Listen to the areas and the year, and show the data now."""
        self.context.changed.connect(self._area_changed)
        self.context.yearChanged.connect(self.year_changed)
        self.refresh_now()

    @abstractmethod
    def refresh(self) -> None:
        """Read what the tab shows and show it."""

    def year_changed(self, _year: AcademicYear) -> None:
        """Another year chosen; a tab with more to redo (its calendar, its series) adds it."""
        self.refresh_when_seen()

    def refresh_now(self) -> None:
        self._pending = False
        self.refresh()

    def refresh_when_seen(self) -> None:
        """Now if the tab is on screen, else the next time it is shown. A tab whose window is
        not shown at all (being built, or on its own in a test) refreshes now: nothing else
        would ever show it."""
        if self.isVisible() or not self.window().isVisible():
            self.refresh_now()
        else:
            self._pending = True

    @property
    def pending(self) -> bool:
        """True while a change waits for the tab to be shown."""
        return self._pending

    def _area_changed(self, area: str) -> None:
        if area in self.watches:
            self.refresh_when_seen()

    def showEvent(self, event: QShowEvent) -> None:
        if self._pending:
            self.refresh_now()
        super().showEvent(event)
