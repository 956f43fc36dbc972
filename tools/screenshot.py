"""Take a screenshot of the real main window, for looking at what we built.

Run under a virtual screen: ``xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python
tools/screenshot.py --db demo.sqlite3 --out shot.png [--tab centre] [--dark]``.
The whole screen is grabbed, as a person would see it. ``--exam-day 2027-05-12 --session PM
[--row 0]`` opens Access arrangements > Exam day on that session (with that row of the list chosen).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from eoffice.ui.app import make_application, settings_file
from eoffice.ui.main_window import MainWindow
from eoffice.ui.opening import open_with_dialogs


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#2b2c2f"),
        (QPalette.ColorRole.AlternateBase, "#323336"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#303134"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#8ab4f8"),
        (QPalette.ColorRole.HighlightedText, "#202124"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--tab")
    parser.add_argument("--dark", action="store_true", help="simulate a dark system palette")
    parser.add_argument("--click", action="append", default=[], metavar="NAME", help="click the button with this accessible name")
    parser.add_argument("--year", help="choose this academic year first, e.g. 2027/28")
    parser.add_argument("--width", type=int, default=1360)
    parser.add_argument("--height", type=int, default=860)
    parser.add_argument("--exam-day", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="open Access arrangements > Exam day on this date")
    parser.add_argument("--session", choices=("AM", "PM"), default="AM", help="with --exam-day")
    parser.add_argument("--row", type=int, help="with --exam-day: choose this row of the list (from 0)")
    args = parser.parse_args()

    app = make_application()
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    db = open_with_dialogs(None, args.db)
    assert db is not None
    window = MainWindow(db, settings_file())
    window.move(0, 0)
    window.resize(args.width, args.height)
    window.show()
    if args.exam_day:
        args.tab = "access"
    if args.tab:
        window.tab(args.tab)
        for i in range(window.tabs.count()):
            if getattr(window.tabs.widget(i), "spec", None) and window.tabs.widget(i).spec.key == args.tab:
                window.tabs.setCurrentIndex(i)

    def act() -> None:
        from PySide6.QtWidgets import QAbstractButton

        if args.year:
            window.year_combo.setCurrentIndex(window.year_combo.findText(args.year))
        for name in args.click:
            buttons = [b for b in window.findChildren(QAbstractButton) if b.accessibleName() == name]
            assert buttons, f"no button called {name!r}"
            buttons[0].click()
        if args.exam_day:
            tab = window.tab("access")
            tab.show_page(tab.page_index(tab.exam_day))  # type: ignore[attr-defined]
            tab.exam_day.choose(args.exam_day, args.session)  # type: ignore[attr-defined]
            if args.row is not None:
                tab.exam_day.table.selectRow(args.row)  # type: ignore[attr-defined]

    QTimer.singleShot(300, act)

    def grab() -> None:
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0, 0, 0, args.width, args.height).save(str(args.out))
        print(f"saved {args.out}")
        window.close()
        QApplication.quit()

    QTimer.singleShot(1200, grab)
    app.exec()


if __name__ == "__main__":
    main()
