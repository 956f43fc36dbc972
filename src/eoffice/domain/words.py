"""Counted words: "1 task", "3 tasks", "2 people".

One rule for a number and its noun, so the window, the files and the command line say
a count the same way instead of each keeping its own "s if n != 1".
"""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` and ``word``, the word made plural for any count but one (zero too).

    ``many`` is the plural when adding "s" is wrong: ``plural(2, "person", "people")``.
    """
    return f"{count} {word if count == 1 else many or f'{word}s'}"
