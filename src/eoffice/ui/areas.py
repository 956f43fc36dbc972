"""The names of the areas ``AppContext.changed`` carries: a change emits the name of the
area it touched, and each tab refreshes for the names it depends on.

One place for the names, so an emitter and a listener cannot drift apart unnoticed (a
misspelt constant fails at import; a misspelt string is simply never heard).
"""

from __future__ import annotations

PLAN = "plan"
KEYDATES = "keydates"
ACCESS = "access"
ROSTER = "roster"
STANDARDS = "standards"
SETTINGS = "settings"
# The centre's details, including the people named in its roles (exams officer, line
# manager, SENCo): adding, renaming or retiring one of them is a change to CENTRE.
CENTRE = "centre"
# Never emitted on ``changed``: tabs pass it to their own handler when the year changes.
YEAR = "year"

# Every area ``changed`` carries: what a tab that shows a bit of everything (the Overview) follows.
EVERY = frozenset({PLAN, KEYDATES, ACCESS, ROSTER, STANDARDS, SETTINGS, CENTRE})
