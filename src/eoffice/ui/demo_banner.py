"""The strip above the tabs that says the open database is the demo centre, with the demo
people's sign-in passwords, so a tester can sign in and sign without guessing.

Shown only for a database ``build_demo`` made (``eoffice demo`` or the first run's "Explore a
demo centre"): ``demo_sign_ins.is_demo`` finds its mark; any other database hides the strip. A
password someone has since changed is no longer listed (``demo_sign_ins.demo_sign_ins``). Refreshed
when the database changes, someone signs in or out, or a File menu account action (set or
reset a password) has run.

Each person's password is a label of its own in a flowing row: a narrow window moves a whole
"name (role): password" to the next line, never breaks a password at one of its hyphens.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6 import QtCore  # ``QtCore.Qt`` where used, not imported: on the way to the first paint (``MainWindow.set_shortcuts``)
from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QLayoutItem, QVBoxLayout, QWidget

from eoffice.ui import areas, sign_in

if TYPE_CHECKING:
    from eoffice.domain.demo_sign_ins import DemoSignIn
    from eoffice.ui.context import AppContext
    from eoffice.ui.main_window import MainWindow

STYLE = "QFrame#DemoBanner { background: rgba(59, 130, 246, 45); }"
INTRO = "<b>Demo centre</b>: made-up data for trying eoffice, kept apart from any real centre."
SIGN_IN = " Sign in (File &gt; Sign in…) with a demo password:"


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line as whole items."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 16) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> QtCore.Qt.Orientation:
        return QtCore.Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); the height they take."""
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap // 3, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class DemoBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoBanner")
        self.setAccessibleName("Demo centre")
        self.setStyleSheet(STYLE)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName("Demo centre")
        self.people = FlowLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        layout.addWidget(self.intro)
        layout.addLayout(self.people)
        self.context: AppContext | None = None
        self.demo = False
        self.shown: list[DemoSignIn] = []
        self._following_actions = False
        self.hide()

    def attach(self, window: MainWindow) -> None:
        """After ``set_database`` (each database has a new context): follow the window's database."""
        from eoffice.domain.demo_sign_ins import is_demo  # light: not the demo builder

        context = window.context
        assert context is not None
        self.context = context
        # Asked once: only ``build_demo`` marks a database, and it makes a new file.
        self.demo = bool(context.read_plain(is_demo))
        self.setVisible(self.demo)
        if not self.demo:
            return  # a real centre: nothing to follow, no read after each edit
        context.changed.connect(lambda area: self.refresh() if area == areas.CENTRE else None)  # people
        sign_in.signed_in(context).changed.connect(self.refresh)
        if not self._following_actions:  # connected after the actions' own slots, so run after them
            self._following_actions = True
            for action in sign_in.account_actions(window):
                action.triggered.connect(lambda _=False: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        from eoffice.domain.demo_sign_ins import demo_sign_ins

        context = self.context
        if context is None or not self.demo:
            return
        people: list[DemoSignIn] = context.read_plain(demo_sign_ins)  # plain: filled before the first paint
        if people == self.shown and self.intro.text():
            return
        self.shown = people
        self.intro.setText(INTRO + (SIGN_IN if people else ""))
        while (item := self.people.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        for person in people:
            label = QLabel(f"{escape(person.name)} ({escape(person.role)}): <b>{escape(person.password)}</b>")
            label.setAccessibleName(f"Demo sign-in of {person.name}")
            label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)  # the password can be copied
            self.people.addWidget(label)

    def text(self) -> str:
        """What the strip says, as plain text, one line per person (empty when hidden)."""
        if self.isHidden():
            return ""
        lines = [self.intro.text().replace("<b>", "").replace("</b>", "").replace("&gt;", ">")]
        lines += [f"{p.name} ({p.role}): {p.password}" for p in self.shown]
        return "\n".join(lines)
