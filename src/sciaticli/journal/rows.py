"""Entries as the journal stores them: new entries, entries read back, edits, and stored times.

Times are the user's local wall-clock time as ISO text: `YYYY-MM-DDTHH:MM:SS`, or `YYYY-MM-DD`
when only the day was given; text order is time order, and the first ten characters are the day.

Rows edited by hand may hold anything (a date that is not a date, a blob): they are read as
entries whose `problems` say what is wrong, shown with their raw values, and left out of the
per-day figures. A chunk of rows is checked a column at a time (well_formed) and read at C speed
when every row is as sciaticli writes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from operator import itemgetter
from typing import Any, NamedTuple

ORIGINS = ("log", "guided")
# What an entry records: a whole session, one stopped early, or a pain rating with no session
# (a flare-up rating logged instead of a routine: it has no pain after).
SESSIONS = ("full", "partial", "none")
# The fields `history --edit` may change, as the columns that hold them.
EDITABLE = (
    "logged_at", "pain_before", "pain_after", "routine", "technique", "note", "session", "marked"
)  # fmt: skip
COLUMNS = (
    "id, logged_at, pain_before, pain_after, routine, technique, note, origin, session, edited_at, "
    "leg_pain, back_pain, marked"
)


PAIN_SCALE = "0 (no pain) to 10 (the worst pain imaginable)"


def parse_pain(text: str) -> int:
    """A pain rating typed by a person (on the command line or at a guided routine's question)
    as stored: a whole number on the 0-10 scale; ValueError with a message for anything else."""
    cleaned = text.strip()
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise ValueError(f"'{text}' is not a whole number; pain is rated {PAIN_SCALE}")
    value = int(cleaned)
    if not 0 <= value <= 10:
        raise ValueError(f"{value} is off the scale; pain is rated {PAIN_SCALE}")
    return value


class Entry(NamedTuple):
    id: int
    when: str
    # An int, as sciaticli writes it; a real if edited by hand; None if not a number at all.
    pain_before: float | None
    pain_after: float | None
    routine: str | None
    technique: str | None
    note: str | None
    origin: str
    session: str = "full"  # full, partial (stopped early) or none (a rating, no session)
    edited: str | None = None  # when `history --edit` last changed it
    # Leg pain and back pain apart, 0-10, where the person gave them (journal version 4).
    leg_pain: float | None = None
    back_pain: float | None = None
    # 1 when the person marked the note for a clinician (journal version 6), else 0.
    marked: int = 0
    # What is wrong with a row edited by hand (its values are then shown as stored, as text);
    # empty or None when nothing is.
    problems: tuple[str, ...] | None = ()

    @property
    def change(self) -> float | None:
        """After minus before: below 0, the pain fell."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before

    @property
    def day(self) -> str:
        return self.when[:10]


class NewEntry(NamedTuple):
    when: str
    pain_before: int
    pain_after: int | None
    routine: str | None = None
    technique: str | None = None
    note: str | None = None
    origin: str = "log"
    session: str = "full"
    leg_pain: int | None = None
    back_pain: int | None = None
    marked: bool = False  # the note marked for a clinician (log --mark)


class Edit(NamedTuple):
    """One field changed by `history --edit`."""

    entry_id: int
    edited_at: str
    field: str
    old_value: Any
    new_value: Any


def now_text(now: datetime) -> str:
    return now.isoformat(timespec="seconds")


def well_formed(rows: list[Any]) -> bool:
    """Whether every row is as sciaticli writes it, checked a column at a time with set and
    map (about 30 ms for 100,000 rows, where a check of each row in Python or SQL takes three
    times that); a journal edited by hand is then read row by row (entry_from_row)."""
    if not rows:
        return True
    # strict=False: the rows of one query are all as wide (and strict costs a third of the check)
    (_, when, before, after, routine, technique, note, origin, session, edited, leg, back,
     marked, _) = zip(*rows, strict=False)  # fmt: skip
    return _marks_well_formed(leg, back, marked) and _columns_well_formed(
        when, before, after, session, origin, (routine, technique, note, edited)
    )


def export_well_formed(rows: list[Any]) -> bool:
    """well_formed for export rows (Journal.export_chunks)."""
    (_, when, routine, technique, _, before, after, _, origin, session, edited, note, leg, back,
     marked) = zip(*rows, strict=False)  # fmt: skip
    return _marks_well_formed(leg, back, marked) and _columns_well_formed(
        when, before, after, session, origin, (routine, technique, note, edited)
    )


def _marks_well_formed(
    leg: tuple[Any, ...], back: tuple[Any, ...], marked: tuple[Any, ...]
) -> bool:
    """Leg and back pain whole numbers or none, and each mark 0 or 1 (an int: 1.0 is not)."""
    return set(map(type, leg + back)) <= {int, type(None)} and (
        set(map(type, marked)) == {int} and set(marked) <= {0, 1}
    )


def _columns_well_formed(
    when: tuple[Any, ...],
    before: tuple[Any, ...],
    after: tuple[Any, ...],
    session: tuple[Any, ...],
    origin: tuple[Any, ...],
    texts: tuple[tuple[Any, ...], ...],
) -> bool:
    text_or_none = {str, type(None)}
    return (
        set(map(type, when)) == {str}
        and set(map(len, when)) <= {10, 19}
        and set(map(type, before)) == {int}
        and set(map(type, after)) <= {int, type(None)}
        and set(session) <= set(SESSIONS)
        and set(origin) <= set(ORIGINS)
        and all(set(map(type, column)) <= text_or_none for column in texts)
        and all(map(is_day, set(map(_DAY_OF, when))))
    )


_DAY_OF = itemgetter(slice(0, 10))  # the day of a time: moment[:10], at C speed


def is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def shown_value(value: object) -> str:
    """A stored value as text, whatever its type: a blob as SQL writes it, x'0a1b'."""
    if isinstance(value, bytes):
        return f"x'{value.hex()}'"
    return str(value)


def entry_from_row(row: Sequence[Any]) -> Entry:
    """An entry from its row, whatever the row holds: values that are not what sciaticli
    writes (a row edited by hand) are kept as text, and `problems` says what is wrong."""
    entry_id, when, before, after, routine, technique, note, origin, session, edited = row[:10]
    leg, back = row[10:12] if len(row) >= 12 else (None, None)
    marked = row[12] if len(row) >= 13 else 0
    if (
        type(when) is str
        and (leg is None or type(leg) is int)
        and (back is None or type(back) is int)
        and type(before) is int
        and (after is None or type(after) is int)
        and session in SESSIONS
        and (edited is None or type(edited) is str)
        and (routine is None or type(routine) is str)
        and (technique is None or type(technique) is str)
        and (note is None or type(note) is str)
        and origin in ORIGINS
        and type(marked) is int
        and marked in (0, 1)
        and is_day(when[:10])
    ):
        return Entry(
            entry_id,
            when,
            before,
            after,
            routine,
            technique,
            note,
            origin,
            session,
            edited,
            leg,
            back,
            marked,
        )
    problems = []
    if not (isinstance(when, str) and is_day(when[:10])):
        problems.append(f"its date is not a date ({shown_value(when)!r})")
    pains: list[float | None] = []
    for label, pain in (("before", before), ("after", after), ("leg", leg), ("back", back)):
        if isinstance(pain, int | float) and not isinstance(pain, bool):
            pains.append(pain)
        elif pain is None and label != "before":
            pains.append(None)
        else:
            what = f"pain {label}" if label in ("before", "after") else f"{label} pain"
            problems.append(f"its {what} is not a number ({shown_value(pain)!r})")
            pains.append(None)
    texts: list[str | None] = []
    for label, value in (("routine", routine), ("technique", technique), ("note", note)):
        if value is not None and not isinstance(value, str):
            problems.append(f"its {label} is not text ({shown_value(value)!r})")
        texts.append(None if value is None else shown_value(value))
    if origin not in ORIGINS:
        problems.append(f"its origin is not log or guided ({shown_value(origin)!r})")
    if session not in SESSIONS:
        problems.append(f"its session is not full, partial or none ({shown_value(session)!r})")
    if type(marked) is not int or marked not in (0, 1):
        problems.append(f"its mark is not 0 or 1 ({shown_value(marked)!r})")
    return Entry(
        id=int(entry_id),
        when=shown_value(when),
        pain_before=pains[0],
        pain_after=pains[1],
        routine=texts[0],
        technique=texts[1],
        note=texts[2],
        origin=shown_value(origin) if origin is not None else "log",
        session=shown_value(session) if session is not None else "full",
        edited=None if edited is None else shown_value(edited),
        leg_pain=pains[2],
        back_pain=pains[3],
        marked=1 if marked == 1 and type(marked) is int else 0,
        problems=tuple(problems),
    )
