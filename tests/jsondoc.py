"""docs/json.md read as data, and JSON output checked against it (tests/test_json_doc.py).

The doc lists each command's fields as a nested bullet list, one field a bullet: the bullet
starts with the field's name in backticks, and what follows is prose for a person. A comment
above the list names the command lines it describes, one a line, without `sciaticli` and
`--format json`:

    <!-- json: techniques
    techniques shiatsu -->
    - `id`
    - `evidence`: how good the evidence is
      - `level`
      - `summary`
    - `sources`: a list of [sources](#a-source)

- A field's sub-list names the fields of its object, or of each object of its list.
- Without a sub-list, a link to a heading of the same file (`[sources](#a-source)`) means the
  fields of the first list under that heading.
- A field whose text says `keyed by` is an object whose keys are data (ids, not fields): its
  values are checked, its keys are not.
- A field whose text starts with `(only ` may be left out (`(only in a ball routine)`).

The printed fields must be the listed ones, in the listed order; every listed field must be
printed by at least one of the section's command lines (so that a field the samples never show
cannot go stale unnoticed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MARKER = re.compile(r"^<!-- json:(.*?)-->", re.S | re.M)
BULLET = re.compile(r"^(?P<indent> *)- (?P<rest>.*)$")
KEY = re.compile(r"^`(?P<key>[^`]+)`(?P<text>.*)$")
LINK = re.compile(r"\]\(#(?P<anchor>[^)]+)\)")


@dataclass(eq=False)
class Field:
    key: str
    text: str
    line: int
    children: list[Field] = field(default_factory=list)

    @property
    def optional(self) -> bool:
        return self.text.lstrip(" :").startswith("(only ")

    @property
    def keyed(self) -> bool:
        return "keyed by" in self.text


@dataclass
class Section:
    """One `<!-- json: ... -->` comment: its command lines and the fields under it."""

    commands: list[str]
    fields: list[Field]
    line: int


class DocError(Exception):
    """The doc is not in the form this module reads: the message names the line."""


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


class Doc:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.sections: list[Section] = []
        self.shapes: dict[str, list[Field] | None] = {}
        heading: str | None = None
        fenced = False
        for number, line in enumerate(self.lines):
            if line.startswith("```"):
                fenced = not fenced
            elif line.startswith("#") and not fenced:
                heading = anchor(line.lstrip("#"))
                self.shapes[heading] = None
            elif heading is not None and self.shapes[heading] is None and self.starts_list(number):
                self.shapes[heading] = self.field_list(number)
        for match in MARKER.finditer(text):
            commands = [line.strip() for line in match[1].strip().splitlines() if line.strip()]
            first = text.count("\n", 0, match.start()) + 1
            end = text.count("\n", 0, match.end()) + 1
            if not commands:
                raise DocError(f"line {first}: a json comment names no command")
            start = next((n for n in range(end, len(self.lines)) if self.lines[n].strip()), None)
            if start is None or not self.starts_list(start):
                raise DocError(f"line {first}: no list of fields right under the json comment")
            self.sections.append(Section(commands, self.field_list(start), first))

    def starts_list(self, number: int) -> bool:
        bullet = BULLET.match(self.lines[number])
        return bullet is not None and not bullet["indent"] and KEY.match(bullet["rest"]) is not None

    def field_list(self, start: int) -> list[Field]:
        """The list of fields that starts at line `start`: bullets, nested by indentation, with
        their wrapped lines; it ends at a blank line."""
        top: list[Field] = []
        stack: list[tuple[int, Field]] = []
        for number in range(start, len(self.lines)):
            line = self.lines[number]
            if not line.strip():
                break
            bullet = BULLET.match(line)
            if bullet is None:
                if not stack or not line.startswith(" "):
                    raise DocError(f"line {number + 1}: not a field of the list above")
                stack[-1][1].text += " " + line.strip()
                continue
            key = KEY.match(bullet["rest"])
            if key is None:
                raise DocError(f"line {number + 1}: a field's bullet starts with `its name`")
            indent = len(bullet["indent"])
            item = Field(key["key"], key["text"], number + 1)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            (stack[-1][1].children if stack else top).append(item)
            stack.append((indent, item))
        return top

    def shape(self, item: Field) -> list[Field] | None:
        """The fields of `item`'s object: its sub-list, or the list its link leads to."""
        if item.children:
            return item.children
        link = LINK.search(item.text)
        if link is None:
            return None
        if link["anchor"] not in self.shapes:
            raise DocError(f"line {item.line}: no heading for the link #{link['anchor']}")
        return self.shapes[link["anchor"]]


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class Checker:
    """Compares printed JSON with a section's fields, and remembers which fields it saw."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.problems: list[str] = []

    def value(self, value: Any, fields: list[Field] | None, path: str = "") -> None:
        """Record each difference between `value` and `fields`, named by its place in the
        output (`steps[].name`)."""
        if value is None:
            return
        if isinstance(value, list):
            for item in value:
                self.value(item, fields, f"{path}[]")
        elif isinstance(value, dict):
            if fields is None:
                self.say(path, "an object whose fields the doc does not list")
            else:
                self.fields(value, fields, path)
        elif fields is not None:
            self.say(path, f"the doc lists fields, but it is {value!r}")

    def say(self, path: str, problem: str) -> None:
        line = f"{path or 'the top level'}: {problem}"
        if line not in self.problems:
            self.problems.append(line)

    def fields(self, value: dict[str, Any], fields: list[Field], path: str) -> None:
        listed = [item.key for item in fields]
        for key in value:
            if key not in listed:
                self.say(path, f"`{key}` is printed but not in the doc")
        for item in fields:
            if item.key not in value and not item.optional:
                self.say(path, f"`{item.key}` is in the doc but not printed")
        printed = [key for key in value if key in listed]
        expected = [key for key in listed if key in value]
        for shown, documented in zip(printed, expected, strict=True):
            if shown != documented:
                self.say(
                    path,
                    f"`{shown}` is printed where the doc has `{documented}`: "
                    "list the fields in the order they are printed",
                )
                break
        for item in fields:
            if item.key not in value:
                continue
            self.seen.add(id(item))
            inner, where = value[item.key], join(path, item.key)
            if item.keyed and isinstance(inner, dict):
                for name, each in inner.items():
                    self.value(each, self.doc.shape(item), f"{where}[{name!r}]")
            elif item.keyed and inner is not None:
                self.say(where, f"keyed by, but it is {inner!r}")
            else:
                self.value(inner, self.doc.shape(item), where)

    def unseen(
        self, fields: list[Field], path: str = "", done: frozenset[int] = frozenset()
    ) -> list[str]:
        """The listed fields no output had (a field's link is followed once per path)."""
        found = []
        for item in fields:
            where = join(path, item.key)
            if id(item) not in self.seen:
                found.append(f"{where} (line {item.line})")
                continue
            inner = self.doc.shape(item)
            if inner is not None and id(inner) not in done:
                found += self.unseen(inner, where, done | {id(inner)})
        return found
