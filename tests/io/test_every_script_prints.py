"""Every name prints (issue 14, item 9): each PDF kind eoffice makes prints Latin, Greek,
Cyrillic, Arabic and Hebrew (shaped, right to left), Chinese, Japanese, Korean and Devanagari,
read back with poppler's pdftotext; a character no font has is an error naming the field.

The demo centre is renamed into every script: candidates, invigilators, rooms, plan tasks,
key dates, the officer's Standards, an incident, and the centre itself (in every page's
header). Each PDF must give back, in every script, the names of the records it lists or, for
the three that list no names, the centre's name. Words are compared in their logical order,
so Arabic or Hebrew printed left to right (as before this was fixed) does not pass.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice import cli
from eoffice.db.models import Arrangement, Candidate, Centre, Invigilator, KeyDate, KnowledgeTarget, Person, PlanTask, Room, StandardsYear
from eoffice.db.session import Database
from eoffice.domain.examday import IncidentFields, log_incident
from eoffice.domain.standards.progress import Certificate
from eoffice.domain.years import AcademicYear
from eoffice.io.standards_pdf import write_certificate_pdf
from tests.conftest import TODAY

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

# (script, surname, forename): what candidates, invigilators, tasks and key dates are called.
NAMES = (
    ("Latin", "Nguyễn", "Bréanainn"),
    ("Greek", "Παπαδοπούλου", "Ελένη"),
    ("Cyrillic", "Иванов", "Дмитрий"),
    ("Arabic", "حداد", "محمد"),
    ("Hebrew", "כהן", "דוד"),
    ("Chinese", "欧阳", "晓明"),
    ("Japanese", "佐藤", "さくら"),
    ("Korean", "김", "민준"),
    ("Devanagari", "शर्मा", "प्रिया"),
)
# A word in each script for the centre's name, printed in every page's header: short enough
# for the header's half of a portrait page, which cuts a longer name with "…".
SCHOOL = {"Latin": "Zoë", "Greek": "Σχολή", "Cyrillic": "Школа", "Arabic": "مدرسة", "Hebrew": "ספר",
          "Chinese": "学校", "Japanese": "かな", "Korean": "학교", "Devanagari": "शाला"}
CENTRE = " ".join(SCHOOL.values())
EVERYONE = " ".join(f"{forename} {surname}" for _, surname, forename in NAMES)
DAY, SESSION = "2027-05-12", "AM"


def normal(text: str) -> str:
    """What is compared: NFKC (Arabic presentation forms back to letters), with no spaces and
    no direction marks (pdftotext adds both: it sets RTL runs in embeddings and may split a
    Devanagari word at a vowel sign). Letter order is kept, so a reversed word never matches."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def missing(words: dict[str, list[str]], text: str) -> list[str]:
    """The scripts of which a word did not come back."""
    found = normal(text)
    return [script for script, each in words.items() if any(normal(word) not in found for word in each)]


def names(*scripts: str) -> dict[str, list[str]]:
    return {script: [surname, forename] for script, surname, forename in NAMES if not scripts or script in scripts}


def joined(path: Path) -> bool:
    """Whether Arabic came out shaped: the PDF's ToUnicode maps more than one glyph of one font
    back to meem (U+0645): initial and medial forms, as in محمد, each mapping to the letter."""
    for cmap in re.findall(rb"beginbfchar(.*?)endbfchar", path.read_bytes(), re.S):
        if len(set(re.findall(rb"<([0-9A-Fa-f]{4})>\s*<0645>", cmap))) > 1:
            return True
    return False


