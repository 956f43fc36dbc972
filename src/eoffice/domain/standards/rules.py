"""The vocabulary of the Exams Officer Professional Standards, with no database in sight.

The areas, methods and eleven key skills are the guide's own lists; the Values &
Attributes statement, the SLT declaration and the new officer's starter targets are
written in our own words from the guide and its two case studies. The meeting cadence
is a setting because centres differ (the guide suggests monthly for a new officer and
half-termly for an experienced one).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from eoffice.errors import InputError

# Knowledge & Understanding areas the guide suggests; an officer may type their own.
AREAS: tuple[str, ...] = (
    "JCQ regulations (including this year's changes)",
    "Awarding body processes and procedures",
    "Key dates and deadlines",
    "Qualification information",
    "Management Information System (MIS)",
    "Centre-specific processes",
    "New exams officer induction",
)
METHODS: dict[str, str] = {
    "face_to_face": "Face-to-face training",
    "online": "Online training",
    "peer_support": "Peer support",
    "research": "Personal research",
    "networking": "Networking",
    "other": "Other",
}
SKILLS: dict[str, str] = {
    "time_management": "Time management",
    "people_management": "People management",
    "contingency_planning": "Contingency planning/risk management",
    "prioritising": "Prioritising tasks/workload/multitasking",
    "problem_solving": "Problem solving",
    "communication": "Communication skills",
    "difficult_conversations": "Handling difficult conversations",
    "presentation": "Presentation skills",
    "decision_making": "Decision making",
    "managing_deadlines": "Managing deadlines",
    "working_collaboratively": "Working collaboratively",
}
RECOMMENDED_SKILLS = 3
STATUSES: dict[str, str] = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "achieved": "Achieved",
    "not_applicable": "Not applicable",
}
DONE_STATUSES = frozenset({"achieved", "not_applicable"})
EXPERIENCE: dict[str, str] = {"new": "New exams officer", "experienced": "Experienced exams officer"}
MEETING_KINDS: dict[str, str] = {
    "target_setting": "Target setting",
    "review": "Progress review",
    "assessment": "Assessment",
}
THREE_AREAS: tuple[str, str, str] = ("Knowledge & Understanding", "Key Skills", "Values & Attributes")

# Half-termly is 6 weeks, not 7: English half terms run 6 to 7 weeks (about 39 teaching
# weeks in six), so a 6-week gap keeps one meeting in each half term; 7 weeks would let
# a short half term pass without one.
DUE_SOON_DAYS = 7

VALUES_STATEMENT = (
    "As the exams officer of this centre I will protect the integrity and security of every "
    "examination and assessment we run, from the arrival of confidential materials to the "
    "dispatch of scripts and the issue of results.\n"
    "I will follow the JCQ regulations and the instructions of each awarding body, and ask "
    "for advice when I am unsure rather than guess.\n"
    "I will keep confidential what must stay confidential: question papers before the exam, "
    "candidates' personal and access-arrangement information, and results before their "
    "release.\n"
    "I will report any suspected malpractice or maladministration to the awarding body, "
    "even if someone in the centre, including its leadership, would rather I did not.\n"
    "I will keep my knowledge up to date each year and be honest about what I do not yet know."
)
# Versioned: a declaration signed under an earlier wording must still verify after the
# wording is improved. Add new versions at the end; never edit a published one.
SLT_DECLARATIONS: tuple[str, ...] = (
    "As a member of the senior leadership team I have reviewed this exams officer's work "
    "this academic year with them. I declare that they have achieved their Knowledge & "
    "Understanding targets and their Key Skills targets, and that they have signed and "
    "upheld the Values & Attributes statement: keeping examinations secure and "
    "confidential, following JCQ and awarding body regulations, and reporting malpractice "
    "even under pressure not to. I will support them in doing so.",
)
SLT_DECLARATION = SLT_DECLARATIONS[-1]


@dataclass(frozen=True)
class StarterTarget:
    """One of a new officer's first targets, and when it falls after they start."""

    stage: str  # first_week, first_month, first_three_months
    area: str
    target: str
    methods: tuple[str, ...]
    success: str


