"""What the journal can say on the appointment page (`sciaticli appointment`), as figures and
sentences: the day the episode began, recent pain with the leg and the back apart, recent
notes, the latest function measures, and the newest saved self-check.

Pure functions of what was read from the journal and today's date (no I/O), so each sentence
is tested on journals worked out by hand. Figures are what was recorded, never a judgement:
no "better" or "worse", only the numbers and what they rest on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from sciaticli.journal import Entry
from sciaticli.journal.checks import SavedCheck
from sciaticli.journal.measures import INSTRUMENTS, Measure
from sciaticli.safety import UNSURE, VERDICTS, YES

RECENT_DAYS = 14  # "recent": the last two weeks, today included
MOST_NOTES = 3  # the newest notes shown, so that the page stays on two sheets


class Average(NamedTuple):
    value: float
    ratings: int  # how many ratings it rests on


class RecentPain(NamedTuple):
    start: str  # the first day of the period (ISO)
    end: str  # today
    pain: Average | None  # the 0-10 rating of each entry (before a session, or on its own)
    highest: float | None
    leg: Average | None  # where leg and back pain were given apart (log --leg --back)
    back: Average | None


class Note(NamedTuple):
    day: str
    text: str


class JournalFacts(NamedTuple):
    """What the journal holds for the page; empty parts are None or ()."""

    episode_start: str | None
    recent: RecentPain | None
    notes: tuple[Note, ...]
    measures: tuple[Measure, ...]  # the latest of each measure, in INSTRUMENTS order
    check: str | None  # the last saved self-check, in a sentence

    @property
    def empty(self) -> bool:
        return not (self.episode_start or self.recent or self.notes or self.measures or self.check)


NO_FACTS = JournalFacts(None, None, (), (), None)


def recent_start(today: date) -> str:
    """The first day of the recent period."""
    return (today - timedelta(days=RECENT_DAYS - 1)).isoformat()


def recent_pain(entries: Iterable[Entry], today: date) -> RecentPain | None:
    """The ratings of the recent period's entries (rows edited by hand into something that
    is not a rating are left out, as everywhere); None when there are none."""
    start = recent_start(today)
    pain: list[float] = []
    leg: list[float] = []
    back: list[float] = []
    for entry in entries:
        if entry.problems or not start <= entry.day <= today.isoformat():
            continue
        if entry.pain_before is not None:
            pain.append(entry.pain_before)
        if entry.leg_pain is not None:
            leg.append(entry.leg_pain)
        if entry.back_pain is not None:
            back.append(entry.back_pain)
    if not pain:
        return None
    return RecentPain(
        start, today.isoformat(), _average(pain), max(pain), _average(leg), _average(back)
    )


def _average(values: Sequence[float]) -> Average | None:
    return Average(sum(values) / len(values), len(values)) if values else None


def recent_notes(entries: Iterable[Entry], today: date) -> tuple[Note, ...]:
    """The newest MOST_NOTES notes of the recent period, oldest first."""
    start = recent_start(today)
    notes = [
        Note(entry.day, entry.note)
        for entry in entries
        if entry.note and not entry.problems and start <= entry.day <= today.isoformat()
    ]
    return tuple(notes[-MOST_NOTES:])


def latest_measures(measures: Iterable[Measure]) -> tuple[Measure, ...]:
    """The newest recorded form of each measure (oldest first in), in INSTRUMENTS order; a row
    edited by hand into something that is not a form is left out."""
    latest: dict[str, Measure] = {}
    for measure in measures:
        if measure.problems is None and measure.measure in INSTRUMENTS:
            latest[measure.measure] = measure
    return tuple(latest[key] for key in INSTRUMENTS if key in latest)


def _number(value: float) -> str:
    """`6`, `6.5`: one decimal, none when whole."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def _ratings(count: int) -> str:
    return f"{count} rating" if count == 1 else f"{count} ratings"


