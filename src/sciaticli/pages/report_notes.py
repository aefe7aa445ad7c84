"""The report's notes: every note that matters, with why (stopped early, pain 8 or more, a rise
of 2 or more, marked by the person), then the newest few others; each on one line, shortened."""

from __future__ import annotations

import re

from sciaticli.render.document import Block, Heading, Table
from sciaticli.report import Figures, Note

NOTES_SHOWN = 4  # other notes: the newest few
NOTE_LENGTH = 90
_LINE_BREAKS = re.compile(r"\s+")


def notes(figures: Figures) -> list[Block]:
    """Every note that matters (and why), then the newest few others, each shortened."""
    blocks: list[Block] = []
    matter = figures.notes_that_matter
    if matter:
        blocks += [
            Heading("Notes that matter", 2),
            Table(("Day", "Why", "Note"), tuple(
                (note.day, "; ".join(note.why), _short(note.note)) for note in matter
            ), grid=True),
        ]  # fmt: skip
    others = figures.other_notes
    if others:
        shown = min(NOTES_SHOWN, len(others))
        title = "Other notes" if matter else "Notes"
        if shown < len(others):
            title += f" (the newest {shown} of {len(others)}, shortened)"
        blocks += [
            Heading(title, 2),
            Table(("Day", "Note"), _note_rows(others[-NOTES_SHOWN:]), grid=True),
        ]
    return blocks


def _short(note: str) -> str:
    text = _LINE_BREAKS.sub(" ", note).strip()
    if len(text) > NOTE_LENGTH:
        text = text[: NOTE_LENGTH - 1].rstrip() + "…"
    return text


def _note_rows(notes: tuple[Note, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((note.day, _short(note.note)) for note in notes)
