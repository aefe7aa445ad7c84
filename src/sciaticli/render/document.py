"""A page of output as a few kinds of block, so that each format is drawn in one place.

Commands build a `Page` (blocks for reading, plus the JSON data); `render.output.emit` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Tone = Literal["danger", "caution", "note"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Fields:
    """Label and value pairs: `Pressure: moderate`."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Items:
    """A list with an optional title; numbered when `ordered`."""

    items: tuple[str, ...]
    title: str | None = None
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Callout:
    """A warning that must stand out on a terminal and keep its title in every format."""

    title: str
    items: tuple[str, ...]
    tone: Tone = "caution"


@dataclass(frozen=True)
class Hint:
    """A tip for someone at a terminal (how to see more); left out of plain and markdown."""

    text: str


Block = Heading | Paragraph | Fields | Items | Table | Callout | Hint


@dataclass(frozen=True)
class Page:
    blocks: tuple[Block, ...]
    data: Any = field(default=None)
