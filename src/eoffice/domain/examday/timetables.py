"""Candidates' own timetables and statements of entry, from the one model of sittings.

Candidates must be told their entries and the dates and times of their exams before the
series (JCQ General Regulations). A timetable here is one candidate's: every entry (board,
code, title, qualification, tier) and every sitting with its date, session, room, desk
where seated, start and their own finish (extra time, rest breaks and any pause counted,
because ``examday.sittings`` counts them), the clash arrangements in words ("sit 8145/1
after 8035/1, with a supervised break of 10 minutes"), and the line they sign to say the
entries are right. It carries nothing of any other candidate, and never the reason a
finish is later (that is health data): only the time.

``candidate_timetables`` chooses by candidate number, form, year group or everyone; the
PDF and iCalendar writers (``io/timetable_pdf.py``, ``io/timetable_ics.py``) lay the
records out and call nothing here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.db.models import Candidate, Entry, Paper
from eoffice.domain.access import ExamDayRow, format_number, parse_number
from eoffice.domain.centre import get_centre, printed_name
from eoffice.domain.examday.seating import candidates_exams
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError

CONFIRM = ("I have checked my entries and the dates and times of my exams. They are right, or I have told the "
           "exams office what is wrong.")
_CODE_TIER = re.compile(r"(?:^|[/ ])\d*([FH])$")


def tier_of(code: str, title: str) -> str:
    """``Higher``, ``Foundation`` or "": the title says it ("Mathematics Paper 1 (Higher)"),
    else the component code's last part ends in H or F (``1MA1/1H``, ``8464/B/1F``)."""
    words = title.casefold()
    for tier in ("Higher", "Foundation"):
        if f"({tier.casefold()}" in words or f"{tier.casefold()} tier" in words:
            return tier
    found = _CODE_TIER.search(code.strip())
    return {"H": "Higher", "F": "Foundation"}[found[1]] if found else ""


@dataclass(frozen=True)
class TimetableEntry:
    board: str
    code: str
    title: str
    qualification: str
    tier: str


@dataclass(frozen=True)
class TimetableSitting:
    paper_id: int
    on: date
    session: str
    board: str
    code: str
    title: str
    room: str  # "" while the session is not yet roomed
    desk: str  # "" while the room is not yet seated
    start: int  # minutes after midnight, as sat
    finish: int  # the candidate's own finish
    arrangement: str = ""  # the clash arrangement in words; "" for a paper sat as timetabled


@dataclass(frozen=True)
class CandidateTimetable:
    """One candidate's timetable and statement of entry: their data and nobody else's."""

    centre_number: str
    centre_name: str
    year: str  # "2026/27"
    number: str  # "0012"
    surname: str
    forenames: str
    form: str
    year_group: int | None
    uci: str
    entries: tuple[TimetableEntry, ...]
    sittings: tuple[TimetableSitting, ...]

    @property
    def name(self) -> str:
        return f"{self.forenames} {self.surname}"


@dataclass(frozen=True)
class TimetableChoice:
    """Whose timetables: one candidate, a form, a year group, or (all None) everyone."""

    candidate: int | None = None
    form: str | None = None
    year_group: int | None = None

    @property
    def words(self) -> str:
        if self.candidate is not None:
            return f"candidate {format_number(self.candidate)}"
        if self.form is not None:
            return f"form {self.form}"
        if self.year_group is not None:
            return f"year {self.year_group}"
        return "every candidate"


def choice_from(candidate: str | None = None, form: str | None = None, year_group: str | None = None) -> TimetableChoice:
    """The command line's ``--candidate``, ``--form`` or ``--year-group`` (at most one)."""
    given = [name for name, value in (("--candidate", candidate), ("--form", form), ("--year-group", year_group))
             if value is not None]
    if len(given) > 1:
        raise InputError(f"{given[0]} and {given[1]}: choose one of --candidate, --form and --year-group")
    if candidate is not None:
        return TimetableChoice(candidate=parse_number(candidate))
    if form is not None:
        if not form.strip():
            raise InputError("--form: name the form, like 11F")
        return TimetableChoice(form=form.strip())
    if year_group is not None:
        if not year_group.strip().isdigit():
            raise InputError(f"--year-group {year_group}: write the year as a number, like 11")
        return TimetableChoice(year_group=int(year_group))
    return TimetableChoice()


