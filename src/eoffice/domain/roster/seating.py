"""Where each candidate sits in each session: by room, not by desk, needing the fewest staff.

Rooming spares staff within the rules, because every room in use costs at least one
invigilator: a candidate with a reader, scribe or prompter has a room of their own (and
their helper); candidates invigilated separately share a small room in groups of up to a
setting's size (``seating.separate_group_size``), packed into as few rooms as will take
them; on-screen tests go to rooms with computers, and so do candidates who use a word
processor while there is space; everyone else fills the main rooms, largest first,
keeping a paper's candidates together. Where the rule cannot be kept (too few separate
rooms) candidates share and the officer is told. The officer's own choices
(``override``) are never moved. The requirement, the roster and the day sheets all read
the same layout, so they agree on who is in which room; ``requirement.staffing`` says
per session how many invigilators the rooming needs against the fewest the rules allow
and how many are available.

What is stored stays put until seating runs again (``seat``; every auto-roster runs it
first), so a printed seating plan does not shift under the officer. When an
arrangement, an entry or a room has changed since, ``out_of_date`` names the sessions
whose stored seating is no longer what ``seat`` would choose, so the window can say so.

The sittings are the one timed model (``access.paper_sittings``): a room is covered
until its candidates' finishes as sat (a clash paper after the first, approved extra time
only), so the roster and the exam-day view agree. Room needs count arrangements in force
and those applied for and still in date, because a room and a reader must be planned
before the awarding body answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import pairwise

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from eoffice.db.models import ClashDecision, Paper, Placement
from eoffice.domain import audit, settings
from eoffice.domain.access import HELPER_ROLE, OWN_ROOM, ROOM_NEEDS, ExamDayRow, paper_sittings, slot_label
from eoffice.domain.roster.room_records import Room, rooms
from eoffice.errors import InputError

MODE_ORDER = ("on_screen", "practical", "written")  # the first a candidate has in a session decides
Slot = tuple[date, str]


def candidate_label(number: int) -> str:
    return f"{number:04d}"


@dataclass(frozen=True)
class PaperSitting:
    paper_id: int
    code: str
    title: str
    start: int  # as sat: after a clash paper, when there is one
    duration: int
    mode: str
    finish: int  # with extra time and rest breaks in force


@dataclass(frozen=True)
class Sitting:
    """One candidate in one session: their papers, timing and room needs (never conditions).

    What is worked out from the fields (the mode, the helper, the times) is kept once asked:
    seating a session asks each candidate's mode and room needs many times."""

    candidate_id: int
    number: int
    on: date
    session: str
    papers: tuple[PaperSitting, ...]
    extra_percent: int | None = None
    rest_per_hour: int | None = None
    needs: frozenset[str] = frozenset()  # planned for: those in force and those applied for
    pending_needs: frozenset[str] = frozenset()  # of ``needs``, those only applied for
    pending: tuple[str, ...] = ()  # the applications not yet approved, in words: said as pending, never timed

    @cached_property
    def mode(self) -> str:
        modes = {p.mode for p in self.papers}
        return next((m for m in MODE_ORDER if m in modes), "written")

    @cached_property
    def own_room(self) -> bool:
        return bool(self.needs & OWN_ROOM)

    @cached_property
    def helper_role(self) -> str | None:
        """The helper this candidate needs, e.g. ``reader`` or ``reader+scribe`` (one person doing both)."""
        roles = sorted({HELPER_ROLE[n] for n in self.needs if n in HELPER_ROLE})
        return "+".join(roles) or None

    @cached_property
    def start(self) -> int:
        return min(p.start for p in self.papers)

    @cached_property
    def finish(self) -> int:
        """Latest finish of their papers as sat, with their extra time and rest breaks."""
        return max(p.finish for p in self.papers)

    @property
    def needs_text(self) -> str:
        """``Word processor; pending: 25% extra time``: what is in force, then what is only applied for."""
        parts = [ROOM_NEEDS.get(n, n) for n in sorted(self.needs - self.pending_needs)]
        if self.extra_percent:
            parts.append(f"{self.extra_percent}% extra time")
        if self.rest_per_hour:
            parts.append(f"rest breaks {self.rest_per_hour} min/h")
        text = ", ".join(parts)
        if self.pending:
            text += ("; " if text else "") + f"pending: {', '.join(self.pending)}"
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class SessionPlan:
    on: date
    session: str
    seats: dict[int, int]  # candidate id -> room id
    unplaced: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    fixed: frozenset[int] = field(default_factory=frozenset)  # candidates whose room was already set


