"""The function measures the journal records (fact sheet §11), and how each is scored.

PEG (Krebs et al. 2009): 3 items, each 0-10; the score is their mean. Roland-Morris Disability
Questionnaire (RMDQ; Roland & Morris 1983): 24 yes/no statements; the score is the number of
yes, 0-24. Patient-Specific Functional Scale (PSFS; Stratford et al. 1995): 3-5 activities the
person names, each 0 (unable) to 10 (as before); the score is their mean.

An item left out is None. It is never read as a "no" or a 0: a form with an item left out has
no score (`Score.value` is None) and says how many items were answered. Pure functions: no
journal, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple


class Instrument(NamedTuple):
    id: str
    name: str
    items: tuple[int, int]  # the fewest and the most items a form has
    scale: str  # what one answer is
    better: str  # "lower" or "higher": which way a score improves
    percent: float | None  # the share of the first score a meaningful change needs
    points: float  # the least change in points that can be meaningful
    threshold: str  # the meaningful change, in words, with what it rests on
    attribution: str
    every_days: int  # how often it is due


PEG = Instrument(
    "peg",
    "PEG (pain, enjoyment of life, general activity)",
    (3, 3),
    "0-10",
    "lower",
    0.30,
    1,
    "a fall of about 30% is a meaningful improvement (Krebs 2009); at least 1 point, as for "
    "any 0-10 pain scale (IMMPACT)",
    "Krebs et al., Development and initial validation of the PEG, J Gen Intern Med "
    "2009;24(6):733-8, doi:10.1007/s11606-009-0981-1",
    7,
)
RMDQ = Instrument(
    "rmdq",
    "Roland-Morris Disability Questionnaire (RMDQ)",
    (24, 24),
    "yes or no",
    "lower",
    0.30,
    # "2-3 points at the least": the upper end, so that a change called meaningful is one by
    # either reading.
    3,
    "a fall of about 30% (consensus), and 3 points at the least, is a meaningful improvement",
    "Roland & Morris, Spine 1983;8:141-4; Roland & Fairbank, The Roland-Morris Disability "
    "Questionnaire and the Oswestry Disability Questionnaire, Spine 2000;25:3115-24 (the "
    "authors state the form may be used without permission)",
    14,
)
PSFS = Instrument(
    "psfs",
    "Patient-Specific Functional Scale (PSFS)",
    (3, 5),
    "0 (unable) to 10 (as before)",
    "higher",
    None,
    2,
    "a change of about 2 points is beyond measurement error",
    "Stratford et al., Assessing disability and change on individual patients: a report of a "
    "patient specific measure, Physiother Can 1995;47:258-63",
    14,
)
INSTRUMENTS = {instrument.id: instrument for instrument in (PEG, RMDQ, PSFS)}


class Score(NamedTuple):
    value: float | None  # None when an item was left out: an incomplete form is not scored
    answered: int
    items: int

    @property
    def complete(self) -> bool:
        return self.answered == self.items


def score_peg(answers: Sequence[int | None]) -> Score:
    """The mean of the 3 items (each 0-10); None if one was left out."""
    _count(PEG, answers)
    given = [_rating(answer) for answer in answers if answer is not None]
    value = sum(given) / len(given) if len(given) == len(answers) else None
    return Score(value, len(given), len(answers))


def score_rmdq(answers: Sequence[bool | None]) -> Score:
    """The number of yes among the 24 statements (0-24); None if one was left out (a statement
    left out is not a "no")."""
    _count(RMDQ, answers)
    for answer in answers:
        if answer is not None and not isinstance(answer, bool):
            raise ValueError(f"{answer!r} is not yes or no")
    given = [answer for answer in answers if answer is not None]
    value = float(sum(given)) if len(given) == len(answers) else None
    return Score(value, len(given), len(answers))


def score_psfs(ratings: Sequence[int | None]) -> Score:
    """The mean of the 3-5 activities' ratings (each 0-10); None if one was left out."""
    _count(PSFS, ratings)
    given = [_rating(rating) for rating in ratings if rating is not None]
    value = sum(given) / len(given) if len(given) == len(ratings) else None
    return Score(value, len(given), len(ratings))


def score(measure: str, answers: Sequence[int | bool | None]) -> Score:
    """The score of `measure`'s answers (KeyError for a measure sciaticli does not know)."""
    if measure == "rmdq":
        return score_rmdq(
            [a if a is None or isinstance(a, bool) else _not_yes_no(a) for a in answers]
        )
    return {"peg": score_peg, "psfs": score_psfs}[measure](
        [a if a is None or not isinstance(a, bool) else _rating(a) for a in answers]
    )


