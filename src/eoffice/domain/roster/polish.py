"""After the proven goals: one room all day where a swap allows it, then the longest hours made shorter.

The solver proves its roster covers the most places it can, helpers' places first,
and shares sessions out as evenly as possible (``cover_bound``). This polishes that
roster without undoing any of it, by moves that keep every place filled by someone
allowed to fill it and the sum of squared sessions as it was:

* two people in one session swap places, so someone working both sessions of a day
  stays in one room;
* the busiest person hands a session to someone with one session fewer (their numbers
  trade places, so the sum of squares is unchanged), or swaps it for a shorter place
  in the same session, while the other person stays under the busiest's hours.

No move puts anyone in a second room on a day (which is also the only way to a
clash), so the polish never adds a room change. Each move is the best of its kind
over every candidate, looked at in a fixed order, and there is a fixed cap on moves:
the same roster always comes out, whatever the machine (fixed work, never the clock).

The hours are a tie-break, not a proven goal: the only bound on them that is quick
to compute, everyone's hours averaged, is one no roster of whole sessions meets, so
no solver proves the longest hours the best in seconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from eoffice.domain.roster.cover_bound import Key
from eoffice.domain.roster.places import Person, Places, week_of
from eoffice.domain.roster.seating import Slot

MOVES_PER_PERSON = 4  # the cap on hours moves: so many times the number of people


def _other(slot: Slot) -> Slot:
    return (slot[0], "PM" if slot[1] == "AM" else "AM")


class Roster:
    """A roster as the polish changes it, with each person's sessions, hours and limits kept up to date."""

    def __init__(self, prep: Places, keys: Iterable[Key], picked: Iterable[Key]) -> None:
        self.prep = prep
        self.eligible = set(keys)
        self.by_id: dict[int, Person] = {p.id: p for p in prep.people}
        self.at: dict[tuple[int, Slot], tuple[int, str]] = {}  # person, session -> (place, role)
        self.working: dict[Slot, dict[int, tuple[int, str]]] = defaultdict(dict)
        self.minutes: dict[int, int] = defaultdict(int, prep.minutes)
        self.load: dict[int, int] = defaultdict(int, prep.held)
        self.day: dict[tuple[int, date], int] = defaultdict(int, prep.day)
        self.week: dict[tuple[int, tuple[int, int]], int] = defaultdict(int, prep.week)
        self.sessions: dict[int, set[Slot]] = defaultdict(set)  # person -> the sessions chosen for them
        self.candidates: dict[tuple[int, str], list[int]] = defaultdict(list)
        for pid, k, role in sorted(self.eligible):
            self.candidates[(k, role)].append(pid)
        for key in sorted(picked):
            self.add(key)

    def picked(self) -> set[Key]:
        return {(pid, k, role) for (pid, _slot), (k, role) in self.at.items()}

    def slots_of(self, pid: int) -> set[Slot]:
        return self.sessions[pid]

    def length(self, k: int) -> int:
        r = self.prep.reqs[k]
        return r.finish - r.start

    def add(self, key: Key) -> None:
        pid, k, role = key
        r = self.prep.reqs[k]
        self.at[(pid, r.slot)] = (k, role)
        self.working[r.slot][pid] = (k, role)
        self.sessions[pid].add(r.slot)
        self.minutes[pid] += self.length(k)
        self.load[pid] += 1
        self.day[(pid, r.on)] += 1
        self.week[(pid, week_of(r.on))] += 1

    def remove(self, key: Key) -> None:
        pid, k, _role = key
        r = self.prep.reqs[k]
        del self.at[(pid, r.slot)]
        del self.working[r.slot][pid]
        self.sessions[pid].discard(r.slot)
        self.minutes[pid] -= self.length(k)
        self.load[pid] -= 1
        self.day[(pid, r.on)] -= 1
        self.week[(pid, week_of(r.on))] -= 1

    def room_in(self, pid: int, slot: Slot) -> int | None:
        """The room ``pid`` is in for ``slot``, chosen or locked; None when free."""
        if (pid, slot) in self.at:
            return self.prep.reqs[self.at[(pid, slot)][0]].room_id
        lock = self.prep.locked_slot.get((pid, slot))
        return None if lock is None else lock.room_id

    def stays(self, pid: int, k: int) -> bool:
        """Whether ``pid`` in place ``k`` is in one room all day: their other session that day is free or in that room."""
        other = self.room_in(pid, _other(self.prep.reqs[k].slot))
        return other is None or other == self.prep.reqs[k].room_id

    def changes(self) -> int:
        """Days someone is in one room in the morning and another after lunch, one of them the solver's choice."""
        count = 0
        for pid, slot in self.at:
            other = self.room_in(pid, _other(slot))
            if other is not None and other != self.room_in(pid, slot) and (slot[1] == "AM" or (pid, _other(slot)) not in self.at):
                count += 1
        return count

    def longest(self) -> int:
        return max(self.minutes.values(), default=0)

    def can_take(self, pid: int, k: int, role: str) -> bool:
        """Whether ``pid`` may be given place ``k`` in ``role`` on top of what they have: free then, within limits, one room."""
        r, p = self.prep.reqs[k], self.by_id[pid]
        return ((pid, k, role) in self.eligible and (pid, r.slot) not in self.at and (pid, r.slot) not in self.prep.locked_slot
                and self.day[(pid, r.on)] < p.max_per_day and self.week[(pid, week_of(r.on))] < p.max_per_week
                and self.stays(pid, k))  # fmt: skip

    def can_swap(self, a: int, b: int, slot: Slot) -> bool:
        """Whether ``a`` and ``b``, both placed in ``slot``, may trade places (each eligible for the other's, one room a day)."""
        (ka, ra), (kb, rb) = self.at[(a, slot)], self.at[(b, slot)]
        return (a, kb, rb) in self.eligible and (b, ka, ra) in self.eligible and self.stays(a, kb) and self.stays(b, ka)

    def swap(self, a: int, b: int, slot: Slot) -> None:
        (ka, ra), (kb, rb) = self.at[(a, slot)], self.at[(b, slot)]
        self.remove((a, ka, ra))
        self.remove((b, kb, rb))
        self.add((a, kb, rb))
        self.add((b, ka, ra))


