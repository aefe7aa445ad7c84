"""The Typer application: the group that builds each command when it is used, and turns every
error into one message.

Exit status: 0 ok, 1 error (bad file, unknown name), 2 usage error (bad option or value).
"""

# No `from __future__ import annotations` in the modules whose functions Typer reads (the
# commands, options, this one): Typer would then evaluate every annotation string when it builds
# a command, which costs a compile per parameter.

import functools
import importlib
import os
import types
from typing import Annotated, Any

import typer
from typer._click.core import Context
from typer._click.exceptions import UsageError
from typer.core import TyperGroup

from sciaticli import __version__
from sciaticli.cli import running
from sciaticli.cli.commands import (
    ABOUT,
    COMMANDS,
    EMERGENCY,
    EXIT_STATUS_HELP,
    FIRST_COMMANDS,
    did_you_mean,
)
from sciaticli.errors import SciaticliError


@functools.cache
def build_command(name: str) -> Any:
    """The click command for `name`, made by Typer from the command's function."""
    spec = COMMANDS[name]
    module_name, function, epilog_name = spec.module, spec.function, spec.epilog
    module = importlib.import_module(module_name)
    if isinstance(getattr(module, function), typer.Typer):
        group = typer.main.get_command(getattr(module, function))
        group.format_commands = types.MethodType(format_full_commands, group)  # type: ignore[attr-defined]
        group.resolve_command = types.MethodType(_naming_commands, group)  # type: ignore[attr-defined]
        return _with_context(group)
    epilog = getattr(module, epilog_name) if epilog_name else EXIT_STATUS_HELP
    single = typer.Typer(rich_markup_mode=None, add_completion=False)
    single.command(name, epilog=epilog)(getattr(module, function))
    command = typer.main.get_command(single)
    if os.environ.get("_SCIATICLI_COMPLETE"):  # a shell asks for completions: wire them
        from sciaticli.cli import complete

        complete.wire(name, command)
    _with_context(command)
    if not spec.csv:
        _without_csv(command)
    if spec.paged:
        # One definition for every paged command, without a parameter in each function.
        position = next(
            (i for i, p in enumerate(command.params) if "--help" in getattr(p, "opts", ())),
            len(command.params),
        )
        command.params.insert(position, _no_pager_option())
    return command


def _without_csv(command: Any) -> None:
    """`--format` without csv, for a command whose page has no records: one list of formats
    (render.output.OutputFormat), narrowed here for help, completion and errors alike."""
    for param in command.params:
        choices = getattr(param.type, "choices", None)
        if "--format" in getattr(param, "opts", ()) and choices is not None:
            kept = [choice for choice in choices if choice != "csv"]
            param.type = type(param.type)(kept, case_sensitive=param.type.case_sensitive)


def _no_pager_option() -> Any:
    from typer.core import TyperOption

    def turn_off(ctx: Any, param: Any, value: bool) -> None:
        if value:
            from sciaticli.render import pager

            pager.turn_off()

    return TyperOption(
        param_decls=["--no-pager"],
        is_flag=True,
        expose_value=False,
        callback=turn_off,
        help="Write the page straight to the terminal, without a pager (less).",
    )


def format_full_commands(group: Any, ctx: Any, formatter: Any) -> None:
    """Each command of `group` with its whole one-line description, wrapped, not cut short."""
    rows = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            rows.append((name, command.get_short_help_str(limit=1000)))
    if rows:
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class SciaticliContext(Context):
    """Help at the terminal's real width with words kept whole (cli.wrapping)."""

    def make_formatter(self) -> Any:
        from sciaticli.cli.wrapping import Formatter

        return Formatter(width=self.terminal_width, max_width=self.max_content_width)


def _with_context(command: Any) -> Any:
    """`command` (and a group's commands) formatting its help with SciaticliContext."""
    command.context_class = SciaticliContext
    for sub in getattr(command, "commands", {}).values():
        _with_context(sub)
    return command


def _naming_commands(group: Any, ctx: Any, args: list[str]) -> Any:
    """click's resolve_command for a group of commands (`journal`), with the group's few
    commands named when the one typed is none of them and none is close."""
    try:
        return type(group).resolve_command(group, ctx, args)
    except UsageError as error:
        if error.message.startswith("No such command") and "Did you mean" not in error.message:
            error.message += f" The {group.name} commands: {', '.join(group.commands)}."
        raise


