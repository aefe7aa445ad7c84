"""`sciaticli safety` and `sciaticli check`: red flags, contraindications, stop rules."""

import sys
from typing import Annotated

import typer

from sciaticli.cli.options import ColorOption, FormatOption, KbOption, RegionOption
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import KnowledgeBase
from sciaticli.render.output import ColorMode, OutputFormat, emit
from sciaticli.safety import (
    VERDICTS,
    Question,
    UnknownRegion,
    numbers_for,
    parse_answer_ids,
    questions,
    verdict,
)

CHECK_HELP = (
    "Exit status: 0 none of these reported, 3 talk to a doctor before massage, "
    "4 see a doctor today, 5 emergency; 1 error, 2 usage error."
)


def _checked_region(kb: KnowledgeBase, region: str | None) -> str | None:
    try:
        numbers_for(kb, region)
    except UnknownRegion as error:
        raise typer.BadParameter(str(error), param_hint="'--region'") from None
    return region.lower() if region else None


def safety(
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """Emergency red flags first, then urgent signs, contraindications and stop rules."""
    from sciaticli.pages.safety import safety_page

    kb = load_knowledge_base(kb_path)
    emit(safety_page(kb, _checked_region(kb, region)), fmt, color)


def check(
    yes: Annotated[
        str | None,
        typer.Option("--yes", metavar="ID,ID", help="Question ids you answer yes to."),
    ] = None,
    no: Annotated[
        str | None,
        typer.Option("--no", metavar="ID,ID", help="Question ids you answer no to."),
    ] = None,
    no_others: Annotated[
        bool, typer.Option("--no-others", help="Answer no to every question not in --yes.")
    ] = False,
    list_questions: Annotated[
        bool, typer.Option("--list", help="List the questions and their ids, and exit.")
    ] = False,
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """A short yes/no self-check: red flags first, then contraindications; ends with one verdict."""
    from sciaticli.pages.safety import verdict_page

    kb = load_knowledge_base(kb_path)
    region = _checked_region(kb, region)
    asked = questions(kb)
    if list_questions:
        for question in asked:
            typer.echo(f"{question.id}\t{question.kind}\t{question.urgency}\t{question.text}")
        return
    answers = dict.fromkeys(parse_answer_ids(no, asked), False)
    answers.update(dict.fromkeys(parse_answer_ids(yes, asked), True))
    if no_others:
        answers = {question.id: answers.get(question.id, False) for question in asked}
    elif len(answers) < len(asked):
        if not stdin_is_terminal():
            raise typer.BadParameter(
                "standard input is not a terminal, so the questions cannot be asked; "
                "give the answers with --yes ID,ID and --no-others (see --list)",
                param_hint="'--yes' / '--no-others'",
            )
        answers = ask(asked, answers)
    result = verdict(asked, answers)
    emit(verdict_page(kb, region, result, asked, answers), fmt, color)
    raise typer.Exit(result.exit_code)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def ask(asked: list[Question], answers: dict[str, bool]) -> dict[str, bool]:
    """Ask each unanswered question in order, on stderr; stop at the first emergency sign."""
    total = len(asked)
    typer.echo("Answer y or n. Red-flag questions come first.", err=True)
    for number, question in enumerate(asked, 1):
        if question.id in answers:
            continue
        answers[question.id] = _yes_or_no(f"[{number}/{total}] {question.text}")
        if verdict(asked, answers).key == VERDICTS["emergency"].key:
            break
    return answers


def _yes_or_no(prompt: str) -> bool:
    while True:
        reply = typer.prompt(prompt + " [y/n]", err=True, prompt_suffix=" ").strip().lower()
        if reply in ("y", "yes"):
            return True
        if reply in ("n", "no"):
            return False
        typer.echo("Please answer y or n.", err=True)
