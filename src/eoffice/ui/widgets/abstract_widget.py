"""Abstract methods for Qt widgets: a base whose subclass forgets one cannot be made.

Light on purpose (Qt and ``abc`` only): the dialogs' and tabs' bases use it, and the window
imports them before the storage layer has loaded.
"""

from __future__ import annotations

from abc import ABCMeta
from typing import Any

from PySide6.QtWidgets import QWidget


class AbstractWidgetMeta(ABCMeta, type(QWidget)):  # type: ignore[misc]  # the stubs do not declare Qt's metaclass
    """ABCMeta for Qt widgets. Qt's own metaclass makes instances without passing through
    ``object.__new__``, which is where Python refuses an abstract class, so the refusal is
    made here instead. ABCMeta comes first so that it, not Qt, records the abstract methods."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        missing: frozenset[str] = getattr(cls, "__abstractmethods__", frozenset())
        if missing:
            raise TypeError(f"{cls.__name__} cannot be made: it does not define {', '.join(sorted(missing))}")
        return super().__call__(*args, **kwargs)
