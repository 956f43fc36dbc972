"""The one window: tabs for each area, menus, a year switcher and a status bar.

Tabs are built lazily (the first time they are shown); the window remembers its
geometry and last tab in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from eoffice import __version__, paths
from eoffice.db.files import refuse_overwriting_a_database
from eoffice.domain.years import AcademicYear
from eoffice.errors import EofficeError
from eoffice.ui import hotkeys, sign_in
from eoffice.ui.context import AppContext
from eoffice.ui.demo_banner import DemoBanner
from eoffice.ui.dialogs import ask
from eoffice.ui.exports import EXPORT_ACTIONS, ExportAction, request_for
from eoffice.ui.hotkeys import Key
from eoffice.ui.tabs import TABS, TabSpec

if TYPE_CHECKING:  # and imported where used: the window is shown before an export can be asked for
    from eoffice.db.session import Database
    from eoffice.io.catalogue import Request
    from eoffice.ui.background import ExportJob, ExportOutcome


class LazyTab(QWidget):
    """Holds a tab's place until it is first shown, then builds the real widget."""

    def __init__(self, spec: TabSpec, context: AppContext | None) -> None:
        super().__init__()
        self.spec, self.context = spec, context
        self.content: QWidget | None = None
        self.setAccessibleName(spec.title.replace("&", ""))
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.content is None:
            if self.context is None:  # the window is up, the database still opening
                self.content = QLabel("Opening the database…")
                # Centred by style sheet: ``Qt.AlignmentFlag`` here, on the way to the first
                # paint, would make PySide6 build its whole ``Qt`` namespace (see ``set_shortcuts``).
                self.content.setStyleSheet("qproperty-alignment: AlignCenter;")
            else:
                self.content = self.spec.build(self.context)
            layout = self.layout()
            assert layout is not None  # made in __init__
            layout.addWidget(self.content)
            if self.isVisible():
                self.content.show()  # now, not when the layout's queued show comes: it is on screen
        return self.content


