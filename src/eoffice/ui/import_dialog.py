"""File > Import…: choose what to import, choose the file, see what it would change, then import.

Every importer has the same shape (read the file, check every row against the database
writing nothing, then apply in one transaction), so one dialog serves them all: the
MIS's candidates, the timetable, entries and access arrangements, the annual plan
and key dates. A bad cell refuses the whole file, naming its row and column in plain
words, before anything is written. The report names records by number, never an
arrangement's details.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.errors import EofficeError, InputError
from eoffice.ui import areas, file_places
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask

TABLE_FILTER = "Spreadsheets (*.csv *.xlsx *.xlsm);;All files (*)"
EXCEL_FILTER = "Excel workbooks (*.xlsx);;All files (*)"

# Each importer reads its own kind of table and checks it into its own kind of result, so
# the table and the result pass through here untyped.
Reader = Callable[[Path], Any]
Checker = Callable[[AppContext, Session, Any], Any]  # -> a result with lines() and summary(dry_run=)
Applier = Callable[[AppContext, Session, Any], None]
Importer = tuple[Reader, Checker, Applier]


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str
    columns: str  # what the file needs, in plain words
    area: str  # the area whose tabs refresh afterwards
    file_filter: str
    read: Reader
    check: Checker
    apply: Applier


def _candidates() -> Importer:
    from eoffice.io import candidate_import as m

    return (m.read_candidates, lambda c, s, t: m.check_candidates(s, t, today=c.today),
            lambda c, s, r: m.apply_candidates(s, r, today=c.today))


def _timetable() -> Importer:
    from eoffice.io import timetable_import as m

    return m.read_timetable, lambda c, s, t: m.check_timetable(s, t), lambda c, s, r: m.apply_timetable(s, r)


def _entries() -> Importer:
    from eoffice.io import timetable_import as m

    return m.read_entries, lambda c, s, t: m.check_entries(s, t, today=c.today), lambda c, s, r: m.apply_entries(s, r)


def _arrangements() -> Importer:
    from eoffice.io import arrangement_import as m

    return (m.read_arrangements, lambda c, s, t: m.check_arrangements(s, t, today=c.today),
            lambda c, s, r: m.apply_arrangements(s, r))


def _plan() -> Importer:
    from eoffice.io import plan_import as m

    return (m.read_plan_sheet, lambda c, s, t: m.plan_import(s, t, today=c.today),
            lambda c, s, r: m.apply_import(s, r, today=c.today))


def _keydates() -> Importer:
    from eoffice.io import keydates_import as m

    return m.read_keydates_file, lambda c, s, t: m.keydates_import(s, t), lambda c, s, r: m.apply_import(s, r)


def _kind(key: str, label: str, columns: str, area: str, file_filter: str,
          load: Callable[[], Importer]) -> ImportKind:
    """The importer's module is loaded only when it is used."""
    return ImportKind(key, label, columns, area, file_filter,
                      lambda path: load()[0](path), lambda c, s, t: load()[1](c, s, t), lambda c, s, r: load()[2](c, s, r))


KINDS: list[ImportKind] = [
    _kind("candidates", "Candidates (from the MIS)", "Candidate Number, Surname, Forenames; optional Date of Birth, "
          "Year, Form, UCI, ULN. A number already here updates that candidate.", areas.ACCESS, TABLE_FILTER, _candidates),
    _kind("timetable", "Timetable (papers)", "Date, Session, Board, Code, Title, Duration; optional Start, "
          "Qualification, Mode. The same code, date and session updates that paper.", areas.ACCESS, TABLE_FILTER,
          _timetable),
    _kind("entries", "Entries", "Candidate Number, Code; optional Date and Session when a code is timetabled more "
          "than once. Import the candidates and the timetable first.", areas.ACCESS, TABLE_FILTER, _entries),
    _kind("arrangements", "Access arrangements", "Candidate Number, Arrangement; optional Extra Time %, Rest Minutes "
          "Per Hour, Status, Approved On, Expires On, Reference, Notes.", areas.ACCESS, TABLE_FILTER, _arrangements),
    _kind("plan", "Annual plan tasks (edited export)", "A plan exported by eoffice as Excel: rows with an ID update "
          "that task, rows without add one.", areas.PLAN, EXCEL_FILTER, _plan),
    _kind("keydates", "Key dates", "Date, Title, Series, Body, Category; optional End, Internal deadline, Source. "
          "Dates already here are left alone.", areas.KEYDATES, TABLE_FILTER, _keydates),
]


def plain_error(error: EofficeError) -> str:
    """"Row 3, column ‘ULN’: …" — where the problem is, then what it is."""
    if not isinstance(error, InputError):
        return str(error)
    reason = error.reason[:1].upper() + error.reason[1:]
    if error.row is not None:
        where = f"Row {error.row}" + (f", column ‘{error.column}’" if error.column else "")
        return f"{where}: {reason}"
    if error.file is not None:
        verb = error.reason.split(" ", 1)[0]
        joined = " " if verb in ("is", "cannot", "has") else ": "
        return f"The file {error.file.name}{joined}{error.reason if joined == ' ' else reason}"
    return reason


class ImportDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Import")
        self.setAccessibleName("Import")
        self.setMinimumSize(640, 480)
        self.kind = QComboBox()
        self.kind.setAccessibleName("What to import")
        for kind in KINDS:
            self.kind.addItem(kind.label, kind.key)
        self.columns = QLabel()
        self.columns.setWordWrap(True)
        self.columns.setAccessibleName("Columns the file needs")
        self.path = QLineEdit()
        self.path.setAccessibleName("File to import")
        self.path.setPlaceholderText("A CSV file or an Excel workbook")
        self.browse = QPushButton("C&hoose file…")
        self.browse.setAccessibleName("Choose file")
        self.check_button = QPushButton("&Check the file")
        self.check_button.setAccessibleName("Check the file")
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Import report")
        self.report.setPlaceholderText("Check the file to see what it would change. Nothing is written until you "
                                       "press Import.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.ApplyRole)
        self.import_button.setAccessibleName("Import")
        self.import_button.setEnabled(False)
        buttons.rejected.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("&What:", self.kind)
        form.addRow("", self.columns)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        note = QLabel("An import cannot be undone with Ctrl+Z: back up the database first (File > Back up) "
                      "if you are unsure.")
        note.setWordWrap(True)
        note.setAccessibleName("Imports are not undone")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check_button)
        layout.addWidget(self.report, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.path.textChanged.connect(lambda _t: self._invalidate())
        self.browse.clicked.connect(self.choose_file)
        self.check_button.clicked.connect(self.dry_run)
        self.import_button.clicked.connect(self.apply)
        self.checked: tuple[str, str] | None = None  # (kind, path) of the last clean dry run
        self._kind_changed()

    def current(self) -> ImportKind:
        return KINDS[self.kind.currentIndex()]

    def set_kind(self, key: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(key))

    def _kind_changed(self) -> None:
        self.columns.setText(f"The file needs: {self.current().columns}")
        self._invalidate()

    def _invalidate(self) -> None:
        self.checked = None
        self.import_button.setEnabled(False)

    def choose_file(self) -> None:
        start = Path(self.path.text()).parent if self.path.text() else None  # else the last folder used
        chosen = file_places.open_path(self, "Choose the file to import", self.current().file_filter, start)
        if chosen is not None:
            self.path.setText(str(chosen))

    def _file(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            self.report.setPlainText("Choose the file to import first.")
            return None
        return Path(text)

    def dry_run(self) -> bool:
        """Read and check the file, write nothing, and show what importing would change."""
        self._invalidate()
        path, kind = self._file(), self.current()
        if path is None:
            return False
        try:
            table = kind.read(path)
            result = self.context.read(lambda s: kind.check(self.context, s, table))
        except EofficeError as error:
            self.report.setPlainText(f"{plain_error(error)}\n\nNothing can be imported from this file until that "
                                     "is put right.")
            return False
        except OSError as error:
            self.report.setPlainText(f"The file cannot be read: {error.strerror or error}.")
            return False
        lines = result.lines()
        summary = result.summary(dry_run=True)
        self.report.setPlainText("\n".join([f"Check of {path.name}: {summary}.", "", *lines] if lines
                                           else [f"Check of {path.name}: {summary}.", "", "Nothing to change."]))
        self.checked = (kind.key, str(path))
        self.import_button.setEnabled(not self.context.read_only and bool(lines))
        return True

    def apply(self) -> bool:
        """Check again in the writing transaction (the data may have moved on) and import."""
        path, kind = self._file(), self.current()
        if path is None or self.checked != (kind.key, str(path)) or self.context.read_only:
            return False
        results: list[Any] = []
        try:
            table = kind.read(path)
            with self.context.session() as session:
                result = kind.check(self.context, session, table)
                kind.apply(self.context, session, result)
                results.append(result)
        except (EofficeError, OSError) as error:
            message = plain_error(error) if isinstance(error, EofficeError) else str(error)
            self.report.setPlainText(f"{message}\n\nNothing was imported.")
            self._invalidate()
            return False
        self._invalidate()
        self.context.changed.emit(kind.area)
        self.report.appendPlainText(f"\nImported: {results[0].summary(dry_run=False)}.")
        return True


def open_import(window: Any) -> None:
    """File > Import…"""
    context: AppContext | None = getattr(window, "context", None)
    if context is None:
        return
    if context.read_only:
        ask.error(window, "Import", "This database is open read-only, so nothing can be imported into it.")
        return
    ask.run_dialog(ImportDialog(context, window))
