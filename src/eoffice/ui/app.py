"""Window start-up, in this order:

1. the QApplication (Qt is first imported here, after the command line has been parsed;
   high-DPI scaling is Qt 6's own, fractional factors passed through as they are);
2. the UK locale, the icon and the settings file;
3. the main window, shown at once with its tabs waiting, its menus' shortcuts set just
   after (``MainWindow.set_shortcuts``: nothing before the first paint makes PySide6 build
   its ``Qt`` namespace);
4. in the first turn of the event loop, the database through the one opening function
   (refusals become a choice): its file's checks, then, for a file at this version, no
   engine yet; the title, the year list, the sign-in setting and the last tab open read
   through SQLite's own connection (``eoffice.db.plain``), so the first tab is painted
   with its data before SQLAlchemy loads (issue 17: its import alone took longer than the
   whole budget for that);
5. the storage layer loaded just after (``warm_storage``), so the first click on another
   tab does not wait for it; the optional sign-in (the window opens locked when the
   database asks for it), then the first-run dialog, after the window is on screen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from eoffice import __version__, paths
from eoffice.ui import collector

if TYPE_CHECKING:
    from eoffice.ui.main_window import MainWindow

# Benchmark hooks: print "shown tabs=N" when the window is up, "ready" when the database is
# open and the first tab filled, then quit; with the second set too, first show every tab
# and every page of a tab with pages, then print "visited peak_rss_kb=N" (issue 17's memory row).
EXIT_AFTER_SHOWN = "EOFFICE_EXIT_AFTER_SHOWN"
VISIT_EVERY_TAB = "EOFFICE_VISIT_EVERY_TAB"


def settings_file() -> QSettings:
    """Window state lives beside the data, so EOFFICE_HOME moves it too."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def application_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        png = paths.resource("icons", f"eoffice-{size}.png")
        if png.exists():
            icon.addFile(str(png))
    return icon


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("eoffice")
    app.setOrganizationName("eoffice")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("eoffice")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app.setWindowIcon(application_icon())
    return app


def warm_storage(window: MainWindow) -> None:
    """Load the storage layer and the database's engine now the first tab is on screen, so the
    officer's first click on another tab or first edit does not wait for them."""
    import eoffice.db.models
    import eoffice.domain.centre  # noqa: F401

    if window.context is not None and not window.context.db.closed:
        _ = window.context.db.sessions  # made on first use (``Database.sessions``)


def log_unexpected_errors() -> None:
    """A bug in a slot goes to the error log (``error_log``: frames, never messages) and
    one line on standard error, not a raw traceback that could quote a person's data."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if not isinstance(error, Exception):
            previous(kind, error, trace)
            return
        from eoffice import error_log

        log = error_log.write(error, where="window")
        print(f"eoffice: an unexpected error ({kind.__name__}); the details for IT are in {log}", file=sys.stderr)

    sys.excepthook = hook


def visit_every_tab(window: MainWindow, app: QApplication) -> int:
    """Show each tab, and each page of the tabs that have pages, as an officer clicking through
    would; return the process's peak resident memory in KB (the kernel's high-water mark)."""
    import resource

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
        content = getattr(window.tabs.widget(index), "content", None)
        pages, show_page = getattr(content, "pages", None), getattr(content, "show_page", None)
        if isinstance(pages, list) and callable(show_page):
            for page in range(len(pages)):
                show_page(page)
                app.processEvents()
        for button in getattr(content, "section_buttons", {}).values():  # the Standards tab's sections
            button.click()
            app.processEvents()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak // 1024 if sys.platform == "darwin" else peak)  # bytes on macOS, KB on Linux


def run(db_path: Path | None = None) -> int:
    from eoffice.ui.main_window import MainWindow

    log_unexpected_errors()
    app = make_application()
    path = Path(db_path) if db_path else paths.default_database()
    window = MainWindow(None, settings_file(), shortcuts_later=True)
    window.show()
    app.processEvents()  # the window on screen first
    benchmark = bool(os.environ.get(EXIT_AFTER_SHOWN))
    if benchmark:
        print(f"shown tabs={window.tabs.count()}", flush=True)
    window.set_shortcuts()  # kept back until now: see ``MainWindow.set_shortcuts``
    from eoffice.ui.opening import open_with_dialogs

    def open_database() -> None:
        try:
            opened = open_and_show()
        finally:
            collector.release()  # held since the command line chose the window (``ui.collector``), whatever happened
        if opened and not benchmark:
            from eoffice.ui.database_actions import offer_first_run
            from eoffice.ui.sign_in import at_start

            warm_storage(window)
            at_start(window)  # the optional sign-in (accounts.sign_in_on_open), now the database is open
            offer_first_run(window)

    def open_and_show() -> bool:
        db = open_with_dialogs(window, path)
        if db is None:
            window.close()
            app.exit(2)
            return False
        window.set_database(db)
        app.processEvents()  # the first tab painted with its data
        collector.release()  # start-up is over
        if benchmark:
            print("ready", flush=True)
            if os.environ.get(VISIT_EVERY_TAB):
                print(f"visited peak_rss_kb={visit_every_tab(window, app)}", flush=True)
            window.close()
            app.quit()
        return True

    QTimer.singleShot(0, open_database)
    return app.exec()
