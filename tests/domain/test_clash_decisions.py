"""The officer's answer to a clash (issue 12 item 1: "a candidate moved to another session or
kept overnight appears there, and the other session's sittings account for it"): the demo's
0012 Finn Watson, who sits 8035/1 and 8145/1 on the morning of Wed 12 May 2027 and 8702/1
that afternoon, 6h 34m in the day with extra time, over the GCSE 5h 30m."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eoffice.db.models import AuditEntry, Paper
from eoffice.db.session import Database
from eoffice.domain import access, examday, roster
from eoffice.domain.access import ExamDayRow, clock
from eoffice.errors import InputError

DAY, NEXT = date(2027, 5, 12), date(2027, 5, 13)


def finn(session: Session, start: date = DAY, end: date = NEXT) -> list[ExamDayRow]:
    return [r for r in access.paper_sittings(session, start, end) if r.candidate == "0012"]


def ids(session: Session, code: str) -> tuple[int, int]:
    row = next(r for r in finn(session) if r.code == code)
    return row.candidate_id, row.paper_id


def test_overnight_supervision_moves_the_afternoon_paper_to_the_next_morning(demo_db: Database) -> None:
    with demo_db.session() as session:
        before = {(r.sat_on, r.session, r.code) for r in finn(session)}
        assert (DAY, "PM", "8702/1") in before
        assert next(r for r in finn(session) if r.code == "8702/1").warning  # the morning runs past 13:30
        cid, pid = ids(session, "8702/1")
        assert access.decide_clash(session, cid, pid, NEXT, "AM") is None

        rows = finn(session)
        assert [(r.sat_on, r.session, r.code, clock(r.start), clock(r.finish)) for r in rows] == [
            (DAY, "AM", "8035/1", "09:00", "10:53"), (DAY, "AM", "8145/1", "11:03", "13:33"),
            (NEXT, "AM", "1MA1/1H", "09:00", "10:53"), (NEXT, "AM", "8702/1", "11:03", "13:15")]
        moved = rows[-1]
        assert moved.moved_from == "Wed 12 May PM"
        # The next morning already has 1MA1/1H: over the 3-hour limit for one session, said on the moved row.
        assert moved.warning == ("0012 now sits 4h 04m of papers in Thu 13 May AM with 8702/1 moved in, over the 3h "
                                 "limit for one session: check the move")
        assert moved.supervision.startswith("overnight supervision from the end of Wed 12 May until it starts")
        assert moved.as_json()["moved_from"] == "Wed 12 May PM"
        # Every reader of the one model follows: the afternoon no longer has Finn, the next morning does.
        assert all(r.candidate != "0012" for r in examday.sittings(session, DAY, DAY, "PM"))
        sittings = roster.load_sittings(session, NEXT, NEXT)[(NEXT, "AM")]
        assert [p.code for s in sittings if s.number == 12 for p in s.papers] == ["1MA1/1H", "8702/1"]
        kit = examday.kit_for(session, NEXT, "AM")
        (paper,) = [p for plan in kit.plans for p in plan.papers if p.code == "8702/1"]
        assert paper.published_words == "published 13:30–15:15 on Wed 12 May PM, moved here to settle a clash"
        (clash,) = [c for c in access.clashes(session) if c.candidate == "0012"]
        assert clash.decision == "8702/1 sat Thu 13 May AM (overnight supervision)"
        assert clash.as_json()["decision"] == clash.decision
        summary = session.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "clash_decision")).all()
        assert summary == ["candidate 0012: 8702/1 to be sat Thu 13 May AM (overnight supervision)"]

        access.restore_clash_decision(session, cid, pid, None)  # undo
        assert {(r.sat_on, r.session, r.code) for r in finn(session)} == before


def test_a_morning_paper_moved_to_the_afternoon_is_supervised_from_its_published_start(demo_db: Database) -> None:
    with demo_db.session() as session:
        cid, pid = ids(session, "8145/1")
        access.decide_clash(session, cid, pid, DAY, "PM")
        rows = [r for r in finn(session, DAY, DAY)]
        assert [(r.session, r.code, clock(r.start)) for r in rows] == [
            ("AM", "8035/1", "09:00"), ("PM", "8145/1", "13:30"), ("PM", "8702/1", "16:10")]
        assert rows[1].supervision == ("moved from the AM to settle a clash: kept under supervision from 09:00 "
                                       "until it starts")
        assert rows[1].warning.endswith("over the 3h limit for one session: check the move")  # 4h 42m in the PM
        assert not rows[2].warning  # the afternoon's own paper starts late because of the move, as the officer chose
        assert access.clear_clash_decision(session, cid, pid) == (DAY, "PM")
        assert access.clear_clash_decision(session, cid, pid) is None


def test_a_move_is_refused_in_one_sentence_where_the_rules_do_not_allow_it(demo_db: Database) -> None:
    with demo_db.session() as session:
        cid, pid = ids(session, "8702/1")
        with pytest.raises(InputError, match="not to Fri 14 May AM"):
            access.decide_clash(session, cid, pid, date(2027, 5, 14), "AM")
        with pytest.raises(InputError, match="'EV' is not a session"):
            access.decide_clash(session, cid, pid, DAY, "EV")
        lone = next(r for r in access.paper_sittings(session, DAY, NEXT) if r.candidate == "0012"
                    and r.sat_on == NEXT)  # fmt: skip
        with pytest.raises(InputError, match="clashes with nothing"):
            access.decide_clash(session, lone.candidate_id, lone.paper_id, NEXT, "PM")
        takers = {r.candidate_id for r in access.paper_sittings(session, DAY, DAY) if r.code == "8702/1"}
        other = next(r for r in access.paper_sittings(session, DAY, DAY) if r.candidate_id not in takers)
        with pytest.raises(InputError, match="is not entered for"):
            access.decide_clash(session, other.candidate_id, pid, NEXT, "AM")


def test_a_decision_the_timetable_has_overtaken_is_not_followed_and_says_so(demo_db: Database) -> None:
    with demo_db.session() as session:
        cid, pid = ids(session, "8702/1")
        access.decide_clash(session, cid, pid, NEXT, "AM")
        session.execute(update(Paper).where(Paper.id == pid).values(sat_on=date(2027, 5, 19)))
        row = next(r for r in access.paper_sittings(session, date(2027, 5, 19), date(2027, 5, 19))
                   if r.candidate == "0012" and r.code == "8702/1")  # fmt: skip
        assert (row.sat_on, row.session) == (date(2027, 5, 19), "PM")
        assert row.warning == ("8702/1 was to be sat Thu 13 May AM to settle a clash, but the timetable now has it "
                               "Wed 19 May PM: decide again")