def separate_group_size(session: Session) -> int:
    """How many candidates invigilated separately may share one room (the centre's choice)."""
    return int(settings.get(session, "seating.separate_group_size"))


def load_sittings(session: Session, start: date, end: date) -> dict[Slot, list[Sitting]]:
    """Every active candidate's sittings between two dates, grouped by session, from the one
    timed model (``access.paper_sittings``)."""
    return group_sittings(paper_sittings(session, start, end))


def group_sittings(rows: Iterable[ExamDayRow]) -> dict[Slot, list[Sitting]]:
    """The model's rows (one per paper) as one ``Sitting`` per candidate and session, by
    date, session and candidate number.

    The model gives its rows in that order already, so they are grouped in one pass and kept
    in the order they came; a session whose candidates came in another order is sorted."""
    papers: dict[tuple[Slot, int], list[ExamDayRow]] = {}
    for row in rows:
        key = ((row.sat_on, row.session), row.candidate_id)
        taken = papers.get(key)
        if taken is None:
            papers[key] = [row]
        else:
            taken.append(row)
    found: dict[Slot, list[Sitting]] = defaultdict(list)
    for (slot, cid), taken in papers.items():
        first = taken[0]
        if len(taken) > 1:  # most candidates sit one paper a session: no sort for them
            taken.sort(key=lambda r: (r.timing.start, r.code))
        found[slot].append(Sitting(
            cid, first.candidate_number, slot[0], slot[1],
            tuple([PaperSitting(r.paper_id, r.code, r.title, r.timing.start, r.timing.duration, r.mode,
                                r.timing.finish) for r in taken]),
            first.extra_percent, first.rest_per_hour, frozenset(first.planned_needs),
            frozenset(first.pending_needs), first.pending))
    for people in found.values():
        if any(a.number > b.number for a, b in pairwise(people)):
            people.sort(key=lambda s: s.number)
    return dict(sorted(found.items()))


def _main_rooms(all_rooms: Sequence[Room], s: Sitting) -> list[Room]:
    """Rooms for a candidate who sits with others, in the order they are tried."""
    shared = [r for r in all_rooms if not r.separate]
    if s.mode == "on_screen":
        return [r for r in shared if r.on_screen]
    if "word_processor" in s.needs:  # computers first, then anywhere
        return sorted(shared, key=lambda r: (not r.on_screen, -r.capacity, r.name))
    return sorted(shared, key=lambda r: (r.on_screen, -r.capacity, r.name))  # keep computers free


SMALL_GROUP = 6  # ``seating.separate_group_size``: candidates invigilated separately who may share a room


def _kept_for_groups(grouped: int, helpers: bool, separate: Sequence[Room], load: dict[int, int],
                     helped: dict[int, int], group_size: int) -> set[int]:
    """The largest empty rooms that will take the candidates invigilated in groups, kept from
    the helped candidates (who take the smallest rooms anyway). When rooms are short, the
    groups keep theirs and helped candidates double up: a group sits away from reading
    aloud, and the rule is broken for as few candidates either way. One room is always left
    for the helped, so no reader is sent to a main room while a small room is free."""
    open_space = sum(max(0, min(r.capacity, group_size) - load[r.id]) for r in separate
                     if load[r.id] and not helped[r.id])  # fmt: skip
    to_place = grouped - open_space
    empty = sorted((r for r in separate if load[r.id] == 0), key=lambda r: (-min(r.capacity, group_size), r.name))
    most = len(empty) - (1 if helpers else 0)
    kept: set[int] = set()
    for r in empty:
        if to_place <= 0 or len(kept) >= most:
            break
        kept.add(r.id)
        to_place -= min(r.capacity, group_size)
    return kept


