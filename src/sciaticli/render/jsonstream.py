"""A JSON object written a member at a time (render.document.JsonStream), for a page too big to
hold: the journal's history at any size, in the memory of one row.

The object is laid out as `json.dumps(indent=2)` lays it out, but for a streamed list, whose
items are each written on one line with the json module's C encoder, as they are read:

    {
      "entries": [
        {"id": 1, "when": "2024-03-01T08:30:00", ...},
        {"id": 2, "when": "2024-03-02T08:30:00", ...}
      ],
      "summary": {
        "sessions": 2,
        ...
      }
    }
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sciaticli.render.document import JsonStream, Streamed


def pieces(stream: JsonStream) -> Iterator[str]:
    """The object's text, a piece at a time; nothing before the first member is reached (a
    damaged journal is then one message, with no output before it)."""
    opening = "{"
    for index, (key, value) in enumerate(stream.members):
        head = f"{opening if index == 0 else ','}\n  {json.dumps(key, ensure_ascii=False)}: "
        if isinstance(value, Streamed):
            yield from _items(head, value)
            continue
        if callable(value):
            value = value()
        text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        yield head + text
    yield "\n}\n" if stream.members else "{}\n"


def _items(head: str, streamed: Streamed) -> Iterator[str]:
    dumps = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every item
    first = True
    for chunk in streamed.chunks:
        text = ",\n    ".join(map(dumps, chunk))
        if text:
            yield (head + "[\n    " if first else ",\n    ") + text
            first = False
    yield head + "[]" if first else "\n  ]"
