"""`sciaticli home-routine` and `sciaticli exercises`: tennis-ball routines and movement
routines, one machinery for both kinds, printable or guided with a timer."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from sciaticli.cli.options import (
    ColorOption,
    FormatOption,
    KbOption,
    NoBellOption,
    NoLogOption,
    RegionOption,
)
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import BALL, HOLD_MAX_SECONDS, HOLD_MIN_SECONDS, MOVEMENT
from sciaticli.render.output import ColorMode, OutputFormat, emit, wants_color
from sciaticli.routines import chosen_routine

GUIDED_HELP = (
    "Exit status: 0 ok (also when a guided routine is finished or quit with q), "
    "1 error, 2 usage error, 130 guided routine ended with Ctrl-C."
)


def _hold_in_range(value: int | None) -> int | None:
    from sciaticli.routines import check_hold

    try:
        check_hold(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    return value


class Side(str, Enum):
    left = "left"
    right = "right"
    both = "both"


def home_routine(
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="A routine's id or name (a unique prefix will do)."),
    ] = None,
    list_routines: Annotated[
        bool, typer.Option("--list", help="List the routines, gentlest first.")
    ] = False,
    side: Annotated[
        Side, typer.Option("--side", case_sensitive=False, help="One side, or both in order.")
    ] = Side.both,
    guided: Annotated[
        bool,
        typer.Option("--guided", help="Walk through the steps with a timer (a terminal only)."),
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief",
            help="One screen, for when you have read the full page before: the emergency "
            "signs and number, the stop rules, each step in a line with its time, and the "
            "aftercare.",
        ),
    ] = False,
    hold: Annotated[
        int | None,
        typer.Option(
            "--hold",
            callback=_hold_in_range,
            metavar="SECONDS",
            help=f"How long to hold each spot in the hold steps only: {HOLD_MIN_SECONDS} to "
            f"{HOLD_MAX_SECONDS} (the routine's dose; other steps keep their time).",
        ),
    ] = None,
    no_bell: NoBellOption = False,
    no_log: NoLogOption = False,
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """A home tennis-ball routine, warnings first (the gentlest unless you name one)."""
    show_routine(
        BALL,
        name,
        list_routines,
        side,
        guided,
        brief,
        hold,
        no_bell,
        no_log,
        region,
        fmt,
        color,
        kb_path,
    )


def exercises(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME", help="A movement routine's id or name (a unique prefix will do)."
        ),
    ] = None,
    list_routines: Annotated[
        bool, typer.Option("--list", help="List the movement routines, gentlest first.")
    ] = False,
    side: Annotated[
        Side,
        typer.Option(
            "--side", case_sensitive=False, help="Nerve glides: one side, or both in turn."
        ),
    ] = Side.both,
    guided: Annotated[
        bool,
        typer.Option(
            "--guided",
            help="Walk through the exercises with a timer that counts repetitions and times "
            "holds (a terminal only).",
        ),
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief",
            help="One screen, for when you have read the full page before: the emergency "
            "signs and number, the stop rules, each exercise in a line, and the aftercare.",
        ),
    ] = False,
    no_bell: NoBellOption = False,
    no_log: NoLogOption = False,
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """Movement routines: exercises from NHS pages and a gentle nerve glide, warnings first."""
    show_routine(
        MOVEMENT,
        name,
        list_routines,
        side,
        guided,
        brief,
        None,
        no_bell,
        no_log,
        region,
        fmt,
        color,
        kb_path,
    )


def show_routine(
    kind: str,
    name: str | None,
    list_routines: bool,
    side: Side,
    guided: bool,
    brief: bool,
    hold: int | None,
    no_bell: bool,
    no_log: bool,
    region: str | None,
    fmt: OutputFormat,
    color: ColorMode,
    kb_path: Path | None,
) -> None:
    """One routine of `kind` (`ball` for home-routine, `movement` for exercises), or the list."""
    from sciaticli.pages.routines import routine_list, routine_page

    kb = load_knowledge_base(kb_path)
    if list_routines:
        emit(routine_list(kb, kind), fmt, color)
        return
    routine = chosen_routine(kb, kind, name)
    if no_log and not guided:
        raise typer.BadParameter("--no-log goes with --guided", param_hint="'--no-log'")
    from sciaticli.cli.options import checked_region

    chosen_region = checked_region(kb, region)
    if brief and guided:
        raise typer.BadParameter("--brief does not go with --guided", param_hint="'--brief'")
    if brief:
        from sciaticli.pages.brief import routine_brief

        emit(routine_brief(routine, kb, side.value, hold, chosen_region), fmt, color)
        return
    if not guided:
        # HTML is the printable card: each step once, a tick box per side.
        page = routine_page(
            routine,
            kb,
            side.value,
            hold,
            chosen_region,
            card=fmt is OutputFormat.html,
            others=name is None,
        )
        emit(page, fmt, color)
        return
    import os

    from sciaticli.cli.guided import guided_routine

    use_color = wants_color(color, True, os.environ)
    raise typer.Exit(
        guided_routine(
            routine,
            kb,
            side.value,
            hold,
            bell=not no_bell,
            log=not no_log,
            color=use_color,
            region=chosen_region,
        )
    )