def _own_rooms(own: Sequence[Sitting], separate: Sequence[Room], load: dict[int, int], alone: dict[int, int],
               helped: dict[int, int], group_size: int) -> tuple[dict[int, int], list[Sitting]]:
    """Rooms for candidates who sit apart, needing the fewest invigilators the rules allow.

    A candidate with a reader, scribe or prompter has a room of their own (the smallest that
    suits, so larger rooms stay free for groups); candidates invigilated separately share a
    room up to ``group_size``, packed into the largest rooms first, so each group costs one
    invigilator. On-screen papers go to rooms with computers while there are any. Returns
    the seats and who got no separate room (``_beyond_the_rule`` says who shares beyond the
    rule, from the seats).
    """
    seats: dict[int, int] = {}

    def room_left(r: Room, limit: int) -> int:
        return int(min(r.capacity, limit)) - load[r.id]

    def put(s: Sitting, r: Room) -> None:
        seats[s.candidate_id] = r.id
        load[r.id] += 1
        alone[r.id] += 1
        helped[r.id] += s.helper_role is not None

    def suits(s: Sitting, r: Room) -> bool:
        return r.on_screen or s.mode != "on_screen"

    helpers = sorted((s for s in own if s.helper_role is not None), key=lambda s: (s.mode != "on_screen", s.number))
    grouped = sorted((s for s in own if s.helper_role is None), key=lambda s: (s.mode != "on_screen", s.number))
    kept = _kept_for_groups(len(grouped), bool(helpers), separate, load, helped, group_size)
    left: list[Sitting] = []
    for s in helpers:  # alone, in the smallest free room that suits (computers kept for those who need them)
        free = [r for r in separate if load[r.id] == 0 and r.id not in kept and suits(s, r)]
        if not free:
            left.append(s)
            continue
        put(s, min(free, key=lambda r: (r.on_screen != (s.mode == "on_screen"), r.capacity, r.name)))
    waiting: list[Sitting] = []
    for s in grouped:  # rooms already holding a group first, then the largest empty room
        open_rooms = [r for r in separate if suits(s, r) and not helped[r.id] and room_left(r, group_size) > 0]
        if not open_rooms:
            waiting.append(s)
            continue
        put(s, min(open_rooms, key=lambda r: (load[r.id] == 0, r.on_screen != (s.mode == "on_screen"),
                                             -min(r.capacity, group_size), r.name)))  # fmt: skip
    overflow: list[Sitting] = []
    for s in [*left, *waiting]:  # no room by the rule: share, disturbing as few as can be
        free = [r for r in separate if load[r.id] < r.capacity]
        suited = [r for r in free if suits(s, r)] or free
        if not suited:
            overflow.append(s)
            continue
        # A helped candidate joins the room with fewest in it (fewest disturbed by reading aloud); one
        # in a group joins a group before a helped candidate's room.
        best = min(suited, key=lambda r: (alone[r.id], helped[r.id], r.capacity, r.name) if s.helper_role
                   else (helped[r.id], alone[r.id], r.capacity, r.name))  # fmt: skip
        put(s, best)
    return seats, overflow


def _beyond_the_rule(seats: dict[int, int], needy: dict[int, Sitting], separate: set[int], group_size: int) -> int:
    """Candidates who sit apart in a separate room that breaks the rule: a helped candidate
    with anyone else, or more than ``group_size`` together. Read from the seats themselves,
    so the warning stands as long as the seating does (stored or not), not only when made."""
    rooms: dict[int, list[int]] = defaultdict(list)
    for cid, rid in seats.items():
        if rid in separate:
            rooms[rid].append(cid)
    count = 0
    for members in rooms.values():
        apart = [needy[c] for c in members if c in needy]
        helped_here = any(s.helper_role is not None for s in apart)
        if (helped_here and len(members) > 1) or len(apart) > group_size:
            count += len(apart)
    return count


