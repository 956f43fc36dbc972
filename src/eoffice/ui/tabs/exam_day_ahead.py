"""The Exam day page's view, read ahead while the officer is on another page of the Access tab.

Its one read (``exam_day_view``: the busiest session seated, its staffing and kit, about
60 ms at ten times a large school) is most of what opening the page costs. So once the tab
has refreshed and the window has been idle for a moment (``IDLE_MS``), the tab reads the
view of the session the page would show when next opened, and keeps it with the
``AccessData`` it was read for; the page takes it (``AccessData.take_view_ahead``) the first
time it shows that session and reads for itself every time after.

A view kept must never outlive the data it was read from: it lives on that ``AccessData``
(``views_ahead``) and nowhere else, every refresh makes new data, an edit of arrangements
alone makes new data without it (``AccessData.with_arrangements``), and the page drops it
the first time it shows anything at all. Nothing here is read for a tab nobody sees.
"""

from __future__ import annotations

from datetime import date

from eoffice.ui.models.access_models import first_on_or_after
from eoffice.ui.tabs.access_common import AccessData
from eoffice.ui.tabs.access_exam_day import ExamDayPage
from eoffice.ui.tabs.exam_day_view import exam_day_view

IDLE_MS = 1000  # how long the window is left idle after a refresh before the view is read


def next_session(data: AccessData, page: ExamDayPage | None) -> tuple[date, str] | None:
    """The session the page shows when next loaded with ``data`` (as ``ExamDayPage.load``
    chooses it): the one the officer chose, while the year is the same, else the first from
    today. None when that is not one day's view (the whole year's clashes are shown) or the
    timetable has no session: nothing to read ahead."""
    if page is not None:
        if page.whole_year.isChecked():
            return None
        if page.chosen_once and page.year == data.year:
            return page.current()
    return first_on_or_after(data.exam_sessions, data.today)


def read_ahead(data: AccessData, page: ExamDayPage | None) -> tuple[date, str] | None:
    """Read and keep, with ``data``, the view of the session the page would show next; the
    session read, or None when there was none to read."""
    found = next_session(data, page)
    if found is None:
        return None
    day, sess = found
    data.views_ahead[found] = data.context.read(lambda s: exam_day_view(s, day, sess))
    return found