def episode_sentence(start: str, today: date) -> str:
    """`It began on 2026-11-02, 5 weeks ago.` (a date edited by hand is shown as stored)."""
    try:
        began = date.fromisoformat(start)
    except ValueError:
        return f"The start day kept is '{start}', which is not a date."
    days = (today - began).days
    if days < 0:
        return f"It began on {start}, which is after today."
    if days < 14:
        ago = "today" if days == 0 else "1 day ago" if days == 1 else f"{days} days ago"
    else:
        ago = f"{days // 7} weeks ago"
    return f"It began on {start}, {ago}."


def pain_sentence(recent: RecentPain) -> str:
    """`From 2026-11-24 to 2026-12-07: pain 6.2 on average (0-10, 9 ratings), 8 at the
    highest. Leg pain 7 on average (5 ratings); back pain 3.5 (5 ratings).`"""
    assert recent.pain is not None and recent.highest is not None
    text = (
        f"From {recent.start} to {recent.end}: pain {_number(recent.pain.value)} on average "
        f"(0-10, {_ratings(recent.pain.ratings)}), {_number(recent.highest)} at the highest."
    )
    parts = []
    if recent.leg is not None:
        parts.append(f"leg pain {_number(recent.leg.value)} ({_ratings(recent.leg.ratings)})")
    if recent.back is not None:
        parts.append(f"back pain {_number(recent.back.value)} ({_ratings(recent.back.ratings)})")
    if parts:
        joined = "; ".join(parts)
        text += f" Given apart, on average: {joined}."
    return text


def ended(text: str) -> str:
    """`text` ending in a full stop, unless it ends in one, or in a question or exclamation
    mark, already (never `..` or `?.`)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."


def notes_sentence(notes: Sequence[Note]) -> str:
    """Each note after its day, ended, so that one note does not run into the next."""
    return " ".join(ended(f"{note.day}: {note.text.strip()}") for note in notes)


def measure_sentence(measures: Sequence[Measure]) -> str:
    """`PEG 5.3 (0-10, lower is better) on 2026-12-01. RMDQ 12 of 24 ...`"""
    parts = []
    for measure in measures:
        instrument = INSTRUMENTS[measure.measure]
        day = measure.when[:10]
        name = measure.measure.upper()
        score = measure.score
        if score is None or score.value is None:
            answered = f"{score.answered} of {score.items}" if score is not None else "some"
            parts.append(f"{name} on {day}: {answered} items answered, so not scored.")
            continue
        if measure.measure == "rmdq":
            scale = "of 24, lower is better"
        else:
            scale = f"0-10, {instrument.better} is better"
        parts.append(f"{name} {_number(score.value)} ({scale}) on {day}.")
    return " ".join(parts)


def check_sentence(saved: SavedCheck, names: Mapping[str, str]) -> str:
    """`Self-check on 2026-12-05: See a doctor today. Yes: ... Not sure: ...`: the newest saved
    check's verdict and what it reported, each question by `names` (its short form in the
    knowledge base) or, for one the knowledge base no longer has, its words as asked."""
    verdict = VERDICTS[saved.verdict].title if saved.verdict in VERDICTS else saved.verdict
    text = ended(f"Self-check on {saved.when[:10]}: {verdict}")
    reported = saved.reported()
    if not reported:
        return f"{text} Nothing was reported."
    for answer, label in ((YES, "Yes"), (UNSURE, "Not sure")):
        given = [names.get(a.question, a.asked) for a in reported if a.answer == answer]
        if given:
            text += " " + ended(f"{label}: {'; '.join(given)}")
    return text


def answers(facts: JournalFacts, today: date) -> dict[str, str]:
    """What the journal fills in, by JOURNAL_FILLS key: only the parts it has."""
    filled: dict[str, str] = {}
    if facts.episode_start:
        filled["episode-start"] = episode_sentence(facts.episode_start, today)
    if facts.recent is not None:
        filled["pain"] = pain_sentence(facts.recent)
    if facts.check:
        filled["check"] = facts.check
    if facts.notes:
        filled["notes"] = notes_sentence(facts.notes)
    if facts.measures:
        filled["measures"] = measure_sentence(facts.measures)
    return filled
