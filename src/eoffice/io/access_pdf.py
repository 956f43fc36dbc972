"""Access arrangement PDFs: the invigilators' sheet per session, a summary per
candidate, and the door list.

The session sheet is what an invigilator holds in the room: a page per exam session,
grouped by room, each candidate's finish time in bold, because a candidate stopped
early is the mistake that cannot be put right. A paper sat after another in a clash is
marked, and its start shaded, since it does not start at the published time. Every page carries the sensitive-data
notice; the door list alone shows no names and no arrangements.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from eoffice.domain.access import ROOM_NEEDS, ROUTES, STATUSES, AccessData, ArrangementRecord, ExamDayRow, clock, describe_timing
from eoffice.domain.dates import format_date
from eoffice.io.access_export import DOOR_NOTICE, SENSITIVE, by_session, door_rows, room_text
from eoffice.io.pdf import AMBER_FILL, GREY, Cell, Column, Document

SESSION_COLUMNS = (
    Column("Cand.", 7), Column("Name", 22), Column("Room", 14), Column("Arrangements", 28), Column("Paper", 30),
    Column("Start", 7, "C"), Column("Length", 8, "C"), Column("Added (min)", 13, "C"), Column("Finish", 8, "C"),
)
ARRANGEMENT_COLUMNS = (
    Column("Arrangement", 24), Column("Timing", 16), Column("Route", 17), Column("Status", 12),
    Column("Approved", 12, "C"), Column("Expires", 12, "C"), Column("Room need", 15),
)
EXAM_COLUMNS = (
    Column("Date", 12), Column("AM/PM", 9, "C"), Column("Paper", 37), Column("Room", 12), Column("Start", 7, "C"),
    Column("Length", 9, "C"), Column("Added (min)", 13, "C"), Column("Finish", 8, "C"),
)
DOOR_COLUMNS = (Column("Candidate", 16), Column("Room", 24), Column("Room need", 40))


def session_title(day: date, session: str) -> str:
    return f"{day:%A} {format_date(day)} · {session}"


def _minutes(value: Fraction) -> str:
    """22.5 -> "22½", 26.25 -> "26¼", 30 -> "30": exact, as the rule computes it."""
    whole, part = divmod(value, 1)
    if not part:
        return str(whole)
    mark = {Fraction(1, 4): "¼", Fraction(1, 2): "½", Fraction(3, 4): "¾"}.get(part)
    return f"{whole}{mark}" if mark else f"{float(value):.1f}"


def _added(row: ExamDayRow) -> str:
    extra, rest = row.timing.extra_minutes, row.timing.rest_minutes
    parts = []
    if extra:
        parts.append(f"+{_minutes(extra)}")
    if rest:
        parts.append(f"rest {_minutes(rest)}")
    return " ".join(parts) or "—"


def _paper(row: ExamDayRow) -> Cell:
    """The code, and under it the title and, for a clash, the order it is sat in."""
    if not row.clash_note and not row.moved_from:
        return Cell(row.code, note=row.title)
    moved = f"Moved from {row.moved_from} to settle a clash. " if row.moved_from else ""
    note = row.clash_note[:1].upper() + row.clash_note[1:]
    published = f" ({row.published_note.replace('published', 'published start', 1)})" if row.published_note else ""
    return Cell(row.code, note=f"{row.title}. {moved}{note}{published}".rstrip())


def _start(row: ExamDayRow) -> Cell:
    """Shaded when the candidate starts later than the published time (a clash): the text
    under the paper says why."""
    return Cell(clock(row.start), fill=AMBER_FILL if row.start != row.published else None)


def write_sessions_pdf(path: Path, data: AccessData) -> Path:
    """A page per exam session: the candidates with arrangements, by room, with finish times."""
    with Document("Access arrangements", data.centre, data.year.label, orientation="landscape",
                  notice=SENSITIVE, printed=data.today) as pdf:
        grouped = by_session(data.sittings)
        if not grouped:
            pdf.add_page()
            pdf.heading("No candidate with an arrangement in force sits a paper this year")
            pdf.paragraph("Arrangements count on exam day once they are approved and until they expire.")
            return pdf.save(path)
        for (day, session), rows in grouped.items():
            pdf.subtitle = session_title(day, session)  # on every page of the session, for a loose sheet
            pdf.add_page()
            count = len({r.candidate for r in rows})
            pdf.heading(session_title(day, session), f"{count} candidate{'s' if count != 1 else ''} with arrangements")
            ordered = sorted(rows, key=lambda r: (r.room or "~", r.candidate, r.start, r.code))
            table = [[
                Cell(row.candidate, bold=True), row.name,
                room_text(row) if row.room else Cell("Not assigned", colour=GREY),
                Cell(", ".join(row.arrangements) or "None approved", note=_needs(row)),
                _paper(row), _start(row), f"{row.timing.duration} min", _added(row),
                Cell(clock(row.finish), bold=True),
            ] for row in ordered]
            pdf.table_rows(SESSION_COLUMNS, table)
            pdf.ln(3)
            pdf.paragraph("Finish = start + published duration + extra time + rest breaks, rounded up to the next "
                          "minute. Candidates carry on after the published finish without interruption. A "
                          "candidate with two papers in the session sits them one after the other with a "
                          "supervised break; a shaded start is later than the published time.",
                          size=7.5, colour=GREY)
        return pdf.save(path)


def _needs(row: ExamDayRow) -> str:
    """Room needs the arrangement names do not already say ("Reader" twice reads badly), and
    applications not yet approved, said as pending: planned for, never timed."""
    needs = [ROOM_NEEDS[n] for n in row.room_needs if n in ROOM_NEEDS and ROOM_NEEDS[n] not in row.arrangements]
    if row.pending:
        needs.append(f"pending, not timed: {', '.join(row.pending)}")
    return ", ".join(needs)


def write_candidates_pdf(path: Path, data: AccessData) -> Path:
    """A page per candidate with arrangements: what they have and every exam they sit."""
    by_candidate: dict[int, list[ArrangementRecord]] = {}
    for record in data.records:
        by_candidate.setdefault(record.candidate_id, []).append(record)
    with Document("Candidate summary", data.centre, data.year.label,
                  notice=SENSITIVE, printed=data.today) as pdf:
        if not by_candidate:
            pdf.add_page()
            pdf.heading("No access arrangements recorded")
            return pdf.save(path)
        for candidate_id, records in sorted(by_candidate.items(), key=lambda kv: data.people[kv[0]].number):
            person = data.people[candidate_id]
            pdf.subtitle = f"{person.number_text} · {data.year.label}"
            pdf.add_page()
            detail = " · ".join(p for p in (f"Year {person.year_group}" if person.year_group else "",
                                            person.form or "") if p)
            with pdf.field(f"candidate {person.number_text}'s name"):
                pdf.heading(f"{person.number_text}  {person.name}", detail)
            pdf.table_rows(ARRANGEMENT_COLUMNS, [[
                r.label, describe_timing(r.extra_time_percent, r.rest_minutes_per_hour) or "—",
                ROUTES.get(r.route, r.route), STATUSES.get(r.status, r.status),
                format_date(r.approved_on) or "—", format_date(r.expires_on) or "—",
                "—" if r.room_need == "none" else ROOM_NEEDS.get(r.room_need, r.room_need),
            ] for r in records])
            pdf.ln(4)
            exams = data.exams.get(candidate_id, [])
            pdf.heading("Exams", f"{len(exams)} paper{'s' if len(exams) != 1 else ''} in {data.year.label}", size=10.5)
            if exams:
                pdf.table_rows(EXAM_COLUMNS, [[
                    format_date(e.sat_on), e.session, _paper(e), room_text(e) if e.room else "—", _start(e),
                    f"{e.timing.duration} min", _added(e), Cell(clock(e.finish), bold=True),
                ] for e in exams])
            else:
                pdf.paragraph("Not entered for any paper this year.", colour=GREY)
        return pdf.save(path)


def write_door_pdf(path: Path, data: AccessData) -> Path:
    """A page per session: candidate numbers, rooms and room needs only."""
    rows = door_rows(data.sittings)
    with Document("Door list", data.centre, data.year.label, notice=DOOR_NOTICE, printed=data.today) as pdf:
        if not rows:
            pdf.add_page()
            pdf.heading("No candidate needs a room or helper this year")
            return pdf.save(path)
        grouped: dict[tuple[date, str], list[list[str | Cell]]] = {}
        for day, session, room, number, needs in rows:
            grouped.setdefault((day, session), []).append([Cell(number, bold=True), room, needs])
        for (day, session), table in grouped.items():
            pdf.subtitle = session_title(day, session)
            pdf.add_page()
            pdf.heading(session_title(day, session), size=14)
            pdf.table_rows(DOOR_COLUMNS, table, size=11)
        return pdf.save(path)
