"""The Professional Standards on the command line: ``export standards``, ``export certificate``
and ``export meeting-pack``.

Each opens the database read-only, reads everything through the domain, then writes the
file, so the paper and the window agree and nothing in the database changes.

* ``standards`` (xlsx or pdf) covers every exams officer of the year: the grid is a
  comparison across officers, and a centre with one officer simply gets one.
* ``certificate`` (pdf) is for the centre's exams officer (the first active one, the
  same person the Centre tab names): a certificate is one person's, and the contract has
  no person option. When it is not yet earned nothing is written and the command exits
  with code 2 and one line listing everything still missing.
* ``meeting-pack`` (pdf) is the line manager's half-termly pack for the whole centre.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from eoffice import clock
from eoffice.errors import EofficeError

if TYPE_CHECKING:
    from eoffice.domain.years import AcademicYear

STANDARDS_FORMATS = ("xlsx", "pdf")
CERTIFICATE_FORMATS = ("pdf",)
MEETING_PACK_FORMATS = ("pdf",)


def _year(args: argparse.Namespace) -> AcademicYear:
    from eoffice.domain.years import AcademicYear

    return AcademicYear.parse(args.year) if getattr(args, "year", None) else AcademicYear.current()


def export_standards(args: argparse.Namespace, db_path: Path, fmt: str, out: Path) -> Path:
    from eoffice.db.session import open_database
    from eoffice.domain.centre import get_centre
    from eoffice.domain.standards_progress import grid, reminder

    year, today = _year(args), clock.today()
    with open_database(db_path, read_only=True) as db, db.session() as session:
        rows = grid(session, year)
        reminders = {r.standards.year.id: reminder(session, r.standards, today) for r in rows if r.standards}
        centre = get_centre(session)
    if fmt == "pdf":
        from eoffice.io.standards_pdf import write_standards_pdf

        return write_standards_pdf(Path(out), centre.name if centre else "eoffice", year, rows, reminders,
                                   printed=today)
    from eoffice.io.standards_xlsx import write_standards_xlsx

    return write_standards_xlsx(Path(out), year, rows, reminders)


def export_certificate(args: argparse.Namespace, db_path: Path, fmt: str, out: Path) -> Path:
    from eoffice.db.session import open_database
    from eoffice.domain.people import named_in_role
    from eoffice.domain.standards_progress import certificate_for

    year = _year(args)
    with open_database(db_path, read_only=True) as db, db.session() as session:
        officer = named_in_role(session, "exams_officer")
        if officer is None:
            raise EofficeError("no exams officer is recorded for this centre; add one in the Centre tab")
        earned = certificate_for(session, officer.id, year)  # NotYetEarned lists what is missing
    from eoffice.io.standards_pdf import write_certificate_pdf

    return write_certificate_pdf(Path(out), earned, printed=clock.today())


def export_meeting_pack(args: argparse.Namespace, db_path: Path, fmt: str, out: Path) -> Path:
    from eoffice.db.session import open_database
    from eoffice.domain.meeting_pack import meeting_pack

    year, today = _year(args), clock.today()
    with open_database(db_path, read_only=True) as db, db.session() as session:
        pack = meeting_pack(session, year, today)
    from eoffice.io.meeting_pack_pdf import write_meeting_pack_pdf

    return write_meeting_pack_pdf(Path(out), pack)
