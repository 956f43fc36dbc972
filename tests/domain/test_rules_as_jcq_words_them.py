"""Rules as JCQ words them (issue 15, items 4 and 5): the clash break of 0-20 minutes (ICE 8.2),
a stored break over 20 still opening, the long-day break that *may* be longer than 20
minutes, Form 8 only for the arrangements that need one, the overnight supervision form and
its deadline, and the regulations year each default and the build follow.

Each test quotes the rule from ``shared/domain/regulations.md`` it checks, with its source."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from eoffice.db.models import Setting
from eoffice.db.session import Database
from eoffice.domain import access, audit, examday, overview, rules_year, settings
from eoffice.domain import settings_catalogue as catalogue
from eoffice.domain.access import (
    ASSESSED_EARLY,
    FORM_8_NOTE,
    TYPES,
    CandidateFields,
    add_candidate,
    add_entries,
    assessed_before_year_9,
    clock,
    form_8_text,
    needs_form_8,
    overnight_advice,
)
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError
from tests.domain.test_access import TODAY, YEAR
from tests.domain.test_exam_day import APPROVED_25, DAY, paper, person

BREAK = "access.clash.break_minutes"
SIT_ALL = "access.clash.sit_all_break_over_minutes"


# --- 4a: the supervised break between clashing papers, 0-20 minutes -----------------------------

def test_the_clash_break_allows_0_to_20_minutes_default_10_quoting_ice_8_2() -> None:
    """"The break between two clash papers in one session: ICE 2025/26 (8.2) says it *can be more
    than 20 minutes* only in the long-day alternative below, which implies at most 20 minutes
    otherwise" (check; ICE 2025/26 key changes)."""
    info = catalogue.entry(BREAK)
    assert (info.minimum, info.maximum, info.default) == (0, 20, 10)
    assert "JCQ ICE 2025/26 (8.2) allows a break of more than 20 minutes only when a candidate over the day limit " \
           "sits every paper on the day, so here it is at most 20 minutes." in info.help
    assert "JCQ gives no length" not in info.help
    assert catalogue.parse(BREAK, "20") == 20 and catalogue.parse(BREAK, "0") == 0


@pytest.mark.parametrize("typed", ["21", "45", "60"])
def test_a_break_over_20_minutes_is_refused_in_one_line(typed: str) -> None:
    with pytest.raises(InputError) as refused:
        catalogue.parse(BREAK, typed)
    assert str(refused.value) == ("Supervised break between clashing papers in one session must be a whole number "
                                  f"from 0 to 20 (JCQ ICE 2025/26, 8.2); “{typed}” is not.")
    with pytest.raises(InputError):
        catalogue.check(BREAK, int(typed))  # the settings window's check: the same limits


def _store_raw(session: Session, key: str, text: str) -> None:
    """As an older eoffice (0-60 minutes) left it: no check on the way in."""
    session.add(Setting(key=key, value=text))


def test_a_stored_break_of_45_still_opens_and_is_read_as_20(db: Database) -> None:
    """A database from an eoffice that allowed 0-60 minutes keeps its 45: it opens, every rule reads
    20 (the nearest limit), the settings list shows 20, and ``out_of_range`` names it for
    ``eoffice check``; the stored value stays until someone changes it."""
    with db.session() as session:
        _store_raw(session, BREAK, "45")
    with db.session() as session:
        assert settings.stored(session, BREAK) == 45
        assert settings.get(session, BREAK) == 20
        assert access.exam_day.break_minutes(session) == 20
        shown = {v.info.key: v.value for v in catalogue.current(session)}
        assert shown[BREAK] == 20
        [found] = catalogue.out_of_range(session)
    assert (found.info.key, found.stored, found.used) == (BREAK, 45, 20)
    assert found.line() == (
        "setting access.clash.break_minutes is stored as 45 but must now be a whole number from 0 to 20 "
        "(JCQ ICE 2025/26, 8.2); eoffice uses 20 until it is changed "
        "(eoffice settings set access.clash.break_minutes VALUE)")


def test_a_stored_45_times_clashing_papers_with_a_20_minute_break(db: Database) -> None:
    """Candidate 0012's case: 8035/1 (90 min + 25%) finishes 10:53; the second paper starts after
    the break, 20 minutes (not 45), at 11:13. Two short papers sat in one session are advised
    with the 20-minute break too."""
    with db.session() as session:
        cid = person(session, 12, APPROVED_25)
        add_entries(session, [(cid, paper(session, "8145/1", 120)), (cid, paper(session, "8035/1", 90))])
        short = person(session, 13)
        add_entries(session, [(short, paper(session, "X/1", 60, "PM")), (short, paper(session, "X/2", 45, "PM"))])
        _store_raw(session, BREAK, "45")
        session.flush()
        rows = examday.session_list(session, DAY, "AM")
        [clash] = [c for c in access.clashes(session) if c.candidate_id == short]
    assert [(r.code, clock(r.start)) for r in rows] == [("8035/1", "09:00"), ("8145/1", "11:13")]
    assert clash.advice == "sit one after the other with a supervised break of 20 minutes between papers (1h 45m of papers)"


