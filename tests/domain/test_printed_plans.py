"""Printed plans that re-seating has made out of date (issue 12, item 4: "re-seating never
silently changes a plan that has been printed"): the demo's 12 May 2027 morning, when
0012 sits two papers in the Library."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from eoffice import clock
from eoffice.db.models import AuditEntry, PrintedPlan
from eoffice.db.session import Database
from eoffice.domain import examday

DAY = date(2027, 5, 12)


def test_a_printed_plan_is_current_until_a_desk_in_its_room_moves(demo_db: Database) -> None:
    with demo_db.session() as session:
        examday.seat_session(session, DAY, "AM")
        kit = examday.kit_for(session, DAY, "AM")
        examday.record_printed(session, kit, "seating-plan")
        examday.record_printed(session, kit, "desk-cards")
        assert examday.out_of_date_prints(session, kit) == []
        stored = session.scalar(select(func.count()).select_from(PrintedPlan))
        assert stored == 2 * len(kit.plans)
        twelve = next(s for p in kit.plans if p.room == "Library" for s in p.seats if s.candidate == "0012")
        library = next(p for p in kit.plans if p.room == "Library")
        free = next(d for d in ("A1", "A2", "A3", "B1", "B2", "B3") if d not in {s.desk for s in library.seats})
        rows = {r.candidate: r for r in examday.sittings(session, DAY, DAY, "AM")}
        examday.move_to_desk(session, rows["0012"].candidate_id, DAY, "AM", free)

        now = examday.kit_for(session, DAY, "AM")
        stale = examday.out_of_date_prints(session, now)
        assert [(s.room, s.kind) for s in stale] == [("Library", "desk-cards"), ("Library", "seating-plan")]
        assert twelve.desk != free
        text = examday.out_of_date_text(stale, DAY, "AM")
        assert text.startswith("Printed for Wed 12 May AM and now out of date: the desk cards for Library printed ")
        assert text.endswith(". Print again.")
        examday.record_printed(session, now, "seating-plan")  # printed again: only the cards are stale
        assert [(s.room, s.kind) for s in examday.out_of_date_prints(session, now)] == [("Library", "desk-cards")]
        summaries = session.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "printed_plan")).all()
        assert summaries[-1] == f"seating plan printed for Wed 12 May AM: {len(kit.plans)} rooms"


def test_a_room_no_longer_used_makes_its_printed_plan_out_of_date(demo_db: Database) -> None:
    with demo_db.session() as session:
        kit = examday.kit_for(session, DAY, "AM")
        examday.record_printed(session, kit, "register")
        session.add(PrintedPlan(on=DAY, session="AM", room="Old Gym", kind="register", fingerprint="0" * 64,
                                printed_at=clock.stored()))
        session.flush()
        (stale,) = examday.out_of_date_prints(session, kit)
        assert (stale.room, stale.gone) == ("Old Gym", True)
        assert stale.text.endswith("(the room is no longer used)")



def test_an_export_is_noted_as_printed_only_once_its_file_is_kept(demo_db: Database, tmp_path: Path) -> None:
    """The window writes in the background and may cancel: ``write_file`` notes nothing,
    ``record`` (called once the file is kept) notes it; ``run`` does both (the command line)."""
    from eoffice.cli.files import DatabaseFile
    from eoffice.domain.years import AcademicYear
    from eoffice.io import catalogue

    with demo_db.session() as session:
        examday.seat_session(session, DAY, "AM")
    demo_db.close()
    export = catalogue.find("exam-day", "pdf", "register")
    source = DatabaseFile(demo_db.path)
    request = catalogue.Request(AcademicYear.current(DAY), DAY, on=DAY, session="AM")
    written, kit = export.write_file(source, request, tmp_path / "registers.pdf")
    assert written.exists()
    assert source.read(lambda s: s.scalar(select(func.count()).select_from(PrintedPlan))) == 0
    export.record(source, kit)
    assert source.read(lambda s: s.scalar(select(func.count()).select_from(PrintedPlan))) == len(kit.plans)
