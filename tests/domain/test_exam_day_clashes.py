"""Clashes: papers in one session timed one after the other, the other session's load in the
move verdict, and the overnight-supervision words (Friday to Saturday, the 2025/26 alternative).

Each test quotes the rule from ``shared/domain/regulations.md`` it checks, with its source."""

from __future__ import annotations

from datetime import date

from eoffice.db.session import Database
from eoffice.domain import examday, settings
from eoffice.domain.access import (
    MOVE,
    OVERNIGHT,
    SAME_SESSION,
    add_entries,
    clock,
    exam_day,
    one_after_another,
    overnight_advice,
    session_verdict,
    timing,
)
from eoffice.domain.years import AcademicYear
from tests.domain.test_exam_day import APPROVED_25, DAY, paper, person


def test_a_second_paper_in_the_session_starts_after_the_first_finishes_plus_the_break(db: Database) -> None:
    """"Clash where the papers add up to 3 hours or less: sit both in the same session with a
    short supervised break" (confirmed; school exam policies citing ICE). Candidate 0012 of the
    demo: 8035/1 (90 min) and 8145/1 (120 min) at 09:00 with 25% extra time. The first finishes
    at 10:53; after the 10-minute break (a setting) the second starts at 11:03 and, 150 minutes
    later, finishes at 13:33, not at 11:30 as if both started at 09:00."""
    with db.session() as session:
        cid = person(session, 12, APPROVED_25)
        add_entries(session, [(cid, paper(session, "8145/1", 120)), (cid, paper(session, "8035/1", 90))])
        rows = examday.session_list(session, DAY, "AM")
        assert [(r.code, clock(r.published), clock(r.start), clock(r.finish), r.clash_note) for r in rows] == [
            ("8035/1", "09:00", "09:00", "10:53", "clash: sits first, then 8145/1"),
            ("8145/1", "09:00", "11:03", "13:33", "clash: sits after 8035/1")]
        assert rows[1].as_json()["start"] == "11:03" and rows[1].as_json()["published_start"] == "09:00"
        assert rows[1].as_json()["clash"] == "clash: sits after 8035/1" and rows[0].as_json()["finish"] == "10:53"
        settings.put(session, "access.clash.break_minutes", 5)
        later = examday.session_list(session, DAY, "AM")[1]
        summary = examday.candidates_exams(session, [cid], AcademicYear(2026).start, AcademicYear(2026).end)[cid]
    assert (clock(later.start), clock(later.finish)) == ("10:58", "13:28")
    assert [(e.code, clock(e.start), clock(e.finish), e.clash_note) for e in summary] == [
        ("8035/1", "09:00", "10:53", "clash: sits first, then 8145/1"),
        ("8145/1", "10:58", "13:28", "clash: sits after 8035/1")]


def test_a_paper_alone_in_its_session_is_not_marked(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 42, APPROVED_25)
        add_entries(session, [(cid, paper(session, "X", 90)), (cid, paper(session, "Y", 90, "PM"))])
        rows = [r for r in examday.sittings(session, DAY, DAY) if r.with_arrangements]
    assert [(r.code, clock(r.start), r.clash_note) for r in rows] == [("X", "09:00", ""), ("Y", "13:30", "")]


def test_a_later_published_start_is_kept_when_the_first_paper_is_over_by_then() -> None:
    """The break is the least between papers; a paper published later is not brought forward."""
    first, second = timing(540, 45), timing(660, 60)  # 09:00 for 45 min; 11:00
    assert [(clock(t.start), clock(t.finish)) for t in one_after_another([first, second], 10)] == [
        ("09:00", "09:45"), ("11:00", "12:00")]


def test_the_move_verdict_counts_the_papers_already_in_the_other_session(db: Database) -> None:
    """"Clash where the papers add up to more than 3 hours, counting extra time and rest breaks:
    move one to the other session of the same day" (confirmed; Pearson, WJEC). Candidate 0018 of
    the demo: AM 8035/1 (90) + 8145/1 (120) = 210 minutes; the PM already has 8702/1 (105), so
    either move puts 195 or 225 minutes in the PM, over 3 hours: no move fits. The day (315
    minutes) is within 5h30, so it is not overnight supervision either."""
    with db.session() as session:
        cid = person(session, 18)
        add_entries(session, [(cid, paper(session, "8035/1", 90)), (cid, paper(session, "8145/1", 120)),
                              (cid, paper(session, "8702/1", 105, "PM"))])
        (clash,) = exam_day.clashes(session)
    assert (clash.session, clash.total_minutes, clash.resolution) == ("AM", 210, MOVE)
    assert clash.advice == ("moving 8035/1 puts 3h 15m in the PM, over the 3h limit for one session; "
                            "decide how to split the day")
    assert clash.as_json()["resolution"] == "move-to-other-session"


