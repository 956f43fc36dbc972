"""The shipped plan template: a whole year of an exams officer's work, and sound data."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eoffice.domain import plan
from eoffice.domain.plan import DATE_RULES, OWNERS, PHASES, STATUSES, Template, load_template, template_path
from eoffice.domain.years import AcademicYear
from eoffice.errors import InputError


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template()


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(template_path().read_text(encoding="utf-8"))


def test_the_template_file_is_shipped_in_resources() -> None:
    path = template_path()
    assert path.name == "plan_template.json"
    assert path.parent.name == "resources"
    assert path.is_file()


def test_the_template_loads(template: Template, raw: dict) -> None:
    assert template.reference_year == AcademicYear(2026)
    assert len(template.tasks) == len(raw["tasks"]) == 72
    assert load_template() is template  # loaded once
    first = template.tasks[0]
    assert first.key == "jcq-regulations-update"
    assert first.fields.title == "Read this year's JCQ changes and update the exams handbook"
    assert (first.fields.phase, first.fields.owner, first.fields.date_rule) == ("planning", "exams_officer", "weekday")
    assert (first.fields.start, first.fields.due) == (date(2026, 9, 1), date(2026, 9, 11))
    assert (first.fields.status, first.fields.done_on) == ("not_started", None)


def test_at_least_45_tasks(template: Template) -> None:
    assert len(template.tasks) >= 45


def test_keys_are_unique_and_tidy(template: Template) -> None:
    keys = [t.key for t in template.tasks]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert key == key.strip().lower()
        assert " " not in key
        assert 0 < len(key) <= 80  # the stored column's width


def test_every_phase_has_tasks(template: Template) -> None:
    counts = Counter(t.fields.phase for t in template.tasks)
    assert set(counts) == set(PHASES)
    assert all(counts[phase] >= 1 for phase in PHASES)


def test_every_month_of_the_year_has_tasks(template: Template) -> None:
    months = Counter((t.fields.due.year, t.fields.due.month) for t in template.tasks)
    assert set(months) == set(template.reference_year.months())
    assert len(months) == 12


def test_every_task_is_in_the_reference_year(template: Template) -> None:
    year = template.reference_year
    for t in template.tasks:
        assert year.contains(t.fields.due), t.key
        if t.fields.start is not None:
            assert t.fields.start <= t.fields.due, t.key


def test_every_weekday_task_falls_monday_to_friday(template: Template) -> None:
    weekday_tasks = [t for t in template.tasks if t.fields.date_rule == "weekday"]
    assert len(weekday_tasks) == 60
    for t in weekday_tasks:
        assert t.fields.due.weekday() < 5, (t.key, t.fields.due)


def test_titles_are_short_and_vocabulary_is_known(template: Template) -> None:
    for t in template.tasks:
        assert 0 < len(t.fields.title) <= 120, t.key
        assert t.fields.title == " ".join(t.fields.title.split())
        assert t.fields.owner in OWNERS
        assert t.fields.date_rule in DATE_RULES
        assert t.fields.status in STATUSES


def test_the_file_uses_only_known_fields(raw: dict) -> None:
    assert set(raw) == {"reference_year", "description", "tasks"}
    allowed = {"key", "title", "phase", "owner", "due", "start", "rule", "notes", "key_date"}
    for item in raw["tasks"]:
        assert set(item) <= allowed, item["key"]
        assert {"key", "title", "phase", "owner", "due"} <= set(item)


def test_a_broken_template_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad_template.json"
    bad.write_text(
        json.dumps(
            {
                "reference_year": "2026/27",
                "tasks": [
                    {"key": "x", "title": "X", "phase": "planning", "owner": "exams_officer", "due": "2027-09-01"}
                ],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="outside 2026/27"):
        load_template(bad)


def test_a_template_of_our_own_loads(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(
        json.dumps(
            {
                "reference_year": "2030/31",
                "tasks": [
                    {"key": "a", "title": "  Set   up ", "phase": "other", "owner": "finance", "due": "2030-09-02"},
                    {"key": "b", "title": "Check", "phase": "results", "owner": "senco", "due": "2031-08-20",
                     "start": "2031-08-01", "rule": "weekday", "notes": " n "},
                ],
            }
        ),
        encoding="utf-8",
    )
    mine = plan.load_template(path)
    assert mine.reference_year == AcademicYear(2030)
    assert [(t.key, t.fields.title, t.fields.date_rule, t.fields.notes) for t in mine.tasks] == [
        ("a", "Set up", "fixed", ""),
        ("b", "Check", "weekday", "n"),
    ]
    assert mine.tasks[1].fields.start == date(2031, 8, 1)
