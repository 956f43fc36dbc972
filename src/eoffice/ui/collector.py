"""Python's cycle collector held off while the window starts (issue 17).

Start-up makes a few hundred thousand objects that live as long as the window does (Qt's
wrappers, SQLAlchemy's mappers and compiled statements, the domain's modules) and very little
garbage. While they are being made the collector runs again and again, and each time it walks
every object made so far: about 90 ms of a 0.9 s start to the first tab with its data, on
two cores. So from the command line's choice of the window (before Qt is imported) until the
first tab has painted, automatic collection is off (``hold``).

Then (``release``) what start-up made is moved out of the collector's sight (``gc.freeze``)
and collection is back on. The collections that come later walk only what was made since,
so a full one no longer stops the window for the whole of start-up's objects again. A cycle
of start-up's that later becomes garbage stays in memory, and there are few: start-up builds
the window once and keeps it.

Nothing here imports Qt: ``hold`` runs before PySide6 is loaded.
"""

from __future__ import annotations

import gc

_HELD = [False]  # whether ``hold`` turned collection off (and ``release`` has not yet turned it on)


def hold() -> None:
    """No automatic collection until ``release``; nothing changes if it is off already."""
    if gc.isenabled():
        gc.disable()
        _HELD[0] = True


def release() -> None:
    """Start-up is over: its objects frozen, automatic collection on again (if ``hold`` turned
    it off). Safe to call more than once, and on every way out of start-up."""
    if not _HELD[0]:
        return
    _HELD[0] = False
    gc.freeze()
    gc.enable()
