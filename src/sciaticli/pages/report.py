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

from sciaticli.immpact import (
    FLOOR_POINTS,
    LARGE_PERCENT,
    LOW,
    MODERATE_PERCENT,
    NO_CLEAR,
    SMALL_PERCENT,
)
from sciaticli.model import KnowledgeBase
from sciaticli.pages.pain_rise import RISE_POINTS
from sciaticli.pages.report_function import (
    IMMPACT_SOURCES,
    first_against_last,
    saved_checks,
)
from sciaticli.pages.report_json import NO_CONTEXT, Context, cited, report_json
from sciaticli.pages.report_notes import notes
from sciaticli.pages.report_text import day_count, entry_count, fixed, signed
from sciaticli.render.document import Block, Chart, Fields, Heading, Items, Page, Paragraph, Table
from sciaticli.report import (
    MIN_EACH_SIDE,
    MIN_ENTRIES,
    MIN_IN_WEEK,
    SEVERE,
    Change,
    Day,
    Figures,
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


def change_sentence(change: Change) -> str:
    """`Down from 6.5 in the first week with entries (from 2024-10-23, 4 entries) to 4.0 in the
    last (from 2024-11-27, 3 entries): 2.5 points, 38% less. That is a worthwhile, moderate
    improvement.`"""
    first, last = change.first, change.last
    assert first.average_before is not None and last.average_before is not None
    span = (
        f"{fixed(first.average_before)} in the first week with entries (from "
        f"{first.start}, {entry_count(first.entries)}{_cut(first)}) to "
        f"{fixed(last.average_before)} in the last (from {last.start}, "
        f"{entry_count(last.entries)}{_cut(last)})"
    )
    if change.wording == LOW:
        return f"From {span}: {LOW}."
    size = f"{fixed(abs(change.points))} points"
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
    return f", a partial week: {day_count(week.days)}"


def _few(change: Change) -> str:
    """A warning when the first or the last week has fewer than MIN_IN_WEEK entries."""
    weeks = [
        f"{entry_count(week.entries)} in the {which} week"
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
        f"Only {entry_count(figures.entries)} from {figures.start} to {figures.end}: too few for "
        f"averages (at least {MIN_ENTRIES} are needed). They are listed by sciaticli history; "
        "a longer period: --since YYYY-MM-DD or --weeks N."
    )


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
        blocks += first_against_last(figures, context.measures, sides=False)
        blocks += saved_checks(context.checks)
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
        return count + (f"; a partial week: {day_count(weeks[0].days)}" if weeks[0].partial else "")
    cut = [
        f"the {which} is partial: {day_count(week.days)}"
        for which, week in (("first", weeks[0]), ("last", weeks[-1]))
        if week.partial
    ]
    return count + (f"; {' and '.join(cut)}" if cut else "")


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
    blocks += first_against_last(figures, context.measures, sides=True)
    blocks += saved_checks(context.checks)
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
    return blocks + notes(figures)


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
    return f"{day.day}, pain {fixed(day.average)} ({entry_count(day.entries)})"


def _week_table(weeks: tuple[Week, ...], size: int) -> Table:
    columns = ["Week from" if size == 1 else "Weeks from", "Entries", "Weekly pain", AFTER]
    legs = any(week.leg_count for week in weeks)
    backs = any(week.back_count for week in weeks)
    columns += ["Leg pain"] * legs + ["Back pain"] * backs
    return Table(tuple(columns), _week_rows(weeks, legs=legs, backs=backs), grid=True)


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
                (signed(c.change), f"{signed(c.others_change)} ({c.others} sessions)")
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
        f"{signed(figures.typical_change)} (the median of {figures.session_changes} sessions "
        f"with pain before and after; pain fell in {figures.fell})"
    )
    if figures.missing_after:
        text += f"; {entry_count(figures.missing_after)} without a pain-after value"
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
        return "-" if value is None else fixed(value)

    return tuple(
        (
            f"{week.start} (partial: {day_count(week.days)})" if week.partial else week.start,
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
        count = figures.severe_starts
        sessions = "1 session" if count == 1 else f"{count} sessions"
        text += f"; {sessions} started at pain {SEVERE} or more, when the routines say to wait"
    return text