def polish(prep: Places, keys: Iterable[Key], picked: Iterable[Key]) -> tuple[set[Key], int, int]:
    """``picked`` with fewer room changes, then shorter longest hours; with its room changes and longest minutes."""
    roster = Roster(prep, keys, picked)
    one_room_a_day(roster)
    shorten_hours(roster, MOVES_PER_PERSON * max(1, len(prep.people)))
    return roster.picked(), roster.changes(), roster.longest()


def one_room_a_day(roster: Roster) -> None:
    """Everyone in two rooms on a day swaps one session's place with someone in their other room then, where allowed."""
    reqs = roster.prep.reqs
    for pid, slot in sorted(roster.at):
        if (pid, slot) not in roster.at:
            continue
        target = roster.room_in(pid, _other(slot))
        if target is None or target == roster.room_in(pid, slot):
            continue
        for other, (k, _role) in sorted(roster.working[slot].items()):
            if other != pid and reqs[k].room_id == target and _swap_keeps_rooms(roster, pid, other, slot):
                roster.swap(pid, other, slot)
                break


def _swap_keeps_rooms(roster: Roster, a: int, b: int, slot: Slot) -> bool:
    """``can_swap``, but ``a`` is in two rooms now, so only ``b`` must stay in one."""
    (ka, ra), (kb, rb) = roster.at[(a, slot)], roster.at[(b, slot)]
    return (a, kb, rb) in roster.eligible and (b, ka, ra) in roster.eligible and roster.stays(b, ka)


def shorten_hours(roster: Roster, cap: int) -> None:
    """Move work off the busiest person, one best move at a time, until no move helps or ``cap`` moves are made.

    A move must leave the other person under the busiest's hours, so it lowers the sum
    of everyone's hours squared: every move makes progress, and the loop ends.
    """
    for _move in range(cap):
        top = roster.longest()
        busiest = min((pid for pid, m in roster.minutes.items() if m == top), default=None)
        if busiest is None or top == 0:
            return
        moves = [move for slot in sorted(roster.slots_of(busiest)) for move in _moves(roster, busiest, top, slot)]
        if not moves:
            return
        _gain, kind, other, slot = min(moves)
        if kind == HAND_OVER:
            k, role = roster.at[(busiest, slot)]
            roster.remove((busiest, k, role))
            roster.add((other, k, role))
        else:
            roster.swap(busiest, other, slot)


HAND_OVER, SWAP = 0, 1


def _moves(roster: Roster, busiest: int, top: int, slot: Slot) -> list[tuple[int, int, int, Slot]]:
    """Every move of the busiest person's place in ``slot`` that helps: (change in the sum of hours squared, kind,
    the other person, the session), so the least is the best and ties go the same way every time."""
    k, role = roster.at[(busiest, slot)]
    length, found = roster.length(k), []
    for other in roster.candidates[(k, role)]:  # hand it to someone with one session fewer
        theirs = roster.minutes[other]
        if (other != busiest and roster.load[other] == roster.load[busiest] - 1 and theirs + length < top
                and roster.can_take(other, k, role)):  # fmt: skip
            found.append((2 * length * (theirs + length - top), HAND_OVER, other, slot))
    for other, (k2, _role2) in sorted(roster.working[slot].items()):  # or swap it for a shorter place then
        shift, theirs = length - roster.length(k2), roster.minutes[other]
        if other != busiest and shift > 0 and theirs + shift < top and roster.can_swap(busiest, other, slot):
            found.append((2 * shift * (theirs + shift - top), SWAP, other, slot))
    return found
