"""`sciaticli appointment`: a page to take to a doctor or physio, the emergency signs first.

Each point of the knowledge base's `appointment` topic is a numbered question with its hint;
under it, what the journal says (from_journal) or, with nothing to say, a line to write on.
Journal text (notes above all) is the user's own: it goes into blocks like any other text, and
render/ makes it safe in every format.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sciaticli.model import (
    KnowledgeBase,
)
from sciaticli.model_topics import (
    Topic,
    TopicItem,
)
from sciaticli.pages.origin import origin_rows, user_file, with_checked
from sciaticli.pages.self_care import sign_callouts, signs_sources
from sciaticli.pages.techniques import source_json
from sciaticli.render.document import Block, Fields, Heading, Items, Page, Paragraph
from sciaticli.safety import numbers_for, red_flags_by_urgency

TOPIC = "appointment"
# A line to write on: most of the width of a printed page (a narrow terminal folds it).
BLANK = "_" * 60
FROM_JOURNAL = "From your journal:"
NO_JOURNAL = "Write a short answer on the line under each point, and take this page with you."
WITH_JOURNAL = (
    "Some answers come from your pain journal, as you recorded them. Check them, and write "
    "the rest on the lines."
)
DONT_WAIT = "Do not wait for your appointment."


def appointment_page(
    topic: Topic,
    kb: KnowledgeBase,
    region: str | None,
    filled: Mapping[str, str],
    *,
    made: str,
    name: str | None = None,
) -> Page:
    """The page; `filled`: what the journal says, by the JOURNAL_FILLS key of the point it
    answers (appointment.answers)."""
    emergency, _ = sign_callouts(kb, region)
    emergency = emergency._replace(intro=f"{DONT_WAIT} {emergency.intro}")
    flags = red_flags_by_urgency(kb)["emergency"]
    blocks: list[Block] = [
        Heading(topic.title),
        Fields((("Name", name or BLANK), ("Made on", made), *origin_rows(kb, topic.origin))),
        emergency,
        Paragraph(topic.summary),
        Paragraph(WITH_JOURNAL if filled else NO_JOURNAL),
    ]
    questions: list[dict[str, Any]] = []
    for section in topic.sections:
        blocks += [Heading(section.heading, level=2), Paragraph(section.text)]
        if section.items:
            details = tuple(_answer(item, filled) for item in section.items)
            blocks.append(Items(tuple(_question(item) for item in section.items), None, True,
                                details=details))  # fmt: skip
            questions += [_question_json(item, filled) for item in section.items]
    keys = list(
        dict.fromkeys(
            [
                *topic.sources,
                *(key for section in topic.sections for key in section.sources),
                *signs_sources(kb, region, flags, same_day=False),
            ]
        )
    )
    blocks += [
        Heading("Sources", level=2),
        Fields(tuple((key, kb.sources[key].citation()) for key in keys)),
    ]
    data = {
        "id": topic.id,
        "title": topic.title,
        "name": name,
        "made": made,
        "emergency": {"call": emergency.intro, "signs": list(emergency.items)},
        "questions": questions,
        "sources": [source_json(kb.sources[key]) for key in keys],
        "file": user_file(kb, topic.origin),
    }
    page = Page(tuple(blocks), data)
    return with_checked(page, kb, [topic, *flags, *numbers_for(kb, region)])


def _question(item: TopicItem) -> str:
    return f"{item.term}: {item.text}" if item.term else item.text


def _answer(item: TopicItem, filled: Mapping[str, str]) -> str:
    said = filled.get(item.from_journal or "")
    return f"{FROM_JOURNAL} {said}" if said else BLANK


def _question_json(item: TopicItem, filled: Mapping[str, str]) -> dict[str, Any]:
    return {
        "question": item.term or item.text,
        "hint": item.text if item.term else None,
        "from_journal": item.from_journal,
        "answer": filled.get(item.from_journal or ""),
    }
