"""Rules from regulations.md's access-arrangements section that need more than a finish time:
Form 8 assessments from Year 9, centre-delegated arrangements that never reach exam day,
form BD25, and rest breaks tried before 25% extra time.

Each test quotes the rule from ``shared/domain/regulations.md`` it checks, with its source."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from eoffice.db.session import Database
from eoffice.domain import access, examday, settings
from eoffice.domain.access import (
    ASSESSED_EARLY,
    NOT_APPLIED,
    NOT_APPROVED,
    TYPES,
    WORDS,
    CandidateFields,
    add_candidate,
    assessed_before_year_9,
    year_9_start,
)
from tests.domain.test_access import FIRST, TODAY, YEAR, sits


def pupil(session: Session, number: int = 42, year_group: int | None = 11) -> int:
    return add_candidate(session, CandidateFields(number, "Evans", "Siân", year_group=year_group), today=TODAY).id


def test_year_9_starts_on_1_september_counted_back_from_the_year_group() -> None:
    """A Year 11 candidate in 2026/27 was in Year 9 in 2024/25; a Year 13 one in 2022/23."""
    assert year_9_start(11, TODAY) == date(2024, 9, 1)
    assert year_9_start(13, TODAY) == date(2022, 9, 1)
    assert year_9_start(11, date(2027, 8, 31)) == date(2024, 9, 1)  # still 2026/27
    assert year_9_start(11, date(2027, 9, 1)) == date(2025, 9, 1)  # the MIS year group is this year's


def test_a_form_8_assessment_before_year_9_is_warned(db: Database) -> None:
    """"Form 8 assessment: tests no earlier than Year 9; assessor evidence on file" (confirmed;
    JCQ change-of-centre guidance, from 1 Sep 2025). A Year 11 candidate in 2026/27 assessed on
    31/08/2024 (the last day of Year 8) is warned; assessed on 01/09/2024 (Year 9) is not."""
    with db.session() as session:
        early = access.add_arrangement(session, pupil(session), access.new_fields(
            "extra_time_25", status="applied", assessed_on=date(2024, 8, 31)))
        access.add_arrangement(session, pupil(session, 43), access.new_fields(
            "reader", status="evidence", assessed_on=date(2024, 9, 1)))
        found = [w for w in access.warnings(session, YEAR, TODAY) if w.kind == ASSESSED_EARLY]
        lines = access.overview_lines(session, YEAR, TODAY)
    assert [(w.arrangement_id, w.candidate_number) for w in found] == [(early.id, 42)]
    assert found[0].message == ("assessed 31/08/2024, before the candidate's Year 9 (from 01/09/2024); "
                                "Form 8 assessment tests must be no earlier than Year 9")
    assert "1 assessment dated before the candidate's Year 9" in lines
    assert WORDS[ASSESSED_EARLY] == "Assessed before Year 9"


def test_form_8_is_checked_only_where_it_applies() -> None:
    """Only arrangements applied for carry a Form 8; a closed one or an unknown year group is left alone."""
    before = date(2023, 2, 2)
    assert assessed_before_year_9("aao", "approved", before, 11, TODAY) == date(2024, 9, 1)
    assert assessed_before_year_9("referred", "to_assess", before, 11, TODAY) == date(2024, 9, 1)
    assert assessed_before_year_9("delegated", "approved", before, 11, TODAY) is None  # no application, no Form 8
    assert assessed_before_year_9("aao", "withdrawn", before, 11, TODAY) is None
    assert assessed_before_year_9("aao", "approved", before, None, TODAY) is None
    assert assessed_before_year_9("aao", "approved", None, 11, TODAY) is None


def test_a_delegated_arrangement_not_yet_approved_is_warned_as_the_exams_near(db: Database) -> None:
    """"Centre-delegated (no application): supervised rest breaks, word processor, ..."
    (regulations.md). No AAO deadline catches them, yet only an approved arrangement reaches
    exam day (demo candidates 0063 and 0171: stuck at "Evidence gathered"). Warned from
    ``access.deadline_warning_days`` (28) before the candidate's next exam on 10/05/2027."""
    with db.session() as session:
        cid = pupil(session)
        sits(session, cid, (FIRST, "AM"))
        waiting = access.add_arrangement(session, cid, access.new_fields("word_processor", status="evidence"))
        access.add_arrangement(session, cid, access.new_fields("rest_breaks", status="withdrawn"))
        access.add_arrangement(session, cid, access.new_fields("coloured_overlays", status="approved"))
        (row,) = examday.session_list(session, FIRST, "AM")
        assert row.arrangements == ("Coloured overlays or coloured paper",)  # the word processor is not there
        assert access.warnings(session, YEAR, date(2027, 4, 11)) == []  # 29 days before: not yet
        found = access.warnings(session, YEAR, date(2027, 4, 12))
        lines = access.overview_lines(session, YEAR, date(2027, 4, 12))
        settings.put(session, "access.deadline_warning_days", 60)
        earlier = access.warnings(session, YEAR, date(2027, 3, 11))
    assert [(w.kind, w.arrangement_id) for w in found] == [(NOT_APPROVED, waiting.id)]
    assert found[0].message == ("centre-delegated but not yet marked Approved, so it is on no exam-day sheet; "
                                "the candidate's next exam is 10/05/2027, in 28 days")
    assert lines == ["1 centre-delegated arrangement not yet approved, so not on exam-day sheets"]
    assert [w.kind for w in earlier] == [NOT_APPROVED]
    assert WORDS[NOT_APPROVED] == "Not approved: not on exam day"


def test_applications_are_still_the_application_warning_not_the_delegated_one(db: Database) -> None:
    with db.session() as session:
        cid = pupil(session)
        sits(session, cid, (FIRST, "AM"))
        access.add_arrangement(session, cid, access.new_fields("extra_time_25", status="evidence"))
        access.add_arrangement(session, cid, access.new_fields("rest_breaks", status="approved",
                                                               rest_minutes_per_hour=5))
        kinds = [w.kind for w in access.warnings(session, YEAR, date(2027, 4, 20))]
        after_the_exam = access.warnings(session, YEAR, date(2027, 5, 11))  # no exam left this year
    assert kinds == [NOT_APPLIED]
    assert NOT_APPROVED not in [w.kind for w in after_the_exam]


def test_bilingual_dictionary_with_extra_time_says_it_needs_form_bd25() -> None:
    """"Bilingual dictionary with 25% extra time needs AAO plus form BD25 (entered the UK within
    3 years)" (confirmed; local authority EAL guidance 2023/24)."""
    kind = TYPES["bilingual_dictionary_extra_time"]
    assert kind.route == "aao" and kind.extra_time == 25
    assert "BD25" in kind.note and "entered the UK within the last 3 years" in kind.note
    assert TYPES["bilingual_dictionary"].route == "delegated" and not TYPES["bilingual_dictionary"].note


def test_25_percent_extra_time_says_rest_breaks_must_have_been_tried_first() -> None:
    """"From 2025/26: before applying for 25% extra time for a condition that is not a learning
    difficulty, supervised rest breaks must have been tried" (confirmed; JCQ 2025/26 changes,
    press 29 Sep 2025)."""
    note = TYPES["extra_time_25"].note
    assert note.startswith("From 2025/26, for a condition that is not a learning difficulty, supervised rest breaks "
                           "must have been tried before applying for 25% extra time")
    assert all(not t.note for k, t in TYPES.items() if k not in ("extra_time_25", "bilingual_dictionary_extra_time"))