@pytest.fixture
def every_script(demo_db: Database) -> Database:
    """The demo centre, renamed into every script, one after another: the candidates with
    access arrangements first, so the access PDFs (which list only them) hold every script."""
    with demo_db.session() as session:
        session.scalars(select(Centre)).one().name = CENTRE
        arranged = set(session.scalars(select(Arrangement.candidate_id)))
        candidates = sorted(session.scalars(select(Candidate)), key=lambda c: (c.id not in arranged, c.number))
        for index, candidate in enumerate(candidates):
            _, candidate.surname, candidate.forenames = NAMES[index % len(NAMES)]
        for index, person in enumerate(session.scalars(select(Person).order_by(Person.id))):
            _, surname, forename = NAMES[index % len(NAMES)]
            person.name = f"{forename} {surname}"
        for index, invigilator in enumerate(session.scalars(select(Invigilator).order_by(Invigilator.id))):
            _, surname, forename = NAMES[index % len(NAMES)]
            invigilator.name = f"{forename} {surname} {index + 1}"
        for index, room in enumerate(session.scalars(select(Room).order_by(Room.id))):
            room.name = f"{NAMES[index][2]} {index + 1}"
        for index, task in enumerate(session.scalars(select(PlanTask).order_by(PlanTask.id))):
            _, surname, forename = NAMES[index % len(NAMES)]
            task.title = f"{surname} {forename}: {task.title}"
        for index, key_date in enumerate(session.scalars(select(KeyDate).order_by(KeyDate.id))):
            _, surname, forename = NAMES[index % len(NAMES)]
            key_date.title = f"{surname} {forename}: {key_date.title}"
        for standards in session.scalars(select(StandardsYear)):
            standards.values_statement = f"{EVERYONE}\n\n{standards.values_statement}"
        for target in session.scalars(select(KnowledgeTarget)):
            target.target = EVERYONE
        log_incident(session, IncidentFields(date(2027, 5, 12), "AM", "Ελένη 2", 9 * 60 + 30, "disturbance",
                                             what=EVERYONE, action=EVERYONE, recorded_by="민준 김"))
    demo_db.close()
    return demo_db


def export(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str], name: str, *options: str) -> Path:
    out = tmp_path / f"{name}-{'-'.join(options) or 'pdf'}.pdf"
    code = cli.main(["export", name, "--format", "pdf", *options, "--out", str(out), "--db", str(db_path)])
    assert code == 0, capsys.readouterr().err
    return out


ONE_SESSION = ("--date", DAY, "--session", SESSION)
CENTRE_WORDS = {script: [word] for script, word in SCHOOL.items()}
# Every PDF kind the command line writes (the catalogue's PDF entries), and the words that must
# come back from it in every script: the names of the records it lists, or, where it lists no
# names, the centre's name in its header.
KINDS = {
    "plan": ((), names()),
    "keydates": ((), names()),
    "access sessions": (("--kind", "sessions"), names()),
    "access candidates": (("--kind", "candidates"), names()),
    "access door-list": (("--kind", "door-list"), CENTRE_WORDS),  # candidate numbers, rooms and needs only
    "exam-day seating-plan": (("--kind", "seating-plan", *ONE_SESSION), names()),
    "exam-day register": (("--kind", "register", *ONE_SESSION), names()),
    "exam-day desk-cards": (("--kind", "desk-cards", *ONE_SESSION), names()),
    "exam-day incident-log": (("--kind", "incident-log", *ONE_SESSION), CENTRE_WORDS),  # sheets to fill in
    "timetable": (("--year-group", "11"), names()),
    "incidents": ((), names()),
    "roster": ((), names()),
    "standards": (("--kind", "summary"), names()),
    "standards statement": (("--kind", "statement"), names()),
    "meeting-pack": ((), CENTRE_WORDS),
}


def test_the_kinds_checked_are_every_pdf_the_catalogue_writes() -> None:
    from eoffice.io.catalogue import EXPORTS

    written = {f"{e.name} {e.document}" if e.document and e.name != "standards" else e.name
               for e in EXPORTS if e.fmt == "pdf"}
    checked = {kind.replace(" statement", "") for kind in KINDS} | {"certificate"}
    assert written == checked


