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
HELP = QKeySequence.StandardKey.HelpContents

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
