"""The fast path: `sciaticli techniques`, `sciaticli home-routine` and `sciaticli exercises`,
each alone or with a NAME and no option, drawn without importing Typer, whose import is most of
a start-up (docs/performance.md). The page is the one the command draws: the same functions
build it (pages) and the same `emit` writes it, in the run the command table describes
(cli.running).

Everything else goes through Typer (cli.main), as before: an option (`--help` too), a second
argument, an argument that starts with `-` or is empty, an environment variable that one of the
commands' options reads, a completion request, and an error in what was typed (an unknown NAME):
Typer then runs the command again, and its message is the command's own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

from sciaticli.cli import running
from sciaticli.model import BALL, MOVEMENT, KnowledgeBase
from sciaticli.render.document import Page

# Read by the commands' options (cli.options: --kb, --region) or by Typer (a completion request).
OPTION_VARIABLES = ("SCIATICLI_KB", "SCIATICLI_REGION", "_SCIATICLI_COMPLETE")


def _techniques(kb: KnowledgeBase, name: str | None) -> Page:
    from sciaticli.pages.techniques import techniques_page

    return techniques_page(kb, name)


def _routine(kind: str) -> Callable[[KnowledgeBase, str | None], Page]:
    def page(kb: KnowledgeBase, name: str | None) -> Page:
        """As `show_routine` (cli.routines) draws it with every option at its default."""
        from sciaticli.pages.routines import routine_page
        from sciaticli.routines import chosen_routine
        from sciaticli.safety import region_from_locale

        routine = chosen_routine(kb, kind, name)
        region = region_from_locale(kb, os.environ)
        return routine_page(routine, kb, "both", None, region, others=name is None)

    return page


# The commands the fast path draws: each one's page from the knowledge base and NAME (or None).
PAGES: dict[str, Callable[[KnowledgeBase, str | None], Page]] = {
    "techniques": _techniques,
    "home-routine": _routine(BALL),
    "exercises": _routine(MOVEMENT),
}


Form = tuple[str, str | None]  # a command, and its NAME or None


def fast_form(arguments: Sequence[str], environ: Mapping[str, str]) -> Form | None:
    """(command, NAME or None) when the fast path draws `sciaticli ARGUMENTS`; None for Typer."""
    if not arguments or arguments[0] not in PAGES or len(arguments) > 2:
        return None
    if any(not argument or argument.startswith("-") for argument in arguments[1:]):
        return None
    if any(environ.get(variable) for variable in OPTION_VARIABLES):
        return None
    return arguments[0], arguments[1] if len(arguments) == 2 else None


def run(arguments: Sequence[str]) -> bool:
    """Draw the page `sciaticli ARGUMENTS` asks for and return True; return False, having
    written nothing, for Typer to run it (fast_form says no, or what was typed is wrong)."""
    form = fast_form(arguments, os.environ)
    if form is None:
        return False
    command, name = form
    from sciaticli.errors import SciaticliError
    from sciaticli.knowledge import load_knowledge_base
    from sciaticli.render.output import ColorMode, OutputFormat, emit

    with running.guarded():
        running.allow(command)
        try:
            page = PAGES[command](load_knowledge_base(), name)
        except SciaticliError:
            return False  # nothing written yet: Typer runs it again and says what is wrong
        except KeyboardInterrupt:
            running.interrupted()
        try:
            emit(page, OutputFormat.auto, ColorMode.auto)
        except SciaticliError as error:
            running.fail(error)
        except BrokenPipeError:
            running.reader_gone()
        except KeyboardInterrupt:
            running.interrupted()
    return True