def clash_words(row: ExamDayRow, before: ExamDayRow | None) -> str:
    """The arrangement in the candidate's words: ``sit 8145/1 after 8035/1, with a supervised
    break of 10 minutes``; a paper moved to settle a clash says from where; "" otherwise."""
    parts = []
    if row.moved_from:
        parts.append(f"moved from {row.moved_from} to settle a clash")
    if before is not None and row.clash_note:
        gap = row.start - before.finish
        parts.append(f"sit {row.code} after {before.code}, with a supervised break"
                     + (f" of {gap} minutes" if gap > 0 else ""))
    elif row.supervision and not row.moved_from:
        parts.append(row.supervision)
    return "; ".join(parts)


def _sittings(rows: Sequence[ExamDayRow]) -> tuple[TimetableSitting, ...]:
    ordered = sorted(rows, key=lambda r: (r.sat_on, r.session, r.start, r.code))
    found = []
    for i, r in enumerate(ordered):
        prev = ordered[i - 1] if i and (ordered[i - 1].sat_on, ordered[i - 1].session) == (r.sat_on, r.session) \
            else None
        found.append(TimetableSitting(r.paper_id, r.sat_on, r.session, r.board, r.code, r.title, r.room or "",
                                      r.desk or "", r.start, r.finish, clash_words(r, prev)))
    return tuple(found)


def _chosen(session: Session, choice: TimetableChoice) -> list[Candidate]:
    query = select(Candidate).where(Candidate.active.is_(True))
    if choice.candidate is not None:
        query = query.where(Candidate.number == choice.candidate)
    elif choice.form is not None:
        query = query.where(Candidate.form == choice.form)
    elif choice.year_group is not None:
        query = query.where(Candidate.year_group == choice.year_group)
    found = list(session.scalars(query.order_by(Candidate.number)))
    if not found:
        if choice.form is not None:
            forms = sorted({f for f in session.scalars(select(Candidate.form).distinct()) if f})
            raise InputError(f"nobody is in form {choice.form}" + (f"; the forms are {', '.join(forms)}" if forms else ""))
        raise InputError(f"there is no {choice.words}" if choice.candidate is not None
                         else f"nobody is in {choice.words}")
    return found


def candidate_timetables(session: Session, year: AcademicYear,
                         choice: TimetableChoice | None = None) -> list[CandidateTimetable]:
    """Timetables of the chosen candidates, by candidate number. A group leaves out anyone with
    no entries this year; one candidate without entries, or a group of nobody with entries,
    is one plain line."""
    choice = choice or TimetableChoice()
    people = _chosen(session, choice)
    ids = [c.id for c in people]
    entered: dict[int, list[TimetableEntry]] = defaultdict(list)
    for cid, board, code, title, qualification in session.execute(
        select(Entry.candidate_id, Paper.board, Paper.code, Paper.title, Paper.qualification)
        .join(Paper, Paper.id == Entry.paper_id)
        .where(Entry.candidate_id.in_(ids), Paper.sat_on >= year.start, Paper.sat_on <= year.end)
        .order_by(Paper.board, Paper.code)
    ):
        entry = TimetableEntry(board, code, title, qualification or "", tier_of(code, title))
        if entry not in entered[cid]:
            entered[cid].append(entry)
    if not entered:
        raise InputError(f"{choice.words} has no entries in {year.label}" if choice.candidate is not None
                         else f"nobody in {choice.words} has entries in {year.label}")
    sat = candidates_exams(session, list(entered), year.start, year.end)
    centre = get_centre(session)
    number = (centre.centre_number or "") if centre else ""
    name = printed_name(session)
    return [CandidateTimetable(number, name, year.label, format_number(c.number), c.surname, c.forenames,
                               c.form or "", c.year_group, c.uci or "", tuple(entered[c.id]),
                               _sittings(sat.get(c.id, [])))
            for c in people if c.id in entered]
