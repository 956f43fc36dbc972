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
