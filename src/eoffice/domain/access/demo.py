"""The demo centre's candidates, summer timetable, entries and access arrangements.

About 180 candidates in Years 11 and 13 (times ``--scale``), a May-June timetable of
real-looking GCSE and A level papers, each candidate's entries, and about 12% of
candidates with arrangements in every status. The timetable puts a few papers in the
same session on purpose, so the demo shows each kind of clash. A few arrangements are
approved and in force all summer (a reader, a scribe, separate invigilation, word
processors), and GCSE Polish is sat on screen, so the roster's seating uses the rooms
for separate invigilation, the Library's computers and helpers, as a real summer does.
Candidates, papers and entries go in with bulk ``insert()`` (scale 10 is some 20,000
entries); the few hundred arrangements go through the domain so they are validated
like any other.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import TypedDict

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from eoffice.db.models import Candidate, Paper
from eoffice.domain import audit
from eoffice.domain.access.arrangement_records import ArrangementFields, add_arrangement, new_fields
from eoffice.domain.access.arrangement_types import STATUSES, TYPES
from eoffice.domain.access.candidate_records import NUMBER_MAX, numbers_to_ids, uln_check_digit
from eoffice.domain.access.exam_time import DEFAULT_STARTS
from eoffice.domain.access.timetable import add_entries
from eoffice.domain.years import AcademicYear

CENTRE_NUMBER = "74125"
YEAR_11, YEAR_13 = 105, 75  # candidates per year group at scale 1
ARRANGEMENT_SHARE = 0.12

# (exam day index, session, board, code, title, minutes); day 0 is the first exam day.
GCSE_CORE: dict[str, list[tuple[int, str, str, str, str, int]]] = {
    "English Language": [(0, "AM", "AQA", "8700/1", "English Language Paper 1", 105),
                         (6, "AM", "AQA", "8700/2", "English Language Paper 2", 105)],
    "English Literature": [(2, "PM", "AQA", "8702/1", "English Literature Paper 1", 105),
                           (10, "AM", "AQA", "8702/2", "English Literature Paper 2", 135)],
    "Combined Science": [(1, "AM", "AQA", "8464/B/1H", "Combined Science: Trilogy Biology Paper 1 (Higher)", 75),
                         (7, "AM", "AQA", "8464/C/1H", "Combined Science: Trilogy Chemistry Paper 1 (Higher)", 75),
                         (12, "AM", "AQA", "8464/P/1H", "Combined Science: Trilogy Physics Paper 1 (Higher)", 75)],
}
MATHS_TIERS = {tier: [(day, "AM", "Pearson", f"1MA1/{n}{tier}", f"Mathematics Paper {n} ({name})", 90)
                      for n, day in ((1, 3), (2, 9), (3, 14))]
               for tier, name in (("F", "Foundation"), ("H", "Higher"))}
GCSE_OPTIONS: dict[str, list[tuple[int, str, str, str, str, int]]] = {
    "History": [(2, "AM", "AQA", "8145/1", "History Paper 1: Understanding the modern world", 120),
                (8, "AM", "AQA", "8145/2", "History Paper 2: Shaping the nation", 120)],
    "Geography": [(2, "AM", "AQA", "8035/1", "Geography Paper 1: Living with the physical environment", 90),
                  (8, "PM", "AQA", "8035/2", "Geography Paper 2: Challenges in the human environment", 90)],
    "French": [(4, "AM", "AQA", "8658/LH", "French Listening (Higher)", 45),
               (6, "PM", "AQA", "8658/RH", "French Reading (Higher)", 60),
               (12, "PM", "AQA", "8658/WH", "French Writing (Higher)", 75)],
    "Physical Education": [
        (4, "AM", "OCR", "J587/01", "Physical Education: Physical factors affecting performance", 60),
        (13, "AM", "OCR", "J587/02", "Physical Education: Socio-cultural issues and sports psychology", 60)],
    "Computer Science": [
        (4, "PM", "OCR", "J277/01", "Computer Science: Computer systems", 90),
        (10, "PM", "OCR", "J277/02", "Computer Science: Computational thinking, algorithms and programming", 90)],
    "Religious Studies": [
        (5, "AM", "WJEC Eduqas", "C120P1", "Religious Studies Component 1: Religious, Philosophical and Ethical Studies", 120),
        (11, "AM", "WJEC Eduqas", "C120P2", "Religious Studies Component 2: Study of Christianity", 60),
        (14, "PM", "WJEC Eduqas", "C120P3", "Religious Studies Component 3: Study of a World Faith", 60)],
    "Business": [(5, "PM", "AQA", "8132/1", "Business Paper 1: Influences of operations and HRM", 105),
                 (11, "PM", "AQA", "8132/2", "Business Paper 2: Influences of marketing and finance", 105)],
}
A_LEVELS: dict[str, list[tuple[int, str, str, str, str, int]]] = {
    "Mathematics": [(1, "AM", "Pearson", "9MA0/01", "Mathematics Paper 1: Pure Mathematics 1", 120),
                    (8, "AM", "Pearson", "9MA0/02", "Mathematics Paper 2: Pure Mathematics 2", 120),
                    (16, "AM", "Pearson", "9MA0/03", "Mathematics Paper 3: Statistics and Mechanics", 120)],
    "Psychology": [(1, "PM", "AQA", "7182/1", "Psychology Paper 1: Introductory topics", 120),
                   (9, "PM", "AQA", "7182/2", "Psychology Paper 2: Psychology in context", 120),
                   (16, "AM", "AQA", "7182/3", "Psychology Paper 3: Issues and options", 120)],
    "Chemistry": [(2, "PM", "OCR", "H432/01", "Chemistry A: Periodic table, elements and physical chemistry", 135),
                  (16, "PM", "OCR", "H432/02", "Chemistry A: Synthesis and analytical techniques", 135),
                  (17, "AM", "OCR", "H432/03", "Chemistry A: Unified chemistry", 90)],
    "Biology": [(3, "PM", "AQA", "7402/1", "Biology Paper 1", 120), (11, "AM", "AQA", "7402/2", "Biology Paper 2", 120),
                (17, "PM", "AQA", "7402/3", "Biology Paper 3", 120)],
    "History": [(4, "AM", "AQA", "7042/1C", "History Component 1C: The Tudors, England 1485-1603", 150),
                (12, "AM", "AQA", "7042/2S", "History Component 2S: The Making of Modern Britain, 1951-2007", 150)],
    "Economics": [(5, "AM", "Pearson", "9EC0/01", "Economics A Paper 1: Markets and business behaviour", 120),
                  (13, "PM", "Pearson", "9EC0/02", "Economics A Paper 2: The national and global economy", 120),
                  (18, "AM", "Pearson", "9EC0/03", "Economics A Paper 3: Microeconomics and macroeconomics", 120)],
    "Physics": [(6, "PM", "AQA", "7408/1", "Physics Paper 1", 120), (14, "PM", "AQA", "7408/2", "Physics Paper 2", 120),
                (18, "PM", "AQA", "7408/3A", "Physics Paper 3 Section A", 120)],
    "English Literature": [(7, "AM", "WJEC Eduqas", "A720U10-1", "English Literature Component 1: Poetry", 120),
                           (15, "AM", "WJEC Eduqas", "A720U20-1", "English Literature Component 2: Drama", 120),
                           (19, "AM", "WJEC Eduqas", "A720U30-1", "English Literature Component 3: Unseen Texts", 120)],
    "Sociology": [(7, "PM", "AQA", "7192/1", "Sociology Paper 1: Education with Theory and Methods", 120),
                  (15, "PM", "AQA", "7192/2", "Sociology Paper 2: Topics in Sociology", 120),
                  (19, "PM", "AQA", "7192/3", "Sociology Paper 3: Crime and Deviance with Theory and Methods", 120)],
}
# AQA's on-screen GCSE Polish: sat by the Year 11 candidates with Polish names, in
# afternoons without another GCSE, so they need the rooms with computers.
ON_SCREEN: list[tuple[int, str, str, str, str, int]] = [
    (1, "PM", "AQA", "8688/LH", "Polish Listening (Higher), on-screen", 45),
    (7, "PM", "AQA", "8688/RH", "Polish Reading (Higher), on-screen", 60),
]
POLISH_NAMES = frozenset({"Maja", "Łukasz", "Nowak", "Kowalczyk"})
# Approved and in force all summer, (kind, year group), times ``--scale``: the seating's
# separate rooms, helpers and computers are used in the demo.
IN_FORCE = (("reader", 11), ("word_processor", 11), ("computer_reader", 11), ("scribe", 13),
            ("separate_invigilation", 13), ("word_processor", 13))
# Same session on one day: over 3 hours together (History, Geography; Maths, Psychology),
# and, with Chemistry that afternoon, over 6 hours of A level in a day.
CLASHING_OPTIONS = ("History", "Geography")
CLASHING_A_LEVELS = ("Mathematics", "Psychology", "Chemistry")
_FIRST = ("Olivia", "Amelia", "Isla", "Ava", "Mia", "Freya", "Lily", "Grace", "Siân", "Zoë", "Aoife", "Nia", "Maja",
          "Chloé", "Fatima", "Aisha", "Priya", "Mei", "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar",
          "Jack", "Dafydd", "Rhys", "Łukasz", "Tomás", "Mohammed", "Yusuf", "Arjun", "Kofi", "Chidi", "Finn", "Callum",
          "Ewan", "Seren", "Elif")
_LAST = ("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Johnson",
         "Lewis", "Walker", "Robinson", "Wood", "Thompson", "White", "Watson", "Jackson", "Wright", "Green", "Harris",
         "Cooper", "King", "Lee", "Martin", "Clarke", "James", "Morgan", "Hughes", "Edwards", "Hill", "Moore", "Clark",
         "Khan", "Patel", "Nowak", "Okafor", "Ó Briain", "Brontë-Ndiaye", "Kowalczyk", "Nguyen", "O'Neill", "Chen")
_KINDS = (("extra_time_25", 34), ("word_processor", 14), ("rest_breaks", 10), ("reader", 8), ("separate_invigilation", 8),
          ("computer_reader", 5), ("scribe", 4), ("extra_time_up_to_50", 4), ("coloured_overlays", 4),
          ("modified_papers", 3), ("prompter", 2), ("bilingual_dictionary_extra_time", 2), ("extra_time_over_50", 1),
          ("practical_assistant", 1))
_ASSESSORS = ("Dr R. Mensah, specialist assessor", "J. Whitfield, SENCo", "A. Kaur, specialist teacher (APC)")
_WAYS = ("Uses the arrangement in lessons, internal tests and mock exams.",
         "Normal way of working in class and in the mock exams, recorded by subject teachers.",
         "Has worked this way since Year 9; evidence from teachers' reports on file.")


def exam_days(summer: int) -> list[date]:
    """Weekdays from the second Monday of May for six weeks, less the half-term week."""
    day = date(summer, 5, 8)
    day += timedelta(days=(7 - day.weekday()) % 7)
    late_may = max(date(summer, 5, d) for d in range(25, 32) if date(summer, 5, d).weekday() == 0)
    days: list[date] = []
    while len(days) < 25:
        if day.weekday() < 5 and not late_may <= day <= late_may + timedelta(days=4):
            days.append(day)
        day += timedelta(days=1)
    return days


class _CandidateRow(TypedDict):
    """One demo candidate, as inserted in bulk."""

    number: int
    surname: str
    forenames: str
    date_of_birth: date
    year_group: int
    form: str
    active: bool
    uci: str
    uln: str


def _uln(rng: random.Random) -> str:
    while True:
        first = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        check = uln_check_digit(first)
        if check is not None:
            return first + str(check)


def _birthday(rng: random.Random, start_year: int) -> date:
    return date(start_year, 9, 1) + timedelta(days=rng.randint(0, 364))


def access_step(session: Session, scale: int, today: date, rng: random.Random) -> None:
    year = AcademicYear.current(today)
    summer = year.start_year + 1
    days = exam_days(summer)
    every = [*(p for ps in GCSE_CORE.values() for p in ps), *(p for ps in MATHS_TIERS.values() for p in ps),
             *(p for ps in GCSE_OPTIONS.values() for p in ps), *(p for ps in A_LEVELS.values() for p in ps), *ON_SCREEN]
    gcse_codes = {p[3] for group in (GCSE_CORE, MATHS_TIERS, GCSE_OPTIONS) for ps in group.values() for p in ps}
    gcse_codes |= {p[3] for p in ON_SCREEN}
    on_screen = {p[3] for p in ON_SCREEN}
    session.execute(insert(Paper), [
        {"board": board, "code": code, "title": title, "sat_on": days[day], "session": sess,
         "start_minutes": DEFAULT_STARTS[sess], "duration_minutes": minutes,
         "mode": "on_screen" if code in on_screen else "written",
         "qualification": "GCSE" if code in gcse_codes else "GCE A level"}
        for day, sess, board, code, title, minutes in every
    ])
    paper_ids = {(code, day): pid for pid, code, day in _paper_rows(session)}
    counts = {11: YEAR_11 * scale, 13: YEAR_13 * scale}
    rows: list[_CandidateRow] = []
    number = 0
    for group, count in counts.items():
        born = year.start_year - group - 5  # Year 11 in 2026/27 were born in 2010/11
        for i in range(count):
            number += 1
            if number > NUMBER_MAX:
                break
            rows.append({
                "number": number, "surname": rng.choice(_LAST), "forenames": rng.choice(_FIRST),
                "date_of_birth": _birthday(rng, born), "year_group": group,
                "form": f"{group}{'ABCDEF'[i % (6 if group == 11 else 4)]}", "active": True,
                "uci": f"{CENTRE_NUMBER}{summer % 100:02d}0{number:04d}{rng.choice('ABCDEFGHJKLMNPQRTUVWXYZ')}",
                "uln": _uln(rng),
            })
    session.execute(insert(Candidate), rows)
    ids = numbers_to_ids(session)
    pairs: list[tuple[int, int]] = []
    for row in rows:
        cid = ids[row["number"]]
        # A few take the combinations the timetable clashes on, so every kind of clash shows.
        if row["year_group"] == 11:
            options = CLASHING_OPTIONS if row["number"] % 12 == 0 else rng.sample(sorted(GCSE_OPTIONS), 2)
            subjects = [*GCSE_CORE.values(), MATHS_TIERS[rng.choice("FH")], *(GCSE_OPTIONS[s] for s in options)]
            if POLISH_NAMES & {row["forenames"], row["surname"]}:
                subjects.append(ON_SCREEN)
        else:
            chosen = CLASHING_A_LEVELS if row["number"] % 20 == 0 else rng.sample(sorted(A_LEVELS), 3)
            subjects = [A_LEVELS[s] for s in chosen]
        pairs += [(cid, paper_ids[(p[3], days[p[0]])]) for papers in subjects for p in papers]
    add_entries(session, pairs, audited=False)
    audit.record(session, "create", "candidate", None, f"demo: {len(rows)} candidates, {len(every)} papers, "
                                                      f"{len(pairs)} entries")
    _arrangements(session, rng, rows, ids, year, today, scale)


def _paper_rows(session: Session) -> list[tuple[int, str, date]]:
    return [(pid, code, on) for pid, code, on in session.execute(select(Paper.id, Paper.code, Paper.sat_on))]


def _arrangements(session: Session, rng: random.Random, rows: list[_CandidateRow], ids: dict[int, int],
                  year: AcademicYear, today: date, scale: int) -> None:
    """About 12% of candidates; the first few cover every status, the rest mostly approved; then
    ``IN_FORCE`` for some of the same candidates."""
    chosen = rng.sample(rows, max(len(STATUSES), round(len(rows) * ARRANGEMENT_SHARE)))
    kinds = [k for k, _ in _KINDS]
    weights = [w for _, w in _KINDS]
    statuses = list(STATUSES)
    approved_in_year_13 = 0
    given: list[set[str]] = []
    for index, row in enumerate(chosen):
        wanted = [rng.choices(kinds, weights)[0]]
        if rng.random() < 0.3 and wanted[0] != "word_processor":
            wanted.append("word_processor" if TYPES[wanted[0]].extra_time else "extra_time_25")
        given.append(set(wanted))
        for n, kind in enumerate(wanted):
            if index < len(statuses) and n == 0:
                status = statuses[index]
            else:
                status = rng.choices(statuses, (5, 6, 8, 70, 3, 3, 2))[0]
            early = False
            if status == "approved" and row["year_group"] == 13:
                early = approved_in_year_13 % 5 == 0  # one in five runs out before the last exam
                approved_in_year_13 += 1
            add_arrangement(session, ids[row["number"]], _fields(rng, kind, status, row["year_group"], year, today, early))
    # Their own generator, so the rest of the demo (drawn from ``rng``) is as it was before they came.
    steady = random.Random(len(rows))
    pool = list(range(len(statuses), len(chosen)))  # not the ones that show every status
    for kind, group in IN_FORCE * scale:
        pick = next((i for i in pool if chosen[i]["year_group"] == group and kind not in given[i]), None)
        if pick is None:
            continue
        pool.remove(pick)
        row = chosen[pick]
        add_arrangement(session, ids[row["number"]], _fields(steady, kind, "approved", row["year_group"], year, today, False))


def _fields(rng: random.Random, kind: str, status: str, group: int, year: AcademicYear, today: date,
            early: bool) -> ArrangementFields:
    base = new_fields(kind)
    changes: dict[str, object] = {"status": status}
    if kind == "rest_breaks":
        changes["rest_minutes_per_hour"] = rng.choice((5, 10))
    if status != "to_assess":
        changes["assessed_on"] = today - timedelta(days=rng.randint(40, 300))
        changes["assessor"] = rng.choice(_ASSESSORS)
        changes["normal_way_of_working"] = rng.choice(_WAYS)
    if status in ("approved", "declined", "expired"):
        if status == "expired":
            approved = date(year.start_year - 3, rng.randint(1, 6), rng.randint(1, 28))
        elif early:
            # Approved in March of Year 11: 26 months on is May, before the last A level exam.
            approved = date(year.start_year - 1, 3, rng.randint(1, 20))
        elif group == 13:
            approved = date(year.start_year - 1, rng.randint(9, 11), rng.randint(1, 28))
        else:
            approved = today - timedelta(days=rng.randint(30, 400))
        if status != "declined":
            changes["approved_on"] = approved
        changes["assessed_on"] = approved - timedelta(days=rng.randint(14, 60))
    if status in ("applied", "approved", "declined", "expired") and base.route != "delegated":
        changes["reference"] = f"AAO{rng.randint(10_000_000, 99_999_999)}"
    return replace(base, **changes)  # type: ignore[arg-type]
