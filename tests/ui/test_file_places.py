"""Files land where people look: dialogs start in the last folder used (the first time, the
Documents folder) and suggest a name with the area and the academic year."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from eoffice.ui import file_places
from eoffice.ui.app import settings_file
from eoffice.ui.dialogs import ask
from eoffice.ui.exports import EXPORT_ACTIONS, ExportAction
from eoffice.ui.import_dialog import ImportDialog
from eoffice.ui.main_window import MainWindow
from tests.ui.conftest import ExportNow
from tests.ui.standards_helpers import Prompts, prompts, tab  # noqa: F401 - fixtures for pytest to find

pytestmark = pytest.mark.gui


class Dialogs:
    """Stands in for the file dialogs: keeps where each started, answers with ``folder / name``."""

    def __init__(self) -> None:
        self.started: list[Path] = []
        self.folder: Path | None = None

    def answer(self, *args: object) -> Path | None:
        start = args[2]
        assert isinstance(start, Path)
        self.started.append(start)
        if self.folder is None:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder / (start.name if start.suffix else "chosen.csv")


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(folder))
    return folder


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    made = Dialogs()
    monkeypatch.setattr(ask, "save_path", made.answer)
    monkeypatch.setattr(ask, "open_path", made.answer)
    return made


def _action(label: str) -> ExportAction:
    return next(e for e in EXPORT_ACTIONS if e.label.replace("&", "") == label)


def test_first_export_starts_in_documents_and_the_next_where_the_last_was_saved(
        window: MainWindow, documents: Path, dialogs: Dialogs, export_now: ExportNow, tmp_path: Path) -> None:
    dialogs.folder = tmp_path / "exports for governors"
    outcome = export_now(window, _action("Annual exams plan (Excel)…"))
    assert dialogs.started == [documents / "exams-plan-2026-27.xlsx"]  # the demo opens on 2026/27
    assert outcome is not None and outcome.written == dialogs.folder / "exams-plan-2026-27.xlsx"

    export_now(window, _action("Key dates (PDF)…"))
    assert dialogs.started[-1] == dialogs.folder / "key-dates-2026-27.pdf"
    assert (dialogs.folder / "key-dates-2026-27.pdf").read_bytes().startswith(b"%PDF")

    # Kept for the person at this computer, not in the database: a new window starts there too.
    assert file_places.start_folder(settings_file()) == dialogs.folder
    assert window.db.path.parent != dialogs.folder


def test_a_cancelled_dialog_forgets_nothing(window: MainWindow, documents: Path, dialogs: Dialogs,
                                            export_now: ExportNow, tmp_path: Path) -> None:
    dialogs.folder = tmp_path / "first"
    export_now(window, _action("Key dates (CSV)…"))
    dialogs.folder = None  # cancelled
    assert export_now(window, _action("Key dates (Excel)…")) is None
    assert dialogs.started[-1] == tmp_path / "first" / "key-dates-2026-27.xlsx"
    assert file_places.start_folder(settings_file()) == tmp_path / "first"


def test_the_year_shown_names_the_file(window: MainWindow, documents: Path, dialogs: Dialogs,
                                       export_now: ExportNow) -> None:
    window.year_combo.setCurrentIndex(window.year_combo.findText("2027/28"))
    export_now(window, _action("Annual exams plan (PDF wall planner)…"))  # cancelled: folder is None
    assert dialogs.started == [documents / "exams-plan-2027-28.pdf"]


def test_a_folder_since_deleted_falls_back_to_documents(window: MainWindow, documents: Path, dialogs: Dialogs,
                                                        export_now: ExportNow, tmp_path: Path) -> None:
    dialogs.folder = tmp_path / "usb stick"
    export_now(window, _action("Key dates (CSV)…"))
    (dialogs.folder / "key-dates-2026-27.csv").unlink()
    dialogs.folder.rmdir()
    dialogs.folder = None
    export_now(window, _action("Key dates (CSV)…"))
    assert dialogs.started[-1] == documents / "key-dates-2026-27.csv"


def test_import_starts_in_the_last_folder_and_remembers_its_own(window: MainWindow, documents: Path,
                                                                dialogs: Dialogs, export_now: ExportNow,
                                                                tmp_path: Path) -> None:
    assert window.context is not None
    dialog = ImportDialog(window.context, window)
    dialog.browse.click()  # cancelled, the first time: Documents
    assert dialogs.started == [documents]
    dialogs.folder = tmp_path / "from the MIS"
    dialog.browse.click()
    assert dialog.path.text() == str(tmp_path / "from the MIS" / "chosen.csv")
    dialogs.folder = None
    export_now(window, _action("Key dates (CSV)…"))  # the next export starts where the import came from
    assert dialogs.started[-1] == tmp_path / "from the MIS" / "key-dates-2026-27.csv"
    dialog.deleteLater()


def test_the_standards_tab_names_its_files_by_the_same_rule(tab, window: MainWindow, documents: Path,  # type: ignore[no-untyped-def]
                                                            dialogs: Dialogs) -> None:
    tab.show_section("values")
    tab.values.buttons["pdf"].click()
    tab.progress.save_summary("xlsx")
    assert [p.name for p in dialogs.started] == ["values-statement-2026-27.pdf", "professional-standards-2026-27.xlsx"]
    assert all(p.parent == documents for p in dialogs.started)

