"""Each dialog as the window opens it, new and empty: for the tests every dialog must pass."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import QDialog

from eoffice.domain.years import AcademicYear
from eoffice.ui.dialogs.arrangement_dialog import ArrangementDialog
from eoffice.ui.dialogs.candidate_dialog import CandidateDialog
from eoffice.ui.dialogs.centre_dialog import CentreDialog
from eoffice.ui.dialogs.first_run import FirstRunDialog
from eoffice.ui.dialogs.incident_dialog import IncidentDialog
from eoffice.ui.dialogs.invigilator_dialog import InvigilatorDialog
from eoffice.ui.dialogs.key_date_dialog import KeyDateDialog
from eoffice.ui.dialogs.meeting_dialog import MeetingDialog
from eoffice.ui.dialogs.paper_dialog import PaperDialog
from eoffice.ui.dialogs.room_dialog import RoomDialog
from eoffice.ui.dialogs.shortcuts_dialog import ShortcutsDialog
from eoffice.ui.dialogs.skill_dialog import SkillDialog
from eoffice.ui.dialogs.target_dialog import TargetDialog
from eoffice.ui.dialogs.task_dialog import TaskDialog

TODAY = date(2026, 12, 7)
YEAR = AcademicYear.containing(TODAY)

# The dialogs with a date field.
DATED: dict[str, Callable[[], QDialog]] = {
    "task": lambda: TaskDialog(YEAR, None, TODAY),
    "key date": lambda: KeyDateDialog(YEAR, None, TODAY, lambda on, _c: (5, on - timedelta(days=7), "")),
    "arrangement": lambda: ArrangementDialog(None, [(1, "0001 Ada Lovelace")], 1, 26, lambda f: f, TODAY),
    "candidate": lambda: CandidateDialog(None, TODAY, {}),
    "paper": lambda: PaperDialog(None, {"AM": 9 * 60, "PM": 13 * 60 + 30}, {}, TODAY),
    "invigilator": lambda: InvigilatorDialog(None, TODAY),
    "target": lambda: TargetDialog(None, TODAY),
    "skill": lambda: SkillDialog(None, [], TODAY),
    "meeting": lambda: MeetingDialog(None, [], [], lambda day: day + timedelta(days=42), TODAY),
}
EVERY: dict[str, Callable[[], QDialog]] = {
    **DATED,
    "welcome": FirstRunDialog,
    "centre": lambda: CentreDialog(None),
    "room": lambda: RoomDialog(None),
    "incident": lambda: IncidentDialog(TODAY, "AM", ["Library", "Sports Hall"], published_start=9 * 60),
    "shortcuts": ShortcutsDialog,
}
