"""Settle one clash: which of the candidate's papers moves, and where it is sat.

The domain allows three answers for a clash paper (``clash_decisions``): the other session
of its day, the next morning under overnight supervision (an afternoon paper only), or the
timetable's own session (the decision cleared). The dialog offers only those, and says in
words what the one chosen means for the candidate, so the officer never has to know the
rules to read the outcome; the page runs the choice as one undoable command.

Nothing here reads the database: the page passes the candidate's sittings of the day and
the next (``access.paper_sittings``) and the year's papers, and ``clash_papers`` puts
together what the dialog needs from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.domain.access import MOVED_OVERNIGHT as OVERNIGHT
from eoffice.domain.access import Clash, ExamDayRow, PaperRecord, clock, day_label, other_session
from eoffice.domain.access import clash_move_kind as kind_of
from eoffice.domain.roster import slot_label
from eoffice.errors import InputError
from eoffice.ui.dialogs.form_dialog import OK, FormDialog

Slot = tuple[date, str]
OTHER_SESSION, NEXT_MORNING, AS_TIMETABLED = "other", "overnight", "timetabled"


@dataclass(frozen=True)
class ClashPaper:
    """One of the clash's papers as this candidate sits it now."""

    paper_id: int
    code: str
    published: Slot  # the timetable's date and session
    start: int  # the timetable's start, minutes after midnight
    decided: Slot | None  # where the officer decided it is sat; None: as timetabled

    @property
    def label(self) -> str:
        """The paper as the combo box lists it: its code, its session, where it is sat now."""
        now = f"; now sat {slot_label(*self.decided)}" if self.decided is not None else ""
        return f"{self.code} ({slot_label(*self.published)} at {clock(self.start)}{now})"

    def target(self, choice: str) -> Slot | None:
        """Where ``choice`` puts the paper (None: as timetabled)."""
        on, sess = self.published
        if choice == OTHER_SESSION:
            return on, other_session(sess)
        if choice == NEXT_MORNING:
            return on + timedelta(days=1), "AM"
        return None

    def choice_now(self) -> str:
        """The choice that describes the paper as it stands."""
        if self.decided is None:
            return AS_TIMETABLED
        return NEXT_MORNING if kind_of(self.published, self.decided) == OVERNIGHT else OTHER_SESSION


def clash_papers(clash: Clash, rows: Sequence[ExamDayRow], papers: Sequence[PaperRecord]) -> list[ClashPaper]:
    """The clash's papers this candidate is entered for, in the clash's order, each with its
    published session and the decision in force. ``rows`` are the candidate's sittings of the
    clash's day and the next (a paper moved overnight is sat the next day); ``papers`` the
    year's timetable, which says where each paper was published."""
    published = {p.id: p for p in papers}
    found: dict[str, ClashPaper] = {}
    for row in rows:
        paper = published.get(row.paper_id)
        if row.candidate_id != clash.candidate_id or paper is None or row.code not in clash.codes:
            continue
        if paper.sat_on != clash.sat_on or row.code in found:
            continue
        slot = (row.sat_on, row.session)
        decided = slot if row.moved_from and slot != (paper.sat_on, paper.session) else None
        found[row.code] = ClashPaper(row.paper_id, row.code, (paper.sat_on, paper.session), paper.start_minutes,
                                     decided)
    return [found[code] for code in clash.codes if code in found]


def suggested(clash: Clash, choices: Sequence[ClashPaper]) -> int:
    """The paper to offer first: one already moved; else the one the advice names first
    ("move 7182/3 to the PM session"); else, for a day too long, the afternoon's last."""
    for index, paper in enumerate(choices):
        if paper.decided is not None:
            return index
    named = [(clash.advice.find(p.code), i) for i, p in enumerate(choices) if p.code in clash.advice]
    if named:
        return min(named)[1]
    afternoon = [i for i, p in enumerate(choices) if p.published[1] == "PM"]
    return afternoon[-1] if clash.session is None and afternoon else 0


def _radio(text: str, name: str) -> QRadioButton:
    button = QRadioButton(text)
    button.setAccessibleName(name)
    return button


