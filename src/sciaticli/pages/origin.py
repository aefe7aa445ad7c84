"""Which file an entry came from, shown when it is the user's own (--kb) and not the bundled one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sciaticli.model import KnowledgeBase
from sciaticli.render.document import Page, Paragraph

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


def marked(kb: KnowledgeBase, origin: str, text: str) -> str:
    """`text`, ending with `[from your file PATH]` when the user's file supplied it: said on the
    item itself, so that safety text from a shared file is never taken for the bundled text."""
    path = user_file(kb, origin)
    return f"{text} [from your file {path}]" if path else text


def checked(kb: KnowledgeBase, entries: Iterable[Any]) -> tuple[Paragraph, dict[str, Any]]:
    """The page's last line, `Checked against its sources on DATE · knowledge base VERSION`,
    and the same for JSON. The date is the oldest review date of the entries on the page."""
    dates: list[str | None] = [getattr(entry, "reviewed", None) for entry in entries]
    known = [date for date in dates if date is not None]
    oldest = min(known) if known and len(known) == len(dates) else None
    version = f"knowledge base {kb.version}" if kb.version else "knowledge base (no version)"
    if oldest is None:
        line = f"Not every entry here has a review date · {version}"
    else:
        line = f"Checked against its sources on {oldest} · {version}"
    return Paragraph(line), {"reviewed": oldest, "kb_version": kb.version or None}


def with_checked(page: Page, kb: KnowledgeBase, entries: Iterable[Any]) -> Page:
    """`page` ending with its review line; its JSON carries `reviewed` and `kb_version` (on the
    object, or on each object of a list)."""
    line, provenance = checked(kb, entries)
    data = page.data
    if isinstance(data, dict):
        data = {**data, **provenance}
    elif isinstance(data, list):
        data = [
            {**item, "reviewed": item.get("reviewed"), "kb_version": provenance["kb_version"]}
            if isinstance(item, dict)
            else item
            for item in data
        ]
    return page._replace(blocks=(*page.blocks, line), data=data)


def all_entries(kb: KnowledgeBase) -> list[Any]:
    """Every entry that carries a review date: for pages that draw on the whole base."""
    return [entry for _, entries in kb.entry_groups() for entry in entries.values()]
