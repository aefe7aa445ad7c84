"""`sciaticli report`: a one-page summary of the pain journal for a doctor or physiotherapist."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from sciaticli.cli.options import ColorOption, FormatOption, KbOption
from sciaticli.render.output import ColorMode, OutputFormat, emit, write_lines

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sciaticli.journal import Entry

REPORT_HELP = (
    "Exit status: 0 ok (also for an empty journal), 1 error (a journal file that is damaged or "
    "not a journal), 2 usage error (a bad date or number, a --since more than 520 weeks ago, or "
    "both --since and --weeks)."
)
MAX_WEEKS = 520


def report(
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="From this day (YYYY-MM-DD) to today."),
    ] = None,
    weeks: Annotated[
        int | None,
        typer.Option(
            "--weeks",
            min=1,
            max=MAX_WEEKS,
            metavar="N",
            help="The last N weeks up to today (default: 6).",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="TEXT",
            help="A name to print on the report (none unless you give one).",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """A one-page summary of your pain journal for a doctor or physiotherapist.

    Markdown (-f markdown) and HTML (-f html, to print) are the ones to hand over.
    """
    from datetime import date

    from sciaticli import __version__, journal
    from sciaticli.cli.values import parse_day
    from sciaticli.journal.measures import measure_summaries
    from sciaticli.knowledge import load_knowledge_base
    from sciaticli.pages.journal import namer
    from sciaticli.pages.report import report_page
    from sciaticli.pages.report_json import Context
    from sciaticli.report import figures, period

    if since is not None and weeks is not None:
        raise typer.BadParameter(
            "give a start day or a number of weeks, not both", param_hint="'--since' / '--weeks'"
        )
    today = date.today()
    chosen_since = None
    if since is not None:
        try:
            chosen_since = parse_day(since, today)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--since'") from None
        # One row a week: a start in year 1 would be 105,000 weeks of nothing.
        if (today - date.fromisoformat(chosen_since)).days >= 7 * MAX_WEEKS:
            raise typer.BadParameter(
                f"{chosen_since} is more than {MAX_WEEKS} weeks (10 years) ago; a report "
                "covers at most that: give a later day, or use history for the whole journal",
                param_hint="'--since'",
            )
    start, end = period(today, weeks, chosen_since)
    kb = load_knowledge_base(kb_path)
    problems: list[str] = []
    # Summed up a chunk of entries at a time: a journal of any size in little memory.
    with journal.existing_journal(journal.journal_path(), reading=True) as opened:
        chunks = opened.entry_chunks(journal.Selection(since=start)) if opened else iter(())
        found = figures(_noting(chunks, problems), start, end, namer(kb))
        context = Context(
            opened.setting("episode_start") if opened else None,
            measure_summaries(opened.measures() if opened else (), start, end),
            tuple(
                check
                for check in (opened.check_answers(since=start) if opened else ())
                if check.when[:10] <= end
            ),
        )
    for warning in problems:
        write_lines([warning], sys.stderr)
    page = report_page(
        found, kb, made=today.isoformat(), version=__version__, name=name, context=context
    )
    emit(page, fmt, color)


def _noting(chunks: "Iterator[list[Entry]]", problems: list[str]) -> "Iterator[Entry]":
    """The entries of each chunk, noting a warning for each row edited by hand."""
    from sciaticli.pages.journal import warnings

    for chunk in chunks:
        problems += warnings(chunk)
        yield from chunk
