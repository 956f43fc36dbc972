"""One export catalogue: the command line and File > Export list and run the same entries, so
an export cannot exist in one and not the other, and both write the same file."""

from __future__ import annotations

from pathlib import Path

import pytest

from eoffice import cli
from eoffice.errors import EofficeError
from eoffice.io import catalogue
from eoffice.io.catalogue import EXPORTS, Export

MAGIC = {"xlsx": b"PK", "pdf": b"%PDF", "ics": b"BEGIN:VCALENDAR", "csv": b""}


def _argv(export: Export, out: Path, db: Path) -> list[str]:
    kind = ["--kind", export.document] if export.document else []
    when = ["--date", "2027-05-12", "--session", "AM"] if export.one_session else []
    whom = ["--candidate", "0012"] if export.one_candidate else []
    return ["export", export.name, "--format", export.fmt, *kind, *when, *whom, "--out", str(out), "--db", str(db)]


def test_every_entry_is_found_by_its_command_line_name_format_and_kind() -> None:
    parser = cli.build_parser()
    for export in EXPORTS:
        args = parser.parse_args(_argv(export, Path("out"), Path("db")))
        assert catalogue.find(args.kind, args.format, args.document) is export, export.label


def test_names_formats_and_documents_are_listed_once_in_the_contracts_order() -> None:
    assert catalogue.names() == ["access", "audit", "certificate", "exam-day", "incidents", "keydates", "meeting-pack",
                                 "plan", "roster", "standards", "timetable"]  # fmt: skip
    assert catalogue.documents("exam-day") == ("seating-plan", "register", "desk-cards", "incident-log")
    assert catalogue.formats("timetable") == ("pdf", "ics") and catalogue.formats("incidents") == ("xlsx", "pdf")
    assert catalogue.formats("plan") == ("xlsx", "pdf", "csv")
    assert catalogue.formats("keydates") == ("xlsx", "pdf", "ics", "csv")
    assert catalogue.documents("access") == ("register", "sessions", "candidates", "door-list")
    assert len({(e.name, e.fmt, e.document) for e in EXPORTS}) == len(EXPORTS)
    assert len({e.label for e in EXPORTS}) == len(EXPORTS)


def test_leaving_out_the_kind_gives_the_default_document() -> None:
    assert catalogue.find("access", "xlsx").document == "register"
    assert catalogue.find("access", "PDF").document == "sessions"
    assert catalogue.find("standards", "pdf").document == "summary"


@pytest.mark.parametrize(
    ("name", "fmt", "document", "message"),
    [
        ("plan", "ods", None, "--format ods: plan exports as xlsx or pdf or csv"),
        ("access", "pdf", "seating", "--kind seating: access exports are register, sessions, candidates, door-list"),
        ("access", "pdf", "register", "--kind register exports as xlsx, not pdf"),
    ],
)
def test_a_format_or_kind_an_export_lacks_is_one_plain_line(name: str, fmt: str, document: str | None,
                                                            message: str) -> None:  # fmt: skip
    with pytest.raises(EofficeError) as caught:
        catalogue.find(name, fmt, document)
    assert str(caught.value) == message


def test_every_export_belongs_to_an_area_and_areas_stay_together() -> None:
    areas = [e.area for e in EXPORTS]
    runs = [a for i, a in enumerate(areas) if i == 0 or areas[i - 1] != a]
    assert runs == ["centre", "plan", "keydates", "standards", "access", "roster"]


def test_an_export_of_one_session_needs_its_date_and_session_and_others_refuse_them(
        demo_db: object, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo_db.close()  # type: ignore[attr-defined]
    out = tmp_path / "plan.pdf"
    base = ["export", "exam-day", "--format", "pdf", "--out", str(out), "--db", str(db_path)]
    assert cli.main([*base, "--date", "2027-05-12"]) == 2
    assert capsys.readouterr().err.strip() == ("eoffice: exam-day exports are of one session: give --date YYYY-MM-DD "
                                               "and --session AM or PM")
    assert cli.main([*base, "--date", "2027-05-12", "--session", "EV"]) == 2
    assert "EV" in capsys.readouterr().err and not out.exists()
    assert cli.main(["export", "plan", "--format", "pdf", "--date", "2027-05-12", "--out", str(out),
                     "--db", str(db_path)]) == 2
    assert capsys.readouterr().err.strip() == "eoffice: --date: only exam-day exports are of one session"
    assert not out.exists()


def test_health_and_personal_data_exports_are_marked_sensitive() -> None:
    assert {e.name for e in EXPORTS if e.sensitive} == {"access", "exam-day", "roster", "audit",  # the audit log names people
                                                        "timetable", "incidents"}  # a candidate's own; what befell them


def test_writers_are_handed_data_and_call_no_domain_function() -> None:
    """Data flows one way: a catalogue entry's ``gather`` reads the domain, its ``write`` only
    formats. The writers' modules may import domain types, never call into a session."""
    source = Path(catalogue.__file__).read_text(encoding="utf-8")
    writers = source[source.index("# --- how each is written"):source.index("EXPORTS: tuple")]
    assert "session" not in writers.lower() and "source." not in writers


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: f"{e.name}-{e.document or ''}-{e.fmt}")
def test_every_entry_writes_its_file_from_the_command_line(export: Export, demo_db: object, db_path: Path,
                                                           tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    demo_db.close()  # type: ignore[attr-defined]
    out = tmp_path / f"out{export.suffix}"
    code = cli.main(_argv(export, out, db_path))
    _, err = capsys.readouterr()
    if export.name == "certificate":  # the demo officer has not earned it yet: nothing is written
        assert code == 2 and err.startswith("eoffice: ") and not out.exists()
        return
    assert code == 0, err
    assert out.read_bytes().startswith(MAGIC[export.fmt]) and out.stat().st_size > 200


def test_every_file_is_suggested_a_name_with_its_area_and_year() -> None:
    from datetime import date

    from eoffice.domain.years import AcademicYear

    request = catalogue.Request(AcademicYear(2026), date(2026, 11, 23))
    assert catalogue.find("plan", "xlsx").file_name(request) == "exams-plan-2026-27.xlsx"
    assert catalogue.find("keydates", "pdf").file_name(request) == "key-dates-2026-27.pdf"
    assert catalogue.find("certificate", "pdf").file_name(request, "Daniel O'Connor") == \
        "standards-certificate-daniel-oconnor-2026-27.pdf"
    assert catalogue.find("audit", "csv").file_name(request) == "audit-log-2026-11-23.csv"  # every year's entries
    one_session = catalogue.Request(AcademicYear(2026), date(2026, 11, 23), on=date(2027, 5, 12), session="PM")
    assert catalogue.find("exam-day", "pdf", "desk-cards").file_name(one_session) == "desk-cards-2027-05-12-PM.pdf"
    names = [e.file_name(request) for e in EXPORTS if not e.one_session]
    assert len(set(names)) == len(names)  # two exports never suggest one name
    assert all(n.endswith(("-2026-27" + e.suffix, "-2026-11-23.csv", "-2026-11-23.xlsx"))
               for n, e in zip(names, (e for e in EXPORTS if not e.one_session), strict=True))
    assert catalogue.file_stem("exams-plan", AcademicYear(2099)) == "exams-plan-2099-00"
