"""Every keyboard shortcut in one place, so they never collide and are easy to list."""

from PySide6.QtGui import QKeySequence

NEW_DATABASE = QKeySequence.StandardKey.New
OPEN_DATABASE = QKeySequence.StandardKey.Open
BACKUP = QKeySequence("Ctrl+Shift+B")
QUIT = QKeySequence.StandardKey.Quit
UNDO = QKeySequence.StandardKey.Undo
REDO = QKeySequence.StandardKey.Redo
FIND = QKeySequence.StandardKey.Find
CENTRE_DETAILS = QKeySequence("Ctrl+Shift+C")
YEAR_SWITCHER = QKeySequence("Ctrl+Y")
NEXT_TAB = QKeySequence("Ctrl+Tab")
PREVIOUS_TAB = QKeySequence("Ctrl+Shift+Tab")
HELP = QKeySequence.StandardKey.HelpContents  # Help > Keyboard shortcuts

# Annual exams plan
NEW_TASK = QKeySequence("Ctrl+Shift+N")
EDIT_TASK = QKeySequence("F2")
DUPLICATE_TASK = QKeySequence("Ctrl+D")
DELETE_TASK = QKeySequence.StandardKey.Delete
MARK_DONE = QKeySequence("Ctrl+M")
SWITCH_PLAN_VIEW = QKeySequence("Ctrl+Shift+V")

# Key dates: the same keys as the plan's for the same jobs (each works only in its own tab)
NEW_KEY_DATE = NEW_TASK
EDIT_KEY_DATE = EDIT_TASK
DELETE_KEY_DATE = DELETE_TASK
MARK_KEY_DATE_DONE = MARK_DONE
MARK_KEY_DATE_NOT_DONE = QKeySequence("Ctrl+Shift+M")
LOAD_REFERENCE_DATES = QKeySequence("Ctrl+Shift+R")
SWITCH_KEY_DATES_VIEW = SWITCH_PLAN_VIEW

# Overview
REFRESH_OVERVIEW = QKeySequence.StandardKey.Refresh

# Accounts: sign out and lock the window (File menu)
LOCK = QKeySequence("Ctrl+L")

# Professional Standards: the plan's keys for the same jobs, on the section shown
NEW_STANDARDS_ITEM = NEW_TASK
EDIT_STANDARDS_ITEM = EDIT_TASK
DELETE_STANDARDS_ITEM = DELETE_TASK

# Access arrangements: the plan's keys for the same jobs, on the page shown
NEW_ACCESS_RECORD = NEW_TASK
EDIT_ACCESS_RECORD = EDIT_TASK
DELETE_ACCESS_RECORD = DELETE_TASK
NEW_ARRANGEMENT_FOR = QKeySequence("Ctrl+Shift+A")  # for the candidate chosen on the Candidates page
PREVIOUS_EXAM_SESSION = QKeySequence("Alt+Left")
NEXT_EXAM_SESSION = QKeySequence("Alt+Right")

# Invigilators and roster: the plan's keys for the same jobs, on the page shown
NEW_ROSTER_RECORD = NEW_TASK
EDIT_ROSTER_RECORD = EDIT_TASK  # on the roster grid: open the cell to assign
LOCK_ASSIGNMENTS = QKeySequence("Ctrl+K")  # lock the teams of the chosen grid cells
SOLVE_ROSTER = QKeySequence("Ctrl+Shift+O")  # auto-roster the series shown
CANCEL_SOLVE = QKeySequence("Esc")  # while the auto-roster runs

# Keys a widget reads itself rather than through an action: listed, not bound, here.
DESK_KEYS = "Arrow keys · Space · Esc"
DATE_KEYS = "Up/Down · Page Up/Down · Alt+Down"

Key = QKeySequence | QKeySequence.StandardKey | str

