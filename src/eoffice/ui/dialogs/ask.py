"""Every question the window asks, as small functions tests can replace.

Tests monkeypatch these so no modal dialog is ever left waiting for a click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QMessageBox, QWidget

DATABASE_FILTER = "eoffice databases (*.sqlite3 *.sqlite *.db);;All files (*)"


def error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, title: str, message: str) -> bool:
    answer = QMessageBox.question(
        parent, title, message, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    return answer == QMessageBox.StandardButton.Yes


def choose(parent: QWidget | None, title: str, message: str, options: list[str]) -> str | None:
    """One of ``options`` (button texts), or None when the box is closed."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.NoButton, parent)
    buttons: dict[QAbstractButton, str] = {box.addButton(text, QMessageBox.ButtonRole.AcceptRole): text for text in options}
    box.exec()
    return buttons.get(box.clickedButton())


def mark_the_past(parent: QWidget | None, title: str, past: str, mark: str, meaning: str) -> bool:
    """Asked once when a year is begun after its first month: mark what is already past
    (``mark``, which means ``meaning``), or keep it open to check one by one."""
    keep = "Keep them open"
    message = (f"{past}, before you started with eoffice. {mark} ({meaning}), or keep them open to "
               "check one by one (they show as overdue)?")
    return choose(parent, title, message, [mark, keep]) == mark


def save_path(parent: QWidget | None, title: str, start: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
    return Path(name) if name else None


def open_path(parent: QWidget | None, title: str, start: Path, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start), file_filter)
    return Path(name) if name else None


def run_dialog(dialog: QDialog) -> bool:
    """Show ``dialog`` and wait: True when it was accepted (Save, OK). Every dialog of the
    window runs through here, so a test replaces this one function to fill and answer them
    without ever leaving a modal window waiting for a click."""
    return dialog.exec() == QDialog.DialogCode.Accepted
