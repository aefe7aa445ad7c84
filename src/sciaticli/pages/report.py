"""`sciaticli report`: one page for a clinician, in the order a clinician reads it.

The period, when the episode began, and the entries; pain before sessions, first week against
last, in IMMPACT's words (clinical-facts.md section 8); function (PEG, RMDQ, PSFS) first form
against last with each one's meaningful change (section 11) and what it rests on; leg and back
pain apart where recorded; the worst and best days, days with pain 8 or more, the typical change
within a session; what was used and how often, routine against the rest where there are enough
sessions, with its caveat; week by week (calendar weeks from Monday, a partial one marked) with
the chart; the notes that matter, then the newest others; the references the page cites; and
where the page came from. Never "cured", never a cause: one line says a diary cannot show one.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from sciaticli.journal.checks import SavedCheck
from sciaticli.model import KnowledgeBase
from sciaticli.pages.pain_rise import RISE_POINTS
from sciaticli.render.document import Block, Chart, Fields, Heading, Items, Page, Paragraph, Table
from sciaticli.report import (
    FLOOR_POINTS,
    LARGE_PERCENT,
    LOW,
    MIN_EACH_SIDE,
    MIN_ENTRIES,
    MIN_IN_WEEK,
    MODERATE_PERCENT,
    NO_CLEAR,
    SEVERE,
    SMALL_PERCENT,
    Change,
    Day,
    Figures,
    MeasureSummary,
    Note,
    Week,
    grouped,
)

TITLE = "Pain journal report"
CAUSE = (
    "A diary shows what happened, not why: it cannot show that massage or a routine caused a "
    "change. Sciatica usually gets better within 4 to 6 weeks, though it can last longer "
    "[nhs-sciatica]."
)
NOT_A_TRIAL = (
    f"The average changes compare your own sessions with each other (shown with at least "
    f"{MIN_EACH_SIDE} sessions with and {MIN_EACH_SIDE} without). This is not a trial: other "
    "things changed too, so a difference may not be due to the routine."
)
SCALE = (
    "0 (no pain) to 10 (the worst imaginable); weekly pain is the average of the pain before "
    "each session and of each rating on its own; pain straight after a session is a separate "
    "measure; a change is after minus before"
)
IMMPACT = (
    f"IMMPACT: a fall of {MODERATE_PERCENT:.0f}% or more is a worthwhile, moderate improvement, "
    f"{LARGE_PERCENT:.0f}% or more a large one; under {SMALL_PERCENT:.0f}%, or under "
    f"{FLOOR_POINTS:.0f} point, is no clear change"
)
AFTER = "Pain straight after each session"
CAUSE_SOURCES = ("nhs-sciatica",)
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
NOTES_SHOWN = 4  # other notes: the newest few
NOTE_LENGTH = 90
_LINE_BREAKS = re.compile(r"\s+")


def _number(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def _signed(value: float) -> str:
    text = f"{value:+.1f}"
    return "0.0" if float(text) == 0 else text


def _entries(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def change_sentence(change: Change) -> str:
    """`Down from 6.5 in the first week with entries (from 2024-10-23, 4 entries) to 4.0 in the
    last (from 2024-11-27, 3 entries): 2.5 points, 38% less. That is a worthwhile, moderate
    improvement.`"""
    first, last = change.first, change.last
    assert first.average_before is not None and last.average_before is not None
    span = (
        f"{_number(first.average_before)} in the first week with entries (from "
        f"{first.start}, {_entries(first.entries)}{_cut(first)}) to "
        f"{_number(last.average_before)} in the last (from {last.start}, "
        f"{_entries(last.entries)}{_cut(last)})"
    )
    if change.wording == LOW:
        return f"From {span}: {LOW}."
    size = f"{_number(abs(change.points))} points"
    if change.percent is not None:
        size += f", {abs(change.percent):.0f}%"
    shown = round(change.points, 1)
    if shown == 0:
        return f"No change from {span}."
    if change.wording == NO_CLEAR:
        return f"From {span}: {size} {'more' if shown > 0 else 'less'}. That is {NO_CLEAR}."
    if change.wording:
        return f"Down from {span}: {size} less. That is {change.wording}."
    return (
        f"Up from {span}: {size} more. If your pain is getting worse, see your doctor or "
        "physiotherapist."
    )


def _cut(week: Week) -> str:
    """`, a partial week: 4 days` for a week the period cuts short; "" for a whole one."""
    if not week.partial:
        return ""
    return f", a partial week: {_days(week.days)}"


def _few(change: Change) -> str:
    """A warning when the first or the last week has fewer than MIN_IN_WEEK entries."""
    weeks = [
        f"{_entries(week.entries)} in the {which} week"
        for which, week in (("first", change.first), ("last", change.last))
        if week.entries < MIN_IN_WEEK
    ]
    if not weeks:
        return ""
    return (
        f" Only {' and '.join(weeks)}: with fewer than {MIN_IN_WEEK} entries a week's average "
        "can mislead, so take this change with caution."
    )


def _entry_kinds(figures: Figures) -> str:
    """`32`, or `32: 28 sessions (2 stopped early), 4 ratings without a session`."""
    ratings = figures.entries - figures.sessions
    if not figures.entries or (not ratings and not figures.partial):
        return str(figures.entries)
    sessions = "1 session" if figures.sessions == 1 else f"{figures.sessions} sessions"
    if figures.partial:
        sessions += f" ({figures.partial} stopped early)"
    if not ratings:
        return f"{figures.entries}: {sessions}"
    alone = "1 rating" if ratings == 1 else f"{ratings} ratings"
    return f"{figures.entries}: {sessions}, {alone} without a session"


def _thin(figures: Figures) -> str:
    if not figures.entries:
        return (
            f"No journal entries from {figures.start} to {figures.end}. After a routine or "
            "massage: sciaticli log --pain-before 6 --pain-after 4 (or home-routine --guided); "
            "an earlier start: --since YYYY-MM-DD or --weeks N."
        )
    return (
        f"Only {_entries(figures.entries)} from {figures.start} to {figures.end}: too few for "
        f"averages (at least {MIN_ENTRIES} are needed). They are listed by sciaticli history; "
        "a longer period: --since YYYY-MM-DD or --weeks N."
    )


class Context(NamedTuple):
    """What the report shows beside the entries: when the episode began, the function
    measures over the period."""

    episode_start: str | None = None
    measures: tuple[MeasureSummary, ...] = ()
    checks: tuple[SavedCheck, ...] = ()  # the self-checks saved in the period, oldest first


NO_CONTEXT = Context()


def report_page(
    figures: Figures,
    kb: KnowledgeBase,
    *,
    made: str,
    version: str,
    name: str | None,
    context: Context = NO_CONTEXT,
) -> Page:
    data = report_json(figures, kb, made=made, version=version, name=name, context=context)
    rows = [("Name", name)] if name else []
    rows += [
        ("Period", f"{figures.start} to {figures.end} ({_weeks(figures.weeks)})"),
        ("Episode began", _episode(context.episode_start, made)),
        ("Entries", _entry_kinds(figures)),
    ]
    if figures.entries < MIN_ENTRIES:
        blocks: list[Block] = [Heading(TITLE), Fields(tuple(rows)), Paragraph(_thin(figures))]
        blocks += _first_against_last(figures, context.measures, sides=False)
        blocks += _checks(context.checks)
    else:
        rows.append(("Pain scale", SCALE))
        blocks = [Heading(TITLE), Fields(tuple(rows)), *_full(figures, context)]
    blocks += _references(kb, cited(figures, context))
    blocks.append(Paragraph(f"Made on {made} by sciaticli {version}, knowledge base {kb.version}."))
    # Page 1 is read in a minute: printed compact, so that it keeps to one sheet.
    return Page(tuple(blocks), data, compact=True)


def _weeks(weeks: tuple[Week, ...]) -> str:
    """`6 calendar weeks from Monday; the last is partial: 4 days`."""
    count = f"{len(weeks)} calendar week{'s' * (len(weeks) != 1)} from Monday"
    if len(weeks) == 1:
        return count + (f"; a partial week: {_days(weeks[0].days)}" if weeks[0].partial else "")
    cut = [
        f"the {which} is partial: {_days(week.days)}"
        for which, week in (("first", weeks[0]), ("last", weeks[-1]))
        if week.partial
    ]
    return count + (f"; {' and '.join(cut)}" if cut else "")


def _days(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


def _episode(start: str | None, made: str) -> str:
    """`2024-01-10, 9 weeks before this report`; `not recorded`."""
    if start is None:
        return "not recorded"
    from datetime import date

    try:
        days = (date.fromisoformat(made) - date.fromisoformat(start)).days
    except ValueError:
        return start
    if days < 0:
        return start
    if days < 14:
        return f"{start}, {days} day{'s' * (days != 1)} before this report"
    return f"{start}, {days // 7} weeks before this report"


def cited(figures: Figures, context: Context) -> tuple[str, ...]:
    """The source keys the page cites, in the order it cites them."""
    keys: list[str] = []
    if figures.entries >= MIN_ENTRIES:
        if figures.change is not None or figures.leg_change or figures.back_change:
            keys += IMMPACT_SOURCES
        keys += CAUSE_SOURCES
    for summary in context.measures:
        keys += INSTRUMENT_SOURCES[summary.instrument.id]
    return tuple(dict.fromkeys(keys))


def _references(kb: KnowledgeBase, keys: tuple[str, ...]) -> list[Block]:
    """The full reference of each source the page cites, by its key."""
    if not keys:
        return []
    items = tuple(
        f"{key}: {kb.sources[key].citation() if key in kb.sources else 'not in the knowledge base'}"
        for key in keys
    )
    return [Heading("References", 2), Items(items)]


def _full(figures: Figures, context: Context) -> list[Block]:
    blocks: list[Block] = [Heading("Pain: first week against last", 2)]
    if figures.change is None:
        blocks.append(
            Paragraph(
                "All entries fall in one week, so there is no change over time to measure yet."
            )
        )
    else:
        blocks.append(
            Paragraph(
                f"{change_sentence(figures.change)}{_few(figures.change)} ({IMMPACT} "
                f"[{', '.join(IMMPACT_SOURCES)}].)"
            )
        )
    blocks.append(Paragraph(CAUSE))
    blocks += _first_against_last(figures, context.measures, sides=True)
    blocks += _checks(context.checks)
    blocks += [
        Heading("Days and sessions", 2),
        Fields((*_day_rows(figures), *_session_rows(figures))),
        Heading("What was used", 2),
        _uses(figures),
    ]
    if figures.comparisons:
        blocks.append(Paragraph(NOT_A_TRIAL))
    rows, size = grouped(figures.weeks)
    blocks += [
        Heading("Week by week" if size == 1 else f"{size} weeks at a time", 2),
        _week_table(rows, size),
        _chart(rows, size),
    ]
    return blocks + _notes(figures)


def _first_against_last(
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
        return "-" if measure is None else _number(measure.score.value, digits)

    change = summary.change
    if change is None:
        shown = "one scored form: no change to measure" if summary.scored == 1 else "-"
        if summary.scored == 0:
            shown = "no complete form"
    else:
        shown = f"{_signed_digits(change.points, digits)} points"
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
            f"{_threshold(summary)} [{sources}]", forms)  # fmt: skip


def _checks(checks: tuple[SavedCheck, ...]) -> list[Block]:
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


def _threshold(summary: MeasureSummary) -> str:
    """`about 30%, at least 3 points`; `about 2 points`: the change, better or worse,
    that is meaningful (journal.measures.change)."""
    instrument = summary.instrument
    points = f"{instrument.points:g} point{'s' * (instrument.points != 1)}"
    if instrument.percent is None:
        return f"about {points}"
    return f"about {instrument.percent:.0%}, at least {points}"


def _signed_digits(value: float, digits: int) -> str:
    text = f"{value:+.{digits}f}"
    return text.lstrip("+") if float(text) == 0 else text


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
                         _entries(count)))  # fmt: skip
    return rows


def _value(week: Week) -> str:
    assert week.average_before is not None
    return _number(week.average_before)


def _weeks_of(change: Change) -> str:
    """`weeks of 2024-03-04 (2 entries) and 2024-03-11 (1 entry, partial: 3 days)`."""
    first, last = (
        f"{week.start} ({_entries(week.entries)}"
        + (f", partial: {_days(week.days)})" if week.partial else ")")
        for week in (change.first, change.last)
    )
    return f"weeks of {first} and {last}"


def _side_change(change: Change) -> str:
    """`-3.0 points, 43% less: a worthwhile, moderate improvement`, in IMMPACT's words as for
    the weekly pain; a rise of 1 point or more is said as a rise."""
    size = f"{_signed(change.points)} points"
    if change.percent is not None and change.wording != LOW:
        size += f", {abs(change.percent):.0f}% {'less' if change.points < 0 else 'more'}"
    return f"{size}: {change.wording or 'a rise'}"


def _day_rows(figures: Figures) -> tuple[tuple[str, str], ...]:
    rows: list[tuple[str, str]] = []
    if figures.worst_day is not None and figures.best_day is not None:
        rows += [
            ("Worst day (highest average pain)", _day(figures.worst_day)),
            ("Best day (lowest average pain)", _day(figures.best_day)),
        ]
    rows.append(("Days with pain 8 or more", _severe(figures)))
    rows.append(
        (
            "Sessions per week",
            f"{figures.sessions_per_week:.1f} (ratings alone left out; from the first entry to "
            "the last, as in sciaticli history)",
        )
    )
    return tuple(rows)


def _day(day: Day) -> str:
    """`2024-03-05, pain 8.5 (2 entries)`: the day's average of the pain before each session
    and of each rating alone, the measure the weekly pain averages."""
    return f"{day.day}, pain {_number(day.average)} ({_entries(day.entries)})"


def _week_table(weeks: tuple[Week, ...], size: int) -> Table:
    columns = ["Week from" if size == 1 else "Weeks from", "Entries", "Weekly pain", AFTER]
    legs = any(week.leg_count for week in weeks)
    backs = any(week.back_count for week in weeks)
    columns += ["Leg pain"] * legs + ["Back pain"] * backs
    return Table(tuple(columns), _week_rows(weeks, legs=legs, backs=backs), grid=True)


def _notes(figures: Figures) -> list[Block]:
    """Every note that matters (and why), then the newest few others, each shortened."""
    blocks: list[Block] = []
    matter = figures.notes_that_matter
    if matter:
        blocks += [
            Heading("Notes that matter", 2),
            Table(("Day", "Why", "Note"), tuple(
                (note.day, "; ".join(note.why), _short(note.note)) for note in matter
            ), grid=True),
        ]  # fmt: skip
    others = figures.other_notes
    if others:
        shown = min(NOTES_SHOWN, len(others))
        title = "Other notes" if matter else "Notes"
        if shown < len(others):
            title += f" (the newest {shown} of {len(others)}, shortened)"
        blocks += [
            Heading(title, 2),
            Table(("Day", "Note"), _note_rows(others[-NOTES_SHOWN:]), grid=True),
        ]
    return blocks


def _uses(figures: Figures) -> Table:
    """Sessions per routine or technique; beside it, where there are at least MIN_EACH_SIDE
    sessions with it and as many without, the average change within each."""
    compared = {c.name: c for c in figures.comparisons}
    columns: tuple[str, ...] = ("Routine or technique", "Sessions")
    if compared:
        columns += ("Average change", "Other sessions' average change")
    rows = []
    for name, count in figures.uses:
        row: tuple[str, ...] = (name, str(count))
        if compared:
            c = compared.get(name)
            row += (
                (_signed(c.change), f"{_signed(c.others_change)} ({c.others} sessions)")
                if c is not None
                else ("-", "-")
            )
        rows.append(row)
    return Table(columns, tuple(rows), grid=True)


def _chart(weeks: tuple[Week, ...], size: int) -> Chart:
    """Averages a week (or `size` weeks) a column, on a time axis (one without entries is a
    gap); pain after too when some column has it."""
    series = [("weekly pain", tuple(week.average_before for week in weeks))]
    if any(week.average_after is not None for week in weeks):
        series.append((AFTER.lower(), tuple(week.average_after for week in weeks)))
    span = "week" if size == 1 else f"{size} weeks"
    return Chart(
        f"Average pain per {span}",
        tuple(week.start for week in weeks),
        tuple(series),
        counts=tuple(week.entries for week in weeks),
        scale=f"Pain, 0 (none) to 10 (the worst imaginable); one column a {span}, by its first "
        "day; pain straight after each session is a separate measure from the weekly pain",
        unit="week" if size == 1 else f"{size}-week period",
    )


def _session_rows(figures: Figures) -> tuple[tuple[str, str], ...]:
    label = "Typical change within a session"
    if figures.typical_change is None:
        return ((label, "none measured: no session has a pain-after value"),)
    text = (
        f"{_signed(figures.typical_change)} (the median of {figures.session_changes} sessions "
        f"with pain before and after; pain fell in {figures.fell})"
    )
    if figures.missing_after:
        text += f"; {_entries(figures.missing_after)} without a pain-after value"
    return ((label, text), (f"Pain rose by {RISE_POINTS} or more in a session", _rose(figures)))


def _rose(figures: Figures) -> str:
    """`none`, or `2 sessions (2024-03-02, 2024-03-05)`."""
    days = figures.rose_days
    if not days:
        return "none"
    shown = ", ".join(days[:8]) + (" ..." if len(days) > 8 else "")
    return f"{'1 session' if len(days) == 1 else f'{len(days)} sessions'} ({shown})"


def _week_rows(
    weeks: tuple[Week, ...], *, legs: bool = False, backs: bool = False
) -> tuple[tuple[str, ...], ...]:
    def shown(value: float | None) -> str:
        return "-" if value is None else _number(value)

    return tuple(
        (
            f"{week.start} (partial: {_days(week.days)})" if week.partial else week.start,
            str(week.entries),
            shown(week.average_before),
            shown(week.average_after),
            *([shown(week.average_leg)] * legs),
            *([shown(week.average_back)] * backs),
        )
        for week in weeks
    )


def _severe(figures: Figures) -> str:
    if not figures.severe_days:
        return "none"
    days = ", ".join(figures.severe_days[:8]) + (" ..." if len(figures.severe_days) > 8 else "")
    text = f"{len(figures.severe_days)} ({days})"
    if figures.severe_starts:
        text += (
            f"; {figures.severe_starts} session(s) started at pain {SEVERE} or more, when the "
            "routines say to wait"
        )
    return text


def _short(note: str) -> str:
    text = _LINE_BREAKS.sub(" ", note).strip()
    if len(text) > NOTE_LENGTH:
        text = text[: NOTE_LENGTH - 1].rstrip() + "…"
    return text


def _note_rows(notes: tuple[Note, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((note.day, _short(note.note)) for note in notes)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _week_json(week: Week) -> dict[str, Any]:
    return {
        "start": week.start,
        "end": week.end,
        "days": week.days,
        "partial": week.partial,
        "entries": week.entries,
        "average_before": _rounded(week.average_before),
        "average_after": _rounded(week.average_after),
        "average_leg": _rounded(week.average_leg),
        "leg_entries": week.leg_count,
        "average_back": _rounded(week.average_back),
        "back_entries": week.back_count,
    }


def _change_json(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "first_week": change.first.start,
        "last_week": change.last.start,
        "points": round(change.points, 2),
        "percent": None if change.percent is None else round(change.percent, 1),
        "wording": change.wording or None,
        "first_week_entries": change.first.entries,
        "last_week_entries": change.last.entries,
        "few_entries": change.few_entries,
    }


def _measure_json(summary: MeasureSummary) -> dict[str, Any]:
    def form(measure: Any) -> dict[str, Any] | None:
        if measure is None:
            return None
        return {"when": measure.when, "score": measure.score.value}

    change = summary.change
    return {
        "measure": summary.instrument.id,
        "forms": summary.forms,
        "scored": summary.scored,
        "first": form(summary.first),
        "last": form(summary.last),
        "points": None if change is None else round(change.points, 2),
        "percent": None
        if change is None or change.percent is None
        else round(100 * change.percent, 1),
        "verdict": None if change is None else change.verdict,
        "activities_changed": summary.activities_changed,
        "threshold": _threshold(summary),
        "sources": list(INSTRUMENT_SOURCES[summary.instrument.id]),
    }


def _day_json(day: Day | None) -> dict[str, Any] | None:
    if day is None:
        return None
    return {"day": day.day, "average": round(day.average, 2), "entries": day.entries}


def report_json(
    figures: Figures,
    kb: KnowledgeBase,
    *,
    made: str,
    version: str,
    name: str | None,
    context: Context = NO_CONTEXT,
) -> dict[str, Any]:
    """Documented shape (docs/guide.md, "sciaticli report")."""
    return {
        "name": name,
        "made": made,
        "sciaticli": version,
        "knowledge_base": kb.version,
        "start": figures.start,
        "end": figures.end,
        "episode_start": context.episode_start,
        "entries": figures.entries,
        "sessions": figures.sessions,
        "sessions_stopped_early": figures.partial,
        "enough": figures.entries >= MIN_ENTRIES,
        "weeks": [_week_json(week) for week in figures.weeks],
        "change": _change_json(figures.change),
        "measures": [_measure_json(summary) for summary in context.measures],
        "checks": [
            {
                "when": check.when,
                "verdict": check.verdict,
                "questions": len(check.answers),
                "reported": [answer._asdict() for answer in check.reported()],
            }
            for check in context.checks
        ],
        "leg_change": _change_json(figures.leg_change),
        "back_change": _change_json(figures.back_change),
        "worst_day": _day_json(figures.worst_day),
        "best_day": _day_json(figures.best_day),
        "typical_change": figures.typical_change,
        "sessions_with_change": figures.session_changes,
        "sessions_pain_fell": figures.fell,
        "sessions_pain_rose": len(figures.rose_days),
        "days_pain_rose": list(figures.rose_days),
        "missing_pain_after": figures.missing_after,
        "uses": [{"name": name, "sessions": count} for name, count in figures.uses],
        "sessions_per_week": round(figures.sessions_per_week, 2),
        "days_pain_8_or_more": list(figures.severe_days),
        "sessions_started_at_8_or_more": figures.severe_starts,
        "comparisons": [
            {
                "name": c.name,
                "sessions": c.sessions,
                "average_change": round(c.change, 2),
                "other_sessions": c.others,
                "others_average_change": round(c.others_change, 2),
            }
            for c in figures.comparisons
        ],
        "minimum_each_side": MIN_EACH_SIDE,
        "notes": [
            {"day": note.day, "note": note.note, "why": list(note.why)} for note in figures.notes
        ],
        "sources": list(cited(figures, context)),
    }
