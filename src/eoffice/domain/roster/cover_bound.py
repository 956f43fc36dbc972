"""What no roster can beat, by network flow: the most places covered, and the fairest spread of sessions.

Take away one rule, "a morning room that runs past lunch keeps its invigilator out
of another room that afternoon" (``Requirement.clashes_with`` across sessions), and
what is left of the roster is a flow through a network, one unit per place filled::

    source -> person -> person's ISO week -> person's day -> person's session -> (room, role) place -> sink
             (load)    (weekly limit)        (daily limit)   (one place at once)  (an arc per eligible role)

The limits nest (sessions within days within weeks), so they are arc capacities, and
every other rule (availability, compliance, roles, locked and past assignments) is
which arcs exist: the solver's ``_eligible``. Every roster is such a flow, so:

* ``most_covered``: the maximum flow, and among maximum flows the one through the
  most helpers' places (helper arcs cost -1), bounds what any roster covers, in that
  order: no roster covers more places, or as many with more of them helpers'.
* ``fairest``: with the cover fixed (so many places, so many of them helpers'), the
  least sum of squared sessions per person is a min-cost flow too: a person's n-th
  session costs 2n - 1 on its own unit arc (n counting their locked sessions, so the
  costs add up to the rise in their square), and a flow fills convex costs cheapest
  first. No roster with that cover is fairer. Below that, as a tie-break worth less
  than one step of it, a person's second session on a day costs 1: the fewest people
  in both sessions of a day, so the fewest who could be moved between rooms.

Both flows are integral, so each is also a roster: when that roster keeps the clash
rule too, the bound is met and the roster is proven the best. ``clash_free`` gets
there when it does not at first: it solves again on a network that has no clashes
left in it; a roster it finds that still meets the bound (computed on the full
network) is proven the best all the same. OR-Tools' min-cost flow does fixed work on
a fixed network, so the answers never depend on the clock or the machine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eoffice.domain.roster.places import GENERAL, Places, week_of

Key = tuple[int, int, str]  # (person id, requirement index, role)


@dataclass(frozen=True)
class FlowAnswer:
    """One flow: the places it fills, how many are helpers', its sum of squares, and the roster it is."""

    covered: int
    helpers: int
    squares: int  # sum over everyone of (locked + flowed sessions) squared
    doubles: int  # people given both sessions of a day (counting their locked ones)
    picked: frozenset[Key]


class Network:
    """The network above for ``keys``, built in a fixed order so the same problem gives the same flow.

    ``fair`` prices sessions for ``fairest`` (squares first, then a person's second
    session on a day, as a tie-break); otherwise helpers' places cost -1 for
    ``most_covered``. ``drop`` closes arcs, for ``clash_free``.
    """

    def __init__(self, prep: Places, keys: Iterable[Key], *, fair: bool) -> None:
        from ortools.graph.python import min_cost_flow

        self.prep, self.fair = prep, fair
        self.keys = sorted(set(keys))
        self.flow: Any = min_cost_flow.SimpleMinCostFlow()
        self.nodes: dict[object, int] = {"source": 0, "sink": 1, "helpers": 2, "general": 3}
        self.arcs: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
        self.key_arcs: dict[Key, int] = {}
        self.people = {p.id: p for p in prep.people}
        by_person: dict[int, list[Key]] = defaultdict(list)
        for key in self.keys:
            by_person[key[0]].append(key)
        days = sum(len({prep.reqs[k].on for _p, k, _r in own}) for own in by_person.values())
        self.double_cost = 1  # a person's second session on one day, below every step of squares
        self.step = days + 1 if fair else 0  # so all the tie-breaks together weigh less than one step
        for pid in sorted(by_person):
            self._person(pid, by_person[pid])
        for place in sorted({(k, role) for _pid, k, role in self.keys}):
            helper = place[1] != GENERAL
            head = self.nodes["helpers" if helper else "general"] if fair else 1
            self._arc(self._node(("place", *place)), head, prep.left(place), -1 if helper and not fair else 0)
        tails, heads, caps, costs = self.arcs
        if tails:
            self.flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)

    def _node(self, name: object) -> int:
        if name not in self.nodes:
            self.nodes[name] = len(self.nodes)
        return self.nodes[name]

    def _arc(self, tail: int, head: int, cap: int, cost: int = 0) -> int:
        for column, value in zip(self.arcs, (tail, head, max(0, cap), cost), strict=True):
            column.append(value)
        return len(self.arcs[0]) - 1

    def _person(self, pid: int, keys: list[Key]) -> None:
        prep, reqs = self.prep, self.prep.reqs
        p = self.people[pid]
        slots = sorted({reqs[k].slot for _pid, k, _role in keys})
        days = sorted({on for on, _sess in slots})
        top, held = self._node(("person", pid)), prep.held[pid]
        if self.fair:  # the n-th session costs 2(held + n) - 1: n sessions on top of ``held`` cost the squares' rise
            for n in range(1, len(slots) + 1):
                self._arc(0, top, 1, self.step * (2 * (held + n) - 1))
        else:
            self._arc(0, top, len(slots))
        for week in sorted({week_of(on) for on in days}):
            self._arc(top, self._node(("week", pid, week)), p.max_per_week - prep.week[(pid, week)])
        for on in days:
            in_week, day = self._node(("week", pid, week_of(on))), self._node(("day", pid, on))
            room = p.max_per_day - prep.day[(pid, on)]
            first = 1 if prep.day[(pid, on)] == 0 and room > 0 else 0
            if self.fair:  # the first session of a day is free; another costs the tie-break
                self._arc(in_week, day, first)
                self._arc(in_week, day, room - first, self.double_cost)
            else:
                self._arc(in_week, day, room)
        for slot in slots:
            self._arc(self._node(("day", pid, slot[0])), self._node(("slot", pid, slot)), 1)
        for key in keys:
            self.key_arcs[key] = self._arc(self._node(("slot", pid, reqs[key[1]].slot)), self._node(("place", key[1], key[2])), 1)

    def drop(self, keys: Iterable[Key]) -> None:
        for key in keys:
            if key in self.key_arcs:
                self.flow.set_arc_capacity(self.key_arcs[key], 0)

    def answer(self) -> FlowAnswer:
        flows = self.flow.flows(list(self.key_arcs.values())) if self.key_arcs else []
        return answer_of(self.prep, frozenset(key for key, f in zip(self.key_arcs, flows, strict=True) if f > 0))


