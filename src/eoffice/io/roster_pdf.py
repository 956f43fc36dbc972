"""The roster as a PDF: a page for each invigilator, then a page for each exam day.

An invigilator's page goes in their pigeonhole: every session with the room, when to
arrive and when the room ends, including extra time, so nobody leaves early. A day
page goes on the exams office wall and in the lead invigilator's folder: each room's
team and the candidates there with arrangements, by candidate number and what they
need in the room, never why (no conditions, no names), and every page says it holds
personal data: a day page that lists arrangements carries the access exports' own
sensitive-data notice, since what a candidate needs in the room is special category data.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from eoffice.domain.access import clock
from eoffice.domain.roster import Duty, RosterData, candidate_label
from eoffice.io.access_export import SENSITIVE
from eoffice.io.pdf import AMBER, AMBER_FILL, GREY, RED, Cell, Column, Document
from eoffice.io.roster_export import hours, role_counts

TITLE = "Invigilation roster"
NOTICE = "Contains personal data: keep in the exams office; shred copies when the series ends"
PERSON_COLUMNS = (Column("Date", 16), Column("Session", 9), Column("Room", 20), Column("Role", 18),
                  Column("Arrive", 9, "R"), Column("Start", 9, "R"), Column("Ends", 9, "R"))  # fmt: skip
NEEDS_COLUMNS = (Column("Candidate", 12), Column("Needs in the room", 50), Column("Finishes", 10, "R"))


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def write_roster_pdf(path: Path, data: RosterData, printed: date | None = None) -> Path:
    pdf = Document(TITLE, data.centre, data.label, notice=NOTICE, printed=printed)
    with pdf:
        by_person: dict[int, list[Duty]] = defaultdict(list)
        by_day: dict[date, list[Duty]] = defaultdict(list)
        for d in data.duties:
            by_person[d.assignment.invigilator_id].append(d)
            by_day[d.assignment.on].append(d)
        if not data.duties and not data.requirements:
            pdf.add_page()
            pdf.heading("No roster yet")
            pdf.paragraph("There are no assignments or exams in these dates. Run the roster, then export again.")
        for line in data.pay:
            if line.invigilator_id in by_person:
                _person_page(pdf, line.name, by_person[line.invigilator_id])
        days = sorted({r.on for r in data.requirements} | set(by_day))
        for day in days:
            _day_page(pdf, data, day, by_day.get(day, []))
        return pdf.save(path)


def _person_page(pdf: Document, name: str, own: list[Duty]) -> None:
    pdf.add_page()
    minutes = sum(d.minutes for d in own)
    pdf.heading(name, f"{len(own)} session{'s' if len(own) != 1 else ''}, {hours(minutes):g} hours", size=14)
    pdf.paragraph("Please arrive by the time shown. \"Ends\" is when the room's last candidate finishes, "
                  "with any extra time: stay until then.", size=8.5, colour=GREY)  # fmt: skip
    pdf.ln(2)
    rows: list[list[str | Cell]] = [[f"{d.assignment.on:%a} {d.assignment.on.day} {d.assignment.on:%b %Y}", d.assignment.session,
             d.assignment.room, d.assignment.role_label, clock(d.arrive), clock(d.start), Cell(clock(d.finish), bold=True)]
            for d in sorted(own, key=lambda d: (d.assignment.on, d.assignment.session))]  # fmt: skip
    pdf.table_rows(PERSON_COLUMNS, rows)


def _lists_arrangements(data: RosterData, day: date) -> bool:
    return any(plan is not None and s.candidate_id in plan.seats and s.needs_text
               for slot, (sittings, plan) in data.seating.items() if slot[0] == day for s in sittings)


def _day_page(pdf: Document, data: RosterData, day: date, team: list[Duty]) -> None:
    pdf.notice = SENSITIVE if _lists_arrangements(data, day) else NOTICE  # drawn by add_page, on every page of the day
    pdf.add_page()
    pdf.heading(long_date(day), "rooms, teams and candidates with arrangements", size=14)
    for sess in ("AM", "PM"):
        needs = [r for r in data.requirements if (r.on, r.session) == (day, sess)]
        rooms_used = sorted({r.room_id for r in needs} | {d.assignment.room_id for d in team if d.assignment.session == sess},
                            key=lambda rid: data.room_names.get(rid, ""))  # fmt: skip
        if not rooms_used:
            continue
        sittings, plan = data.seating.get((day, sess), ([], None))
        for room_id in rooms_used:
            r = next((n for n in needs if n.room_id == room_id), None)
            crew = [d for d in team if d.assignment.session == sess and d.assignment.room_id == room_id]
            name = data.room_names.get(room_id, f"room {room_id}")
            short = (r.needed - len(crew)) if r else 0
            count = f"{r.candidates} candidate{'s' if r.candidates != 1 else ''}" if r else ""
            when = f"{clock(r.start)} to {clock(r.finish)}, {count}" if r else "no candidates"
            pdf.ensure_space(24)
            pdf.heading(f"{sess} · {name}", f"{when}; needs {r.needed if r else 0}, {role_counts(crew) or 'nobody rostered'}",
                        size=11)  # fmt: skip
            names = ", ".join(f"{d.assignment.name} ({d.assignment.role_label.lower()})" if d.assignment.role != "invigilator"
                              else d.assignment.name for d in crew) or "Nobody rostered"  # fmt: skip
            pdf.paragraph(f"Team: {names}", size=9)
            if short > 0:
                pdf.paragraph(f"! {short} short: find cover", size=9, emphasis="B", colour=RED)
            seated = [s for s in sittings if plan is not None and plan.seats.get(s.candidate_id) == room_id and s.needs_text]
            if seated:
                pdf.ln(1)
                rows: list[list[str | Cell]] = [[candidate_label(s.number), Cell(s.needs_text, fill=AMBER_FILL if s.own_room else None),
                         clock(s.finish)] for s in sorted(seated, key=lambda s: s.number)]  # fmt: skip
                pdf.table_rows(NEEDS_COLUMNS, rows)
            pdf.ln(3)
    unplaced = [s for slot, (ss, plan) in data.seating.items() if slot[0] == day for s in ss
                if plan is not None and s.candidate_id in plan.unplaced]  # fmt: skip
    if unplaced:
        pdf.paragraph(f"! {len(unplaced)} candidates have no seat: add room capacity", size=9, emphasis="B", colour=AMBER)
