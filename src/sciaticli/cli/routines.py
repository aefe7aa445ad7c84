"""`sciaticli home-routine`: tennis-ball routines, printable or guided with a timer."""

import sys
from enum import Enum
from typing import Annotated

import typer

from sciaticli.cli.options import ColorOption, FormatOption, KbOption
from sciaticli.knowledge import load_knowledge_base
from sciaticli.render.output import ColorMode, OutputFormat, emit, wants_color
from sciaticli.routines import find_routine, gentlest, plan

GUIDED_HELP = (
    "Exit status: 0 ok (also when a guided routine is finished or quit with q), "
    "1 error, 2 usage error, 130 guided routine ended with Ctrl-C."
)


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
    hold: Annotated[
        int | None,
        typer.Option("--hold", min=1, max=600, metavar="SECONDS", help="Set every hold to this."),
    ] = None,
    no_bell: Annotated[
        bool, typer.Option("--no-bell", help="No terminal bell between guided steps.")
    ] = False,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """A home tennis-ball routine, warnings first (the gentlest unless you name one)."""
    from sciaticli.pages.routines import routine_list, routine_page

    kb = load_knowledge_base(kb_path)
    if list_routines:
        emit(routine_list(kb), fmt, color)
        return
    routine = find_routine(kb, name) if name else gentlest(kb)
    if not guided:
        emit(routine_page(routine, kb, side.value, hold), fmt, color)
        return
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise typer.BadParameter(
            "--guided needs a terminal for both input and output; to print the routine for "
            "your notes, leave out --guided",
            param_hint="'--guided'",
        )
    import os

    from sciaticli.cli.guided_terminal import run_guided

    steps = plan(routine, side.value, hold)
    use_color = wants_color(color, True, os.environ)
    raise typer.Exit(run_guided(routine, kb, steps, bell=not no_bell, color=use_color))
