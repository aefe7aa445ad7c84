"""Shell completion: `--install-completion` and `--show-completion` for bash, zsh and fish, and
the values each parameter completes to (technique, routine, topic, source and question ids, and
regions and muscles from the knowledge base; option choices come from their types).

Imported only when a completion is asked for (the shell sets _SCIATICLI_COMPLETE) or one of the
two options is given, so that start-up pays nothing for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

PROG_NAME = "sciaticli"
COMPLETE_VARIABLE = "_SCIATICLI_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
# A word after --show-completion taken as a shell's name (others are refused by name).
NAMED_SHELLS = (*SHELLS, "sh", "tcsh", "csh", "ksh", "powershell", "pwsh", "nu", "xonsh")

Completer = Callable[[Any, Any, str], list[Any]]


def requested() -> bool:
    return bool(os.environ.get(COMPLETE_VARIABLE))


def prepare() -> None:
    """Register the completion classes (bash, zsh, fish) before a completion request: Typer's,
    with sciaticli's own scripts and answers for the three shells (see `shells`)."""
    from typer._completion_classes import completion_init

    from sciaticli.cli import shells

    completion_init()
    shells.register()


def _kb(ctx: Any) -> Any:
    """The knowledge base the command would use: the bundled one, or with --kb / SCIATICLI_KB."""
    from pathlib import Path

    from sciaticli.knowledge import load_knowledge_base

    given = ctx.params.get("kb_path") or os.environ.get("SCIATICLI_KB") or None
    try:
        return load_knowledge_base(Path(given) if given else None)
    except Exception:  # a broken file completes from the bundled one, silently
        return load_knowledge_base()


def _items(incomplete: str, candidates: Iterable[tuple[str, str, Iterable[str]]]) -> list[Any]:
    """Each (value, description, other names) whose value or a name starts with `incomplete`
    (case, accents, spaces and hyphens aside): `shi` gives `shiatsu`, `knead` `petrissage`."""
    from typer._click.shell_completion import CompletionItem

    from sciaticli.lookup import normalise

    wanted = normalise(incomplete)
    found: list[Any] = []
    for value, description, names in candidates:
        if any(normalise(name).startswith(wanted) for name in (value, *names)):
            found.append(CompletionItem(value, help=description))
    return found


def techniques(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    kb = _kb(ctx)
    return _items(
        incomplete,
        ((t.id, t.name, (t.name, *t.aliases)) for t in kb.techniques.values()),
    )


def routines(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """Any routine, of either kind (the journal's --routine)."""
    return _routines(ctx, incomplete, None)


def ball_routines(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    return _routines(ctx, incomplete, "ball")


def movement_routines(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    return _routines(ctx, incomplete, "movement")


def _routines(ctx: Any, incomplete: str, kind: str | None) -> list[Any]:
    kb = _kb(ctx)
    chosen = (r for r in kb.routines.values() if kind is None or r.kind == kind)
    return _items(incomplete, ((r.id, r.name, (r.name, *r.aliases)) for r in chosen))


def sources(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    kb = _kb(ctx)
    return _items(incomplete, ((s.key, s.title, (s.title,)) for s in kb.sources.values()))


def regions(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    kb = _kb(ctx)
    numbers = kb.safety.emergency_numbers.values()
    return _items(incomplete, ((n.region, f"{n.emergency} ({n.name})", ()) for n in numbers))


def muscles(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    kb = _kb(ctx)
    names = sorted({m for t in kb.techniques.values() for m in t.targets})
    # A muscle of several words completes as one value; the shell quotes it (cli.shells).
    return _items(incomplete, ((name, "", ()) for name in names))


def everything(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """Search words: the id of any technique, routine, topic or source."""
    kb = _kb(ctx)
    entries: list[tuple[str, str, Iterable[str]]] = [
        *((t.id, t.name, (t.name, *t.aliases)) for t in kb.techniques.values()),
        *((r.id, r.name, (r.name, *r.aliases)) for r in kb.routines.values()),
        *((topic.id, topic.title, (topic.title,)) for topic in kb.topics.values()),
        *((s.key, s.title, ()) for s in kb.sources.values()),
    ]
    return _items(incomplete, entries)


def question_ids(ctx: Any, param: Any, incomplete: str) -> list[Any]:
    """`check --yes ID,ID`: the last id after the commas."""
    from typer._click.shell_completion import CompletionItem

    from sciaticli.safety import questions

    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [
        CompletionItem(prefix + question.id, help=question.text)
        for question in questions(_kb(ctx))
        if question.id.startswith(last.lower())
    ]


# Which completer each parameter takes: by the command's name and the parameter's name, or by
# the parameter's name alone for every command that has it.
BY_PARAMETER: dict[tuple[str | None, str], Completer] = {
    ("techniques", "name"): techniques,
    ("home-routine", "name"): ball_routines,
    ("exercises", "name"): movement_routines,
    ("sources", "key"): sources,
    ("search", "words"): everything,
    (None, "routine"): routines,
    (None, "set_routine"): routines,
    (None, "technique"): techniques,
    (None, "set_technique"): techniques,
    (None, "region"): regions,
    (None, "target"): muscles,
    ("check", "yes"): question_ids,
    ("check", "no"): question_ids,
    ("check", "unsure"): question_ids,
}


def wire(name: str, command: Any) -> None:
    """Give the parameters of the click command `name` their completers."""
    for param in command.params:
        completer = BY_PARAMETER.get((name, param.name)) or BY_PARAMETER.get((None, param.name))
        if completer is not None:
            param._custom_shell_complete = completer


def shell_for(value: str) -> str:
    """The shell named, or the one this runs in (shellingham, then $SHELL)."""
    import typer

    if value and value != "auto":  # `auto`: the option given without a shell
        if value not in SHELLS:
            raise typer.BadParameter(
                f"'{value}' is not a shell sciaticli completes for ({', '.join(SHELLS)})"
            )
        return value
    from typer._completion_shared import _get_shell_name

    try:
        detected = _get_shell_name() or ""  # shellingham: the shell this process runs in
    except Exception:
        detected = ""
    detected = detected or os.path.basename(os.environ.get("SHELL", ""))
    if detected not in SHELLS:
        raise typer.BadParameter(
            f"cannot tell which shell this is ({detected or 'none found'}); name it: "
            f"--show-completion bash (or {', '.join(SHELLS[1:])})"
        )
    return str(detected)


def show(value: str) -> None:
    """`--show-completion [SHELL]`: the script to put in the shell's start-up file."""
    import typer

    from sciaticli.cli import shells

    shell = shell_for(value)
    typer.echo(shells.script(shell, PROG_NAME, COMPLETE_VARIABLE))
    raise typer.Exit()


def install(value: str) -> None:
    """`--install-completion [SHELL]`: write the script where the shell reads it."""
    import typer
    from typer._completion_shared import install as install_script

    from sciaticli.cli import shells

    shell = shell_for(value)
    shells.register()  # Typer's installer writes sciaticli's scripts
    _, path = install_script(shell=shell, prog_name=PROG_NAME, complete_var=COMPLETE_VARIABLE)
    typer.echo(f"{shell} completion installed in {path}. It works in shells started from now on.")
    raise typer.Exit()
