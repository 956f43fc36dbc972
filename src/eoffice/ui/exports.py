"""The File > Export menu: one item per entry of the export catalogue (``eoffice.io.catalogue``),
the same list ``eoffice export`` runs, so the window and the command line write the same files."""

from __future__ import annotations

from dataclasses import dataclass

from eoffice.io.catalogue import EXPORTS, Export, Request
from eoffice.ui.context import AppContext


@dataclass(frozen=True)
class ExportAction:
    """One menu item: a catalogue entry written for the year shown."""

    export: Export

    @property
    def label(self) -> str:  # e.g. "Audit log (&Excel)…"
        return self.export.label

    @property
    def suffix(self) -> str:  # ".xlsx"
        return self.export.suffix

    @property
    def file_filter(self) -> str:
        return self.export.file_filter

    @property
    def sensitive(self) -> bool:  # health or special-needs data: ask before writing
        return self.export.sensitive


def in_file_menu(export: Export) -> bool:
    """Whether File > Export lists it: not those printed from the page that knows what they are of."""
    return not (export.one_session or export.one_candidate or export.by_series)


def request_for(context: AppContext) -> Request:
    """The year shown and today; a Standards statement or certificate is the signed-in exams
    officer's, else the centre's exams officer's."""
    from eoffice.ui import sign_in

    account = sign_in.current(context)
    person = account.id if account is not None and account.role == "exams_officer" else None
    return Request(context.year, context.today, person)


# Exports of one exam session are printed from the exam-day page, which knows the session; one
# candidate's calendar from the Candidates page, which knows the candidate; the incident log from
# the Incidents page, beside its open follow-ups.
EXPORT_ACTIONS: list[ExportAction] = [ExportAction(export) for export in EXPORTS if in_file_menu(export)]