STAGES: dict[str, str] = {
    "first_week": "First week",
    "first_month": "First month",
    "first_three_months": "First three months",
}

# From the new-officer case study, in our own words.
STARTER_TARGETS: tuple[StarterTarget, ...] = (
    StarterTarget("first_week", "Centre-specific processes",
                  "Meet the key people (line manager, SENCo, data manager, heads of department) and "
                  "see where exam papers are stored securely",
                  ("peer_support",), "Knows who to ask for what; has seen the secure room and who holds keys"),
    StarterTarget("first_week", "New exams officer induction",
                  "Agree first-week targets with the line manager and register for this year's Standards",
                  ("other",), "Targets written down and agreed at the first-day meeting"),
    StarterTarget("first_month", "New exams officer induction",
                  "Complete an online new exams officer induction and its assessment",
                  ("online",), "Induction module completed and assessment passed"),
    StarterTarget("first_month", "Management Information System (MIS)",
                  "Learn the exams part of the centre's MIS: candidates, entries and results",
                  ("peer_support", "research"), "Can find a candidate's entries and produce an entries report"),
    StarterTarget("first_month", "JCQ regulations (including this year's changes)",
                  "Read the JCQ General Regulations and Instructions for Conducting Examinations",
                  ("research",), "Can explain the main rules for conducting an exam to the line manager"),
    StarterTarget("first_three_months", "New exams officer induction",
                  "Attend new exams officer training and join the local exams officer network",
                  ("face_to_face", "networking"), "Training attended; has a contact to ask in a nearby centre"),
    StarterTarget("first_three_months", "Qualification information",
                  "Understand how the qualifications the centre offers are structured and entered",
                  ("research", "peer_support"), "Can describe the entry routes for each qualification offered"),
    StarterTarget("first_three_months", "Centre-specific processes",
                  "Arrange invigilator training (an outside trainer this year) and observe it, "
                  "ready to deliver it in future years",
                  ("face_to_face", "other"), "Training held; invigilators' training dates recorded"),
)


def starter_checkpoint(stage: str, started: date) -> date:
    """When a starter target falls due after ``started``."""
    if stage == "first_week":
        return started + timedelta(days=7)
    if stage == "first_month":
        return add_months(started, 1)
    if stage == "first_three_months":
        return add_months(started, 3)
    raise ValueError(f"unknown stage {stage!r}")


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 January + 1 = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def next_meeting_after(held_on: date, experience: str, months_new: int, weeks_experienced: int) -> date:
    """The reminder rule: monthly (a setting) for a new officer, half-termly otherwise."""
    if experience == "new":
        return add_months(held_on, months_new)
    return held_on + timedelta(weeks=weeks_experienced)


def choice(value: str, options: dict[str, str], what: str) -> str:
    """A key of ``options``, given the key or its label in any case."""
    text = " ".join(str(value or "").split()).casefold()
    for key, label in options.items():
        if text in (key.casefold(), label.casefold(), key.replace("_", " ")):
            return key
    raise InputError(f"{value!r} is not a {what}; use one of: {', '.join(options.values())}")


def methods_from(values: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    """Method keys from keys, labels or the stored ";"-separated text; order kept, no repeats."""
    items = values.split(";") if isinstance(values, str) else list(values)
    found: list[str] = []
    for item in items:
        if item.strip():
            key = choice(item, METHODS, "method")
            if key not in found:
                found.append(key)
    return tuple(found)


def methods_label(methods: tuple[str, ...]) -> str:
    return ", ".join(METHODS[m] for m in methods)


def skills_warning(chosen: int) -> str | None:
    """A gentle note when fewer than the recommended three skills are chosen."""
    if chosen >= RECOMMENDED_SKILLS:
        return None
    have = "no Key Skills are" if chosen == 0 else f"only {chosen} Key Skill{' is' if chosen == 1 else 's are'}"
    return f"{have} chosen; the guide recommends three"
