"""Typed objects of the knowledge base's topic pages (about, therapist, myths, self-care,
appointment) and its synonyms; sciaticli.model has the rest and the KnowledgeBase itself."""

from __future__ import annotations

from typing import NamedTuple

ITEM_TAGS: dict[str, str] = {
    "common": "common",
    "less-common": "less common",
    "rare": "rare",
    "disputed": "disputed",
}


# What the journal can fill in under a point of the appointment page (issue 23 section 3).
JOURNAL_FILLS: dict[str, str] = {
    "episode-start": "the day this episode began (measure --episode-start)",
    "pain": "recent pain, the leg and the back apart",
    "check": "the answers of the last saved self-check",
    "notes": "recent notes",
    "measures": "the latest PEG, Roland-Morris and PSFS scores",
}


class TopicItem(NamedTuple):
    """One point of a topic section: text, or a term with its text and an optional tag
    (`Disc herniation (common): ...`); `from_journal` (a key of JOURNAL_FILLS) says what the
    journal fills in under it on a form."""

    text: str
    term: str | None = None
    tag: str | None = None
    from_journal: str | None = None

    def line(self) -> str:
        if self.term is None:
            return self.text
        tag = f" ({ITEM_TAGS[self.tag]})" if self.tag else ""
        return f"{self.term}{tag}: {self.text}"


class TopicSection(NamedTuple):
    """A heading and its text; `claim` is a popular claim that the text corrects."""

    heading: str
    text: str
    items: tuple[TopicItem, ...] = ()
    claim: str | None = None
    sources: tuple[str, ...] = ()


class Topic(NamedTuple):
    id: str
    title: str
    summary: str
    sections: tuple[TopicSection, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    reviewed: str | None = None
    origin: str = ""


class Synonym(NamedTuple):
    """Everyday words (warfarin, bum) and what the knowledge base calls them (blood thinners,
    gluteus); or, for a word with no entry (reflexology), a note that says where to look."""

    words: tuple[str, ...]
    means: str | None = None
    note: str | None = None
    origin: str = ""
