"""Counted words: one rule for "1 task" and "3 tasks" everywhere."""

from __future__ import annotations

import pytest

from eoffice.domain.words import plural


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [(1, "task", "1 task"), (3, "task", "3 tasks"), (0, "task", "0 tasks"), (2, "key date", "2 key dates"), (-1, "day", "-1 days")],
)
def test_adds_s_for_any_count_but_one(count: int, word: str, expected: str) -> None:
    assert plural(count, word) == expected


def test_an_irregular_plural_is_given() -> None:
    assert plural(2, "person", "people") == "2 people"
    assert plural(1, "person", "people") == "1 person"
    assert plural(0, "clash", "clashes") == "0 clashes"
