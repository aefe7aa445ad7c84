"""A search snippet cut from a longer text: about SNIPPET_CHARS around the clause with the most
matches, begun and ended at a word, with the matches' offsets moved to match."""

from __future__ import annotations

import re

SNIPPET_CHARS = 160


def focus(text: str, spans: list[tuple[int, int]]) -> int:
    """Where the clause with the most matches begins its first match."""
    best_count, best_start = 0, spans[0][0] if spans else 0
    start = 0
    for clause in re.split(r"(?<=[.;:!?])\s+", text):
        end = start + len(clause)
        inside = [a for a, b in spans if a >= start and b <= end]
        if len(inside) > best_count:
            best_count, best_start = len(inside), inside[0]
        start = end + 1
    return best_start


def cut(
    text: str, spans: list[tuple[int, int]], first: int | None = None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`text` cut to SNIPPET_CHARS from a little before `first` (or the first match), with "…"
    where it was cut, and the matches that fall inside, merged and moved to match."""
    if len(text) <= SNIPPET_CHARS:
        return text, tuple(merge(spans))
    if first is None:
        first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    if start > 0:
        # Begin at a word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return prefix + text[start:end] + suffix, tuple(merge(inside))


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
