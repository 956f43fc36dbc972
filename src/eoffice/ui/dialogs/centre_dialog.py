"""Edit the centre's details; it only gathers input, the caller saves through a command."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from eoffice.domain.centre import CentreDetails, get_centre, save_centre
from eoffice.errors import EofficeError, InputError
from eoffice.ui import areas, commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.centre_form import CentreForm


class CentreDialog(QDialog):
    def __init__(self, details: CentreDetails | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Centre details")
        self.setAccessibleName("Centre details")
        self.form = CentreForm()
        self.form.set_details(details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.result_details: CentreDetails | None = None

    def accept(self) -> None:
        try:
            self.result_details = self.form.details()
        except InputError:
            return  # the form shows what is wrong; the dialog stays open
        super().accept()


def edit_centre(context: AppContext, parent: QWidget | None = None) -> bool:
    """Ask for new details and save them as one undoable edit."""
    if context.read_only:
        ask.error(parent, "Read-only", "This database is open read-only, so the centre details cannot be changed.")
        return False
    old = context.read(get_centre)
    dialog = CentreDialog(old, parent)  # type: ignore[arg-type]
    if not ask.run_dialog(dialog) or dialog.result_details is None:
        return False
    new = dialog.result_details
    if new == old:
        return False
    try:
        if old is None:
            with context.session() as session:
                save_centre(session, new)
            context.changed.emit(areas.CENTRE)
        else:
            commands.run(
                context,
                "Edit centre details",
                areas.CENTRE,
                lambda s: save_centre(s, new),
                lambda s: save_centre(s, old),  # type: ignore[arg-type]
            )
    except EofficeError as error:
        ask.error(parent, "Centre details not saved", str(error))
        return False
    return True
