"""The report's function part: PEG, RMDQ and PSFS first form against last with each one's
meaningful change and what it rests on (clinical-facts.md section 11), leg and back pain apart
in IMMPACT's words (section 8), and the self-checks saved in the period."""

from __future__ import annotations

from typing import Any

from sciaticli.immpact import (
    FLOOR_POINTS,
    LOW,
    MODERATE_PERCENT,
)
from sciaticli.journal.checks import SavedCheck
from sciaticli.journal.measures import MeasureSummary
from sciaticli.pages.report_text import day_count, entry_count, fixed, signed, signed_digits
from sciaticli.render.document import Block, Heading, Table
from sciaticli.report import (
    Change,
    Figures,
    Week,
)

IMMPACT_SOURCES = ("dworkin-2008", "farrar-2001")


# What each instrument, and its meaningful change, rests on (fact sheet section 11, R57-R59).
INSTRUMENT_SOURCES = {
    "peg": ("krebs-2009",),
    "rmdq": ("roland-morris-1983", "roland-fairbank-2000"),
    "psfs": ("stratford-1995",),
}


# Each instrument by its short name, with its range and which way is better.
INSTRUMENT_LABELS = {
    "peg": "PEG 0-10, lower better",
    "rmdq": "RMDQ 0-24, lower better",
    "psfs": "PSFS 0-10, higher better",
}


SIDE_THRESHOLD = (
    f"a fall of {MODERATE_PERCENT:.0f}% or more, at least {FLOOR_POINTS:.0f} point "
    f"[{', '.join(IMMPACT_SOURCES)}]"
)


COLUMNS = ("Measure", "First", "Last", "Change", "Meaningful change", "Rests on")


def first_against_last(
    figures: Figures, summaries: tuple[MeasureSummary, ...], *, sides: bool
) -> list[Block]:
    """One table: PEG, RMDQ and PSFS, first scored form against the last, with each one's
    meaningful change and its sources; then (with `sides`) leg and back pain apart, first week
    with it against the last, in IMMPACT's words as the weekly pain; and what each rests on."""
    rows = [_measure_row(summary) for summary in summaries]
    if sides:
        rows += _side_rows(figures)
    if not rows:
        return []
    what = ["Function"] * bool(summaries) + ["leg and back pain"] * (len(rows) > len(summaries))
    title = f"{', '.join(what)}: first against last".capitalize()
    # On a narrow terminal the thresholds and what each rests on may go (the printed page and
    # the other formats keep them) so that each row stays short enough to read.
    optional = ("Rests on", "Meaningful change")
    return [Heading(title, 2), Table(COLUMNS, tuple(rows), grid=True, optional=optional)]


def _measure_row(summary: MeasureSummary) -> tuple[str, ...]:
    instrument = summary.instrument
    digits = 0 if instrument.id == "rmdq" else 1

    def form(measure: Any) -> str:
        return "-" if measure is None else fixed(measure.score.value, digits)

    change = summary.change
    if change is None:
        shown = "one scored form: no change to measure" if summary.scored == 1 else "-"
        if summary.scored == 0:
            shown = "no complete form"
    else:
        shown = f"{signed_digits(change.points, digits)} points"
        if change.percent is not None and instrument.percent is not None:
            shown += f", {abs(change.percent):.0%} {'less' if change.points < 0 else 'more'}"
        shown += f": {change.verdict}"
        if summary.activities_changed:
            shown += " (the activities changed between them)"
    sources = ", ".join(INSTRUMENT_SOURCES[instrument.id])
    forms = f"{summary.forms} form{'s' * (summary.forms != 1)}"
    if summary.first is not None and summary.last is not None:
        first, last = summary.first.when[:10], summary.last.when[:10]
        forms += f", {first} to {last}" if first != last else f", {first}"
    if summary.forms != summary.scored:
        forms += f" ({summary.forms - summary.scored} with an item left out, not scored)"
    return (INSTRUMENT_LABELS[instrument.id], form(summary.first), form(summary.last), shown,
            f"{threshold(summary)} [{sources}]", forms)  # fmt: skip


def saved_checks(checks: tuple[SavedCheck, ...]) -> list[Block]:
    """Each self-check saved in the period (`check --save`): its day, its verdict, and what was
    answered yes or not sure, in the words asked."""
    if not checks:
        return []
    from sciaticli.safety import VERDICTS

    rows = []
    for check in checks:
        verdict = VERDICTS[check.verdict].title if check.verdict in VERDICTS else check.verdict
        reported = check.reported()
        answers = (
            "; ".join(f"{answer.answer}: {answer.asked}" for answer in reported)
            if reported
            else f"no to all {len(check.answers)} questions asked"
        )
        rows.append((check.when[:10], verdict, answers))
    return [
        Heading("Self-checks saved", 2),
        Table(("Day", "Verdict", "Answered yes or not sure"), tuple(rows), grid=True),
    ]


def threshold(summary: MeasureSummary) -> str:
    """`about 30%, at least 3 points`; `about 2 points`: the change, better or worse,
    that is meaningful (journal.measures.change)."""
    instrument = summary.instrument
    points = f"{instrument.points:g} point{'s' * (instrument.points != 1)}"
    if instrument.percent is None:
        return f"about {points}"
    return f"about {instrument.percent:.0%}, at least {points}"


def _side_rows(figures: Figures) -> list[tuple[str, ...]]:
    """Leg pain and back pain, each first week with it against the last, where recorded."""
    rows: list[tuple[str, ...]] = []
    for label, change, count in (
        ("Leg pain 0-10", figures.leg_change, sum(w.leg_count for w in figures.weeks)),
        ("Back pain 0-10", figures.back_change, sum(w.back_count for w in figures.weeks)),
    ):
        if change is not None:
            rows.append((label, _value(change.first), _value(change.last),
                         _side_change(change), SIDE_THRESHOLD, _weeks_of(change)))  # fmt: skip
        elif count:
            rows.append((label, "-", "-", "all in one week: no change to measure", "-",
                         entry_count(count)))  # fmt: skip
    return rows


def _value(week: Week) -> str:
    assert week.average_before is not None
    return fixed(week.average_before)


def _weeks_of(change: Change) -> str:
    """`weeks of 2024-03-04 (2 entries) and 2024-03-11 (1 entry, partial: 3 days)`."""
    first, last = (
        f"{week.start} ({entry_count(week.entries)}"
        + (f", partial: {day_count(week.days)})" if week.partial else ")")
        for week in (change.first, change.last)
    )
    return f"weeks of {first} and {last}"


def _side_change(change: Change) -> str:
    """`-3.0 points, 43% less: a worthwhile, moderate improvement`, in IMMPACT's words as for
    the weekly pain; a rise of 1 point or more is said as a rise."""
    size = f"{signed(change.points)} points"
    if change.percent is not None and change.wording != LOW:
        size += f", {abs(change.percent):.0f}% {'less' if change.points < 0 else 'more'}"
    return f"{size}: {change.wording or 'a rise'}"