class MainWindow(QMainWindow):
    def __init__(self, db: Database | None, settings: QSettings, *, today: date | None = None,
                 shortcuts_later: bool = False) -> None:
        """With ``db`` None the window shows at once with its tabs waiting for
        ``set_database``: the officer sees eoffice while the storage layer loads. With
        ``shortcuts_later`` the menus' shortcuts wait for ``set_shortcuts`` (start-up)."""
        super().__init__()
        self.settings = settings
        self.today = today
        self._shortcuts_later: list[tuple[QAction, Key]] | None = [] if shortcuts_later else None
        self.sign_in_guard: sign_in.Guard | None = None  # ``sign_in.guard`` makes it with the File menu
        self.context: AppContext | None = None
        self.export_job: ExportJob | None = None  # the export being written, if any
        self.undo_group = QUndoGroup(self)
        self.setObjectName("MainWindow")
        self.setAccessibleName("eoffice main window")
        self.resize(1200, 800)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Areas")
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.demo_banner = DemoBanner()  # above the tabs; shown only for the demo centre
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.demo_banner)
        central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Academic year")
        self.year_combo.setToolTip("Academic year (Ctrl+Y)")
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        year_label = QLabel("Academic &year: ")
        year_label.setBuddy(self.year_combo)
        toolbar = QToolBar("Year")
        toolbar.setObjectName("YearToolbar")
        toolbar.setAccessibleName("Year toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(year_label)
        toolbar.addWidget(self.year_combo)
        self.addToolBar(toolbar)  # at the top

        self.path_label = QLabel()
        self.path_label.setAccessibleName("Database file")
        self.year_status = QLabel()
        self.year_status.setAccessibleName("Academic year shown")
        self.mode_label = QLabel()
        self.mode_label.setAccessibleName("Database mode")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.mode_label)
        self.statusBar().addPermanentWidget(self.year_status)
        self.signed_in_label = QLabel()
        self.signed_in_label.setAccessibleName("Signed in as")
        self.statusBar().addPermanentWidget(self.signed_in_label)

        self._build_menus()
        if db is not None:
            self.set_database(db)
        else:
            for spec in TABS:
                self.tabs.addTab(LazyTab(spec, None), spec.title)
            self.statusBar().showMessage("Opening the database…")
            for action in (self.centre_action, self.restore_action):
                action.setEnabled(False)
        self._restore_window_state()

    # --- menus ---------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[..., object], shortcut: Key | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self.shortcut(action, shortcut)
        action.triggered.connect(slot)
        return action

    def shortcut(self, action: QAction, key: Key) -> None:
        """``action.setShortcut(key)``, now or, while start-up keeps them back, in ``set_shortcuts``."""
        if self._shortcuts_later is None:
            action.setShortcut(key)
        else:
            self._shortcuts_later.append((action, key))

    def set_shortcuts(self) -> None:
        """The menus' shortcuts, once the window is on screen. The first ``setShortcut`` makes
        PySide6 build its ``Qt`` namespace, every enum Qt has (about 15 ms), which a window
        without them never needs: start-up shows the window first (issue 17). Nobody can press
        a key before the window is there to take it."""
        waiting, self._shortcuts_later = self._shortcuts_later or [], None
        for action, key in waiting:
            action.setShortcut(key)

    def _build_menus(self) -> None:
        # Imported when clicked: these pull in the storage layer, which start-up defers.
        def new_database() -> None:
            from eoffice.ui.database_actions import new_database as run

            run(self)

        def open_other() -> None:
            from eoffice.ui.database_actions import open_other as run

            run(self)

        def backup() -> None:
            from eoffice.ui.database_actions import backup as run

            run(self)

        def restore() -> None:
            from eoffice.ui.database_actions import restore as run

            run(self)

        def edit_centre() -> None:
            from eoffice.ui.dialogs.centre_dialog import edit_centre as edit

            if self.context is not None:  # the action is off until a database is open
                edit(self.context, self)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&New database…", new_database, hotkeys.NEW_DATABASE))
        file_menu.addAction(self._action("&Open database…", open_other, hotkeys.OPEN_DATABASE))
        file_menu.addSeparator()
        self.centre_action = self._action("&Centre details…", edit_centre, hotkeys.CENTRE_DETAILS)
        file_menu.addAction(self.centre_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Back up database…", backup, hotkeys.BACKUP))
        self.restore_action = self._action("&Restore from a backup…", restore)
        file_menu.addAction(self.restore_action)
        export_menu = file_menu.addMenu("&Export")
        for before, export in zip([None, *EXPORT_ACTIONS], EXPORT_ACTIONS, strict=False):  # before: one longer
            if before is not None and before.export.area != export.export.area:
                export_menu.addSeparator()
            export_menu.addAction(self._action(export.label, lambda _=False, e=export: self.run_export(e)))

        def open_import() -> None:  # File > Import…: candidates, timetable, entries, arrangements, plan, key dates
            from eoffice.ui.import_dialog import open_import as run

            run(self)

        self.import_action = self._action("&Import…", open_import)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        for action in sign_in.account_actions(self):  # sign in, sign out / lock, set my password
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("E&xit", self.close, hotkeys.QUIT))

        edit_menu = self.menuBar().addMenu("&Edit")
        # Not createUndoAction: a change as big as a whole year asks before it is undone.
        def undo() -> None:
            from eoffice.ui import commands  # pulls in the storage layer, which start-up defers

            commands.undo(self.undo_group.activeStack(), lambda question: ask.confirm(self, "Undo", question))

        self.undo_action = self._action("&Undo", undo, hotkeys.UNDO)
        self.undo_action.setEnabled(False)
        self.undo_group.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_group.undoTextChanged.connect(lambda text: self.undo_action.setText(f"&Undo {text}".strip()))
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.shortcut(self.redo_action, hotkeys.REDO)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()

        def edit_settings() -> None:  # Edit > Settings…: ratios, deadlines, start times, locking
            from eoffice.ui.dialogs.settings_dialog import edit_settings as edit

            edit(self.context, self)

        self.settings_action = self._action("&Settings…", edit_settings)
        edit_menu.addAction(self.settings_action)

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self._action("Choose academic &year", self.year_combo.setFocus, hotkeys.YEAR_SWITCHER))
        view_menu.addAction(self._action("&Next tab", lambda: self._step_tab(1), hotkeys.NEXT_TAB))
        view_menu.addAction(self._action("&Previous tab", lambda: self._step_tab(-1), hotkeys.PREVIOUS_TAB))
        view_menu.addAction(self._action("&Filter the list shown", self.find_in_tab, hotkeys.FIND))

        def show_shortcuts() -> None:
            from eoffice.ui.dialogs.shortcuts_dialog import ShortcutsDialog

            ask.run_dialog(ShortcutsDialog(self))

        help_menu = self.menuBar().addMenu("&Help")
        self.shortcuts_action = self._action("&Keyboard shortcuts", show_shortcuts, hotkeys.HELP)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self._action("&About eoffice", self.show_about))

    # --- database --------------------------------------------------------------------

    @property
    def db(self) -> Database:
        assert self.context is not None
        return self.context.db

    def set_database(self, db: Database) -> None:
        """Switch to another database: close the old one, rebuild the tabs."""
        remembered_tab = self._current_tab_key()
        old = self.context
        year = old.year if old else AcademicYear.current(self.today)
        self.context = AppContext(db, year, self, today=self.today)
        self.context.errorRaised.connect(lambda message: ask.error(self, "Not saved", message))
        self.context.changed.connect(self._refresh_title)
        self.context.changed.connect(lambda _area: self._fill_years())
        self.undo_group.addStack(self.context.undo_stack)
        self.undo_group.setActiveStack(self.context.undo_stack)
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.db.close()
            old.deleteLater()

        self.tabs.blockSignals(True)
        while self.tabs.count():
            widget = self.tabs.widget(0)
            assert widget is not None  # count() says there is one
            self.tabs.removeTab(0)
            widget.deleteLater()
        for spec in TABS:
            self.tabs.addTab(LazyTab(spec, self.context), spec.title)
        self.tabs.blockSignals(False)
        self.statusBar().clearMessage()
        self._fill_years()
        self._select_tab(remembered_tab)
        self.centre_action.setEnabled(not db.read_only)
        self.restore_action.setEnabled(db.held_by is None)  # a damaged file opens read-only: restoring mends it
        self._refresh_title()
        sign_in.attach(self)  # nobody signed in; locked when this database asks for sign-in
        self.demo_banner.attach(self)

    def _fill_years(self) -> None:
        from eoffice.domain.year_reads import years_to_offer  # plain: on the way to the first paint

        assert self.context is not None
        years = self.context.read_plain(lambda reader: years_to_offer(reader, self.today))
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(year.label, year)
        self.year_combo.setCurrentIndex(self.year_combo.findText(self.context.year.label))
        self.year_combo.blockSignals(False)

    def choose_year(self, year: AcademicYear) -> bool:
        """Show ``year`` (the Overview opens next year's items this way); False if it is not offered."""
        index = self.year_combo.findText(year.label)
        if index < 0:
            return False
        self.year_combo.setCurrentIndex(index)
        return True

    def _year_chosen(self, index: int) -> None:
        year = self.year_combo.itemData(index)
        if self.context is not None and isinstance(year, AcademicYear):
            self.context.set_year(year)
            self._refresh_title()

    def _refresh_title(self, *_args: object) -> None:
        from eoffice.domain.centre_reads import centre_name  # plain: on the way to the first paint

        assert self.context is not None
        name = self.context.read_plain(centre_name)
        if name is None:
            name = "New centre"
        mode = " [read-only]" if self.db.read_only else ""
        self.setWindowTitle(f"{name} — {self.db.path.name}{mode} — eoffice")
        self.path_label.setText(f"Database: {self.db.path}")
        self.year_status.setText(f"Year: {self.context.year.label}")
        if self.db.read_only:
            who = f" ({self.db.held_by.describe()} has it open)" if self.db.held_by else ""
            self.mode_label.setText(f"Read-only{who}")
            self.mode_label.setToolTip(self.db.read_only_reason or "")
        else:
            self.mode_label.setText("")

    # --- tabs ------------------------------------------------------------------------

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, LazyTab):
            widget.build()

    def tab(self, key: str) -> QWidget:
        """The built widget of a tab, building it if needed (also used by tests)."""
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            if isinstance(widget, LazyTab) and widget.spec.key == key:
                return widget.build()
        raise KeyError(key)

    def show_item(self, tab_key: str, record_id: int | None = None) -> bool:
        """Switch to a tab and, given a record's id, select that record there (the Overview
        opens items this way): ``access`` selects with the tab's ``select_record``,
        ``access/incident`` with its ``select_incident``. False when the tab could not find the record."""
        key, _, kind = tab_key.partition("/")
        self._select_tab(key)
        widget = self.tab(key)
        select = getattr(widget, f"select_{kind or 'record'}", None)
        if record_id is None or select is None:
            return True
        return bool(select(record_id))

    def _current_tab_key(self) -> str | None:
        widget = self.tabs.currentWidget()
        return widget.spec.key if isinstance(widget, LazyTab) else None

    def _select_tab(self, key: str | None) -> None:
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            if isinstance(widget, LazyTab) and widget.spec.key == key:
                self.tabs.setCurrentIndex(i)
                break
        self._tab_shown(self.tabs.currentIndex())

    def _step_tab(self, step: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # --- other actions ---------------------------------------------------------------

    def run_export(self, export: ExportAction, request: Request | None = None) -> ExportJob | None:
        """Ask where, then write in the background: a big PDF must not freeze the window.

        File > Export writes for the year shown; a page passes the ``request`` of what it
        shows (the exam-day page: its date and session, which name the file)."""
        from eoffice.ui import file_places
        from eoffice.ui.background import ExportJob

        assert self.context is not None
        if self.export_job is not None and self.export_job.running:
            ask.info(self, "Export", "Another export is still being written. Wait for it or cancel it first.")
            return None
        context = self.context
        wanted = request or request_for(context)  # read here, not on the worker thread
        out = file_places.save_path(self, "Export", export.export.file_name(wanted), export.file_filter)
        if out is None:
            return None
        try:
            refuse_overwriting_a_database(out, self.db.path)
        except EofficeError as error:
            ask.error(self, "Export refused", str(error))
            return None
        if export.sensitive and not ask.confirm(
            self, "Sensitive personal data", "This export contains sensitive personal data. Write it?"
        ):
            return None
        shown: list[Any] = []  # what the file shows, kept for ``record`` once the file is kept

        def write(target: Path) -> Path:
            written, data = export.export.write_file(context, wanted, target)
            shown.append(data)
            return written

        def recorded(outcome: ExportOutcome) -> None:
            if outcome.written is not None and shown:
                try:
                    export.export.record(context, shown[0])
                except EofficeError as error:  # the file is written; only the note of it is lost
                    self.statusBar().showMessage(f"Written, but not noted as printed: {error}", 8000)

        job = ExportJob(write, out, export.label.replace("&", ""), self)
        job.finished.connect(recorded)
        job.finished.connect(self._exported)
        self.export_job = job
        job.start()
        return job

    def _exported(self, outcome: ExportOutcome) -> None:
        if outcome.cancelled:
            self.statusBar().showMessage("Export cancelled: nothing was written.", 8000)
        elif outcome.written is None:
            ask.error(self, "Export failed", outcome.error)
        else:
            self.statusBar().showMessage(f"Exported to {outcome.written}", 8000)

    def find_in_tab(self) -> None:
        """Ctrl+F: to the filter box of the page shown, its text chosen so typing replaces it."""
        from eoffice.ui.widgets.filter_box import FilterBox

        page = self.tabs.currentWidget()
        boxes = [b for b in page.findChildren(FilterBox) if b.isVisible()] if page is not None else []
        if boxes:
            boxes[0].setFocus()
            boxes[0].selectAll()

    def show_about(self) -> None:
        QMessageBox.about(self, "About eoffice", self.about_text())

    def about_text(self) -> str:
        from eoffice.domain import rules_year

        return (
            f"<h3>eoffice {__version__}</h3>"
            "<p>The exams office's desktop application.</p>"
            f"<p>{rules_year.about_line()}</p>"
            f"<p>Database: {self.db.path}<br>Backups: {paths.backups_dir(self.db.path)}</p>"
        )

    # --- window state ----------------------------------------------------------------

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self._select_tab(self.settings.value("window/tab"))

    def save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self._current_tab_key())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        if self.context is not None:
            self.context.db.close()
        super().closeEvent(event)
