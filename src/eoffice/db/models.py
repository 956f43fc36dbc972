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