def plan_session(sittings: Sequence[Sitting], all_rooms: Sequence[Room], fixed: dict[int, int] | None = None,
                 group_size: int = SMALL_GROUP) -> SessionPlan:  # fmt: skip
    """Seat one session; ``fixed`` (candidate id -> room id) is kept as it is.

    Rooms are chosen to need the fewest invigilators: helped candidates alone, those
    invigilated separately in groups of up to ``group_size`` (``_own_rooms``), everyone
    else in the main rooms, largest first, a paper kept together (each room in use costs
    at least one invigilator, so fewer, fuller rooms cost less)."""
    if not sittings:
        return SessionPlan(date.min, "", {})
    on, sess = sittings[0].on, sittings[0].session
    by_id = {r.id: r for r in all_rooms}
    present = {s.candidate_id for s in sittings}
    seats = {c: r for c, r in (fixed or {}).items() if c in present and r in by_id}
    load: dict[int, int] = defaultdict(int)
    alone: dict[int, int] = defaultdict(int)  # own-room candidates per room
    helped: dict[int, int] = defaultdict(int)  # of those, candidates with a reader, scribe or other helper
    needy = {s.candidate_id: s for s in sittings if s.own_room}
    for cid, rid in seats.items():
        load[rid] += 1
        alone[rid] += cid in needy
        helped[rid] += cid in needy and needy[cid].helper_role is not None
    warnings: list[str] = []
    when = slot_label(on, sess)
    own = [s for s in sittings if s.own_room and s.candidate_id not in seats]
    placed, overflow = _own_rooms(own, [r for r in all_rooms if r.separate], load, alone, helped,
                                              max(1, group_size))  # fmt: skip
    seats.update(placed)
    shared = _beyond_the_rule(seats, needy, {r.id for r in all_rooms if r.separate}, max(1, group_size))
    if shared:
        who = "1 candidate who sits apart shares a room" if shared == 1 else \
            f"{shared} candidates who sit apart share rooms"
        warnings.append(f"{when}: {who} beyond the rule (a helper's candidate alone, groups of up to {group_size}):"
                        " there are not enough rooms for separate invigilation")
    if overflow:
        who = "1 candidate who needs a room of their own is" if len(overflow) == 1 else \
            f"{len(overflow)} candidates who need a room of their own are"
        warnings.append(f"{when}: {who} seated in a main room: no room for separate invigilation is free")
    rest = sorted((s for s in sittings if not s.own_room and s.candidate_id not in seats),
                  key=lambda s: (s.mode != "on_screen", "word_processor" not in s.needs, s.papers[0].code,
                                 s.number))  # fmt: skip
    unplaced: list[int] = []
    orders: dict[tuple[bool, bool], list[Room]] = {}  # the rooms' order depends only on these two
    for s in [*rest, *overflow]:
        kind = (s.mode == "on_screen", "word_processor" in s.needs)
        if kind not in orders:
            orders[kind] = _main_rooms(all_rooms, s)
        target = next((r for r in orders[kind] if load[r.id] < r.capacity), None)
        if target is None:
            unplaced.append(s.candidate_id)
            continue
        seats[s.candidate_id] = target.id
        load[target.id] += 1
    if unplaced:
        who = "1 candidate has" if len(unplaced) == 1 else f"{len(unplaced)} candidates have"
        warnings.append(f"{when}: {who} no seat: the suitable rooms are full")
    return SessionPlan(on, sess, seats, tuple(unplaced), tuple(warnings), frozenset(fixed or {}) & present)


def stored_placements(session: Session, start: date, end: date) -> dict[Slot, dict[int, tuple[int, bool]]]:
    """(date, session) -> candidate id -> (room id, the officer's own choice).

    A desk the officer locked (``examday``) fixes its room too, so it counts as their choice."""
    found: dict[Slot, dict[int, tuple[int, bool]]] = defaultdict(dict)
    for cid, on, sess, rid, override, desk_locked in session.execute(
        select(Placement.candidate_id, Placement.on, Placement.session, Placement.room_id, Placement.override,
               Placement.desk_locked).where(Placement.on >= start, Placement.on <= end)
    ):
        found[(on, sess)][cid] = (rid, bool(override) or bool(desk_locked))
    return found


def _overrides(placed: dict[int, tuple[int, bool]]) -> dict[int, int]:
    return {c: r for c, (r, own) in placed.items() if own}


def layout(session: Session, start: date, end: date,
           sittings: dict[Slot, list[Sitting]] | None = None) -> dict[Slot, tuple[list[Sitting], SessionPlan]]:
    """What is stored, with anyone not yet placed seated in memory: what the roster and sheets read.

    ``sittings`` is ``load_sittings`` already read (``examday`` passes the model's rows it
    has, so they are read once)."""
    sittings = load_sittings(session, start, end) if sittings is None else sittings
    stored = stored_placements(session, start, end)
    all_rooms = rooms(session)
    size = separate_group_size(session)
    return {
        slot: (people, plan_session(people, all_rooms, {c: r for c, (r, _o) in stored.get(slot, {}).items()}, size))
        for slot, people in sittings.items()
    }


