"""The Standards year: targets, skills, statement, meetings, who may edit, the grid, the certificate rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eoffice.db.session import Database
from eoffice.domain import settings, standards
from eoffice.domain.accounts import people
from eoffice.domain.standards import (
    AREAS,
    METHODS,
    SKILLS,
    STARTER_TARGETS,
    VALUES_STATEMENT,
    MeetingFields,
    NotAllowed,
    ProgressNote,
    SignedAlready,
    SkillFields,
    TargetFields,
    add_meeting,
    add_months,
    add_skill,
    add_starter_targets,
    add_target,
    certificate,
    certificate_eligibility,
    criteria,
    delete_target,
    grid,
    load,
    meetings,
    methods_from,
    reminder,
    signing,
    skills,
    skills_warning,
    targets,
    update_meeting,
    update_skill,
    update_target,
)
from eoffice.errors import InputError
from tests.conftest import TODAY
from tests.domain.standards_helpers import (
    MANAGER_PASSWORD,
    NOW,
    YEAR,
    complete_all_but_declaration,
    make_staff,
    make_year,
)


def test_the_guides_lists_are_all_there() -> None:
    assert len(SKILLS) == 11
    assert "Handling difficult conversations" in SKILLS.values()
    assert len(AREAS) == 7
    assert list(METHODS.values()) == ["Face-to-face training", "Online training", "Peer support",
                                      "Personal research", "Networking", "Other"]
    assert methods_from("Online training;peer_support;online") == ("online", "peer_support")
    for words in ("integrity", "security", "malpractice", "confidential", "JCQ", "awarding body"):
        assert words in VALUES_STATEMENT


def test_a_year_starts_with_the_default_statement_and_once_per_officer(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff, "new")
        record = standards.standards_year(session, year_id)
        assert (record.officer, record.year, record.experience) == ("Siân Łukasz", YEAR, "new")
        assert record.values_statement == VALUES_STATEMENT
        with pytest.raises(InputError, match="already has Professional Standards for 2026/27"):
            make_year(session, staff)
        with pytest.raises(InputError, match="for an exams officer"):
            standards.start_year(session, staff.manager, YEAR, by=staff.manager)


def test_targets_and_skills_are_added_and_edited(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        t = add_target(session, year_id, TargetFields("My own area", "Learn the new MIS", ["Online training"],
                                                      "Runs entries alone", date(2027, 1, 31)), by=staff.manager)
        assert (t.methods, t.status, t.position) == (("online",), "not_started", 1)
        # A record is its own fields: the window edits a copy of what it showed.
        update_target(session, t.id, replace(t, progress_notes="Half done", status="in progress"), by=staff.officer)
        assert targets(session, year_id)[0] == replace(t, progress_notes="Half done", status="in_progress")
        s = add_skill(session, year_id, SkillFields("Time management", ("peer_support",), "Diary kept"), by=staff.officer)
        assert s.label == "Time management"
        with pytest.raises(InputError, match="already one of this year's Key Skills"):
            add_skill(session, year_id, SkillFields("time_management"), by=staff.officer)
        with pytest.raises(InputError, match="not a key skill"):
            add_skill(session, year_id, SkillFields("juggling"), by=staff.officer)
        update_skill(session, s.id, replace(s, status="achieved"), by=staff.officer)
        assert skills(session, year_id)[0] == replace(s, status="achieved")
        with pytest.raises(InputError, match="write the target"):
            add_target(session, year_id, TargetFields("Area", "  "), by=staff.officer)


def test_an_assistant_can_read_but_not_edit(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        for attempt in (
            lambda: add_target(session, year_id, TargetFields("Area", "Target"), by=staff.assistant),
            lambda: add_skill(session, year_id, SkillFields("problem_solving"), by=staff.assistant),
            lambda: standards.set_values_statement(session, year_id, "Other words", by=staff.assistant),
            lambda: add_meeting(session, year_id, MeetingFields(date(2026, 9, 9), "review"), by=staff.assistant),
            lambda: standards.start_year(session, staff.officer, YEAR.next(), by=staff.assistant),
        ):
            with pytest.raises(NotAllowed, match="Tom Barker is an exams assistant"):
                attempt()
        assert targets(session, year_id) == [] and skills(session, year_id) == []
        with pytest.raises(NotAllowed, match="only Siân Łukasz or a line manager"):
            add_target(session, year_id, TargetFields("Area", "Target"), by=staff.senco)


def test_an_officer_edits_only_their_own_standards(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        other = people.add_person(session, "Second Officer", "exams_officer")
        year_id = make_year(session, staff)
        with pytest.raises(NotAllowed, match="cannot change these Standards"):
            add_target(session, year_id, TargetFields("Area", "Target"), by=other.id)


def test_a_signed_statement_cannot_be_edited_until_withdrawn(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        standards.set_values_statement(session, year_id, "In our own words, before signing.", by=staff.officer)
        signed = signing.sign(session, year_id, "values_line_manager", staff.manager, MANAGER_PASSWORD, now=NOW)
        with pytest.raises(SignedAlready, match="while the line manager's signature on the statement stands"):
            standards.set_values_statement(session, year_id, "Changed after signing.", by=staff.officer)
        assert standards.standards_year(session, year_id).values_statement == "In our own words, before signing."
        signing.withdraw(session, signed.id, "wording to be agreed again", staff.manager, MANAGER_PASSWORD, now=NOW)
        standards.set_values_statement(session, year_id, "Changed after withdrawing.", by=staff.officer)


def test_a_signed_meeting_cannot_be_edited(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        target = add_target(session, year_id, TargetFields("Area", "Target"), by=staff.officer)
        fields = MeetingFields(date(2026, 9, 10), "target_setting", "Siân, Daniel", "Settled in", "Late fees",
                               "Entries", date(2026, 10, 22), (ProgressNote("knowledge", target.id, "Agreed"),))
        m = add_meeting(session, year_id, fields, by=staff.officer)
        assert m.progress == (ProgressNote("knowledge", target.id, "Agreed"),)
        m = update_meeting(session, m.id, replace(m, focus_next="Entries and fees"), by=staff.officer)
        assert meetings(session, year_id) == [m] and m.focus_next == "Entries and fees"
        signing.sign(session, year_id, "meeting", staff.manager, MANAGER_PASSWORD, meeting_id=m.id, now=NOW)
        with pytest.raises(SignedAlready, match="this meeting record cannot be changed while a signature on it stands"):
            update_meeting(session, m.id, MeetingFields(date(2026, 9, 11), "target_setting"), by=staff.officer)
        with pytest.raises(InputError, match="signed meeting record"):
            delete_target(session, target.id, by=staff.officer)
        with pytest.raises(InputError, match="must be after this one"):
            add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "review", next_meeting_on=date(2026, 9, 1)),
                        by=staff.officer)


def test_targets_are_fixed_once_the_slt_declaration_is_signed(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
        signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
        stands = r"the targets cannot be changed while the SLT declaration stands \(Daniel O'Connor, 23/11/2026\)"
        with pytest.raises(SignedAlready, match=stands):
            add_target(session, year_id, TargetFields("Area", "One more"), by=staff.officer)


def test_new_officers_meet_monthly_and_experienced_ones_half_termly(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff, "new")
        st = load(session, year_id)
        assert reminder(session, st, TODAY).state == "none"
        add_meeting(session, year_id, MeetingFields(date(2026, 10, 31), "target_setting"), by=staff.officer)
        assert reminder(session, load(session, year_id), TODAY).due == date(2026, 11, 30)  # a month later
        assert reminder(session, load(session, year_id), TODAY).state == "due_soon"
        standards.set_experience(session, year_id, "experienced", by=staff.manager)
        due = reminder(session, load(session, year_id), TODAY)
        assert due.due == date(2026, 12, 12)  # six weeks later
        assert due.text == "next meeting due 12/12/2026"
        settings.put(session, "standards.meeting_weeks.experienced", 7)
        assert reminder(session, load(session, year_id), TODAY).due == date(2026, 12, 19)
        add_meeting(session, year_id, MeetingFields(date(2026, 11, 2), "review", next_meeting_on=date(2026, 11, 20)),
                    by=staff.officer)
        late = reminder(session, load(session, year_id), TODAY)
        assert (late.state, late.text) == ("overdue", "next meeting overdue (was due 20/11/2026)")
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_a_gentle_warning_with_fewer_than_three_skills() -> None:
    assert skills_warning(0) == "no Key Skills are chosen; the guide recommends three"
    assert skills_warning(1) == "only 1 Key Skill is chosen; the guide recommends three"
    assert skills_warning(2) == "only 2 Key Skills are chosen; the guide recommends three"
    assert skills_warning(3) is None and skills_warning(4) is None


def test_the_skills_criterion_carries_the_warning_but_is_not_blocked_by_it(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        add_skill(session, year_id, SkillFields("problem_solving", status="achieved"), by=staff.officer)
        skill = criteria(load(session, year_id))[1]
        assert (skill.label, skill.met, skill.word) == ("Key Skills", True, "Achieved")
        assert skill.note == "only 1 Key Skill is chosen; the guide recommends three"


def test_a_new_officers_starter_targets(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff, "new")
        added = add_starter_targets(session, year_id, date(2026, 9, 1), by=staff.manager)
        assert len(added) == len(STARTER_TARGETS)
        assert {t.checkpoint_on for t in added} == {date(2026, 9, 8), date(2026, 10, 1), date(2026, 12, 1)}
        experienced = standards.start_year(session, people.add_person(session, "Emma", "exams_officer").id, YEAR,
                                           by=staff.manager)
        with pytest.raises(InputError, match="for a new exams officer"):
            add_starter_targets(session, experienced.id, date(2026, 9, 1), by=staff.manager)


def test_each_missing_criterion_is_listed_in_plain_words(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        assert certificate_eligibility(load(session, year_id)) == [
            "Knowledge & Understanding: no targets have been agreed yet",
            "Key Skills: no skills have been agreed yet",
            "Values & Attributes: the statement is not yet signed by the exams officer",
            "Values & Attributes: the statement is not yet signed by the line manager",
            "Meetings: no target-setting meeting has been recorded",
            "Meetings: no assessment meeting has been recorded (where the line manager reviews whether every "
            "target has been met)",
            "SLT declaration: not yet signed by the line manager",
        ]
        add_target(session, year_id, TargetFields("Area", "One", status="achieved"), by=staff.officer)
        add_target(session, year_id, TargetFields("Area", "Two", status="in_progress"), by=staff.officer)
        missing = certificate_eligibility(load(session, year_id))
        assert missing[0] == ("Knowledge & Understanding: 1 of 2 targets are not yet achieved "
                              "(mark each achieved or not applicable)")


def test_all_met_and_the_slt_declaration_signed_earns_the_certificate(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
        assert certificate_eligibility(load(session, year_id)) == ["SLT declaration: not yet signed by the line manager"]
        signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
        assert certificate_eligibility(load(session, year_id)) == []
        earned = certificate(session, year_id)
        assert (earned.officer, earned.line_manager, earned.declared_on) == ("Siân Łukasz", "Daniel O'Connor", NOW.date())
        assert earned.areas == ("Knowledge & Understanding", "Key Skills", "Values & Attributes")


def test_the_grid_has_a_row_per_officer_with_a_word_in_every_cell(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        people.add_person(session, "Another Officer", "exams_officer")
        add_target(session, year_id, TargetFields("Area", "One", status="achieved"), by=staff.officer)
        add_target(session, year_id, TargetFields("Area", "Two", status="not_applicable"), by=staff.officer)
        add_target(session, year_id, TargetFields("Area", "Three"), by=staff.officer)
        signing.sign(session, year_id, "values_officer", staff.officer, "officer-secret-1", now=NOW)
        add_meeting(session, year_id, MeetingFields(date(2026, 9, 10), "target_setting"), by=staff.officer)
        rows = grid(session, YEAR)
        assert [r.officer for r in rows] == ["Another Officer", "Siân Łukasz"]
        assert [(c.mark, c.word) for c in rows[0].cells] == [("✗", "Not started")] * 6
        assert [(c.label, c.mark, c.word) for c in rows[1].cells] == [
            ("Knowledge & Understanding", "✗", "1 of 2"),
            ("Key Skills", "✗", "None set"),
            ("Values & Attributes", "✗", "Officer only"),
            ("Meetings", "✗", "No assessment"),
            ("SLT declaration", "✗", "Not signed"),
            ("Certificate", "✗", "Not yet"),
        ]
        # what the exports print as still missing is the certificate's own answer, from the row's cells
        assert rows[0].still_missing == ()  # not started: the exports say so in their own words
        assert list(rows[1].still_missing) == certificate_eligibility(load(session, year_id))
        assert rows[1].still_missing[0].startswith("Knowledge & Understanding: 1 of 3 targets")
        lines = standards.overview_lines(session, YEAR, TODAY)
        assert lines == ["Standards 2026/27, Another Officer: not started for Another Officer",
                         "Standards 2026/27, Siân Łukasz: 0 of 6 criteria met; next meeting overdue (was due 22/10/2026)"]


def test_grid_words_when_complete(db: Database) -> None:
    with db.session() as session:
        staff = make_staff(session)
        year_id = make_year(session, staff)
        complete_all_but_declaration(session, staff, year_id)
        signing.sign(session, year_id, "slt_declaration", staff.manager, MANAGER_PASSWORD, now=NOW)
        (row,) = grid(session, YEAR)
        assert [(c.mark, c.word) for c in row.cells] == [
            ("✓", "Achieved"), ("✓", "Achieved"), ("✓", "Signed by both"), ("✓", "2 held"), ("✓", "Signed"),
            ("✓", "Earned"),
        ]
        assert standards.overview_lines(session, YEAR, TODAY) == ["Standards 2026/27: 6 of 6 criteria met; Standards achieved"]
        assert len(meetings(session, year_id)) == 2
