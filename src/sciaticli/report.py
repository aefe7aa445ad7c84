"""The figures of `sciaticli report`: a journal period summed up for a clinician.

Pure functions of the entries and the period (no I/O), so each figure is tested on journals
worked out by hand. A change in pain is put in IMMPACT's words (sciaticli.immpact).

Weeks are calendar weeks from Monday (ISO 8601); a week the period cuts short is partial and says
how many of its days are in it. Beside the pain: leg and back pain apart where recorded, the
function measures first against last (sciaticli.journal.measures, fact sheet section 11), the
worst and the best day, and the notes that matter: on a session stopped early, on pain 8 or more,
on a session after which pain rose by 2 or more, and the ones the person marked (log --mark).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from statistics import median
from typing import NamedTuple

from sciaticli.immpact import (
    wording,
)
from sciaticli.journal import Entry, sessions_per_week
from sciaticli.pages.pain_rise import pain_rose

DEFAULT_WEEKS = 6
MIN_ENTRIES = 3  # fewer: too few to sum up (a clear message, not a page of averages)
MIN_EACH_SIDE = 3  # a routine is compared with the rest only with 3 sessions with and without
MIN_IN_WEEK = 3  # fewer entries in the first or the last week: the change is flagged as shaky
NO_SESSION = "none"  # an entry that is a pain rating only (journal, session column)
PARTIAL = "partial"  # a session stopped early
SEVERE = 8  # pain 8 or more: a severe flare-up (fact sheet section 8)


class Week(NamedTuple):
    """Seven days from `start`, and the entries in them."""

    start: str
    end: str
    entries: int
    average_before: float | None  # of entries with a pain-before value
    average_after: float | None  # of entries with a pain-after value
    after_count: int = 0  # entries with a pain-after value
    days: int = 7  # days of the week within the period: fewer, a partial week
    average_leg: float | None = None  # of entries with a leg pain value
    leg_count: int = 0
    average_back: float | None = None  # of entries with a back pain value
    back_count: int = 0
    full_days: int = 7  # days of the week (or weeks) in full

    @property
    def partial(self) -> bool:
        """Whether the period cuts this week short (it starts or ends within it)."""
        return self.days < self.full_days


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
        legs = sum(week.leg_count for week in part)
        backs = sum(week.back_count for week in part)
        leg = sum((week.average_leg or 0) * week.leg_count for week in part)
        back = sum((week.average_back or 0) * week.back_count for week in part)
        rows.append(
            Week(part[0].start, part[-1].end, entries, before / entries if entries else None,
                 after / rated if rated else None, rated, sum(week.days for week in part),
                 leg / legs if legs else None, legs, back / backs if backs else None, backs,
                 7 * len(part))
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


class Day(NamedTuple):
    """A day's pain: the average of the pain before each session and of each rating alone (the
    measure the weekly pain averages), and how many entries it rests on."""

    day: str
    average: float
    entries: int


class Note(NamedTuple):
    """A note, and why it matters (empty: an ordinary note): STOPPED, a pain of 8 or more,
    a rise in pain, MARKED."""

    day: str
    note: str
    why: tuple[str, ...] = ()


STOPPED = "stopped early"
MARKED = "marked to discuss"  # the person marked the note for a clinician (log --mark)


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
    notes: tuple[Note, ...]  # oldest first
    sessions: int = 0  # entries that are sessions (not a rating on its own)
    partial: int = 0  # sessions stopped early
    rose_days: tuple[str, ...] = ()  # a day per session after which pain rose by 2 or more
    leg_change: Change | None = None  # leg pain, first week with it against the last
    back_change: Change | None = None
    worst_day: Day | None = None  # None with fewer than two days
    best_day: Day | None = None

    @property
    def notes_that_matter(self) -> tuple[Note, ...]:
        return tuple(note for note in self.notes if note.why)

    @property
    def other_notes(self) -> tuple[Note, ...]:
        return tuple(note for note in self.notes if not note.why)


def monday(day: date) -> date:
    """The Monday on or before `day`: where its ISO week starts."""
    return day - timedelta(days=day.weekday())


def period(today: date, weeks: int | None, since: str | None) -> tuple[str, str]:
    """The first and last day: from `since`, or the last `weeks` weeks up to today, from the
    Monday that starts the earliest of them (so the first week is whole)."""
    if since is not None:
        return since, today.isoformat()
    count = weeks if weeks is not None else DEFAULT_WEEKS
    return monday(today - timedelta(days=7 * count - 1)).isoformat(), today.isoformat()


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

    def add(self, value: float | None) -> None:
        if value is None:
            return
        self.count += 1
        self.total += value

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


def change_of(weeks: Sequence[Week]) -> Change | None:
    measured = [week for week in weeks if week.average_before is not None]
    if len(measured) < 2:
        return None
    first, last = measured[0], measured[-1]
    assert first.average_before is not None and last.average_before is not None
    points = last.average_before - first.average_before
    percent = 100 * points / first.average_before if first.average_before else None
    return Change(first, last, points, percent, wording(points, percent, first.average_before))


def side_change(weeks: Sequence[Week], side: str) -> Change | None:
    """change_of for leg or back pain (`side`): the weeks as if that pain were the pain
    before, each counting the entries that have it, so the change rests on those entries."""
    return change_of(
        [
            week._replace(
                entries=getattr(week, f"{side}_count"),
                average_before=getattr(week, f"average_{side}"),
            )
            for week in weeks
        ]
    )


def _change(entry: Entry) -> float | None:
    if entry.pain_before is None or entry.pain_after is None:
        return None
    return entry.pain_after - entry.pain_before


def _severe(entry: Entry) -> bool:
    return any(
        value is not None and value >= SEVERE for value in (entry.pain_before, entry.pain_after)
    )


def _shown(value: float) -> str:
    return f"{value:g}"


def why_it_matters(entry: Entry) -> tuple[str, ...]:
    """Why an entry's note is one a clinician should see: the session stopped early, a pain of
    SEVERE or more, pain that rose by RISE_POINTS or more, or the person marked it."""
    why = []
    if entry.session == PARTIAL:
        why.append(STOPPED)
    worst = max((v for v in (entry.pain_before, entry.pain_after) if v is not None), default=0)
    if worst >= SEVERE:
        why.append(f"pain {_shown(worst)}")
    if entry.session != NO_SESSION and pain_rose(entry.pain_before, entry.pain_after):
        assert entry.pain_before is not None and entry.pain_after is not None
        why.append(f"pain rose {_shown(entry.pain_before)} to {_shown(entry.pain_after)}")
    if entry.marked:
        why.append(MARKED)
    return tuple(why)


def _extremes(days: dict[str, _Tally]) -> tuple[Day | None, Day | None]:
    """The worst day (highest average pain) and the best (lowest); a tie goes to the later
    day. None for both with fewer than two days."""
    if len(days) < 2:
        return None, None
    worst = best = None
    for day in sorted(days):
        tally = days[day]
        shown = Day(day, tally.total / tally.count, tally.count)
        if worst is None or shown.average >= worst.average:
            worst = shown
        if best is None or shown.average <= best.average:
            best = shown
    return worst, best


def figures(
    entries: Iterable[Entry],
    start: str,
    end: str,
    name_of: Callable[[Entry], str | None],
) -> Figures:
    """The report's figures for the `entries` from `start` to `end` (days, both included), in
    one pass: sums per week, day and routine, the changes (for their median) and the notes are
    all that is kept, so a journal of any size is summed up in little memory."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    week_one = monday(first)
    count = (monday(last) - week_one).days // 7 + 1
    week_entries = [0] * count
    tallies = {
        column: [_Tally() for _ in range(count)]
        for column in ("pain_before", "pain_after", "leg_pain", "back_pain")
    }
    per_day: dict[str, _Tally] = {}
    changes: list[float] = []
    by_name: dict[str, _Tally] = {}  # changes within each routine's sessions
    uses: Counter[str] = Counter()
    severe: set[str] = set()
    notes: list[Note] = []
    rose: list[str] = []
    span: tuple[str, str] | None = None  # the first and the last day with an entry
    chosen = sessions = partial = missing_after = severe_starts = 0
    for entry in entries:
        day = entry.day
        if not (start <= day <= end) or not usable(entry):
            continue
        chosen += 1
        span = (min(span[0], day), max(span[1], day)) if span else (day, day)
        index = (date.fromisoformat(day) - week_one).days // 7
        week_entries[index] += 1
        for column, weekly in tallies.items():
            weekly[index].add(getattr(entry, column))
        per_day.setdefault(day, _Tally()).add(entry.pain_before)
        if _severe(entry):
            severe.add(day)
        if entry.note:
            notes.append(Note(day, entry.note, why_it_matters(entry)))
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
    weeks = tuple(_week(index, first, last, week_entries, tallies) for index in range(count))
    worst, best = _extremes(per_day)
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
        leg_change=side_change(weeks, "leg"),
        back_change=side_change(weeks, "back"),
        worst_day=worst,
        best_day=best,
    )


def _week(
    index: int, first: date, last: date, entries: list[int], tallies: dict[str, list[_Tally]]
) -> Week:
    """The `index`th calendar week from the one holding `first`, cut to `first` and `last`."""
    begins = max(first, monday(first) + timedelta(days=7 * index))
    ends = min(last, monday(first) + timedelta(days=7 * index + 6))
    before, after, leg, back = (tallies[column][index] for column in tallies)
    return Week(
        begins.isoformat(), ends.isoformat(), entries[index], before.mean, after.mean,
        after.count, (ends - begins).days + 1, leg.mean, leg.count, back.mean, back.count,
    )  # fmt: skip


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