def _not_yes_no(value: object) -> bool:
    raise ValueError(f"{value!r} is not yes or no")


class Change(NamedTuple):
    first: float
    last: float
    points: float  # last minus first
    percent: float | None  # the change as a share of the first score; None from 0
    verdict: str


IMPROVED = "a meaningful improvement"
WORSE = "a meaningful worsening"
NO_CLEAR_CHANGE = "no meaningful change"


def change(instrument: Instrument, first: float, last: float) -> Change:
    """First against last, and whether the change reaches the instrument's meaningful-change
    threshold, in either direction."""
    points = last - first
    percent = points / first if first else None
    better_by = -points if instrument.better == "lower" else points
    verdict = NO_CLEAR_CHANGE
    if abs(better_by) >= instrument.points and (
        instrument.percent is None
        or percent is None  # from 0 (lower is better), only a rise is possible
        or abs(percent) >= instrument.percent
    ):
        verdict = IMPROVED if better_by > 0 else WORSE
    return Change(first, last, points, percent, verdict)


def _count(instrument: Instrument, answers: Sequence[object]) -> None:
    fewest, most = instrument.items
    if not fewest <= len(answers) <= most:
        wanted = str(fewest) if fewest == most else f"{fewest} to {most}"
        raise ValueError(f"the {instrument.id.upper()} has {wanted} items, not {len(answers)}")


def _rating(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{value!r} is not a whole number from 0 to 10")
    return value


def draft_name(measure: str) -> str:
    """The setting that keeps a form stopped part way (the RMDQ's answers so far): never a
    measure, and removed when the form is saved."""
    return f"{measure}_draft"


class NewMeasure(NamedTuple):
    when: str
    measure: str  # an id of INSTRUMENTS
    answers: Sequence[int | bool | None]
    activities: Sequence[str] | None = None  # the PSFS activities, in the answers' order


class Measure(NamedTuple):
    """One recorded measure, scored as read; `problems` when its row was edited by hand into
    something that is not a form (it is then not scored)."""

    id: int
    when: str
    measure: str
    answers: tuple[int | bool | None, ...]
    activities: tuple[str, ...] | None
    score: Score | None
    problems: str | None = None


def measure_from_row(row: Sequence[Any]) -> Measure:
    import json

    measure_id, when, measure, answers_text, activities_text = row
    try:
        answers = tuple(json.loads(answers_text))
        activities = None if activities_text is None else tuple(json.loads(activities_text))
        if measure == "rmdq" and not all(a is None or isinstance(a, bool) for a in answers):
            raise ValueError("an RMDQ answer is not yes or no")
        scored = score(measure, answers)
    except (TypeError, ValueError, KeyError) as error:
        return Measure(int(measure_id), str(when), str(measure), (), None, None, str(error))
    return Measure(int(measure_id), str(when), str(measure), answers, activities, scored)


class MeasureSummary(NamedTuple):
    """One function measure over the period: its first and last scored forms, and what the
    comparison rests on."""

    instrument: Instrument
    forms: int  # recorded in the period
    scored: int  # of them, complete forms (one with an item left out has no score)
    first: Measure | None  # the first scored form; None when none is scored
    last: Measure | None  # the last scored form
    change: Change | None  # with two scored forms or more

    @property
    def activities_changed(self) -> bool:
        """PSFS: whether the activities rated first and last differ (their means then rate
        different things)."""
        return (
            self.first is not None
            and self.last is not None
            and self.first.activities != self.last.activities
        )


def measure_summaries(
    recorded: Iterable[Measure], start: str, end: str
) -> tuple[MeasureSummary, ...]:
    """For each instrument with a form from `start` to `end` (days, both included), in the
    order PEG, RMDQ, PSFS: its first scored form against its last (oldest first in
    `recorded`), and the instrument's meaningful change (journal.measures.change)."""
    by_measure: dict[str, list[Measure]] = {}
    for measure in recorded:
        if start <= measure.when[:10] <= end:
            by_measure.setdefault(measure.measure, []).append(measure)
    summaries = []
    for key, instrument in INSTRUMENTS.items():
        forms = by_measure.get(key, [])
        if not forms:
            continue
        scored = [form for form in forms if form.score is not None and form.score.value is not None]
        first, last = (scored[0], scored[-1]) if scored else (None, None)
        difference = None
        if len(scored) >= 2:
            assert first is not None and last is not None
            assert first.score is not None and last.score is not None
            assert first.score.value is not None and last.score.value is not None
            difference = change(instrument, first.score.value, last.score.value)
        summaries.append(
            MeasureSummary(instrument, len(forms), len(scored), first, last, difference)
        )
    return tuple(summaries)