def test_saving_the_limit_replaces_a_stored_value_over_it(db: Database) -> None:
    with db.session() as session:
        _store_raw(session, BREAK, "45")
    with db.session() as session:
        assert catalogue.save(session, {BREAK: 20}) == {BREAK: (45, 20)}
    with db.session() as session:
        assert settings.stored(session, BREAK) == 20 and catalogue.out_of_range(session) == []
        assert audit.entries(session)[0].summary == f"{BREAK}: 45 -> 20"
        assert catalogue.reset(session, BREAK) == {BREAK: (20, 10)}
        assert session.get(Setting, BREAK) is None


def test_a_value_within_the_limits_and_other_kinds_are_read_as_stored(db: Database) -> None:
    with db.session() as session:
        _store_raw(session, BREAK, "15")
        _store_raw(session, "roster.ratio.written", "0")  # under the least (1): the nearest limit
        _store_raw(session, "accounts.sign_in_on_open", '"perhaps"')  # not a yes/no at all: the default
    with db.session() as session:
        assert settings.get(session, BREAK) == 15
        assert settings.get(session, "roster.ratio.written") == 1
        assert settings.get(session, "accounts.sign_in_on_open") is False
        assert [(f.info.key, f.used) for f in catalogue.out_of_range(session)] == [
            ("roster.ratio.written", 1), ("accounts.sign_in_on_open", False)]


# --- 4b: the long-day alternative's break *may be* longer than 20 minutes ----------------------

def test_the_long_day_break_may_be_longer_than_20_minutes_and_sitting_all_is_not_new() -> None:
    """"A candidate over that threshold should be offered the chance to sit every paper on the
    day; from 2025/26 the supervised break in that case *may* be longer than 20 minutes (a
    permission, not a requirement)" (confirmed; JCQ overnight supervision guidance; ICE 2025/26
    key changes 8.2)."""
    advice = overnight_advice(date(2027, 5, 12), 394, 330, 20)
    assert advice.endswith("or the chance to sit every paper on the day (the supervised break may then be longer "
                           "than 20 minutes)")
    assert "with a supervised break of more than" not in advice and "from 2025/26" not in advice
    summer_2025 = overnight_advice(date(2025, 6, 11), 394, 330, 20)  # the option was there before 2025/26
    assert summer_2025.endswith("or the chance to sit every paper on the day")
    info = catalogue.entry(SIT_ALL)
    assert info.label == "Break when sitting every paper of a long day (may be longer than N minutes)"
    assert "the supervised break may then be longer than this" in info.help
    assert "From 2025/26 a candidate" not in info.help and "of more than this" not in info.help


# --- 4c: the Form 8 warning only where a Form 8 is needed ------------------------------------------

def test_the_arrangement_types_table_says_which_need_form_8() -> None:
    """"Form 8 is the assessment evidence for arrangements given for a learning difficulty (25% extra
    time, reader/computer reader, scribe/speech recognition and others AARA lists); modified papers
    need no Form 8" (check AARA chapter 7)."""
    assert {k for k, t in TYPES.items() if t.form_8} == {
        "extra_time_25", "extra_time_up_to_50", "extra_time_over_50", "reader", "computer_reader", "scribe",
        "speech_recognition"}
    assert not needs_form_8("modified_papers") and not needs_form_8("bilingual_dictionary_extra_time")
    assert needs_form_8("extra_time_25") and not needs_form_8("no such kind")
    assert access.FORM_8_SOURCE.startswith("JCQ AARA chapter 7")
    assert "modified papers" in access.FORM_8_SOURCE and "not modified papers" in access.FORM_8_WARNS_FOR


def pupil(session: Session, number: int, year_group: int = 11) -> int:
    return add_candidate(session, CandidateFields(number, "Evans", "Siân", year_group=year_group), today=TODAY).id


def test_form_8_warning_for_25_percent_assessed_in_year_8_not_for_modified_papers(db: Database) -> None:
    """"Form 8 assessment: tests no earlier than Year 9" (confirmed; JCQ change-of-centre guidance,
    from 1 Sep 2025) and "modified papers need no Form 8" (AARA). A Year 11 candidate in 2026/27
    was in Year 8 in 2023/24: 25% extra time assessed on 02/02/2024 is warned; modified papers
    assessed the same day, also applied for on AAO, are not."""
    year_8 = date(2024, 2, 2)
    with db.session() as session:
        extra = access.add_arrangement(session, pupil(session, 42), access.new_fields(
            "extra_time_25", status="applied", assessed_on=year_8))
        access.add_arrangement(session, pupil(session, 43), access.new_fields(
            "modified_papers", status="applied", assessed_on=year_8))
        found = [w for w in access.warnings(session, YEAR, TODAY) if w.kind == ASSESSED_EARLY]
    assert [(w.arrangement_id, w.candidate_number) for w in found] == [(extra.id, 42)]
    assert assessed_before_year_9("aao", "applied", year_8, 11, TODAY, kind="extra_time_25") == date(2024, 9, 1)
    assert assessed_before_year_9("aao", "applied", year_8, 11, TODAY, kind="modified_papers") is None


