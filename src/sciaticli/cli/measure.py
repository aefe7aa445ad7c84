"""`sciaticli measure`: record function as well as pain (PEG, Roland-Morris, PSFS) in the journal.

On a terminal the forms are asked item by item in their own words (cli/measure_ask.py); without
one, the answers come with --answers, in the form's order.
"""

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from sciaticli.cli.asking import stdin_is_terminal, tell
from sciaticli.cli.values import WHEN_FORMATS, parse_when
from sciaticli.render.output import write_lines

if TYPE_CHECKING:
    from datetime import date

    from sciaticli import journal
    from sciaticli.journal.measures import Measure, Score

MEASURE_HELP = (
    "On a terminal each form is asked item by item, in its own words. PEG (Krebs 2009): 3 "
    "questions 0-10 (pain on average; how pain interfered with enjoyment of life; with general "
    "activity), weekly. RMDQ (Roland & Morris 1983): 24 statements, one key each (y yes, n no, "
    "s skip, b back, q stop); stopped part way, it carries on from there next time (the answers "
    "so far are a draft, not a measure), every 2 weeks. PSFS: name 3-5 activities the first "
    "time (change them with --activity), then rate each 0 (unable) to 10 (as before), every 2 "
    "weeks. The first time, you are asked when this spell of sciatica started (once; Enter "
    "skips). Without a terminal give --answers.\n\n"
    "Exit status: 0 ok (also when stopped with q), 1 error (a journal that is damaged or not a "
    "journal), 2 usage error (a wrong number of answers, a value off the scale, no terminal "
    "and no --answers), 130 stopped (Ctrl-C)."
)


class MeasureName(str, Enum):
    peg = "peg"
    rmdq = "rmdq"
    psfs = "psfs"


def measure(
    name: Annotated[
        MeasureName | None,
        typer.Argument(
            metavar="[peg|rmdq|psfs]",
            case_sensitive=False,
            show_default=False,
            help="The measure to record; leave out to see what is due.",
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="LIST",
            help="The answers in the form's order, separated by commas: 6,5,7 (PEG), "
            "y,n,-,... or ynn-... (RMDQ, 24), 4,6,3 (PSFS, one per activity).",
        ),
    ] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            "--activity",
            metavar="TEXT",
            help="PSFS: an activity you find hard (give 3 to 5, each with --activity); they "
            "are kept for the next times, and replaced when given again.",
        ),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option("--when", metavar="WHEN", help=f"When, if not now: {WHEN_FORMATS}."),
    ] = None,
    episode_start: Annotated[
        str | None,
        typer.Option(
            "--episode-start",
            metavar="YYYY-MM-DD",
            help="The day this episode of sciatica began: kept in the journal for the report "
            "(give it again to change it).",
        ),
    ] = None,
) -> None:
    """Record function as well as pain: the PEG, Roland-Morris (RMDQ) or PSFS answers."""
    from datetime import datetime

    from sciaticli import journal

    now = datetime.now()
    if episode_start is not None:
        if name is not None or answers is not None or activity:
            raise typer.BadParameter(
                "set the episode start on its own: sciaticli measure --episode-start YYYY-MM-DD",
                param_hint="'--episode-start'",
            )
        from sciaticli.cli.values import parse_day

        try:
            day = parse_day(episode_start, now.date())
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--episode-start'") from None
        with journal.open_journal(journal.journal_path()) as opened:
            before = opened.setting("episode_start")
            opened.set_setting("episode_start", day, journal.now_text(now))
        changed = f" (it was {before})" if before not in (None, day) else ""
        write_lines([f"Episode start kept: {day}{changed}."], sys.stdout)
        return
    if name is None:
        if answers is not None or activity:
            raise typer.BadParameter(
                "say which measure the answers are for: peg, rmdq or psfs",
                param_hint="'[peg|rmdq|psfs]'",
            )
        from sciaticli.cli.measure_ask import draft_line

        with journal.existing_journal(journal.journal_path(), reading=True) as opened:
            done = opened.measures() if opened is not None else []
            began = opened.setting("episode_start") if opened is not None else None
            draft = draft_line(opened)
        lines = due_lines(done, now.date())
        if draft is not None:  # under the RMDQ's own line
            lines.insert(
                1 + next(i for i, line in enumerate(lines) if line.startswith("RMDQ")), draft
            )
        write_lines([*lines, episode_line(began)], sys.stdout)
        return
    if when is not None:
        try:
            parse_when(when, now)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--when'") from None
    if activity and name is not MeasureName.psfs:
        raise typer.BadParameter(
            "activities are named for the PSFS only", param_hint="'--activity'"
        )
    parsed: list[int | bool | None] | None = None
    if answers is not None:
        from sciaticli.journal.measures import score

        try:
            parsed = parse_answers(name.value, answers)
            score(name.value, parsed)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="'--answers'") from None
    elif not stdin_is_terminal():
        raise typer.BadParameter(
            "standard input is not a terminal, so the questions cannot be asked; give the "
            f"answers with --answers ({_example(name)})",
            param_hint="'--answers'",
        )
    with journal.open_journal(journal.journal_path()) as opened:
        _record(opened, name.value, parsed, activity, when)


