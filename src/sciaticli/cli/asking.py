"""Questions asked on the terminal, on stderr, for `check`, `measure` and `log`: one answer a
line (typer's prompt), or one key (the guided routine's `Terminal.answer_key`).

A line question asks again, with the reason, until its reply is accepted; Ctrl-C or the end of
input raises typer.Abort for the caller to stop on. A one-key question: Ctrl-C raises
KeyboardInterrupt and a hang-up or SIGTERM raises `Ended` (sciaticli.guided.keys); the end of
input is "".
"""

from collections.abc import Callable
from typing import TypeVar

import typer

T = TypeVar("T")


def stdin_is_terminal() -> bool:
    """Whether questions may be asked: the command is marked interactive in the command table
    and standard input is a terminal (sciaticli.permits; asking turns the pager off)."""
    from sciaticli import permits

    return permits.may_ask()


def wrapped(text: str, first: str = "", later: str = "") -> str:
    """`text` filled to the terminal's width (one column spare), never splitting a word."""
    import shutil
    import textwrap

    width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
    return textwrap.fill(
        text, width=width, initial_indent=first, subsequent_indent=later, break_long_words=False
    )


def tell(text: str = "", first: str = "", later: str = "") -> None:
    """A line of the dialogue, wrapped, on stderr ("" for an empty line)."""
    typer.echo(wrapped(text, first, later) if text else "", err=True)


def ask_line(prompt: str, parse: Callable[[str], T]) -> T:
    """The reply to `prompt` as `parse` reads it (Enter alone gives it ""); asked again, with
    the ValueError's message, until `parse` accepts it."""
    shown = wrapped(prompt)
    while True:
        reply = typer.prompt(shown, default="", show_default=False, err=True, prompt_suffix=" ")
        try:
            return parse(str(reply).strip())
        except ValueError as error:
            tell(str(error))


def yes_or_no(reply: str, *, default: bool) -> bool:
    """y or yes, n or no, in any case; Enter alone is `default`. ValueError otherwise."""
    word = reply.strip().lower()
    if not word:
        return default
    if word in ("y", "yes", "n", "no"):
        return word.startswith("y")
    raise ValueError("Please answer y (yes) or n (no).")


def ask_key(prompt: str, keys: str) -> str:
    """One of `keys` (lower case; "\\n" for Enter) pressed once `prompt` is shown, without
    Enter; other keys are ignored. "" at the end of input. The key's word is for the caller to
    show. Only on a terminal (stdin_is_terminal)."""
    from sciaticli.guided.keys import TERMINAL

    shown = wrapped(prompt) + " "
    while True:
        key = TERMINAL.answer_key(lambda: typer.echo(shown, err=True, nl=False))
        if not key:
            return ""
        key = "\n" if key == "\r" else key.lower()
        if key in keys:
            return key
        typer.echo("", err=True)
