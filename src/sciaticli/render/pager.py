"""The pager: on a terminal, a page taller than the screen is shown through `less`, so the
reader lands on its top (the title, the cautions, the safety panel) and scrolls down to the steps.

Which pager: SCIATICLI_PAGER, then PAGER, then `less -FRX` (-F quits at once when the page fits,
-R keeps the colours, -X leaves the page on the screen afterwards). LESS defaults to FRX, as git
sets it, for a plain `less`. No pager when:
- standard output is not a terminal (a pipe, a file), or the page fits on the screen;
- the command is not a page to read (check, the guided routine, log, validate, journal);
- `--no-pager` is given, or SCIATICLI_PAGER is set but empty, or the pager is `cat`;
- the pager cannot be started (not installed): the page is written as it is.
A pager that fails (ends with a non-zero status, or is killed by a signal other than the
reader's own Ctrl-C or Ctrl-\\) has not shown the page: the page is written to the terminal
after all, with a one-line note on stderr, so that a broken PAGER never hides the emergency
signs.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT = "less -FRX"
_state = {"allowed": False, "off": False, "end": False}


def allow(allowed: bool, *, at_end: bool = False) -> None:
    """Whether this run's command is one whose page may be paged, and opens at its end in
    less (+G): the CLI says, from its table of commands (cli.commands.COMMANDS)."""
    _state["allowed"] = allowed
    _state["end"] = at_end


def turn_off() -> None:
    """`--no-pager`."""
    _state["off"] = True


def reset() -> None:
    _state.update(allowed=False, off=False, end=False)


def command(environ: Mapping[str, str]) -> list[str] | None:
    """The pager to run, as arguments; None for none (empty, `cat`, or not parseable)."""
    if "SCIATICLI_PAGER" in environ:
        chosen = environ["SCIATICLI_PAGER"]
    else:
        chosen = environ.get("PAGER") or DEFAULT
    if not chosen.strip():
        return None
    import shlex

    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    if not words or words == ["cat"]:
        return None
    return words


def wanted(text: str, rows: int) -> bool:
    """Whether `text` should be paged on a terminal of `rows` lines (before the environment)."""
    return _state["allowed"] and not _state["off"] and text.count("\n") >= rows


def show(text: bytes, environ: Mapping[str, str], encoding: str = "utf-8") -> tuple[bool, str]:
    """Send `text` (in `encoding`) to the pager and wait for it: (True, "") when it showed the
    page; (False, "") when there is no pager to run, and (False, a one-line note) when the
    pager failed, for the caller to write the page itself (and the note on stderr). Ctrl-C
    belongs to the pager while it runs; a pager quit before it has read everything is not an
    error. less is told the encoding (LESSCHARSET, unless set), since its own guess from the
    locale may be ASCII."""
    words = command(environ)
    if words is None:
        return False, ""
    import subprocess  # only for a pager to run: its import is a tenth of a page's start-up

    if _state["end"] and words[0].rsplit("/", 1)[-1] == "less":
        words = [*words, "+G"]
    env = dict(environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    if encoding.lower().replace("-", "") == "utf8":
        env.setdefault("LESSCHARSET", "utf-8")
    try:
        process = subprocess.Popen(words, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False, ""
    assert process.stdin is not None
    try:
        process.stdin.write(text)
        process.stdin.close()
    except OSError:  # the reader quit early (BrokenPipeError) or the pipe failed
        pass
    while True:
        try:
            status = process.wait()
            break
        except KeyboardInterrupt:
            continue
    return _outcome(words[0], status)


def _outcome(name: str, status: int) -> tuple[bool, str]:
    """Whether a pager that ended with `status` showed the page, and if not, why, in a line."""
    import signal

    if status == 0 or -status in (signal.SIGINT, signal.SIGQUIT):  # the reader's own choice
        return True, ""
    if status > 0:
        how = f"ended with exit status {status}"
    else:
        try:
            how = f"was stopped by {signal.Signals(-status).name}"
        except ValueError:
            how = f"was stopped by signal {-status}"
    return False, f"Note: the pager {name!r} {how}; the page is shown here instead."
