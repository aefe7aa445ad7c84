"""The pain journal's pages: the history (table, chart, summary), its JSON and CSV, and the line
that confirms a new entry."""

from __future__ import annotations

import re
from collections.abc import Callable

from sciaticli.journal import Day, Edit, Entry, Selection, Summary, shown_value
from sciaticli.model import KnowledgeBase
from sciaticli.pages.journal_summary import summary_fields
from sciaticli.render.document import (
    Block,
    Chart,
    Fields,
    Heading,
    Hint,
    Page,
    Paragraph,
    Table,
)
from sciaticli.render.safe import one_line as _one_line  # a note keeps to its row

# A terminal shows the newest entries only: rich lays out every cell, slow for thousands, and
# a person at a terminal reads the latest; the other formats have every entry.
TERMINAL_ROWS = 50
COLUMNS = ("ID", "When", "What", "Before", "After", "Change", "Note")
# Narrower for a terminal: the three numbers in one column, `7 → 5 (-2)`.
TERMINAL_COLUMNS = ("ID", "When", "What", "Pain", "Note")
SCALE = (
    "Pain is rated 0 (no pain) to 10 (the worst imaginable), before and after each session. "
    "Change is after minus before: below 0, the pain fell."
)
EXPORT_HINT = (
    "For your doctor or physiotherapist: sciaticli history --format markdown > pain.md "
    "(or --format csv for a spreadsheet)."
)
SESSION_WORDS = {"partial": "partial session", "none": "a rating alone"}
_STORED = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2})?")


def entry_name(entry: Entry, kb: KnowledgeBase) -> str | None:
    """The routine's or technique's name; its id if the knowledge base no longer has it."""
    return namer(kb)(entry)


def names(kb: KnowledgeBase) -> tuple[dict[str, str], dict[str, str]]:
    """Routine and technique names by id (plain dicts: looked up once an entry)."""
    routines = {key: routine.name for key, routine in kb.routines.items()}
    return routines, {key: technique.name for key, technique in kb.techniques.items()}


def namer(kb: KnowledgeBase) -> Callable[[Entry], str | None]:
    """entry_name for many entries."""
    routines, techniques = names(kb)

    def name(entry: Entry) -> str | None:
        if entry.routine is not None:
            return routines.get(entry.routine, entry.routine)
        if entry.technique is not None:
            return techniques.get(entry.technique, entry.technique)
        return None

    return name


def logged_line(
    entry_id: int,
    when: str,
    before: int,
    after: int | None,
    name: str | None,
    session: str = "full",
) -> str:
    """`Logged entry 12 for 2024-03-01 08:30: pain 6 → 4 after Shiatsu.`, with `(partial
    session)` for one stopped early; `pain 8 (a rating alone, no session)`."""
    head = f"Logged entry {entry_id} for {shown_time(when)}"
    if session == "none":
        return f"{head}: pain {before} (a rating alone, no session)."
    partial = " (partial session: stopped early)" if session == "partial" else ""
    if after is None:
        before_what = f" before {name}" if name else " before"
        return f"{head}: pain {before}{before_what}, none after{partial}."
    after_what = f" after {name}" if name else ""
    return f"{head}: pain {before} → {after}{after_what}{partial}."


def entry_line(entry: Entry, kb: KnowledgeBase) -> str:
    """One entry on one line, to confirm a deletion."""
    name = entry_name(entry, kb)
    details = [name] if name else []
    if entry.pain_after is None:
        details.append(f"pain {entry.pain_before} before, none after")
    else:
        details.append(f"pain {entry.pain_before} → {entry.pain_after}")
    if entry.session != "full":
        details.append(SESSION_WORDS.get(entry.session, entry.session))
    if entry.edited:
        details.append(f"edited {shown_time(entry.edited)}")
    if entry.note:
        details.append(f"note: {_one_line(entry.note)}")
    return f"Entry {entry.id}, {shown_time(entry.when)}: {'; '.join(details)}"


FIELD_WORDS = {
    "logged_at": "when",
    "pain_before": "pain before",
    "pain_after": "pain after",
    "routine": "routine",
    "technique": "technique",
    "note": "note",
    "session": "session",
}


def edit_lines(edits: list[Edit], *, heading: bool = True) -> list[str]:
    """`- pain after: 4 → 5`, with the time of each edit under an `Edits:` heading."""
    lines = ["Edits:"] if heading and edits else []
    for edit in edits:
        when = f"{shown_time(edit.edited_at)}, " if heading else ""
        field = FIELD_WORDS.get(edit.field, edit.field)
        change = f"{_edit_value(edit.old_value)} → {_edit_value(edit.new_value)}"
        lines.append(f"- {when}{field}: {change}")
    return lines


def _edit_value(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return repr(_one_line(shown_time(value)))
    return shown_value(value)


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
) -> Page:
    """The history as a page to keep (plain text, Markdown, HTML): the chart (which only HTML
    draws; the table has the numbers), every selected entry, then the summary."""
    if summary is None:
        return _no_entries(selection)
    return Page(
        (
            Heading("Pain journal"),
            Paragraph(SCALE),
            trend_chart(days),
            Heading("Entries", level=2),
            Table(COLUMNS, table_rows(entries, kb), grid=True),
            Heading("Summary", level=2),
            Fields(summary_fields(summary)),
        )
    )


