"""The figures of `sciaticli report`: a journal period summed up for a clinician.

Pure functions of the entries and the period (no I/O), so each figure is tested on journals
worked out by hand. The meaningful-change wording follows IMMPACT (clinical-facts.md section 8,
Dworkin 2008, Farrar 2001): on a 0-10 scale a fall of about 2 points or about 30% is a change
people usually notice; about 50% is a large change; less is a small change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from statistics import median
from typing import NamedTuple

from sciaticli.journal import Entry

DEFAULT_WEEKS = 6
MIN_ENTRIES = 3  # fewer: too few to sum up (a clear message, not a page of averages)
MIN_EACH_SIDE = 3  # a routine is compared with the rest only with 3 sessions with and without
NO_SESSION = "none"  # an entry that is a pain rating only (journal, session column)
PARTIAL = "partial"  # a session stopped early
SEVERE = 8  # pain 8 or more: a severe flare-up (fact sheet section 8)
NOTICEABLE_POINTS = 2.0
NOTICEABLE_PERCENT = 30.0
LARGE_PERCENT = 50.0

NOTICEABLE = "a change people usually notice"
LARGE = "a large change"
SMALL = "a small change"


class Week(NamedTuple):
    """Seven days from `start`, and the entries in them."""

    start: str
    end: str
    entries: int
    average_before: float | None  # of entries with a pain-before value
    average_after: float | None  # of entries with a pain-after value


class Change(NamedTuple):
    """Average pain before sessions, first week with entries against the last."""

    first: Week
    last: Week
    points: float  # last minus first: below 0, pain fell
    percent: float | None  # of the first week's average; None when it was 0
    wording: str  # NOTICEABLE, LARGE or SMALL for a fall; "" for a rise or no change


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
    sessions_per_week: float
    severe_days: tuple[str, ...]  # days with a pain value of 8 or more
    severe_starts: int  # sessions started at pain 8 or more
    comparisons: tuple[Comparison, ...]
    notes: tuple[tuple[str, str], ...]  # day and note, oldest first
    sessions: int = 0  # entries that are sessions (not a rating on its own)
    partial: int = 0  # sessions stopped early


def period(today: date, weeks: int | None, since: str | None) -> tuple[str, str]:
    """The first and last day: from `since`, or the last `weeks` whole weeks up to today."""
    if since is not None:
        return since, today.isoformat()
    count = weeks if weeks is not None else DEFAULT_WEEKS
    return (today - timedelta(days=7 * count - 1)).isoformat(), today.isoformat()


def usable(entries: Sequence[Entry]) -> list[Entry]:
    """Entries with a real day and a pain-before value (rows edited by hand into something
    else are left out, as history leaves them out of its figures)."""
    return [
        entry
        for entry in entries
        if not any(problem.startswith("its date") for problem in entry.problems or ())
        and isinstance(entry.pain_before, int | float)
    ]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def weeks_of(entries: Sequence[Entry], start: str, end: str) -> tuple[Week, ...]:
    """Every seven days from `start` to `end` (the last may be shorter), with its averages."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    count = max(1, (last - first).days // 7 + 1)
    buckets: list[list[Entry]] = [[] for _ in range(count)]
    for entry in entries:
        index = (date.fromisoformat(entry.day) - first).days // 7
        if 0 <= index < count:
            buckets[index].append(entry)
    weeks = []
    for index, bucket in enumerate(buckets):
        week_start = first + timedelta(days=7 * index)
        week_end = min(last, week_start + timedelta(days=6))
        befores = [e.pain_before for e in bucket if e.pain_before is not None]
        afters = [e.pain_after for e in bucket if e.pain_after is not None]
        weeks.append(
            Week(
                week_start.isoformat(),
                week_end.isoformat(),
                len(bucket),
                _mean(befores),
                _mean(afters),
            )
        )
    return tuple(weeks)


def wording(points: float, percent: float | None) -> str:
    """IMMPACT's words for a fall in pain (`points` below 0); "" for a rise or no change.

    Compared as shown (points to one decimal, percent whole), so the words match the figures.
    """
    fall = round(-points, 1)
    if fall <= 0:
        return ""
    shown_percent = round(percent) if percent is not None else None
    if shown_percent is not None and -shown_percent >= LARGE_PERCENT:
        return LARGE
    if fall >= NOTICEABLE_POINTS or (
        shown_percent is not None and -shown_percent >= NOTICEABLE_PERCENT
    ):
        return NOTICEABLE
    return SMALL


def change_of(weeks: Sequence[Week]) -> Change | None:
    measured = [week for week in weeks if week.average_before is not None]
    if len(measured) < 2:
        return None
    first, last = measured[0], measured[-1]
    assert first.average_before is not None and last.average_before is not None
    points = last.average_before - first.average_before
    percent = 100 * points / first.average_before if first.average_before else None
    return Change(first, last, points, percent, wording(points, percent))


def _change(entry: Entry) -> float | None:
    if entry.pain_before is None or entry.pain_after is None:
        return None
    return entry.pain_after - entry.pain_before


def comparisons(
    entries: Sequence[Entry], name_of: Callable[[Entry], str | None]
) -> tuple[Comparison, ...]:
    """For each routine or technique with at least MIN_EACH_SIDE sessions with it and as many
    without (sessions with both values): the average change in each, most used first."""
    measured = [
        (name_of(entry), change) for entry in entries if (change := _change(entry)) is not None
    ]
    counts = Counter(name for name, _ in measured if name)
    result = []
    for name, sessions in counts.most_common():
        with_it = [change for used, change in measured if used == name]
        without = [change for used, change in measured if used != name]
        if len(with_it) >= MIN_EACH_SIDE and len(without) >= MIN_EACH_SIDE:
            result.append(
                Comparison(name, sessions, sum(with_it) / sessions, len(without),
                           sum(without) / len(without))
            )  # fmt: skip
    return tuple(result)


def _severe(entry: Entry) -> bool:
    return any(
        value is not None and value >= SEVERE for value in (entry.pain_before, entry.pain_after)
    )


def figures(
    entries: Sequence[Entry],
    start: str,
    end: str,
    name_of: Callable[[Entry], str | None],
) -> Figures:
    """The report's figures for the `entries` from `start` to `end` (days, both included)."""
    chosen = [entry for entry in usable(entries) if start <= entry.day <= end]
    # A rating on its own (session "none") counts in the weekly pain, not as a session.
    sessions = [entry for entry in chosen if entry.session != NO_SESSION]
    weeks = weeks_of(chosen, start, end)
    changes = [change for entry in sessions if (change := _change(entry)) is not None]
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
    severe = sorted({entry.day for entry in chosen if _severe(entry)})
    uses = Counter(name_of(entry) or "none named" for entry in sessions)
    return Figures(
        start=start,
        end=end,
        entries=len(chosen),
        weeks=weeks,
        change=change_of(weeks),
        session_changes=len(changes),
        typical_change=median(changes) if changes else None,
        fell=sum(1 for change in changes if change < 0),
        missing_after=sum(1 for entry in sessions if entry.pain_after is None),
        uses=tuple(uses.most_common()),
        sessions_per_week=len(sessions) / (max(days, 7) / 7),
        severe_days=tuple(severe),
        severe_starts=sum(
            1 for entry in sessions if entry.pain_before is not None and entry.pain_before >= SEVERE
        ),
        comparisons=comparisons(sessions, name_of),
        notes=tuple((entry.day, entry.note) for entry in chosen if entry.note),
        sessions=len(sessions),
        partial=sum(1 for entry in sessions if entry.session == PARTIAL),
    )
