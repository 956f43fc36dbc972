"""The tables of the foundation: the centre, its people, academic years, series,
settings and the audit log. Later areas add their own modules of models and import
them in ``eoffice.db.all_models`` so migrations see every table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eoffice.db.base import Base


class Centre(Base):
    """The exams centre. There is exactly one row, id 1, once the database is set up."""

    __tablename__ = "centre"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    centre_number: Mapped[str | None] = mapped_column(String(5))
    nation: Mapped[str] = mapped_column(String(40), default="England and Wales")


class Person(Base):
    """Someone the exams office works with: exams officer, line manager, SENCo, ..."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    active: Mapped[bool] = mapped_column(default=True)
    # Sign-in: an scrypt hash and its salt (hex), never the password itself.
    password_hash: Mapped[str | None] = mapped_column(String(128))
    password_salt: Mapped[str | None] = mapped_column(String(64))
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[datetime | None] = mapped_column()
    # When they last signed in: at the next sign-in they see what was signed in their name since.
    last_sign_in_at: Mapped[datetime | None] = mapped_column()


class SigningKey(Base):
    """A signer's Ed25519 key pair: the public half in clear, the private half encrypted under
    a key derived from their password (``accounts.signing_keys``).

    A password reset retires the key (its private half is wiped) and the new password gets a
    new one; the public half stays, so the signatures made with it still verify.
    """

    __tablename__ = "signing_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    public_key: Mapped[str] = mapped_column(String(64))  # 32 bytes, hex
    private_key: Mapped[str | None] = mapped_column(Text)  # encrypted; None once retired
    created_at: Mapped[datetime] = mapped_column()
    retired_at: Mapped[datetime | None] = mapped_column()


class AcademicYear(Base):
    """1 September to 31 August, identified by the calendar year it starts in."""

    __tablename__ = "academic_year"

    id: Mapped[int] = mapped_column(primary_key=True)
    start_year: Mapped[int] = mapped_column(Integer, unique=True)
    series: Mapped[list[Series]] = relationship(
        back_populates="year", cascade="all, delete-orphan", order_by="Series.position"
    )