def terminal_history_page(
    entries: list[Entry],
    days: list[Day],
    summary: Summary | None,
    kb: KnowledgeBase,
    selection: Selection,
) -> Page:
    """The history as a terminal shows it: the chart and the summary, then `entries` (the
    caller reads the newest TERMINAL_ROWS only: the page says how many there are), last, so
    that the newest are nearest the prompt."""
    if summary is None:
        return _no_entries(selection)
    shown: list[Block] = []
    if len(entries) < summary.sessions:
        shown.append(
            Paragraph(
                f"The newest {len(entries)} of {summary.sessions} entries. Every one: --format "
                "plain, markdown, csv or json; fewer: --last N or --since DATE."
            )
        )
    return Page(
        (
            Heading("Pain journal"),
            Paragraph(SCALE),
            trend_chart(days),
            Heading("Summary", level=2),
            Fields(summary_fields(summary)),
            Hint(EXPORT_HINT),
            Heading("Entries", level=2),
            *shown,
            _terminal_table(entries, kb),
        )
    )


def _no_entries(selection: Selection) -> Page:
    return Page((Heading("Pain journal"), Paragraph(_nothing(selection))))


# The chart's time axis reaches back at most this many days from the last one: a terminal
# shows far fewer, and a date edited by hand into year 1 must not make millions of days.
CHART_DAYS = 400


def trend_chart(days: list[Day]) -> Chart:
    """Average pain before and after per day on a time axis: every day from the first to the
    last (at most CHART_DAYS), a day without entries as a gap."""
    from datetime import date, timedelta

    by_day = {day.day: day for day in days}
    last = date.fromisoformat(days[-1].day)
    first = max(date.fromisoformat(days[0].day), last - timedelta(days=CHART_DAYS - 1))
    axis = tuple((first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1))
    found = [by_day.get(day) for day in axis]
    return Chart(
        "Average pain per day",
        axis,
        (
            ("before", tuple(None if d is None else d.average_before for d in found)),
            ("after", tuple(None if d is None else d.average_after for d in found)),
        ),
        counts=tuple(0 if d is None else d.sessions for d in found),
        scale="Pain, 0 (none) to 10 (the worst imaginable); one column a day",
    )


def _nothing(selection: Selection) -> str:
    if selection.since is not None:
        return f"No entries since {selection.since}."
    return (
        "No entries yet. After a routine or massage: sciaticli log --pain-before 6 "
        "--pain-after 4 --routine standing-wall (or use home-routine --guided)."
    )


def table_rows(entries: list[Entry], kb: KnowledgeBase) -> tuple[tuple[str, ...], ...]:
    name_of = namer(kb)
    rows = []
    for entry in entries:
        name = name_of(entry) or "-"
        if entry.problems or entry.pain_after is None:  # every value shown as stored
            when, before, after = entry.when, _number(entry.pain_before), _number(entry.pain_after)
            change = _number(entry.change, signed=True)
            if not entry.problems:
                when = shown_time(when)
                after = change = "-"
        else:  # as sciaticli writes it: whole numbers, an ISO time (quick for 100,000 rows)
            when = entry.when[:16].replace("T", " ")
            before, after = str(entry.pain_before), str(entry.pain_after)
            difference = entry.pain_after - entry.pain_before  # type: ignore[operator]
            change = f"+{difference}" if difference > 0 else str(difference)
        marks = (
            [
                mark
                for mark, wanted in (
                    ("guided", entry.origin == "guided"),
                    (SESSION_WORDS.get(entry.session, ""), entry.session != "full"),
                    ("edited", bool(entry.edited)),
                )
                if wanted
            ]
            if entry.origin == "guided" or entry.session != "full" or entry.edited
            else []  # the usual entry: nothing to mark
        )
        if entry.session == "none" and name == "-":
            name = "Pain rating alone"
            marks = [mark for mark in marks if mark != SESSION_WORDS["none"]]
        if entry.leg_pain is not None or entry.back_pain is not None:
            marks = [*marks, *_apart(entry)]
        rows.append(
            (
                str(entry.id),
                when,
                f"{name} ({', '.join(marks)})" if marks else name,
                before,
                after,
                change,
                _note_cell(entry),
            )
        )
    return tuple(rows)


MARKED = "[marked] "  # before a note marked for a clinician (log --mark)


def _note_cell(entry: Entry) -> str:
    """The note on one line, `[marked] ` before it when the person marked it."""
    if not entry.note:
        return ""
    return f"{MARKED if entry.marked else ''}{_one_line(entry.note)}"


def _apart(entry: Entry) -> list[str]:
    """Leg and back pain, where the entry has them apart: `leg 6`, `back 3`."""
    return [
        f"{part} {_number(value)}"
        for part, value in (("leg", entry.leg_pain), ("back", entry.back_pain))
        if value is not None
    ]


def _number(value: float | None, *, signed: bool = False) -> str:
    """`5`, `-2`, `+1` (signed), `5.5` for a value edited by hand, `?` for one that is not a
    number at all (history warns about it)."""
    if value is None:
        return "?"
    text = str(value)
    return f"+{text}" if signed and value > 0 else text


def _terminal_table(entries: list[Entry], kb: KnowledgeBase) -> Table:
    rows = tuple(
        (
            entry_id,
            when,
            what,
            f"{before} before" if after == "-" else f"{before} → {after} ({change})",
            note,
        )
        for entry_id, when, what, before, after, change, note in table_rows(entries, kb)
    )
    return Table(TERMINAL_COLUMNS, rows)


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
