"""What the exam-day page shows for one session, read at once, and the words it shows it in.

``exam_day_view`` is the page's one read: the session seated once (``examday.editable_plan``)
for its list, kit and desk holders, that day's clashes, the staff the rooming needs and the
printed documents now out of date. It lives apart from the page (``access_exam_day``) so the
Access tab can read it ahead (``exam_day_ahead``) without the page's widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice.domain import examday, roster
from eoffice.domain.access import Clash, ExamDayRow, exam_day
from eoffice.domain.examday import DeskHolder, ExamDayKit, StalePrint
from eoffice.domain.roster import SessionStaffing
from eoffice.domain.words import plural
from eoffice.domain.years import AcademicYear

REPRINTS_SHOWN = 3  # documents named one by one in the reprint line; more are counted, so the plan keeps its height
ARRIVALS_SHOWN = 3  # papers moved into the session named one by one in the summary; more are counted


@dataclass(frozen=True)
class DaySpan:
    """One day as the span ``exam_day.clashes`` reads (it uses only ``start`` and ``end``)."""

    start: date
    end: date


def exam_day_data(session: Session, day: date, exam_session: str,
                  year: AcademicYear | None = None) -> tuple[list[ExamDayRow], list[Clash]]:
    """The session's list and the clashes of that day (or of the whole ``year``), as the page reads them."""
    view = exam_day_view(session, day, exam_session, year)
    return view.rows, view.clashes


@dataclass(frozen=True)
class ExamDayView:
    """What the page shows for one session, read at once."""

    rows: list[ExamDayRow]
    clashes: list[Clash]
    kit: ExamDayKit  # the room plans and what to settle before printing, as the printed kit has them
    holders: dict[str, dict[str, DeskHolder]]  # room -> desk -> who sits there, locked or not: what moves need
    staff: SessionStaffing | None = None  # what the rooming needs in people; None when nobody sits
    stale: tuple[StalePrint, ...] = ()  # printed documents that no longer match the kit


def exam_day_view(session: Session, day: date, exam_session: str, year: AcademicYear | None = None) -> ExamDayView:
    """The list, the kit and each desk's holder from one seating of the session
    (``examday.editable_plan``), the clashes, the staff the rooming needs and the printed
    documents out of date, in one database read; the prints are compared with the kit the
    page shows, not with one worked out again."""
    plan = examday.editable_plan(session, day, exam_session)
    found = exam_day.clashes(session, year if year is not None else DaySpan(day, day))  # type: ignore[arg-type]  # clashes reads only .start and .end
    staff = next((s for s in roster.staffing(session, day, day, placed=plan.layout) if s.session == exam_session),
                 None)
    stale = tuple(examday.out_of_date_prints(session, plan.kit))
    return ExamDayView(plan.rows, found, plan.kit, plan.holders, staff, stale)


def staff_text(staff: SessionStaffing) -> str:
    """``Staff: 3 rooms need 4 invigilators …; 39 available: enough``: the page already names
    the session, so its date and session are left off the front."""
    return "Staff: " + staff.text.removeprefix(f"{roster.slot_label(staff.on, staff.session)}: ")


def reprint_text(stale: tuple[StalePrint, ...], day: date, exam_session: str) -> str:
    """The documents to print again ("" when none). A few are named one by one; more would
    push the plan off a small screen, so they are counted with every room named (each room's
    door and invigilators need the new copies) and the tooltip names them one by one."""
    if len(stale) <= REPRINTS_SHOWN:
        return examday.out_of_date_text(stale, day, exam_session)
    rooms = sorted({s.room for s in stale})
    where = rooms[0] if len(rooms) == 1 else f"{', '.join(rooms[:-1])} and {rooms[-1]}"
    return (f"Printed for {roster.slot_label(day, exam_session)} and now out of date: "
            f"{plural(len(stale), 'document')} for {where} (hover here for each one and when it was printed). "
            "Print again.")


def arrivals_text(rows: list[ExamDayRow]) -> str:
    """" Moved here to settle a clash: 0012's 8702/1 from Wed 12 May PM." ("" when none): a
    paper sat where the timetable does not put it is said where it is always in view, because
    the list's paper column is narrow on a small screen (its tooltip says the supervision)."""
    arrived = [r for r in rows if r.moved_from]
    if not arrived:
        return ""
    named = [f"{r.candidate}'s {r.code} from {r.moved_from}" for r in arrived[:ARRIVALS_SHOWN]]
    if len(arrived) > ARRIVALS_SHOWN:
        named.append(plural(len(arrived) - ARRIVALS_SHOWN, "more paper"))
    words = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return f" Moved here to settle a clash: {words}."


def seating_problems(kit: ExamDayKit) -> bool:
    """Whether the kit's warnings are problems to settle, not only "nobody sits": that one comes
    alone, with no room in use; a session seated, or failed to seat, says more."""
    return bool(kit.warnings) and (bool(kit.plans) or len(kit.warnings) > 1)
