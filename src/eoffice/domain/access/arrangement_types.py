"""The kinds of access arrangement, and what each means for the exams office.

From the JCQ rules gathered in ``shared/domain/regulations.md``: which need an
application on Access Arrangements Online (AAO), which are referred to the awarding
body, which the centre may grant itself, which need a Form 8 assessment (JCQ AARA
chapter 7: not modified papers), and what each needs on exam day (its own room, a
helper). One table here, used by the access, roster and Overview code alike.
"""

from __future__ import annotations

from dataclasses import dataclass

ROUTES: dict[str, str] = {
    "aao": "AAO application",
    "referred": "Referred to the awarding body",
    "delegated": "Centre-delegated",
}
STATUSES: dict[str, str] = {
    "to_assess": "To assess",
    "evidence": "Evidence gathered",
    "applied": "Applied",
    "approved": "Approved",
    "declined": "Declined",
    "expired": "Expired",
    "withdrawn": "Withdrawn",
}
# What the candidate needs in the exam room: a room of their own and/or a helper.
ROOM_NEEDS: dict[str, str] = {
    "none": "No room need",
    "separate": "Separate invigilation",
    "reader": "Reader",
    "scribe": "Scribe",
    "prompter": "Prompter",
    "practical_assistant": "Practical assistant",
    "word_processor": "Word processor",
}
# Room needs that mean the candidate sits in a room of their own.
OWN_ROOM = frozenset({"separate", "reader", "scribe", "prompter"})
# Room needs that need one helper per candidate, and the invigilator role that can do it.
HELPER_ROLE: dict[str, str] = {
    "reader": "reader",
    "scribe": "scribe",
    "prompter": "prompter",
    "practical_assistant": "practical_assistant",
}


@dataclass(frozen=True)
class ArrangementType:
    key: str
    label: str
    route: str  # default route
    room_need: str = "none"
    extra_time: int | None = None  # default percentage, when the kind is extra time
    rest_breaks: bool = False
    note: str = ""  # what else the regulations ask for this kind, in the officer's words
    form_8: bool = False  # needs a Form 8 assessment (FORM_8_SOURCE), so its tests must be from Year 9


# From regulations.md (Access arrangements), with their sources.
BD25_NOTE = ("Needs an AAO application plus form BD25: for a candidate who entered the UK within the last 3 years "
             "(local authority EAL guidance 2023/24).")
FORM_8_NOTE = ("A Form 8 assessment's tests must be no earlier than Year 9, with the assessor's evidence on file; "
               "a Form 8 can move with the candidate to a new centre when parts 1-3 are complete and signed "
               "(JCQ change-of-centre guidance, from 1 Sep 2025).")
# Which kinds need a Form 8 assessment: the ``form_8`` column of the table below.
FORM_8_SOURCE = ("JCQ AARA chapter 7 (check the current edition): Form 8 is the assessment evidence for arrangements given for a learning "
                 "difficulty (25% extra time and more, reader or computer reader, scribe or speech recognition "
                 "technology); modified papers and the centre-delegated arrangements need no Form 8")
REST_BREAKS_FIRST_NOTE = ("From 2025/26, for a condition that is not a learning difficulty, supervised rest breaks "
                          "must have been tried before applying for 25% extra time (JCQ 2025/26 changes).")


_TYPES = (
    ArrangementType("extra_time_25", "25% extra time", "aao", extra_time=25, note=REST_BREAKS_FIRST_NOTE, form_8=True),
    ArrangementType("extra_time_up_to_50", "Extra time over 25%, up to 50%", "referred", extra_time=50, form_8=True),
    ArrangementType("extra_time_over_50", "Extra time over 50%", "referred", extra_time=100, form_8=True),
    ArrangementType("reader", "Reader", "aao", room_need="reader", form_8=True),
    ArrangementType("computer_reader", "Computer reader", "aao", room_need="word_processor", form_8=True),
    ArrangementType("scribe", "Scribe", "aao", room_need="scribe", form_8=True),
    ArrangementType("speech_recognition", "Speech recognition technology", "aao", room_need="separate", form_8=True),
    ArrangementType("modified_papers", "Modified papers", "aao"),  # ordered through AAO; no Form 8
    ArrangementType("practical_assistant", "Practical assistant", "referred", room_need="practical_assistant"),
    ArrangementType("rest_breaks", "Supervised rest breaks", "delegated", rest_breaks=True),
    ArrangementType("word_processor", "Word processor", "delegated", room_need="word_processor"),
    ArrangementType("bilingual_dictionary", "Bilingual dictionary", "delegated"),
    ArrangementType("bilingual_dictionary_extra_time", "Bilingual dictionary with 25% extra time", "aao", extra_time=25,
                    note=BD25_NOTE),  # form BD25 (English as an additional language), not Form 8
    ArrangementType("separate_invigilation", "Separate invigilation", "delegated", room_need="separate"),
    ArrangementType("prompter", "Prompter", "delegated", room_need="prompter"),
    ArrangementType("coloured_overlays", "Coloured overlays or coloured paper", "delegated"),
    ArrangementType("read_aloud", "Read aloud / examination reading pen", "delegated"),
    ArrangementType("other", "Other", "delegated"),
)
TYPES: dict[str, ArrangementType] = {t.key: t for t in _TYPES}
EXTRA_TIME_CHOICES: tuple[int, ...] = (25, 50, 100)


def needs_form_8(kind: str) -> bool:
    """Whether an arrangement of this kind needs a Form 8 assessment (``FORM_8_SOURCE``); an
    unknown kind does not."""
    found = TYPES.get(kind)
    return found is not None and found.form_8


# The access warnings page's words for the Form 8 warning: which arrangements it covers.
FORM_8_WARNS_FOR = ("assessments dated before the candidate's Year 9 for an arrangement that needs a Form 8 "
                    "(extra time, a reader or computer reader, a scribe or speech recognition technology; "
                    "not modified papers)")