class ClashDialog(FormDialog[tuple[ClashPaper, Slot | None]]):
    """The officer's answer to one clash. ``chosen()`` is the paper and where it goes."""

    def __init__(self, clash: Clash, choices: Sequence[ClashPaper], sittings: dict[Slot, list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__("Settle a clash", parent, problem="Problem with the clash", width=520, ok=OK, action="Settle")
        self.clash = clash
        self.choices = list(choices)
        self.sittings = sittings  # slot -> the codes the candidate sits there now
        day = day_label(clash.sat_on)
        scope = "the whole day" if clash.session is None else f"the {clash.session} session"
        heading = QLabel(f"<b>{clash.candidate} {clash.surname}, {clash.forenames}</b>: "
                         f"{' + '.join(clash.codes)} on {day}, {scope}.")
        heading.setWordWrap(True)
        heading.setAccessibleName("The clash")
        advice = QLabel(f"Advice: {clash.advice}." if clash.advice else "")
        advice.setWordWrap(True)
        advice.setAccessibleName("Advice")
        advice.setVisible(bool(clash.advice))

        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper to settle")
        for choice in self.choices:
            self.paper.addItem(choice.label, choice.paper_id)
        self.other = _radio("", "In the other session of the day")
        self.overnight = _radio("", "The next morning, under overnight supervision")
        self.timetabled = _radio("", "As timetabled")
        self.where = QButtonGroup(self)
        for key, button in ((OTHER_SESSION, self.other), (NEXT_MORNING, self.overnight),
                            (AS_TIMETABLED, self.timetabled)):
            self.where.addButton(button)
            button.setProperty("choice", key)
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        self.meaning.setAccessibleName("What this means")
        self.meaning.setMinimumHeight(self.meaning.fontMetrics().lineSpacing() * 3)

        form = QFormLayout()
        form.addRow(heading)
        form.addRow(advice)
        form.addRow("&Paper:", self.paper)
        places = QVBoxLayout()
        for button in (self.other, self.overnight, self.timetabled):
            places.addWidget(button)
        form.addRow("Sit it:", places)
        form.addRow(self.meaning)
        self.lay_out(form, problem_in=form)

        self.paper.currentIndexChanged.connect(lambda _i: self._paper_chosen())
        self.where.buttonToggled.connect(lambda _button, on: self._explain() if on else None)
        if self.choices:
            self.paper.setCurrentIndex(suggested(clash, self.choices))
        self._paper_chosen()

    def current(self) -> ClashPaper | None:
        index = self.paper.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def choice(self) -> str:
        button = self.where.checkedButton()
        return str(button.property("choice")) if button is not None else AS_TIMETABLED

    def choose(self, choice: str) -> None:
        """Tick the place ``choice`` names (OTHER_SESSION, NEXT_MORNING or AS_TIMETABLED)."""
        for button in self.where.buttons():
            if button.property("choice") == choice and button.isVisibleTo(self):
                button.setChecked(True)

    def chosen(self) -> tuple[ClashPaper, Slot | None] | None:
        """The paper and where it is to be sat (None: as timetabled); None with no paper."""
        paper = self.current()
        return None if paper is None else (paper, paper.target(self.choice()))

    def checked(self) -> tuple[ClashPaper, Slot | None]:
        answer = self.chosen()
        if answer is None:
            raise InputError("none of these papers can be moved: the candidate is no longer entered for them")
        return answer

    def _paper_chosen(self) -> None:
        """The places this paper may go, named with their dates; the one it is sat in now
        ticked, or the advice's when it is sat as timetabled (the next morning for a day too
        long, else the other session)."""
        paper = self.current()
        if paper is None:
            for button in self.where.buttons():
                button.setEnabled(False)
            self.meaning.setText("None of these papers can be moved: the candidate is no longer entered for them.")
            return
        on, sess = paper.published
        other = slot_label(on, other_session(sess))
        self.other.setText(f"In the &other session of the day ({other})")
        afternoon = sess == "PM"
        self.overnight.setText(f"The &next morning, under overnight supervision "
                               f"({slot_label(on + timedelta(days=1), 'AM')})")
        self.overnight.setVisible(afternoon)  # only an afternoon paper may be sat the next morning
        self.timetabled.setText(f"As &timetabled ({slot_label(on, sess)})")
        now = paper.choice_now()
        if now == AS_TIMETABLED:
            now = NEXT_MORNING if afternoon and self.clash.session is None else OTHER_SESSION
        self.where.setExclusive(False)
        for button in self.where.buttons():
            button.setChecked(False)
        self.where.setExclusive(True)
        self.choose(now)
        self._explain()

    def _explain(self) -> None:
        """What the choice means for the candidate, in one or two sentences."""
        paper = self.current()
        if paper is None:
            return
        self.meaning.setText(meaning(paper, paper.target(self.choice()), self.sittings))


def meaning(paper: ClashPaper, target: Slot | None, sittings: dict[Slot, list[str]]) -> str:
    """"8702/1 will be sat Thu 13 May AM under overnight supervision; …" for one choice."""
    on, sess = paper.published
    published = slot_label(on, sess)
    if target is None:
        if paper.decided is None:
            return f"{paper.code} is sat as timetabled, {published} at {clock(paper.start)}: nothing changes."
        return (f"{paper.code} will be sat as timetabled, {published} at {clock(paper.start)}; the decision to sit it "
                f"{slot_label(*paper.decided)} is cleared.")
    if target == paper.decided:
        said = f"{paper.code} is already sat {slot_label(*target)}: nothing changes."
    elif kind_of(paper.published, target) == OVERNIGHT:
        said = (f"{paper.code} will be sat {slot_label(*target)} under overnight supervision; the candidate is "
                f"supervised from the end of {on:%a} {on.day} {on:%b} until it starts.")
    elif sess == "PM":
        said = (f"{paper.code} will be sat {slot_label(*target)} instead of the afternoon; after it the candidate is "
                f"kept under supervision until {clock(paper.start)}, when it starts for everyone else.")
    else:
        said = (f"{paper.code} will be sat {slot_label(*target)} instead of the morning; the candidate is kept under "
                f"supervision from {clock(paper.start)}, when it starts for everyone else, until they sit it.")
    others = [code for code in sittings.get(target, []) if code != paper.code]
    if others and target != paper.decided:
        said += f" That session also holds {' and '.join(others)}: the papers are sat one after the other."
    return said
