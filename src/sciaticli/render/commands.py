"""Commands written in backticks in the knowledge base (`sciaticli safety`): drawn as a command
on a terminal (styled, without the backticks), as plain words in plain text, and as code in
Markdown. Only a pair of backticks on one line counts; a lone backtick stays as it is."""

from __future__ import annotations

import re

COMMAND = re.compile(r"`([^`\n]+)`")


def split(text: str) -> list[tuple[str, bool]]:
    """`text` as (part, is_command) pairs, in order; the backticks are left out."""
    parts: list[tuple[str, bool]] = []
    done = 0
    for match in COMMAND.finditer(text):
        if match.start() > done:
            parts.append((text[done : match.start()], False))
        parts.append((match.group(1), True))
        done = match.end()
    if done < len(text):
        parts.append((text[done:], False))
    return parts


def unquoted(
    text: str, marks: tuple[tuple[int, int], ...] = ()
) -> tuple[str, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """`text` without the backticks around commands, where the commands now stand, and
    `marks` (start, end offsets in `text`) moved to match."""
    if "`" not in text:
        return text, (), marks
    removed: list[int] = []
    spans: list[tuple[int, int]] = []
    for match in COMMAND.finditer(text):
        start = match.start() - len(removed)
        spans.append((start, start + len(match.group(1))))
        removed += [match.start(), match.end() - 1]

    def moved(offset: int) -> int:
        return offset - sum(1 for index in removed if index < offset)

    return (
        COMMAND.sub(r"\1", text),
        tuple(spans),
        tuple((moved(start), moved(end)) for start, end in marks),
    )
