"""Which file an entry came from, shown when it is the user's own (--kb) and not the bundled one."""

from __future__ import annotations

from collections.abc import Iterable

from sciaticli.model import KnowledgeBase
from sciaticli.render.document import Paragraph

FROM_YOUR_FILE = "From your file"


def user_file(kb: KnowledgeBase, origin: str) -> str | None:
    """The user's file that supplied an entry, or None for a bundled entry."""
    return origin if origin and origin != kb.base_file else None


def origin_rows(kb: KnowledgeBase, origin: str) -> tuple[tuple[str, str], ...]:
    """A `From your file: PATH` row for an entry page, or nothing."""
    path = user_file(kb, origin)
    return ((FROM_YOUR_FILE, path),) if path else ()


def origin_note(kb: KnowledgeBase, entries: Iterable[tuple[str, str]]) -> tuple[Paragraph, ...]:
    """For a list of (label, origin): one line per user file naming its entries, or nothing."""
    by_file: dict[str, list[str]] = {}
    for label, origin in entries:
        path = user_file(kb, origin)
        if path:
            by_file.setdefault(path, []).append(label)
    return tuple(
        Paragraph(f"{FROM_YOUR_FILE} {path}: {', '.join(labels)}.")
        for path, labels in by_file.items()
    )
