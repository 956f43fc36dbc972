"""Pages built the first time they are shown: a stacked widget holds an empty stand-in in each
page's place until then, so opening a tab builds (and reads the data of) its first page alone.

Three tabs do this (Access arrangements, Invigilators, Professional Standards); the swap is
here once, so a page shown stays shown and the swap itself is never taken for the officer
choosing another page.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget


def put_in_place(stack: QStackedWidget, index: int, page: QWidget) -> None:
    """``page`` in place of the stand-in at ``index``: the page on screen stays on screen, and
    ``currentChanged`` is not emitted for the swap."""
    stand_in = stack.widget(index)
    assert stand_in is not None  # one stand-in a page, from the start
    current = stack.currentIndex()
    stack.blockSignals(True)
    try:
        stack.insertWidget(index, page)  # the stand-in moves along one, and goes
        stack.removeWidget(stand_in)
        stack.setCurrentIndex(current)
    finally:
        stack.blockSignals(False)
    stand_in.deleteLater()