def test_a_move_that_fits_names_the_paper_and_what_the_other_session_then_holds(db: Database) -> None:
    with db.session() as session:
        cid = person(session, 18)
        add_entries(session, [(cid, paper(session, "8035/1", 90)), (cid, paper(session, "8145/1", 120)),
                              (cid, paper(session, "8702/1", 60, "PM"))])
        (clash,) = exam_day.clashes(session)
        assert (clash.resolution, clash.advice) == (MOVE, "move 8035/1 to the PM session; the PM then has 2h 30m")
        settings.put(session, "access.clash.same_session_max_minutes", 150)  # a stricter centre: 8035/1 + 8702/1 = 150
        assert exam_day.clashes(session)[0].resolution == MOVE
        settings.put(session, "access.clash.same_session_max_minutes", 140)
        assert exam_day.clashes(session)[0].resolution == MOVE


def test_an_empty_other_session_takes_the_paper_whatever_its_length() -> None:
    """A paper sat alone is not a clash, so a long one may move to an empty session."""
    verdict = session_verdict([("A", 200), ("B", 90)], "PM", [], 180, 10)  # type: ignore[list-item]
    assert (verdict.resolution, verdict.advice) == (MOVE, "move A to the PM session")
    three = session_verdict([("A", 100), ("B", 100), ("C", 100)], "PM", [], 180, 10)  # type: ignore[list-item]
    assert (three.resolution, three.advice) == (
        MOVE, "moving one paper still leaves 3h 20m in this session, over the 3h limit for one session; "
                      "decide how to split the day")
    same = session_verdict([("A", 60), ("B", 45)], "PM", [], 180, 10)  # type: ignore[list-item]
    assert same.resolution == SAME_SESSION


def test_overnight_supervision_words_friday_to_saturday_and_the_2025_26_alternative() -> None:
    """"Three or more exams in a day adding up to more than 5h30 (GCSE) or 6h (GCE): overnight
    supervision may be used, the afternoon paper taken the next morning (a Friday afternoon paper
    on Saturday morning)" (confirmed; JCQ overnight supervision guidance); "A candidate over that
    threshold should be offered the chance to sit every paper on the day; from 2025/26 the
    supervised break in that case *may* be longer than 20 minutes" (confirmed; ICE 2025/26 key
    changes 8.2); "the centre completes JCQ's overnight supervision form no later than two weeks
    before the series" (check; Pearson 2022/23 page)."""
    wednesday = overnight_advice(date(2027, 5, 12), 394, 330, 20)
    assert wednesday == ("6h 34m in the day, over 5h 30m: offer overnight supervision (the afternoon paper is sat "
                         "the next morning; complete JCQ's overnight supervision form no later than two weeks before "
                         "the series) or the chance to sit every paper on the day (the supervised break may then be "
                         "longer than 20 minutes)")
    friday = overnight_advice(date(2027, 5, 14), 394, 330, 20)
    assert "(the Friday afternoon paper is sat on Saturday morning; complete JCQ's overnight supervision form" in friday
    before = overnight_advice(date(2025, 6, 13), 394, 330, 20)  # summer 2025: before the longer break
    assert before == ("6h 34m in the day, over 5h 30m: offer overnight supervision (the Friday afternoon paper is "
                      "sat on Saturday morning; complete JCQ's overnight supervision form no later than two weeks "
                      "before the series) or the chance to sit every paper on the day")


def test_overnight_clash_carries_its_advice_and_the_break_is_a_setting(db: Database) -> None:
    friday = date(2027, 5, 14)
    with db.session() as session:
        cid = person(session, 42)
        add_entries(session, [(cid, paper(session, "A1", 120, day=friday)),
                              (cid, paper(session, "A2", 120, day=friday, start="11:15")),
                              (cid, paper(session, "A3", 120, "PM", day=friday))])
        settings.put(session, "access.clash.sit_all_break_over_minutes", 25)
        (clash,) = exam_day.clashes(session)
    assert clash.resolution == OVERNIGHT
    assert clash.advice.endswith("or the chance to sit every paper on the day (the supervised break may then be "
                                 "longer than 25 minutes)")
    assert clash.as_json()["advice"] == clash.advice
