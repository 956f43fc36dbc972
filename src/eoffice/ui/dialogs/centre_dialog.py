"""Edit the centre's details; it only gathers input, the caller saves through a command."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from eoffice.domain.centre import CentreDetails, get_centre, save_centre
from eoffice.errors import EofficeError
from eoffice.ui import areas, commands
from eoffice.ui.context import AppContext
from eoffice.ui.dialogs import ask
from eoffice.ui.dialogs.centre_form import CentreForm
from eoffice.ui.dialogs.form_dialog import FormDialog


class CentreDialog(FormDialog[CentreDetails]):
    def __init__(self, details: CentreDetails | None, parent: QWidget | None = None) -> None:
        form = CentreForm()
        super().__init__("Centre details", parent, problem=form.problem)
        self.form = form
        self.form.set_details(details)
        self.lay_out(self.form)

    def checked(self) -> CentreDetails:
        return self.form.details()  # the form shows what is wrong and puts the cursor there


def edit_centre(context: AppContext, parent: QWidget | None = None) -> bool:
    """Ask for new details and save them as one undoable edit."""
    if context.read_only:
        ask.error(parent, "Read-only", "This database is open read-only, so the centre details cannot be changed.")
        return False
    old = context.read(get_centre)
    dialog = CentreDialog(old, parent)
    if not ask.run_dialog(dialog) or dialog.result_fields is None:
        return False
    new = dialog.result_fields
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
                lambda s: save_centre(s, old),
            )
    except EofficeError as error:
        ask.error(parent, "Centre details not saved", str(error))
        return False
    return True
