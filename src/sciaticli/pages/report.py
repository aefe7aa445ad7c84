"""`sciaticli report`: one page for a clinician, in the order a clinician reads it.

The period and entries; pain before sessions week by week, first week against last, in IMMPACT's
words (clinical-facts.md section 8); the typical change within a session; what was used and how
often; sessions per week; days with pain 8 or more; the weekly chart; the notes in short; then
routine against the rest where there are enough sessions, with its caveat, and where the page
came from. Never "cured", never a cause: one line says a diary cannot show one.
"""

from __future__ import annotations

import re
from typing import Any

from sciaticli.model import KnowledgeBase
from sciaticli.pages.pain_rise import RISE_POINTS
from sciaticli.render.document import Block, Chart, Fields, Heading, Page, Paragraph, Table
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
IMMPACT_SOURCES = ("dworkin-2008", "farrar-2001")
NOTES_SHOWN = 4
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
        f"{first.start}, {_entries(first.entries)}) to {_number(last.average_before)} in the "
        f"last (from {last.start}, {_entries(last.entries)})"
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


def report_page(
    figures: Figures, kb: KnowledgeBase, *, made: str, version: str, name: str | None
) -> Page:
    data = report_json(figures, kb, made=made, version=version, name=name)
    weeks = len(figures.weeks)
    rows = [("Name", name)] if name else []
    rows += [
        ("Period", f"{figures.start} to {figures.end} ({weeks} week{'s' * (weeks != 1)})"),
        ("Entries", _entry_kinds(figures)),
    ]
    if figures.entries < MIN_ENTRIES:
        blocks: list[Block] = [Heading(TITLE), Fields(tuple(rows)), Paragraph(_thin(figures))]
    else:
        rows.append(("Pain scale", SCALE))
        blocks = [Heading(TITLE), Fields(tuple(rows)), *_full(figures)]
    blocks.append(Paragraph(f"Made on {made} by sciaticli {version}, knowledge base {kb.version}."))
    return Page(tuple(blocks), data)


def _full(figures: Figures) -> list[Block]:
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
    blocks += [
        Paragraph(CAUSE),
        Fields(_session_rows(figures)),
        Heading("What was used", 2),
        _uses(figures),
    ]
    if figures.comparisons:
        blocks.append(Paragraph(NOT_A_TRIAL))
    rows, size = grouped(figures.weeks)
    blocks += [
        Heading("Week by week" if size == 1 else f"{size} weeks at a time", 2),
        Fields(
            (
                (
                    "Sessions per week",
                    f"{figures.sessions_per_week:.1f} (ratings alone left out; from the first "
                    "entry to the last, as in sciaticli history)",
                ),
                ("Days with pain 8 or more", _severe(figures)),
            )
        ),
        Table(
            (
                "Week from" if size == 1 else "Weeks from",
                "Entries",
                "Weekly pain",
                AFTER,
            ),
            _week_rows(rows),
            grid=True,
        ),
        _chart(rows, size),
    ]
    if figures.notes:
        shown = min(NOTES_SHOWN, len(figures.notes))
        title = (
            "Notes"
            if shown == len(figures.notes)
            else (f"Notes (the newest {shown} of {len(figures.notes)}, shortened)")
        )
        blocks += [Heading(title, 2), Table(("Day", "Note"), _note_rows(figures), grid=True)]
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


def _week_rows(weeks: tuple[Week, ...]) -> tuple[tuple[str, ...], ...]:
    def shown(value: float | None) -> str:
        return "-" if value is None else _number(value)

    return tuple(
        (week.start, str(week.entries), shown(week.average_before), shown(week.average_after))
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


def _note_rows(figures: Figures) -> tuple[tuple[str, str], ...]:
    notes = figures.notes[-NOTES_SHOWN:]
    rows = []
    for day, note in notes:
        text = _LINE_BREAKS.sub(" ", note).strip()
        if len(text) > NOTE_LENGTH:
            text = text[: NOTE_LENGTH - 1].rstrip() + "…"
        rows.append((day, text))
    return tuple(rows)


def _week_json(week: Week) -> dict[str, Any]:
    return {
        "start": week.start,
        "end": week.end,
        "entries": week.entries,
        "average_before": None if week.average_before is None else round(week.average_before, 2),
        "average_after": None if week.average_after is None else round(week.average_after, 2),
    }


def report_json(
    figures: Figures, kb: KnowledgeBase, *, made: str, version: str, name: str | None
) -> dict[str, Any]:
    """Documented shape (docs/guide.md, "sciaticli report")."""
    change = figures.change
    return {
        "name": name,
        "made": made,
        "sciaticli": version,
        "knowledge_base": kb.version,
        "start": figures.start,
        "end": figures.end,
        "entries": figures.entries,
        "sessions": figures.sessions,
        "sessions_stopped_early": figures.partial,
        "enough": figures.entries >= MIN_ENTRIES,
        "weeks": [_week_json(week) for week in figures.weeks],
        "change": None
        if change is None
        else {
            "first_week": change.first.start,
            "last_week": change.last.start,
            "points": round(change.points, 2),
            "percent": None if change.percent is None else round(change.percent, 1),
            "wording": change.wording or None,
            "first_week_entries": change.first.entries,
            "last_week_entries": change.last.entries,
            "few_entries": change.few_entries,
        },
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
        "notes": [{"day": day, "note": note} for day, note in figures.notes],
        "sources": list(IMMPACT_SOURCES),
    }
