"""The checks a target, a Key Skill and a meeting pass before they are saved: one rule each,
asked by the dialogs' Save and by every add and update."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.domain.standards import MeetingFields, SkillFields, TargetFields, check_meeting_dates, check_skill, check_target
from eoffice.errors import InputError


def test_a_target_needs_an_area_of_at_most_120_characters_and_the_target_itself() -> None:
    assert check_target(TargetFields(area="  Entries   and fees ", target=" Make all entries on time ")) == TargetFields(
        area="Entries and fees", target="Make all entries on time")
    with pytest.raises(InputError, match="choose an area"):
        check_target(TargetFields(area="  ", target="x"))
    with pytest.raises(InputError, match="longer than 120 characters"):
        check_target(TargetFields(area="a" * 121, target="x"))
    with pytest.raises(InputError, match="write the target itself"):
        check_target(TargetFields(area="Entries", target="  "))


def test_a_key_skill_already_chosen_this_year_is_refused() -> None:
    assert check_skill(SkillFields(skill="communication", measure=" feedback ")).measure == "feedback"
    with pytest.raises(InputError, match="already one of this year's Key Skills"):
        check_skill(SkillFields(skill="communication"), taken={"communication"})


def test_the_next_meeting_comes_after_this_one() -> None:
    held = date(2026, 11, 3)
    assert check_meeting_dates(MeetingFields(held_on=held, kind="review", next_meeting_on=None)).held_on == held
    with pytest.raises(InputError, match=r"next meeting must be after this one \(03/11/2026\)"):
        check_meeting_dates(MeetingFields(held_on=held, kind="review", next_meeting_on=held))