def test_the_dialogs_form_8_words_come_from_the_same_rule() -> None:
    year_8 = date(2024, 2, 2)
    assert form_8_text("extra_time_25", "aao", "applied", year_8, 11, TODAY) == (
        f"Check: assessed 02/02/2024, before this candidate's Year 9 (from 01/09/2024). {FORM_8_NOTE}")
    assert form_8_text("extra_time_25", "aao", "applied", date(2024, 9, 1), 11, TODAY) == FORM_8_NOTE
    assert form_8_text("modified_papers", "aao", "applied", year_8, 11, TODAY) == (
        "No Form 8 assessment is needed for modified papers (JCQ AARA chapter 7).")
    assert form_8_text("other", "aao", "applied", year_8, 11, TODAY) == FORM_8_NOTE


# --- 4d: the overnight supervision form and its deadline ---------------------------------------

def test_overnight_advice_names_the_form_and_its_deadline() -> None:
    """"Overnight supervision: the centre completes JCQ's overnight supervision form no later than
    two weeks before the series" (check; Pearson 2022/23 page)."""
    advice = overnight_advice(date(2027, 5, 14), 394, 330, 20)
    assert ("offer overnight supervision (the Friday afternoon paper is sat on Saturday morning; complete JCQ's "
            "overnight supervision form no later than two weeks before the series)") in advice
    assert access.OVERNIGHT_FORM_NOTE == (
        "For overnight supervision the centre completes JCQ's overnight supervision form no later than two weeks "
        "before the series; the candidate is supervised from when they are taken out of contact.")


# --- 5: the regulations year -----------------------------------------------------------------------

def test_each_rules_default_records_its_sources_year_and_none_is_later_than_the_build() -> None:
    rules = {key: info for key, info in catalogue.CATALOGUE.items() if info.source}
    assert {BREAK, SIT_ALL, "access.clash.same_session_max_minutes", "access.expiry_months",
            "roster.ratio.written", "timetable.start.AM"} <= set(rules)
    for info in rules.values():
        assert AcademicYear.parse(info.source_year) <= rules_year.RULES_YEAR, info.key
    assert max(AcademicYear.parse(i.source_year) for i in rules.values()) == rules_year.RULES_YEAR
    assert all(not i.source_year for i in catalogue.CATALOGUE.values() if not i.source)
    assert "roster.solver_seconds" not in rules  # the centre's own choice: no source
    assert catalogue.entry(BREAK).source_year == "2025/26"
    assert catalogue.entry("access.fallback_deadline_days_before_series").source_year == "2022/23"
    assert catalogue.entry(BREAK).default_source == "JCQ ICE 8.2; the length up to 20 minutes is the centre's (2025/26)"


def test_the_build_follows_the_2025_26_regulations() -> None:
    assert AcademicYear(2025) == rules_year.RULES_YEAR
    assert rules_year.rules_label() == "2025/26"
    assert rules_year.about_line() == "Follows the JCQ regulations for 2025/26."


def _regulations_line(db: Database, today: date) -> overview.AreaLine | None:
    with db.session() as session:
        lines = overview.gather(session, AcademicYear.containing(today), today).areas
    return next((line for line in lines if line.area == overview.REGULATIONS), None)


def test_the_overview_warns_from_1_september_of_a_later_year(db: Database) -> None:
    """Rules for 2025/26: nothing on 31/08/2026; from 01/09/2026 the Overview says to check the
    2026/27 changes; a year on, the changes since."""
    assert rules_year.notice(date(2026, 8, 31)) is None
    assert _regulations_line(db, date(2026, 8, 31)) is None
    assert _regulations_line(db, date(2025, 9, 1)) is None
    line = _regulations_line(db, date(2026, 9, 1))
    assert line is not None
    assert line.summary == ("eoffice follows the 2025/26 JCQ regulations; check the 2026/27 changes and update the "
                            "rules' settings where they differ.")
    assert line.tab_key == "overview"
    assert rules_year.notice(date(2027, 9, 1)) == (
        "eoffice follows the 2025/26 JCQ regulations; check the changes from 2026/27 to 2027/28 and update the "
        "rules' settings where they differ.")


def test_the_overview_warning_follows_today_not_the_year_shown(db: Database) -> None:
    with db.session() as session:
        earlier = overview.gather(session, AcademicYear(2025), date(2026, 9, 1)).areas
        before = overview.gather(session, AcademicYear(2026), date(2026, 8, 31)).areas
    assert any(line.area == overview.REGULATIONS for line in earlier)
    assert not any(line.area == overview.REGULATIONS for line in before)
