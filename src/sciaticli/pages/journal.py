"""The pain journal's pages: the history (table, chart, summary), its JSON and CSV, and the line
that confirms a new entry."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sciaticli.journal import Day, Entry, Selection, Summary
from sciaticli.model import KnowledgeBase
from sciaticli.render.document import Block, Chart, Fields, Heading, Hint, Page, Paragraph, Table
from sciaticli.render.output import OutputFormat

# A terminal shows the newest entries only: rich lays out every cell, slow for thousands, and
# a person at a terminal reads the latest; the other formats have every entry.
TERMINAL_ROWS = 50
COLUMNS = ("ID", "When", "What", "Before", "After", "Change", "Note")
# Narrower for a terminal: the three numbers in one column, `7 → 5 (-2)`.
TERMINAL_COLUMNS = ("ID", "When", "What", "Pain", "Note")
CSV_COLUMNS = (
    "id",
    "when",
    "routine",
    "technique",
    "name",
    "pain_before",
    "pain_after",
    "change",
    "origin",
    "note",
)
SCALE = (
    "Pain is rated 0 (no pain) to 10 (the worst imaginable), before and after each session. "
    "Change is after minus before: below 0, the pain fell."
)
EXPORT_HINT = (
    "For your doctor or physiotherapist: sciaticli history --format markdown > pain.md "
    "(or --format csv for a spreadsheet)."
)
_LINE_BREAKS = re.compile(r"[\t\r\n\v\f]+")
_STORED = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?")


def entry_name(entry: Entry, kb: KnowledgeBase) -> str | None:
    """The routine's or technique's name; its id if the knowledge base no longer has it."""
    return namer(kb)(entry)


def _names(kb: KnowledgeBase) -> tuple[dict[str, str], dict[str, str]]:
    """Routine and technique names by id (plain dicts: looked up once an entry)."""
    routines = {key: routine.name for key, routine in kb.routines.items()}
    return routines, {key: technique.name for key, technique in kb.techniques.items()}


def namer(kb: KnowledgeBase) -> Callable[[Entry], str | None]:
    """entry_name for many entries."""
    routines, techniques = _names(kb)

    def name(entry: Entry) -> str | None:
        if entry.routine is not None:
            return routines.get(entry.routine, entry.routine)
        if entry.technique is not None:
            return techniques.get(entry.technique, entry.technique)
        return None

    return name


def logged_line(entry_id: int, when: str, before: int, after: int, name: str | None) -> str:
    """`Logged entry 12 for 2024-03-01 08:30: pain 6 → 4 after Shiatsu.`"""
    after_what = f" after {name}" if name else ""
    return f"Logged entry {entry_id} for {shown_time(when)}: pain {before} → {after}{after_what}."


def entry_line(entry: Entry, kb: KnowledgeBase) -> str:
    """One entry on one line, to confirm a deletion."""
    name = entry_name(entry, kb)
    details = [name] if name else []
    details.append(f"pain {entry.pain_before} → {entry.pain_after}")
    if entry.note:
        details.append(f"note: {_one_line(entry.note)}")
    return f"Entry {entry.id}, {shown_time(entry.when)}: {'; '.join(details)}"


def shown_time(when: str) -> str:
    """`2024-03-01 08:30` (seconds left out), or the day alone when no time was given; a value
    edited by hand that is neither, as it is."""
    if not _STORED.fullmatch(when):
        return when
    return when[:16].replace("T", " ")


def history_page(
    entries: list[Entry],
    days: list[Day],
    summary: Summary | None,
    kb: KnowledgeBase,
    selection: Selection,
    fmt: OutputFormat,
) -> Page:
    """The history as `fmt` (rich, plain, markdown, html or json) draws it.

    The chart is drawn on a terminal and in HTML only. `entries` are those the table shows: for a
    terminal, the caller reads the newest TERMINAL_ROWS only and the page says how many there
    are (`summary.sessions`); plain, markdown and JSON have every selected entry. Nothing a
    format leaves out is built, so 100,000 entries stay quick.
    """
    if fmt is OutputFormat.json:
        return Page((), history_json(entries, days, summary, kb))
    if summary is None:
        return Page((Heading("Pain journal"), Paragraph(_nothing(selection))))
    blocks: list[Block] = [Heading("Pain journal"), Paragraph(SCALE)]
    if fmt in (OutputFormat.rich, OutputFormat.html):
        blocks.append(
            Chart(
                "Average pain per day, 0-10",
                tuple(day.day for day in days),
                (
                    ("before", tuple(day.average_before for day in days)),
                    ("after", tuple(day.average_after for day in days)),
                ),
            )
        )
    blocks.append(Heading("Entries", level=2))
    if len(entries) < summary.sessions:
        blocks.append(
            Paragraph(
                f"The newest {len(entries)} of {summary.sessions} entries. Every one: --format "
                "plain, markdown, csv or json; fewer: --last N or --since DATE."
            )
        )
    blocks += [
        _terminal_table(entries, kb)
        if fmt is OutputFormat.rich
        else Table(COLUMNS, _rows(entries, kb), grid=True),
        Heading("Summary", level=2),
        Fields(_summary_fields(summary)),
        Hint(EXPORT_HINT),
    ]
    return Page(tuple(blocks))


def _nothing(selection: Selection) -> str:
    if selection.since is not None:
        return f"No entries since {selection.since}."
    return (
        "No entries yet. After a routine or massage: sciaticli log --pain-before 6 "
        "--pain-after 4 --routine standing-wall (or use home-routine --guided)."
    )


def _rows(entries: list[Entry], kb: KnowledgeBase) -> tuple[tuple[str, ...], ...]:
    name_of = namer(kb)
    rows = []
    for entry in entries:
        name = name_of(entry) or "-"
        if entry.problems:  # edited by hand: every value shown as stored
            when, before, after = entry.when, _number(entry.pain_before), _number(entry.pain_after)
            change = _number(entry.change, signed=True)
        else:  # as sciaticli writes it: whole numbers, an ISO time (quick for 100,000 rows)
            when = entry.when[:16].replace("T", " ")
            before, after = str(entry.pain_before), str(entry.pain_after)
            difference = entry.pain_after - entry.pain_before  # type: ignore[operator]
            change = f"+{difference}" if difference > 0 else str(difference)
        rows.append(
            (
                str(entry.id),
                when,
                f"{name} (guided)" if entry.origin == "guided" else name,
                before,
                after,
                change,
                _one_line(entry.note) if entry.note else "",
            )
        )
    return tuple(rows)


def _number(value: float | None, *, signed: bool = False) -> str:
    """`5`, `-2`, `+1` (signed), `5.5` for a value edited by hand, `?` for one that is not a
    number at all (history warns about it)."""
    if value is None:
        return "?"
    text = str(value)
    return f"+{text}" if signed and value > 0 else text


def _terminal_table(entries: list[Entry], kb: KnowledgeBase) -> Table:
    rows = tuple(
        (entry_id, when, what, f"{before} → {after} ({change})", note)
        for entry_id, when, what, before, after, change, note in _rows(entries, kb)
    )
    return Table(TERMINAL_COLUMNS, rows)


def _one_line(note: str) -> str:
    """Line breaks and tabs as spaces, so a note keeps to its row (JSON and CSV keep them)."""
    return _LINE_BREAKS.sub(" ", note)


def _signed(value: float, digits: int = 0) -> str:
    """`-2`, `+1.5`, `0`: a sign on every number but zero."""
    text = f"{value:+.{digits}f}"
    return text[1:] if float(text) == 0 else text


def _summary_fields(summary: Summary) -> tuple[tuple[str, str], ...]:
    span = (
        f"from {summary.first_day} to {summary.last_day}"
        if summary.first_day != summary.last_day
        else f"on {summary.first_day}"
    )
    return (
        ("Sessions", f"{summary.sessions} {span}"),
        ("Sessions per week", f"{summary.sessions_per_week:.1f}"),
        (
            "Average pain",
            f"{summary.average_before:.1f} before, {summary.average_after:.1f} after",
        ),
        ("Average change", _change_words(summary.average_change)),
        ("Best day (lowest average pain after)", _day_words(summary.best_day)),
        ("Worst day (highest average pain after)", _day_words(summary.worst_day)),
    )


def _change_words(change: float) -> str:
    shown = _signed(change, 1)
    size = f"{abs(change):.1f}"
    if shown.startswith("-"):
        return f"{shown} (pain fell by {size} on average)"
    if shown.startswith("+"):
        return f"{shown} (pain rose by {size} on average)"
    return f"{shown} (no change on average)"


def _day_words(day: Day) -> str:
    sessions = "1 session" if day.sessions == 1 else f"{day.sessions} sessions"
    return f"{day.day}: {day.average_after:.1f} after, {day.average_before:.1f} before ({sessions})"


def history_json(
    entries: list[Entry], days: list[Day], summary: Summary | None, kb: KnowledgeBase
) -> dict[str, Any]:
    """Documented shape (README, "Pain journal"): entries oldest first, the days, the summary."""
    name_of = namer(kb)
    return {
        "entries": [
            {
                "id": entry.id,
                "when": entry.when,
                "routine": entry.routine,
                "technique": entry.technique,
                "name": name_of(entry),
                "pain_before": entry.pain_before,
                "pain_after": entry.pain_after,
                "change": entry.change,
                "origin": entry.origin,
                "note": entry.note,
            }
            for entry in entries
        ],
        "days": [_day_json(day) for day in days],
        "summary": _summary_json(summary),
    }


def _day_json(day: Day) -> dict[str, Any]:
    return {
        "day": day.day,
        "sessions": day.sessions,
        "average_before": round(day.average_before, 2),
        "average_after": round(day.average_after, 2),
        "average_change": round(day.average_change, 2),
    }


def _summary_json(summary: Summary | None) -> dict[str, Any]:
    if summary is None:
        return {
            "sessions": 0,
            "first_day": None,
            "last_day": None,
            "weeks": None,
            "sessions_per_week": None,
            "average_before": None,
            "average_after": None,
            "average_change": None,
            "best_day": None,
            "worst_day": None,
        }
    return {
        "sessions": summary.sessions,
        "first_day": summary.first_day,
        "last_day": summary.last_day,
        "weeks": round(summary.weeks, 2),
        "sessions_per_week": round(summary.sessions_per_week, 2),
        "average_before": round(summary.average_before, 2),
        "average_after": round(summary.average_after, 2),
        "average_change": round(summary.average_change, 2),
        "best_day": _day_json(summary.best_day),
        "worst_day": _day_json(summary.worst_day),
    }


def warnings(entries: list[Entry]) -> list[str]:
    """One line per entry edited by hand into something that is not an entry."""
    lines = []
    for entry in entries:
        if not entry.problems:
            continue
        counted = not any(
            problem.startswith(("its date", "its pain")) for problem in entry.problems
        )
        left_out = "" if counted else ", and left out of the chart and the summary"
        lines.append(
            f"Warning: journal entry {entry.id}: {'; '.join(entry.problems)}; shown as "
            f"stored{left_out}."
        )
    return lines


def _csv_numbers(entry: Entry) -> tuple[float | str, ...]:
    """Before, after and change of an entry edited by hand: empty where not a number."""
    values = (entry.pain_before, entry.pain_after, entry.change)
    return tuple("" if value is None else value for value in values)


def history_csv(entries: list[Entry], kb: KnowledgeBase) -> str:
    """A header row, then one record per entry (render.spreadsheet: quoted, no formulas)."""
    from sciaticli.render.spreadsheet import csv_text

    name_of = namer(kb)
    return csv_text(
        CSV_COLUMNS,
        (
            (
                entry.id,
                entry.when,
                entry.routine or "",
                entry.technique or "",
                name_of(entry) or "",
                *(_csv_numbers(entry) if entry.problems else (before, after, after - before)),
                entry.origin,
                entry.note or "",
            )
            for entry in entries
            for before, after in ((entry.pain_before or 0, entry.pain_after or 0),)
        ),
        text_columns=(1, 2, 3, 4, 8, 9),
    )
