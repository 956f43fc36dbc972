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
