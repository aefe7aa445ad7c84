"""The figures of `sciaticli report`: a journal period summed up for a clinician.

Pure functions of the entries and the period (no I/O), so each figure is tested on journals
worked out by hand. The meaningful-change wording follows IMMPACT by percentage, with a floor of
1 point (clinical-facts.md section 8, Dworkin 2008, Farrar 2001): a fall of 50% or more is a large
improvement, 30% or more a worthwhile, moderate one, 20% or more a small change; less, or under
1 point, is no clear change (IMMPACT calls 10-20% minimal: the words take its upper end, so as
not to overstate). A first week that averages under 3 is too low to measure a change from.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from statistics import median
from typing import NamedTuple

from sciaticli.journal import Entry, sessions_per_week
from sciaticli.pages.pain_rise import pain_rose

DEFAULT_WEEKS = 6
MIN_ENTRIES = 3  # fewer: too few to sum up (a clear message, not a page of averages)
MIN_EACH_SIDE = 3  # a routine is compared with the rest only with 3 sessions with and without
MIN_IN_WEEK = 3  # fewer entries in the first or the last week: the change is flagged as shaky
NO_SESSION = "none"  # an entry that is a pain rating only (journal, session column)
PARTIAL = "partial"  # a session stopped early
SEVERE = 8  # pain 8 or more: a severe flare-up (fact sheet section 8)
LOW_START = 3.0  # a first week averaging under this: pain was low, no change to measure
FLOOR_POINTS = 1.0  # a change of less than this is no clear change, whatever its percentage
SMALL_PERCENT = 20.0
MODERATE_PERCENT = 30.0
LARGE_PERCENT = 50.0

NO_CLEAR = "no clear change"
SMALL = "a small change"
MODERATE = "a worthwhile, moderate improvement"
LARGE = "a large improvement"
LOW = "pain was low throughout; no meaningful change to measure"


class Week(NamedTuple):
    """Seven days from `start`, and the entries in them."""

    start: str
    end: str
    entries: int
    average_before: float | None  # of entries with a pain-before value
    average_after: float | None  # of entries with a pain-after value
    after_count: int = 0  # entries with a pain-after value


MOST_ROWS = 12  # weeks shown one a row; more are shown a few weeks a row


def grouped(weeks: Sequence[Week], most: int = MOST_ROWS) -> tuple[tuple[Week, ...], int]:
    """`weeks` in at most `most` rows: each row the same number of weeks (the last may have
    fewer), with averages over all of their entries; and how many weeks a row holds."""
    size = max(1, math.ceil(len(weeks) / most))
    if size == 1:
        return tuple(weeks), 1
    rows = []
    for first in range(0, len(weeks), size):
        part = weeks[first : first + size]
        entries = sum(week.entries for week in part)
        rated = sum(week.after_count for week in part)
        before = sum((week.average_before or 0) * week.entries for week in part)
        after = sum((week.average_after or 0) * week.after_count for week in part)
        rows.append(
            Week(part[0].start, part[-1].end, entries, before / entries if entries else None,
                 after / rated if rated else None, rated)
        )  # fmt: skip
    return tuple(rows), size


class Change(NamedTuple):
    """Average pain before sessions, first week with entries against the last."""

    first: Week
    last: Week
    points: float  # last minus first: below 0, pain fell
    percent: float | None  # of the first week's average; None when it was 0
    wording: str  # LOW, NO_CLEAR, SMALL, MODERATE or LARGE; "" for a rise of 1 point or more

    @property
    def few_entries(self) -> bool:
        """Whether the first or the last week has fewer than MIN_IN_WEEK entries."""
        return min(self.first.entries, self.last.entries) < MIN_IN_WEEK


class Comparison(NamedTuple):
    """One routine or technique: the average change within its sessions and within the rest."""

    name: str
    sessions: int
    change: float
    others: int
    others_change: float


class Figures(NamedTuple):
    start: str
    end: str
    entries: int
    weeks: tuple[Week, ...]
    change: Change | None  # None with fewer than two weeks that have a pain-before value
    session_changes: int  # sessions with both values
    typical_change: float | None  # the median of after minus before
    fell: int  # sessions in which pain fell
    missing_after: int  # sessions without a pain-after value
    uses: tuple[tuple[str, int], ...]  # name and sessions, most used first
    sessions_per_week: float  # journal.sessions_per_week: the same figure as `history`
    severe_days: tuple[str, ...]  # days with a pain value of 8 or more
    severe_starts: int  # sessions started at pain 8 or more
    comparisons: tuple[Comparison, ...]
    notes: tuple[tuple[str, str], ...]  # day and note, oldest first
    sessions: int = 0  # entries that are sessions (not a rating on its own)
    partial: int = 0  # sessions stopped early
    rose_days: tuple[str, ...] = ()  # a day per session after which pain rose by 2 or more


def period(today: date, weeks: int | None, since: str | None) -> tuple[str, str]:
    """The first and last day: from `since`, or the last `weeks` whole weeks up to today."""
    if since is not None:
        return since, today.isoformat()
    count = weeks if weeks is not None else DEFAULT_WEEKS
    return (today - timedelta(days=7 * count - 1)).isoformat(), today.isoformat()


def usable(entry: Entry) -> bool:
    """Whether an entry counts: a real day and a pain-before value (rows edited by hand into
    something else are left out, as history leaves them out of its figures)."""
    return not any(
        problem.startswith("its date") for problem in entry.problems or ()
    ) and isinstance(entry.pain_before, int | float)


class _Tally:
    """Sums for one week, or one routine: a count and a total."""

    __slots__ = ("count", "total")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


def wording(points: float, percent: float | None, start: float) -> str:
    """IMMPACT's words for a change of `points` (below 0, pain fell) from a first week that
    averaged `start`: LOW when pain stayed under LOW_START; for a fall, NO_CLEAR, SMALL,
    MODERATE or LARGE; NO_CLEAR for a rise under FLOOR_POINTS; "" for a larger rise.

    Compared as shown (points to one decimal, percent whole), so the words match the figures.
    """
    if start < LOW_START and start + points < LOW_START:
        return LOW
    change = round(points, 1)
    if abs(change) < FLOOR_POINTS:
        return NO_CLEAR
    if change > 0:
        return ""
    fall = round(-percent) if percent is not None else 0
    if fall >= LARGE_PERCENT:
        return LARGE
    if fall >= MODERATE_PERCENT:
        return MODERATE
    return SMALL if fall >= SMALL_PERCENT else NO_CLEAR


def change_of(weeks: Sequence[Week]) -> Change | None:
    measured = [week for week in weeks if week.average_before is not None]
    if len(measured) < 2:
        return None
    first, last = measured[0], measured[-1]
    assert first.average_before is not None and last.average_before is not None
    points = last.average_before - first.average_before
    percent = 100 * points / first.average_before if first.average_before else None
    return Change(first, last, points, percent, wording(points, percent, first.average_before))


def _change(entry: Entry) -> float | None:
    if entry.pain_before is None or entry.pain_after is None:
        return None
    return entry.pain_after - entry.pain_before


def _severe(entry: Entry) -> bool:
    return any(
        value is not None and value >= SEVERE for value in (entry.pain_before, entry.pain_after)
    )


def figures(
    entries: Iterable[Entry],
    start: str,
    end: str,
    name_of: Callable[[Entry], str | None],
) -> Figures:
    """The report's figures for the `entries` from `start` to `end` (days, both included), in
    one pass: sums per week and per routine, the changes (for their median) and the notes are
    all that is kept, so a journal of any size is summed up in little memory."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    count = max(1, (last - first).days // 7 + 1)
    week_entries = [0] * count
    week_before = [_Tally() for _ in range(count)]
    week_after = [_Tally() for _ in range(count)]
    changes: list[float] = []
    by_name: dict[str, _Tally] = {}  # changes within each routine's sessions
    uses: Counter[str] = Counter()
    severe: set[str] = set()
    notes: list[tuple[str, str]] = []
    rose: list[str] = []
    span: tuple[str, str] | None = None  # the first and the last day with an entry
    chosen = sessions = partial = missing_after = severe_starts = 0
    for entry in entries:
        day = entry.day
        if not (start <= day <= end) or not usable(entry):
            continue
        chosen += 1
        span = (min(span[0], day), max(span[1], day)) if span else (day, day)
        index = (date.fromisoformat(day) - first).days // 7
        week_entries[index] += 1
        if entry.pain_before is not None:
            week_before[index].add(entry.pain_before)
        if entry.pain_after is not None:
            week_after[index].add(entry.pain_after)
        if _severe(entry):
            severe.add(day)
        if entry.note:
            notes.append((day, entry.note))
        if entry.session == NO_SESSION:  # a rating on its own: in the weekly pain only
            continue
        sessions += 1
        partial += entry.session == PARTIAL
        name = name_of(entry)
        uses[name or "none named"] += 1
        if entry.pain_before is not None and entry.pain_before >= SEVERE:
            severe_starts += 1
        change = _change(entry)
        if change is None:
            missing_after += entry.pain_after is None
            continue
        changes.append(change)
        if pain_rose(entry.pain_before, entry.pain_after):
            rose.append(day)
        if name:
            by_name.setdefault(name, _Tally()).add(change)
    weeks = tuple(
        Week(
            (first + timedelta(days=7 * index)).isoformat(),
            min(last, first + timedelta(days=7 * index + 6)).isoformat(),
            week_entries[index],
            week_before[index].mean,
            week_after[index].mean,
            week_after[index].count,
        )
        for index in range(count)
    )
    return Figures(
        start=start,
        end=end,
        entries=chosen,
        weeks=weeks,
        change=change_of(weeks),
        session_changes=len(changes),
        typical_change=median(changes) if changes else None,
        fell=sum(1 for change in changes if change < 0),
        missing_after=missing_after,
        uses=tuple(uses.most_common()),
        sessions_per_week=sessions_per_week(sessions, *(span or (start, start))),
        severe_days=tuple(sorted(severe)),
        severe_starts=severe_starts,
        comparisons=_comparisons(by_name, len(changes), sum(changes)),
        notes=tuple(notes),
        sessions=sessions,
        partial=partial,
        rose_days=tuple(sorted(rose)),
    )


def _comparisons(by_name: dict[str, _Tally], total: int, summed: float) -> tuple[Comparison, ...]:
    """For each routine or technique with at least MIN_EACH_SIDE sessions with it and as many
    without (sessions with both values): the average change in each, most used first."""
    result = []
    for name, tally in sorted(by_name.items(), key=lambda item: -item[1].count):
        others = total - tally.count
        if tally.count >= MIN_EACH_SIDE and others >= MIN_EACH_SIDE:
            result.append(
                Comparison(name, tally.count, tally.total / tally.count, others,
                           (summed - tally.total) / others)
            )  # fmt: skip
    return tuple(result)
