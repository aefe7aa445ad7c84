"""Figures from the journal's days: each day's entries added up (Day), and the summary under
`history` (Summary), added up one day at a time (DayTally) so that no journal's days need all be
held. The report's own figures are in sciaticli.report."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple


class Day(NamedTuple):
    """The entries of one day, added up. `sessions` counts every entry; the averages after and
    of the change rest on the `rated` entries that have a pain after (`rated_before` is their
    pain before, added up); `partial` counts the sessions stopped early, `ratings` the entries
    that are a pain rating alone, with no session."""

    day: str
    sessions: int
    total_before: int
    total_after: int
    rated: int
    rated_before: int
    partial: int = 0
    ratings: int = 0

    @property
    def average_before(self) -> float:
        return self.total_before / self.sessions

    @property
    def average_after(self) -> float | None:
        return self.total_after / self.rated if self.rated else None

    @property
    def average_change(self) -> float | None:
        return (self.total_after - self.rated_before) / self.rated if self.rated else None


def weeks_between(first_day: str, last_day: str) -> float:
    """The weeks from the first day to the last, both included; at least one week."""
    span = (date.fromisoformat(last_day) - date.fromisoformat(first_day)).days + 1
    return max(span, 7) / 7


def sessions_per_week(sessions: int, first_day: str, last_day: str) -> float:
    """Sessions (a rating alone is not one) over the weeks from the first day with an entry to
    the last: the one definition `history` and `report` both use."""
    return sessions / weeks_between(first_day, last_day)


class Summary(NamedTuple):
    """What `history` reports under the entries.

    Sessions per week: sessions_per_week(), so `report` gives the same figure.
    The best day has the lowest average pain after its sessions, the worst day the highest; a
    tie goes to the bigger fall in pain (best) or the smaller one (worst), then the later day.
    Only days with a pain after count for these; `rated` entries have one, `partial` ones were
    stopped early.
    """

    sessions: int
    first_day: str
    last_day: str
    weeks: float
    sessions_per_week: float
    average_before: float
    # None when no entry has a pain after (ratings alone); they rest on `rated` entries.
    average_after: float | None
    average_change: float | None
    best_day: Day | None
    worst_day: Day | None
    rated: int = 0
    partial: int = 0
    ratings: int = 0  # of `sessions`, the ratings alone (not counted in sessions_per_week)


def summarise(days: Iterable[Day]) -> Summary | None:
    """The summary of `days` (oldest first); None when there are none."""
    tally = DayTally()
    for day in days:
        tally.add(day)
    return tally.summary()


class DayTally:
    """The summary's figures added up one day at a time (oldest first), so that a journal's
    days need not all be held; `kept` holds the first day and the newest `keep` days (what the
    chart draws)."""

    def __init__(self, keep: int = 0) -> None:
        self.keep = keep
        self.first: Day | None = None
        self.last: Day | None = None
        self.recent: deque[Day] = deque(maxlen=keep) if keep else deque(maxlen=1)
        self.sessions = self.before = self.rated = self.after = self.rated_before = 0
        self.partial = self.ratings = 0
        self.best: Day | None = None
        self.worst: Day | None = None
        self._best_key: tuple[float, float] = (0.0, 0.0)
        self._worst_key: tuple[float, float] = (0.0, 0.0)

    def add(self, day: Day) -> None:
        if self.first is None:
            self.first = day
        self.last = day
        self.recent.append(day)
        self.sessions += day.sessions
        self.before += day.total_before
        self.rated += day.rated
        self.after += day.total_after
        self.rated_before += day.rated_before
        self.partial += day.partial
        self.ratings += day.ratings
        if day.rated:
            key = _day_key(day)
            # Ties go to the later day: the days come oldest first.
            if self.best is None or key <= self._best_key:
                self.best, self._best_key = day, key
            if self.worst is None or key >= self._worst_key:
                self.worst, self._worst_key = day, key

    @property
    def kept(self) -> list[Day]:
        """The first day, then the newest `keep` days (oldest first)."""
        if self.first is None:
            return []
        recent = list(self.recent)
        return recent if recent[0] is self.first else [self.first, *recent]

    def summary(self) -> Summary | None:
        if self.first is None or self.last is None:
            return None
        first, last = self.first.day, self.last.day
        rated, after = self.rated, self.after
        return Summary(
            sessions=self.sessions,
            first_day=first,
            last_day=last,
            weeks=weeks_between(first, last),
            sessions_per_week=sessions_per_week(self.sessions - self.ratings, first, last),
            average_before=self.before / self.sessions,
            average_after=after / rated if rated else None,
            average_change=(after - self.rated_before) / rated if rated else None,
            best_day=self.best,
            worst_day=self.worst,
            rated=rated,
            partial=self.partial,
            ratings=self.ratings,
        )


def _day_key(day: Day) -> tuple[float, float]:
    return (day.average_after or 0.0, day.average_change or 0.0)