# Help > Keyboard shortcuts reads this table, in this order: (where, what, key). A test
# checks every key above is here, and that no window or dialog gives one key two jobs.
TABLE: tuple[tuple[str, str, Key], ...] = (
    ("Everywhere", "New database", NEW_DATABASE),
    ("Everywhere", "Open database", OPEN_DATABASE),
    ("Everywhere", "Back up the database", BACKUP),
    ("Everywhere", "Exit", QUIT),
    ("Everywhere", "Undo", UNDO),
    ("Everywhere", "Redo", REDO),
    ("Everywhere", "Filter the list shown", FIND),
    ("Everywhere", "Centre details", CENTRE_DETAILS),
    ("Everywhere", "Choose the academic year", YEAR_SWITCHER),
    ("Everywhere", "Next tab", NEXT_TAB),
    ("Everywhere", "Previous tab", PREVIOUS_TAB),
    ("Everywhere", "Sign out and lock the window", LOCK),
    ("Everywhere", "Keyboard shortcuts (this list)", HELP),
    ("Annual exams plan", "New task", NEW_TASK),
    ("Annual exams plan", "Edit the task", EDIT_TASK),
    ("Annual exams plan", "Duplicate the tasks chosen", DUPLICATE_TASK),
    ("Annual exams plan", "Delete the tasks chosen", DELETE_TASK),
    ("Annual exams plan", "Mark the tasks chosen done", MARK_DONE),
    ("Annual exams plan", "Switch board and table", SWITCH_PLAN_VIEW),
    ("Key dates", "New key date", NEW_KEY_DATE),
    ("Key dates", "Edit the key date", EDIT_KEY_DATE),
    ("Key dates", "Delete the key dates chosen", DELETE_KEY_DATE),
    ("Key dates", "Mark done", MARK_KEY_DATE_DONE),
    ("Key dates", "Mark not done", MARK_KEY_DATE_NOT_DONE),
    ("Key dates", "Load the reference dates", LOAD_REFERENCE_DATES),
    ("Key dates", "Switch list and calendar", SWITCH_KEY_DATES_VIEW),
    ("Overview", "Refresh", REFRESH_OVERVIEW),
    ("Access arrangements", "New record on the page shown", NEW_ACCESS_RECORD),
    ("Access arrangements", "Edit the record chosen", EDIT_ACCESS_RECORD),
    ("Access arrangements", "Delete the records chosen", DELETE_ACCESS_RECORD),
    ("Access arrangements", "New arrangement for the candidate chosen", NEW_ARRANGEMENT_FOR),
    ("Access arrangements: exam day", "Previous exam session", PREVIOUS_EXAM_SESSION),
    ("Access arrangements: exam day", "Next exam session", NEXT_EXAM_SESSION),
    ("Access arrangements: exam day", "Lock the desks chosen", LOCK_ASSIGNMENTS),
    ("Room plan", "Move between desks · pick up or put down a candidate · put back", DESK_KEYS),
    ("Invigilators", "New record on the page shown", NEW_ROSTER_RECORD),
    ("Invigilators", "Edit the record chosen (on the roster: assign)", EDIT_ROSTER_RECORD),
    ("Invigilators", "Lock the teams of the cells chosen", LOCK_ASSIGNMENTS),
    ("Invigilators", "Auto-roster the series shown", SOLVE_ROSTER),
    ("Invigilators", "Stop the auto-roster", CANCEL_SOLVE),
    ("Professional Standards", "New item on the section shown", NEW_STANDARDS_ITEM),
    ("Professional Standards", "Edit the item chosen", EDIT_STANDARDS_ITEM),
    ("Professional Standards", "Delete the item chosen", DELETE_STANDARDS_ITEM),
    ("Date fields", "A day on or back · a month · the calendar", DATE_KEYS),
)


def key_text(key: Key) -> str:
    """A key as this computer writes it ("Ctrl+Shift+N"); a described key as written."""
    if isinstance(key, str):
        return key
    sequence = QKeySequence(key)
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)