def _record(
    opened: "journal.Journal",
    name: str,
    parsed: "list[int | bool | None] | None",
    activity: "list[str] | None",
    when: str | None,
) -> None:
    """Ask the form when `parsed` is None (on a terminal), then save it with its activities;
    say so, with the score and the attribution. Stopped part way: nothing saved, and the exit
    status of the stop."""
    from datetime import datetime

    from sciaticli import journal
    from sciaticli.cli import measure_ask
    from sciaticli.journal.measures import INSTRUMENTS, NewMeasure, score

    asking = parsed is None
    try:
        activities, named = _activities(activity, opened, name, asking=asking)
        if parsed is None and name == "peg":
            parsed = measure_ask.ask_peg()
        elif parsed is None and name == "rmdq":
            parsed = measure_ask.ask_rmdq(opened)
        elif parsed is None:
            parsed = measure_ask.ask_psfs(activities or [])
    except measure_ask.Stopped as stopped:
        tell(str(stopped))
        raise typer.Exit(stopped.status) from None
    if activities is not None and len(activities) != len(parsed):
        raise typer.BadParameter(
            f"{len(parsed)} ratings for {len(activities)} activities; give one for each "
            f"({'; '.join(activities)})",
            param_hint="'--answers'",
        )
    now = datetime.now()
    taken_at = journal.now_text(now) if when is None else parse_when(when, now)
    opened.add_measure(NewMeasure(taken_at, name, parsed, activities), keep_activities=named)
    instrument = INSTRUMENTS[name]
    write_lines(
        [
            saved_line(instrument.name, taken_at, score(name, parsed), name),
            f"({instrument.attribution})",
        ],
        sys.stdout,
    )
    if asking:
        measure_ask.ask_episode_start(opened, now.date())


def _example(name: "MeasureName") -> str:
    return {"peg": "6,5,7", "rmdq": "24 answers: y,n,n,-,...", "psfs": "4,6,3"}[name.value]


def _activities(
    given: "list[str] | None", opened: "journal.Journal", name: str, *, asking: bool
) -> "tuple[list[str] | None, bool]":
    """The PSFS activities (None for the other measures), and whether they are new (to be
    kept): those given (3-5, each named), else the ones kept, else (`asking`, on a terminal)
    named now."""
    if name != "psfs":
        return None, False
    if given:
        named = [" ".join(text.split()) for text in given]
        if not 3 <= len(named) <= 5:
            raise typer.BadParameter(
                f"name 3 to 5 activities, not {len(named)}", param_hint="'--activity'"
            )
        if not all(named):
            raise typer.BadParameter("an activity has no name", param_hint="'--activity'")
        return named, True
    import json

    kept = opened.setting("psfs_activities")
    if kept is not None:
        return list(json.loads(kept)), False
    if asking:
        from sciaticli.cli.measure_ask import ask_activities

        return ask_activities(), True
    raise typer.BadParameter(
        "name your 3 to 5 activities first, each with --activity (for example --activity "
        "'walking to the shop'); they are kept for the next times",
        param_hint="'--activity'",
    )


_YES = {"y": True, "yes": True, "n": False, "no": False, "-": None, "": None}


def parse_answers(measure: str, text: str) -> "list[int | bool | None]":
    """The answers typed for `measure`, in order; ValueError with a message for a value that is
    not one. A ratings form takes whole numbers 0-10 (or - for one left out); the RMDQ takes y
    or n (or -), separated by commas or written together (ynn-...)."""
    from sciaticli.journal.rows import parse_pain

    cleaned = text.strip()
    if measure == "rmdq":
        parts = cleaned.split(",") if "," in cleaned else list(cleaned.replace(" ", ""))
        values: list[int | bool | None] = []
        for position, part in enumerate(parts, 1):
            word = part.strip().lower()
            if word not in _YES:
                raise ValueError(f"answer {position}, '{part.strip()}', is not y, n or -")
            values.append(_YES[word])
        return values
    ratings: list[int | bool | None] = []
    for position, part in enumerate(cleaned.split(","), 1):
        if part.strip() in ("-", ""):
            ratings.append(None)
            continue
        try:
            ratings.append(parse_pain(part))
        except ValueError:
            raise ValueError(
                f"answer {position}, '{part.strip()}', is not a whole number from 0 to 10"
            ) from None
    return ratings


def saved_line(title: str, when: str, scored: "Score", measure: str) -> str:
    day = when[:10]
    if scored.value is None:
        left_out = scored.items - scored.answered
        return (
            f"Saved {title}, {day}: {scored.answered} of {scored.items} answered, "
            f"{left_out} left out, so it is not scored (an item left out is not a "
            f"{'no' if measure == 'rmdq' else '0'})."
        )
    out_of = "of 24" if measure == "rmdq" else "out of 10"
    return f"Saved {title}, {day}: score {round(scored.value, 1):g} {out_of}."


def episode_line(began: str | None) -> str:
    if began is None:
        return (
            "Episode start: not recorded; add it with sciaticli measure --episode-start YYYY-MM-DD."
        )
    return f"Episode start: {began}."


def due_lines(done: "list[Measure]", today: "date") -> list[str]:
    """For each measure: when it was last done, and whether it is due (today if never done)."""
    from datetime import date, timedelta

    from sciaticli.journal.measures import INSTRUMENTS

    lines = []
    for instrument in INSTRUMENTS.values():
        last = max((m.when for m in done if m.measure == instrument.id), default=None)
        every = "weekly" if instrument.every_days == 7 else f"every {instrument.every_days} days"
        short = instrument.id.upper()
        if last is None:
            lines.append(
                f"{short}: never done; due now ({every}): sciaticli measure {instrument.id}"
            )
            continue
        due = date.fromisoformat(last[:10]) + timedelta(days=instrument.every_days)
        state = "due now" if due <= today else f"next due {due.isoformat()}"
        lines.append(f"{short}: last done {last[:10]}; {state} ({every}).")
    return lines