def out_of_date(session: Session, start: date, end: date) -> list[Slot]:
    """Sessions whose stored seating differs from what ``seat`` would store now.

    A session with nothing stored is never out of date: ``layout`` seats it in memory
    exactly as ``seat`` would. The officer's own choices count as they are on both sides.
    """
    return list(series_seating(session, start, end).stale)


@dataclass(frozen=True)
class SeriesSeating:
    """A series' seating read once: what ``layout`` gives, the officer's own choices of room,
    and what ``out_of_date`` gives. The Invigilators tab needs all three, and each needs the
    same sittings, the slowest read of the roster (about a second at ten times a large school)."""

    placed: dict[Slot, tuple[list[Sitting], SessionPlan]]
    chosen: dict[Slot, set[int]]  # (date, session) -> candidates whose room the officer chose
    stale: tuple[Slot, ...]


def series_seating(session: Session, start: date, end: date) -> SeriesSeating:
    """``layout``, the officer's choices and ``out_of_date`` between two dates, from one read of
    the sittings and the stored placements: each session is planned with what is stored (the
    layout), and where something is stored, again with only the officer's choices (what ``seat``
    would store now); the two differ in a session whose seating is out of date."""
    sittings = load_sittings(session, start, end)
    stored = stored_placements(session, start, end)
    all_rooms = rooms(session)
    size = separate_group_size(session)
    placed: dict[Slot, tuple[list[Sitting], SessionPlan]] = {}
    stale: list[Slot] = []
    for slot, people in sittings.items():
        kept = stored.get(slot, {})
        plan = plan_session(people, all_rooms, {c: r for c, (r, _o) in kept.items()}, size)
        placed[slot] = (people, plan)
        if kept and plan.seats != plan_session(people, all_rooms, _overrides(kept), size).seats:
            stale.append(slot)
    chosen = {slot: set(_overrides(kept)) for slot, kept in stored.items()}
    return SeriesSeating(placed, chosen, tuple(stale))


def seating_days(session: Session, start: date, end: date) -> list[date]:
    """The days between two dates on which a paper is sat: as timetabled, or moved there by a
    clash decision. ``series_seating`` of each of them alone, put together (``merge_seating``),
    is ``series_seating`` of the whole dates: a candidate's sessions are seated a day at a time."""
    timetabled = select(Paper.sat_on).where(Paper.sat_on >= start, Paper.sat_on <= end).distinct()
    moved = select(ClashDecision.on).where(ClashDecision.on >= start, ClashDecision.on <= end).distinct()
    return sorted(set(session.scalars(timetabled)) | set(session.scalars(moved)))


def merge_seating(parts: Iterable[SeriesSeating]) -> SeriesSeating:
    """Seatings of separate days (``series_seating`` of each) as one, in date and session order."""
    placed: dict[Slot, tuple[list[Sitting], SessionPlan]] = {}
    chosen: dict[Slot, set[int]] = {}
    stale: list[Slot] = []
    for part in parts:
        placed.update(part.placed)
        chosen.update(part.chosen)
        stale += part.stale
    return SeriesSeating(dict(sorted(placed.items())), chosen, tuple(sorted(stale)))


