"""Window start-up, in this order:

1. high-DPI policy and the QApplication (Qt is first imported here, after the command
   line has been parsed);
2. the UK locale, the icon and the settings file;
3. the database, through the one opening function (refusals become a choice);
4. the main window, which builds only the tab that was last open;
5. the first-run dialog, after the window is on screen.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from eoffice import __version__, paths

EXIT_AFTER_SHOWN = "EOFFICE_EXIT_AFTER_SHOWN"  # benchmark hook: print "shown tabs=N", then quit


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
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("eoffice")
    app.setOrganizationName("eoffice")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("eoffice")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    app.setWindowIcon(application_icon())
    return app


def run(db_path: Path | None = None) -> int:
    from eoffice.ui.database_actions import offer_first_run
    from eoffice.ui.main_window import MainWindow
    from eoffice.ui.opening import open_with_dialogs

    app = make_application()
    path = Path(db_path) if db_path else paths.default_database()
    db = open_with_dialogs(None, path)
    if db is None:
        return 2
    window = MainWindow(db, settings_file())
    window.show()
    if os.environ.get(EXIT_AFTER_SHOWN):
        def report_and_quit() -> None:
            print(f"shown tabs={window.tabs.count()}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, report_and_quit)
    else:
        QTimer.singleShot(0, lambda: offer_first_run(window))
    return app.exec()
