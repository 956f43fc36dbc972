"""Semantic colours as translucent tints, so they read on light and dark palettes alike.

Colour is never the only signal: every tinted cell also carries a word or symbol.
"""

from PySide6.QtGui import QColor

OVERDUE = QColor(220, 38, 38, 70)
DUE_SOON = QColor(245, 158, 11, 80)
DONE = QColor(22, 163, 74, 60)
NOT_APPLICABLE = QColor(128, 128, 128, 50)
OVERDUE_SOLID = QColor(185, 28, 28)
DUE_SOON_SOLID = QColor(217, 119, 6)
DONE_SOLID = QColor(22, 163, 74)

# Text of a problem a dialog or tab points out (a field that will not save, an overdue reminder).
ERROR_TEXT = "#b00020"
ERROR_STYLE = f"color: {ERROR_TEXT}; font-weight: bold;"
