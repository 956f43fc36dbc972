"""A drop-down of the domain's choices: each item shows the label and carries the key.

The dialogs choose among the domain's keyed lists (statuses, phases, kinds of incident);
``currentData()`` gives the key a domain function takes, whatever the label says.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def keyed_combo(options: dict[str, str], name: str) -> QComboBox:
    """``options`` (key -> label) in their order, named ``name`` for screen readers and tests."""
    combo = QComboBox()
    combo.setAccessibleName(name)
    for key, label in options.items():
        combo.addItem(label, key)
    return combo