class Series(Base):
    """An exam series within a year: November, January, Summer."""

    __tablename__ = "series"
    __table_args__ = (UniqueConstraint("year_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    year: Mapped[AcademicYear] = relationship(back_populates="series")


class Setting(Base):
    """One named setting, its value as JSON text. Defaults live in domain/settings.py."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """Who changed what and when. Summaries name records, never health details."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    summary: Mapped[str] = mapped_column(Text, default="")
    # SHA-256 (hex) over this row's fields and the previous row's chain_hash (``audit``).
    chain_hash: Mapped[str] = mapped_column(String(64))


class PlanTask(Base):
    """One action in the officer's annual exams plan."""

    __tablename__ = "plan_task"
    __table_args__ = (UniqueConstraint("year_id", "template_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    phase: Mapped[str] = mapped_column(String(40))
    owner: Mapped[str] = mapped_column(String(40))
    due: Mapped[date] = mapped_column(Date, index=True)
    start: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    done_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    date_rule: Mapped[str] = mapped_column(String(20), default="fixed")
    # Where the task came from (a template key, or the task it was rolled forward from),
    # so rolling a year forward twice never duplicates it.
    template_key: Mapped[str | None] = mapped_column(String(80))
    key_date_id: Mapped[int | None] = mapped_column(ForeignKey("key_date.id", ondelete="SET NULL"), index=True)
    # The dates the task was first set for (the template's, or the officer's own). Rolling
    # forward places each year from these, not from last year's moved dates, so a
    # same-weekday task never creeps earlier year by year. None: the task's own dates.
    anchor_due: Mapped[date | None] = mapped_column(Date)
    anchor_start: Mapped[date | None] = mapped_column(Date)


class KeyDate(Base):
    """An external deadline (JCQ or an awarding body's) and the internal one set before it."""

    __tablename__ = "key_date"
    __table_args__ = (UniqueConstraint("year_id", "reference_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date, index=True)
    end: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    series: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(40))
    # Typed by the officer, or derived as N working days before (internal_derived).
    internal_deadline: Mapped[date | None] = mapped_column(Date)
    internal_derived: Mapped[bool] = mapped_column(default=True)
    source: Mapped[str] = mapped_column(Text, default="")
    done: Mapped[bool] = mapped_column(default=False)
    needs_check: Mapped[bool] = mapped_column(default=False)
    # Set for dates loaded from the reference list; "edited" keeps a reload off them.
    reference_key: Mapped[str | None] = mapped_column(String(80))
    edited: Mapped[bool] = mapped_column(default=False)


class Candidate(Base):
    """A candidate of the centre. Their number is unique in the centre, shown as 4 digits."""

    __tablename__ = "candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    surname: Mapped[str] = mapped_column(String(100))
    forenames: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    year_group: Mapped[int | None] = mapped_column(Integer)
    form: Mapped[str | None] = mapped_column(String(20))
    uci: Mapped[str | None] = mapped_column(String(13))
    uln: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)


class Paper(Base):
    """A timetabled exam paper (component) in one session."""

    __tablename__ = "paper"
    __table_args__ = (UniqueConstraint("code", "sat_on", "session"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    board: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(30), index=True)
    title: Mapped[str] = mapped_column(String(200))
    qualification: Mapped[str] = mapped_column(String(40), default="")
    sat_on: Mapped[date] = mapped_column(Date, index=True)
    session: Mapped[str] = mapped_column(String(2))  # AM or PM
    start_minutes: Mapped[int] = mapped_column(Integer)  # minutes after midnight: 540 is 09:00
    duration_minutes: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(20), default="written")


class Entry(Base):
    """A candidate entered for a paper."""

    __tablename__ = "entry"
    __table_args__ = (UniqueConstraint("candidate_id", "paper_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)


class Arrangement(Base):
    """An access arrangement for a candidate: special category (health) data."""

    __tablename__ = "arrangement"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    extra_time_percent: Mapped[int | None] = mapped_column(Integer)
    rest_minutes_per_hour: Mapped[int | None] = mapped_column(Integer)
    route: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="to_assess")
    reference: Mapped[str] = mapped_column(String(60), default="")
    approved_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    assessed_on: Mapped[date | None] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(String(120), default="")
    normal_way_of_working: Mapped[str] = mapped_column(Text, default="")
    room_need: Mapped[str] = mapped_column(String(30), default="none")
    notes: Mapped[str] = mapped_column(Text, default="")


class Room(Base):
    __tablename__ = "room"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    capacity: Mapped[int] = mapped_column(Integer)
    on_screen: Mapped[bool] = mapped_column(default=False)
    separate: Mapped[bool] = mapped_column(default=False)
    # The desk layout (roster.RoomLayout); no rows and columns means none stored.
    rows: Mapped[int | None] = mapped_column(Integer)
    columns: Mapped[int | None] = mapped_column(Integer)
    desks_off: Mapped[str] = mapped_column(Text, default="", server_default="")  # "A3;B7"
    exit_at: Mapped[str] = mapped_column(String(20), default="back right", server_default="back right")
    invigilator_at: Mapped[str] = mapped_column(String(20), default="front", server_default="front")
    spacing_note: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Invigilator(Base):
    __tablename__ = "invigilator"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    roles: Mapped[str] = mapped_column(String(200), default="invigilator")  # ";"-separated role keys
    trained_on: Mapped[date | None] = mapped_column(Date)
    dbs_checked_on: Mapped[date | None] = mapped_column(Date)
    confidentiality_on: Mapped[date | None] = mapped_column(Date)
    max_per_day: Mapped[int] = mapped_column(Integer, default=2)
    max_per_week: Mapped[int] = mapped_column(Integer, default=10)
    hourly_rate_pence: Mapped[int] = mapped_column(Integer, default=0)
    available_by_default: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)


class Availability(Base):
    """An invigilator's answer for one date and session; no row means their default."""

    __tablename__ = "availability"
    __table_args__ = (UniqueConstraint("invigilator_id", "on", "session"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invigilator_id: Mapped[int] = mapped_column(ForeignKey("invigilator.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    session: Mapped[str] = mapped_column(String(2))
    available: Mapped[bool] = mapped_column()


class Placement(Base):
    """Where a candidate sits in a session; ``override`` marks the officer's own choice."""

    __tablename__ = "placement"
    __table_args__ = (UniqueConstraint("candidate_id", "on", "session"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    session: Mapped[str] = mapped_column(String(2))
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), index=True)
    override: Mapped[bool] = mapped_column(default=False)
    desk: Mapped[str | None] = mapped_column(String(3))  # "B3" in the room's desk layout
    desk_locked: Mapped[bool] = mapped_column(default=False, server_default="0")  # the officer chose the desk


class ClashDecision(Base):
    """The officer's answer to a clash: one of a candidate's papers sat in another session,
    the other session of the day or the next morning (overnight supervision)."""

    __tablename__ = "clash_decision"
    __table_args__ = (UniqueConstraint("candidate_id", "paper_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date, index=True)  # the day the paper is now sat
    session: Mapped[str] = mapped_column(String(2))  # "AM" or "PM"
    decided_at: Mapped[datetime] = mapped_column()


class PrintedPlan(Base):
    """A room's seating plan, registers or desk cards as printed: a fingerprint of what they
    showed, so re-seating can say which printed copies are out of date."""

    __tablename__ = "printed_plan"
    __table_args__ = (UniqueConstraint("on", "session", "room", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    on: Mapped[date] = mapped_column(Date)
    session: Mapped[str] = mapped_column(String(2))
    room: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))  # "seating-plan", "register", "desk-cards"
    fingerprint: Mapped[str] = mapped_column(String(64))
    printed_at: Mapped[datetime] = mapped_column()


class RoomPause(Base):
    """A room's exam stopped (an evacuation, a disturbance) and, once resumed, for how long:
    every finish still running when it stopped moves by the pause (``examday.paused``)."""

    __tablename__ = "room_pause"

    id: Mapped[int] = mapped_column(primary_key=True)
    on: Mapped[date] = mapped_column(Date, index=True)
    session: Mapped[str] = mapped_column(String(2))
    room: Mapped[str] = mapped_column(String(80))  # the room's name: the record outlives the room
    paused_at: Mapped[datetime] = mapped_column()  # UTC, as every stored moment
    resumed_at: Mapped[datetime | None] = mapped_column()  # None while the room is paused


class Incident(Base):
    """One line of a room's incident log: what happened, to whom (candidate numbers only), what
    was done, who wrote it, and the follow-up it needs until the officer closes it."""

    __tablename__ = "incident"

    id: Mapped[int] = mapped_column(primary_key=True)
    on: Mapped[date] = mapped_column(Date, index=True)
    session: Mapped[str] = mapped_column(String(2))
    room: Mapped[str] = mapped_column(String(80))  # the room's name: the record outlives the room
    at_minutes: Mapped[int] = mapped_column(Integer)  # the time in the room, minutes after midnight
    kind: Mapped[str] = mapped_column(String(30))  # one of ``examday.INCIDENT_KINDS``
    what: Mapped[str] = mapped_column(Text, default="")
    candidates: Mapped[str] = mapped_column(Text, default="")  # "0012;0034"
    action: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(120), default="")
    follow_up: Mapped[str] = mapped_column(String(30), default="none")  # one of ``examday.FOLLOW_UPS``
    follow_up_done: Mapped[bool] = mapped_column(default=False)
    recorded_at: Mapped[datetime] = mapped_column()


class Assignment(Base):
    """An invigilator rostered to a room in a session, in a role; ``locked`` by the officer."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("invigilator_id", "on", "session"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invigilator_id: Mapped[int] = mapped_column(ForeignKey("invigilator.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date, index=True)
    session: Mapped[str] = mapped_column(String(2))
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(30), default="invigilator")
    locked: Mapped[bool] = mapped_column(default=False)


class StandardsYear(Base):
    """One exams officer's Professional Standards for one academic year."""

    __tablename__ = "standards_year"
    __table_args__ = (UniqueConstraint("person_id", "year_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    year_id: Mapped[int] = mapped_column(ForeignKey("academic_year.id", ondelete="CASCADE"), index=True)
    experience: Mapped[str] = mapped_column(String(20), default="experienced")  # new or experienced
    values_statement: Mapped[str] = mapped_column(Text, default="")


class KnowledgeTarget(Base):
    """A Knowledge & Understanding target."""

    __tablename__ = "knowledge_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    standards_year_id: Mapped[int] = mapped_column(ForeignKey("standards_year.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(120))
    target: Mapped[str] = mapped_column(Text)
    methods: Mapped[str] = mapped_column(String(200), default="")  # ";"-separated method keys
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    checkpoint_on: Mapped[date | None] = mapped_column(Date)
    progress_notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    position: Mapped[int] = mapped_column(Integer, default=0)


class SkillTarget(Base):
    """A Key Skills target, chosen from the eleven skills."""

    __tablename__ = "skill_target"
    __table_args__ = (UniqueConstraint("standards_year_id", "skill"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    standards_year_id: Mapped[int] = mapped_column(ForeignKey("standards_year.id", ondelete="CASCADE"), index=True)
    skill: Mapped[str] = mapped_column(String(40))
    methods: Mapped[str] = mapped_column(String(200), default="")
    measure: Mapped[str] = mapped_column(Text, default="")
    by_when: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="not_started")


class StandardsMeeting(Base):
    """A target-setting, review or assessment meeting with the line manager."""

    __tablename__ = "standards_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    standards_year_id: Mapped[int] = mapped_column(ForeignKey("standards_year.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # target_setting, review, assessment
    attendees: Mapped[str] = mapped_column(Text, default="")
    went_well: Mapped[str] = mapped_column(Text, default="")
    not_well: Mapped[str] = mapped_column(Text, default="")
    focus_next: Mapped[str] = mapped_column(Text, default="")
    next_meeting_on: Mapped[date | None] = mapped_column(Date)


class MeetingProgress(Base):
    """What a meeting noted about one target's progress."""

    __tablename__ = "meeting_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("standards_meeting.id", ondelete="CASCADE"), index=True)
    target_kind: Mapped[str] = mapped_column(String(20))  # knowledge or skill
    target_id: Mapped[int] = mapped_column(Integer)
    progress: Mapped[str] = mapped_column(Text, default="")


class Signature(Base):
    """A signature given with the signer's own password at that moment.

    It is never edited: ``content_hash`` fixes what was signed, and ``signature`` is the
    signer's Ed25519 signature (with ``key_id``) over it, the signer, their role and the
    time; withdrawal and a dispute record when and why, and the audit log has them.
    A signature given before signing keys has neither (``standards.signature_checks``).
    """

    __tablename__ = "signature"

    id: Mapped[int] = mapped_column(primary_key=True)
    standards_year_id: Mapped[int] = mapped_column(ForeignKey("standards_year.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # values_officer, values_line_manager, slt_declaration, meeting
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("standards_meeting.id", ondelete="SET NULL"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_role: Mapped[str] = mapped_column(String(40))
    signed_at: Mapped[datetime] = mapped_column()
    content_hash: Mapped[str] = mapped_column(String(64))
    withdrawn_at: Mapped[datetime | None] = mapped_column()
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")
    key_id: Mapped[int | None] = mapped_column(ForeignKey("signing_key.id"))
    signature: Mapped[str | None] = mapped_column(String(128))  # 64 bytes, hex
    disputed_at: Mapped[datetime | None] = mapped_column()
    disputed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    disputed_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