@pytest.mark.parametrize("kind", KINDS)
def test_every_script_prints_in_every_pdf(kind: str, every_script: Database, db_path: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    options, words = KINDS[kind]
    out = export(tmp_path, db_path, capsys, kind.split()[0], *options)
    assert missing(words, pdf_text(out)) == []
    assert joined(out), "Arabic is not joined"


def test_every_script_prints_on_the_certificate(tmp_path: Path) -> None:
    """The certificate is only made once earned, which the demo's officer is not: it is written
    here from an earned record, its fields spread over the scripts."""
    earned = Certificate(centre="Bréanainn Academy", centre_number="12345", officer="محمد حداد · דוד כהן",
                         year=AcademicYear(2026), areas=("Ελένη Дмитрий", "欧阳晓明 さくら", "김민준 प्रिया शर्मा"),
                         line_manager="Nguyễn Bréanainn", declared_on=TODAY)
    out = write_certificate_pdf(tmp_path / "certificate.pdf", earned, printed=TODAY)
    words = {"Latin": ["Nguyễn", "BRÉANAINN"], "Greek": ["Ελένη"], "Cyrillic": ["Дмитрий"], "Arabic": ["محمد", "حداد"],
             "Hebrew": ["דוד", "כהן"], "Chinese": ["欧阳晓明"], "Japanese": ["さくら"], "Korean": ["김민준"],
             "Devanagari": ["प्रिया", "शर्मा"]}
    assert missing(words, pdf_text(out)) == []
    assert joined(out)


# --- a character no font has ------------------------------------------------------------------

UNPRINTABLE = "\ue000"  # private use: no font eoffice ships has it
REFUSED = "has a character no font in eoffice can print (U+E000); correct it, then print again"


def refused(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, *options: str) -> str:
    """The one line ``eoffice export`` prints on stderr, after checking it wrote nothing."""
    out = tmp_path / "out.pdf"
    code = cli.main(["export", name, "--format", "pdf", *options, "--out", str(out), "--db", str(db_path)])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(lines) == 1, lines
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf" or "partial" in p.name] == []
    return lines[0]


def arranged_candidate(database: Database, surname: str) -> str:
    """Rename the first candidate with an access arrangement; their number, as printed."""
    with database.session() as session:
        candidate_id = session.scalars(select(Arrangement.candidate_id).order_by(Arrangement.candidate_id)).first()
        candidate = session.get(Candidate, candidate_id)
        assert candidate is not None
        candidate.surname = surname
        number = f"{candidate.number:04d}"
    database.close()
    return number


def test_a_name_no_font_can_print_is_an_error_naming_the_candidate(demo_db: Database, db_path: Path,
                                                                  tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number = arranged_candidate(demo_db, f"李{UNPRINTABLE}")
    line = refused(db_path, tmp_path, capsys, "access", "--kind", "candidates")
    assert line == f"eoffice: candidate {number}'s name {REFUSED}"
    line = refused(db_path, tmp_path, capsys, "timetable", "--candidate", number)
    assert line == f"eoffice: candidate {number}'s name {REFUSED}"


def test_in_a_table_the_error_names_the_column_and_row(demo_db: Database, db_path: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    arranged_candidate(demo_db, f"李{UNPRINTABLE}")
    line = refused(db_path, tmp_path, capsys, "access", "--kind", "sessions")
    assert re.fullmatch(rf"eoffice: the table on page \d+ of the Access arrangements, row \d+, column “Name” "
                        rf"{re.escape(REFUSED)}", line), line


def test_the_error_never_quotes_what_it_cannot_print(demo_db: Database, db_path: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """What happened in an exam room may be health data: the error names the column, not the words."""
    with demo_db.session() as session:
        log_incident(session, IncidentFields(date(2027, 5, 12), "AM", "Main Hall", 9 * 60 + 30, "taken_ill",
                                             what="Felt faint; asthma 🦄", recorded_by="Tom Barker"))
    demo_db.close()
    line = refused(db_path, tmp_path, capsys, "incidents")
    assert "column “What happened”" in line and "U+1F984 UNICORN FACE" in line
    assert "asthma" not in line and "faint" not in line
