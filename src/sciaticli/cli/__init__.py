"""The command-line interface: thin commands that parse options, call the core, and render.

Exit status: 0 ok, 1 error (bad file, unknown name), 2 usage error (bad option or value).
"""

# No `from __future__ import annotations` in the CLI modules: Typer would then evaluate every
# annotation string at start-up, which costs a compile per parameter.

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sciaticli import __version__
from sciaticli.cli import routines, safety, techniques, validate
from sciaticli.errors import SciaticliError

EXIT_STATUS_HELP = "Exit status: 0 ok, 1 error (bad file, unknown name), 2 usage error."


class SciaticliGroup(TyperGroup):
    """Turns domain errors into one message on stderr and exit 1, in one place for every command."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SciaticliError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            # The reader (head, less) has gone: stop quietly, and keep Python's final flush quiet.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=SciaticliGroup,
    name="sciaticli",
    help="An offline guide to massage and self-massage for sciatica, with sources.\n\n"
    "Not a substitute for a doctor: numbness around the genitals or bottom, new bladder or bowel "
    "trouble, or weakness in both legs need emergency care now (999 UK, 911 US, 112 EU).",
    epilog=EXIT_STATUS_HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sciaticli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """An offline guide to massage and self-massage for sciatica, with sources."""


app.command(epilog=EXIT_STATUS_HELP)(techniques.techniques)
app.command("home-routine", epilog=routines.GUIDED_HELP)(routines.home_routine)
app.command(epilog=EXIT_STATUS_HELP)(safety.safety)
app.command(epilog=safety.CHECK_HELP)(safety.check)
app.command(epilog=EXIT_STATUS_HELP)(validate.validate)