def overview() -> str:
    """What `sciaticli` alone prints: at most about 20 lines at 80 columns."""
    from sciaticli.cli.wrapping import Formatter, fill

    formatter = Formatter()
    formatter.write_usage("sciaticli", "[OPTIONS] COMMAND [ARGS]...")
    formatter.write_paragraph()
    formatter.write_text(ABOUT)
    formatter.write_paragraph()
    formatter.write_text(EMERGENCY)
    with formatter.section("Commands to start with"):
        formatter.write_dl(FIRST_COMMANDS)
    formatter.write_paragraph()
    more = "Every command and option: sciaticli --help. One command's: sciaticli COMMAND --help."
    formatter.write(fill(more, formatter.width) + "\n")
    return formatter.getvalue().rstrip("\n")


class SciaticliGroup(TyperGroup):
    """Builds commands lazily, and turns domain errors into one message on stderr and exit 1,
    in one place for every command (usage errors too, wrapped on a terminal: cli.wrapping)."""

    context_class = SciaticliContext

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return build_command(cmd_name) if cmd_name in COMMANDS else None

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # No arguments: a short overview on stdout and exit 0, as gh does (not a usage error).
        if not args and not ctx.resilient_parsing:
            typer.echo(overview())
            ctx.exit(0)
        if args and args[0] in ("--install-completion", "--show-completion"):
            # `--show-completion zsh`: the shell's name follows (an option value click's
            # parser cannot leave out), else the shell this runs in.
            action = "install" if args[0] == "--install-completion" else "show"
            _completion(action, ctx, True, args[1] if len(args) > 1 else "auto")
        try:
            rest = list(super().parse_args(ctx, args))
        except UsageError as error:
            from sciaticli.cli.wrapping import error_message

            raise error_message(error) from None
        if not ctx._protected_args and not ctx.resilient_parsing:
            # Root options but no command (`sciaticli --no-pager`): the overview too, exit 0.
            typer.echo(overview())
            ctx.exit(0)
        return rest

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        running.allow(name)
        unknown = name and name not in COMMANDS and not name.startswith("-")
        if unknown and not ctx.resilient_parsing:
            from sciaticli.render.safe import one_line

            ctx.fail(f"No such command '{one_line(name)}'.{did_you_mean(name)}")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        format_full_commands(self, ctx, formatter)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get("_SCIATICLI_COMPLETE"):
            from sciaticli.cli import complete

            complete.prepare()
        with running.guarded():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SciaticliError as error:
            from sciaticli.cli.wrapping import error_line

            typer.echo(error_line(str(error)), err=True)
            raise typer.Exit(1) from None
        except UsageError as error:
            from sciaticli.cli.wrapping import error_message

            if isinstance(error, typer.BadParameter):
                # A value quoted in the message (`'x' is not a date`) cannot add a line of its own.
                from sciaticli.render.safe import one_line

                error.message = one_line(error.message)
            raise error_message(error) from None
        except BrokenPipeError:
            # The reader (head, less) has gone: stop quietly.
            running.reader_gone()
            raise typer.Exit(0) from None


app = typer.Typer(
    cls=SciaticliGroup,
    name="sciaticli",
    help=f"{ABOUT}\n\n{EMERGENCY}",
    epilog=EXIT_STATUS_HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=False,  # SciaticliGroup.parse_args prints the help on stdout, exit 0
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _completion(action: str, ctx: Any, value: bool, shell: str = "auto") -> None:
    """--install-completion / --show-completion, for this shell or the one named after it
    (SciaticliGroup.parse_args reads that name)."""
    if not value or ctx.resilient_parsing:
        return
    from sciaticli.cli import complete

    (complete.install if action == "install" else complete.show)(shell)


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
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=lambda ctx, param, value: _completion("install", ctx, value),
            expose_value=False,
            is_eager=True,
            help="Install shell completion (commands, options, names) for this shell, or the "
            "one named after it: --install-completion zsh. bash, zsh or fish.",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=lambda ctx, param, value: _completion("show", ctx, value),
            expose_value=False,
            is_eager=True,
            help="Print the completion script for this shell, or the one named after it, to "
            "install it yourself.",
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="No pager (less) for a page taller than the terminal; also "
            "SCIATICLI_PAGER= (empty) or cat. The pager: SCIATICLI_PAGER, PAGER, less -FRX.",
        ),
    ] = False,
) -> None:
    """An offline guide to massage and self-massage for sciatica, with sources."""
    if no_pager:
        from sciaticli.render import pager

        pager.turn_off()