def answer_of(prep: Places, picked: frozenset[Key]) -> FlowAnswer:
    """A roster's cover, helpers' places, sum of squares and double days, as a FlowAnswer."""
    count: dict[int, int] = defaultdict(int, prep.held)
    days: dict[tuple[int, date], int] = defaultdict(int, prep.day)
    for pid, k, _role in picked:
        count[pid] += 1
        days[(pid, prep.reqs[k].on)] += 1
    helpers = sum(1 for key in picked if key[2] != GENERAL)
    doubles = sum(1 for n in days.values() if n > 1)
    return FlowAnswer(len(picked), helpers, sum(count[p.id] ** 2 for p in prep.people), doubles, picked)


def most_covered(prep: Places, keys: Iterable[Key], drop: Iterable[Key] = ()) -> FlowAnswer:
    """The most places any roster can fill and, for that many, the most helpers' places, with a flow that does.

    A bound: no roster covers more, or as many with more of them helpers'. ``drop``
    takes arcs out of the network first (for ``clash_free``: then it bounds only the
    rosters without those assignments).
    """
    net = Network(prep, keys, fair=False)
    if not net.key_arcs:
        return answer_of(prep, frozenset())
    net.drop(drop)
    net.flow.set_node_supply(0, len(net.keys))
    net.flow.set_node_supply(1, -len(net.keys))
    status = net.flow.solve_max_flow_with_min_cost()
    if status != net.flow.OPTIMAL:  # cannot happen with these capacities: fail loudly rather than bound wrongly
        raise RuntimeError(f"the cover flow did not solve: {status}")
    return net.answer()


def fairest(prep: Places, keys: Iterable[Key], covered: int, helpers: int, drop: Iterable[Key] = ()) -> FlowAnswer | None:
    """The least sum of squared sessions of any roster filling ``covered`` places, ``helpers`` of them helpers'.

    With it, among those, the fewest people given both sessions of a day (a tie-break:
    a person in one session a day is never moved between rooms). ``None`` when no flow
    fills exactly that (never for a cover a roster reached, without ``drop``).
    """
    net = Network(prep, keys, fair=True)
    if not net.key_arcs:
        return answer_of(prep, frozenset()) if covered == 0 else None
    net.drop(drop)
    net.flow.set_node_supply(0, covered)
    net.flow.set_node_supply(net.nodes["helpers"], -helpers)
    net.flow.set_node_supply(net.nodes["general"], -(covered - helpers))
    if net.flow.solve() != net.flow.OPTIMAL:
        return None
    return net.answer()


def clashing(picked: Iterable[Key], clashes: Iterable[tuple[int, int]]) -> list[tuple[Key, Key]]:
    """The pairs of a roster's assignments that break the clash rule: one person in a morning room
    and in an afternoon room it runs into (``clashes`` as the solver's ``_clash_pairs``)."""
    where: dict[tuple[int, int], Key] = {(key[0], key[1]): key for key in picked}
    people = sorted({key[0] for key in where.values()})
    return [(where[(pid, a)], where[(pid, b)]) for a, b in sorted(clashes) for pid in people
            if (pid, a) in where and (pid, b) in where]  # fmt: skip


def clash_free(keys: Sequence[Key], clashes: Sequence[tuple[int, int]], flow: Callable[[set[Key]], FlowAnswer | None],
               first: FlowAnswer | None) -> FlowAnswer | None:  # fmt: skip
    """A flow of ``flow(dropped)`` that keeps the clash rule: ``first`` (``flow(set())``), or a second on a network
    without clashes.

    When the first flow puts someone in a morning room and an afternoon room it runs
    into, every long morning room gets a team: whoever the first flow put there. The
    team loses its arcs to the afternoon rooms their morning room runs into (they can
    stay in it after lunch, as the same room never clashes), and everyone else who
    could also take one of those afternoon rooms loses the arc into the long morning
    room. Nobody is then left with both, so every flow of that network keeps the rule,
    and the second flow is the best such roster for that choice of teams. ``None`` if
    it cannot fill what it must.
    """
    if first is None or not clashing(first.picked, clashes):
        return first
    after: dict[int, set[int]] = defaultdict(set)
    for a, b in clashes:
        after[a].add(b)
    own: dict[int, dict[int, list[Key]]] = defaultdict(lambda: defaultdict(list))  # person -> place -> keys
    for key in keys:
        own[key[0]][key[1]].append(key)
    team = {(pid, k) for pid, k, _role in first.picked if k in after}
    dropped: set[Key] = set()
    for pid in sorted(own):
        places = own[pid]
        for a in sorted(after):
            into = places.get(a, [])
            across = [key for b in sorted(after[a]) for key in places.get(b, [])]
            if into and across:
                dropped.update(across if (pid, a) in team else into)
    second = flow(dropped)
    return second if second is not None and not clashing(second.picked, clashes) else None
