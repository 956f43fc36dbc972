"""The undoable change of settings: one step for every setting the officer changed in the
dialog, telling "settings" and the areas whose tabs show those settings."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from eoffice.domain import settings
from eoffice.domain import settings_catalogue as catalogue
from eoffice.ui import areas, commands
from eoffice.ui.context import AppContext

AREA = areas.SETTINGS
# Tabs that refresh only on their own area's name hear about their settings this way too.
ALSO_TELL: dict[str, str] = {catalogue.STANDARDS: areas.STANDARDS}


class SettingsCommand(commands.DomainCommand):
    """Undo and redo tell "settings", and also the areas in ``ALSO_TELL``."""

    def __init__(self, context: AppContext, text: str, do: commands.Change, undo: commands.Change,
                 also: tuple[str, ...]) -> None:
        super().__init__(context, text, AREA, do, undo)
        self.also = also

    def _apply(self, change: commands.Change) -> None:
        super()._apply(change)
        if not self.isObsolete():
            for area in self.also:
                self._context.changed.emit(area)


def save_settings(context: AppContext, new: dict[str, Any]) -> None:
    """Save ``new`` (key -> value) as one undoable step; raises EofficeError if refused."""
    before: dict[str, Any] = {}

    def do(session: Session) -> None:
        if not before:  # the first time: what undo puts back
            before.update({key: settings.get(session, key) for key in new})
        catalogue.save(session, new)

    infos = [catalogue.entry(key) for key in new]
    text = f"Change setting “{infos[0].name}”" if len(infos) == 1 else f"Change {len(infos)} settings"
    also = tuple(sorted({ALSO_TELL[i.area] for i in infos if i.area in ALSO_TELL}))
    with context.session() as session:
        do(session)
    context.undo_stack.push(SettingsCommand(context, text, do, lambda s: catalogue.save(s, before), also))
    for area in (AREA, *also):
        context.changed.emit(area)