def seat(session: Session, start: date, end: date, only: str | None = None) -> list[SessionPlan]:
    """Place every candidate between two dates (of the ``only`` session, e.g. "AM", when
    given) and store it; overrides stay, the rest is redone."""
    sittings = load_sittings(session, start, end)
    if only is not None:
        sittings = {slot: people for slot, people in sittings.items() if slot[1] == only}
    stored = stored_placements(session, start, end)
    if only is not None:
        stored = defaultdict(dict, {slot: placed for slot, placed in stored.items() if slot[1] == only})
    all_rooms = rooms(session)
    size = separate_group_size(session)
    plans = []
    session.execute(delete(Placement).where(Placement.on >= start, Placement.on <= end, Placement.override.is_(False),
                                            Placement.desk_locked.is_(False),
                                            *([Placement.session == only] if only is not None else [])))
    rows = []
    for slot, people in sittings.items():
        overrides = _overrides(stored.get(slot, {}))
        plan = plan_session(people, all_rooms, overrides, size)
        plans.append(plan)
        rows += [{"candidate_id": c, "on": slot[0], "session": slot[1], "room_id": r, "override": False}
                 for c, r in plan.seats.items() if c not in overrides]  # fmt: skip
    stale = [(slot, c) for slot, placed in stored.items() for c, (_r, o) in placed.items()
             if o and c not in {s.candidate_id for s in sittings.get(slot, [])}]  # fmt: skip
    for (on, sess), cid in stale:  # an override for a session the candidate no longer sits
        session.execute(delete(Placement).where(Placement.candidate_id == cid, Placement.on == on, Placement.session == sess))
    if rows:
        session.execute(insert(Placement), rows)
    session.flush()
    audit.record(session, "update", "placement", None,
                 f"{len(rows)} candidates placed in rooms for {len(plans)} sessions from {start:%d/%m/%Y} to {end:%d/%m/%Y}")
    return plans


StoredPlacement = tuple[int, date, str, int, bool, str | None, bool]  # candidate, date, session, room, override,
# desk, desk locked


def saved_placements(session: Session, start: date, end: date) -> list[StoredPlacement]:
    """Every placement stored between two dates, desks included, as plain values: what undoing
    ``seat`` (or seating desks) puts back."""
    return [tuple(row) for row in session.execute(  # type: ignore[misc]
        select(Placement.candidate_id, Placement.on, Placement.session, Placement.room_id, Placement.override,
               Placement.desk, Placement.desk_locked)
        .where(Placement.on >= start, Placement.on <= end)
        .order_by(Placement.on, Placement.session, Placement.candidate_id))]


def restore_placements(session: Session, start: date, end: date, saved: Sequence[StoredPlacement]) -> None:
    """Undo ``seat``: the placements between two dates exactly as ``saved_placements`` found them."""
    session.execute(delete(Placement).where(Placement.on >= start, Placement.on <= end))
    if saved:
        session.execute(insert(Placement), [
            {"candidate_id": c, "on": on, "session": sess, "room_id": r, "override": own, "desk": desk,
             "desk_locked": locked} for c, on, sess, r, own, desk, locked in saved])
    session.flush()
    audit.record(session, "update", "placement", None,
                 f"seating from {start:%d/%m/%Y} to {end:%d/%m/%Y} put back as it was")


def override_placement(session: Session, candidate_id: int, on: date, sess: str, room_id: int) -> tuple[int, bool] | None:
    """Put a candidate in a room of the officer's choosing; returns what was there, for undo."""
    sittings = load_sittings(session, on, on).get((on, sess), [])
    sitting = next((s for s in sittings if s.candidate_id == candidate_id), None)
    if sitting is None:
        raise InputError(f"that candidate has no exam on {slot_label(on, sess)}")
    if room_id not in {r.id for r in rooms(session)}:
        raise InputError(f"there is no room {room_id}")
    return _put(session, candidate_id, on, sess, (room_id, True), f"candidate {candidate_label(sitting.number)}")


def restore_placement(session: Session, candidate_id: int, on: date, sess: str, previous: tuple[int, bool] | None) -> None:
    """Undo ``override_placement`` (or clear an override, with ``previous`` of ``(room, False)``)."""
    _put(session, candidate_id, on, sess, previous, f"candidate id {candidate_id}")


def _put(session: Session, cid: int, on: date, sess: str, value: tuple[int, bool] | None, who: str) -> tuple[int, bool] | None:
    row = session.scalar(select(Placement).where(Placement.candidate_id == cid, Placement.on == on, Placement.session == sess))
    before = None if row is None else (row.room_id, bool(row.override))
    if value is None and row is not None:
        session.delete(row)
    elif value is not None and row is None:
        session.add(Placement(candidate_id=cid, on=on, session=sess, room_id=value[0], override=value[1]))
    elif value is not None and row is not None:
        row.room_id, row.override = value
    session.flush()
    audit.record(session, "update", "placement", cid, f"{who} room set for {slot_label(on, sess)}")
    return before


def warnings(plans: Iterable[SessionPlan]) -> list[str]:
    return [w for plan in plans for w in plan.warnings]
