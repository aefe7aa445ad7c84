"""`sciaticli safety` and `sciaticli check`: red flags, contraindications, stop rules."""

from typing import Annotated

import typer

from sciaticli.cli.asking import ask_line, stdin_is_terminal, wrapped
from sciaticli.cli.options import ColorOption, FormatOption, KbOption, RegionOption
from sciaticli.cli.options import checked_region as checked_region  # importable from here too
from sciaticli.knowledge import load_knowledge_base
from sciaticli.render.output import ColorMode, OutputFormat, emit
from sciaticli.safety import (
    NO,
    UNSURE,
    VERDICTS,
    YES,
    Group,
    Question,
    Verdict,
    groups,
    parse_answer_ids,
    questions,
    still_to_ask,
    verdict,
)

CHECK_HELP = (
    "The questions come in groups, the emergency signs first: a group's questions are listed, "
    "and a yes or a not sure asks them one at a time. Answer y (yes), n (no) or ? (not sure); "
    "not sure counts as yes. An emergency answer ends the check at once. After the verdict you "
    "are asked whether to save the answers, dated, to your journal (default no; never after "
    "an emergency verdict: act on it first); --save saves them without asking. Exit status: 0 "
    "none of these reported, 3 talk to a doctor before massage, 4 see a doctor today, 5 "
    "emergency; 1 error (also when saving fails after a verdict of 0), 2 usage error, 130 "
    "stopped (Ctrl-C)."
)


def safety(
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """Emergency red flags first, then urgent signs, contraindications and stop rules."""
    from sciaticli.pages.safety import safety_page

    kb = load_knowledge_base(kb_path)
    emit(safety_page(kb, checked_region(kb, region)), fmt, color)


def check(
    yes: Annotated[
        str | None,
        typer.Option("--yes", metavar="ID,ID", help="Question ids you answer yes to."),
    ] = None,
    no: Annotated[
        str | None,
        typer.Option("--no", metavar="ID,ID", help="Question ids you answer no to."),
    ] = None,
    unsure: Annotated[
        str | None,
        typer.Option(
            "--not-sure",
            metavar="ID,ID",
            help="Question ids you are not sure about (counted as yes).",
        ),
    ] = None,
    no_others: Annotated[
        bool, typer.Option("--no-others", help="Answer no to every question not answered.")
    ] = False,
    list_questions: Annotated[
        bool, typer.Option("--list", help="List the questions and their ids, and exit.")
    ] = False,
    save: Annotated[
        bool,
        typer.Option("--save", help="Save the answers, dated, with the verdict, to your journal."),
    ] = False,
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """A yes/no self-check in groups, red flags first, then contraindications; one verdict."""
    from sciaticli.pages.safety import verdict_page

    kb = load_knowledge_base(kb_path)
    region = checked_region(kb, region)
    asked = questions(kb)
    if list_questions:
        from sciaticli.pages.safety import question_list

        emit(question_list(asked), fmt, color)
        return
    answers = _given_answers(asked, {NO: no, YES: yes, UNSURE: unsure})
    interactive = False
    if verdict(asked, answers).key != "emergency":
        missing = still_to_ask(asked, answers)
        if no_others:
            answers.update(dict.fromkeys((q.id for q in missing), NO))
        elif missing:
            if not stdin_is_terminal():
                raise typer.BadParameter(
                    "standard input is not a terminal, so the questions cannot be asked; "
                    "give the answers with --yes ID,ID and --no-others (see --list)",
                    param_hint="'--yes' / '--no-others'",
                )
            answers = ask(asked, answers)
            interactive = True
    result = verdict(asked, answers)
    emit(verdict_page(kb, region, result, asked, answers), fmt, color)
    if save or (interactive and result.key != "emergency" and _wants_saving()):
        _save(asked, answers, result)
    raise typer.Exit(result.exit_code)


def _given_answers(asked: list[Question], given: dict[str, str | None]) -> dict[str, str]:
    """The answers from --yes, --no and --not-sure; one id in two of them is a usage error."""
    answers: dict[str, str] = {}
    for answer, text in given.items():
        for ident in parse_answer_ids(text, asked):
            if answers.get(ident, answer) != answer:
                raise typer.BadParameter(
                    f"'{ident}' is answered both {answers[ident]} and {answer}",
                    param_hint="'--yes' / '--no' / '--not-sure'",
                )
            answers[ident] = answer
    return answers


def _wants_saving() -> bool:
    """Asked once the verdict is shown; Enter, Ctrl-C or the end of input is a no."""
    from sciaticli.cli.asking import yes_or_no

    typer.echo("", err=True)
    try:
        wanted = ask_line(
            "Save these answers to your journal? [y/N]",
            lambda reply: yes_or_no(reply, default=False),
        )
    except typer.Abort:
        typer.echo("", err=True)
        wanted = False
    if not wanted:
        typer.echo("Not saved.", err=True)
    return wanted


def _save(asked: list[Question], answers: dict[str, str], result: Verdict) -> None:
    """The answers given, in the order asked, and the verdict, dated now, into the journal.
    A journal that cannot take them: one line, and the verdict's exit status (1 for a verdict
    of 0), so an emergency or same-day status is never hidden by a failed save."""
    from datetime import datetime

    from sciaticli import journal
    from sciaticli.errors import JournalError

    when = journal.now_text(datetime.now())
    given = [journal.CheckAnswer(q.id, answers[q.id], q.text) for q in asked if q.id in answers]
    try:
        with journal.open_journal(journal.journal_path()) as opened:
            opened.add_check(when, result.key, given)
    except JournalError as error:
        typer.echo(f"Error: the answers were not saved: {error}", err=True)
        raise typer.Exit(result.exit_code or 1) from None
    saved = f"Saved {len(given)} answers and the verdict to your journal ({when[:10]})."
    typer.echo(wrapped(saved), err=True)


def ask(asked: list[Question], answers: dict[str, str]) -> dict[str, str]:
    """Ask the questions that apply on stderr, a group at a time: the group's questions as a
    list and one prompt for them all; a yes or a not sure asks them one by one (with their
    follow-ups). Stops at the first emergency sign. Ctrl-C (or the end of input) stops the
    check with exit 130 and no verdict."""
    intro = "Answer y (yes), n (no) or ? (not sure); not sure counts as yes. "
    typer.echo(wrapped(intro + "The emergency signs come first."), err=True)
    every = groups(asked)
    try:
        for number, group in enumerate(every, 1):
            if not _ask_group(asked, answers, group, f"{number}/{len(every)}"):
                break
    except typer.Abort:
        stopped = "Stopped: no verdict. Run sciaticli check again when you are ready."
        typer.echo("\n" + wrapped(stopped), err=True)
        raise typer.Exit(130) from None
    return answers


def _ask_group(asked: list[Question], answers: dict[str, str], group: Group, label: str) -> bool:
    """One group: False when an emergency sign was reported (the check ends there). The
    counter names the group (`[2/4]`) and then the question within it (`[2/4, question 3]`),
    so it only ever goes up, whatever the follow-ups add."""
    ids = {question.id for question in group.questions}

    def missing() -> list[Question]:
        return [q for q in still_to_ask(asked, answers) if q.id in ids]

    # A follow-up is listed only when its question was already answered (--yes cancer).
    shown = [q for q in missing() if q.asked_if is None or q.asked_if in answers]
    if len(shown) > 1:
        typer.echo("\n" + wrapped(f"{group.title} (group {label.replace('/', ' of ')}):"), err=True)
        for question in shown:
            typer.echo(wrapped(question.text, "  - ", "    "), err=True)
        if _answer(f"[{label}] Yes, or not sure, to any of these?") == NO:
            answers.update(dict.fromkeys((q.id for q in shown), NO))
            return True
    count = 0
    while left := missing():
        count += 1
        answers[left[0].id] = _answer(f"[{label}, question {count}] {left[0].text}")
        if verdict(asked, answers).key == VERDICTS["emergency"].key:
            return False
    return True


_REPLIES = {"y": YES, "yes": YES, "n": NO, "no": NO, "?": UNSURE, "not sure": UNSURE}


def _answer(prompt: str) -> str:
    def reply(text: str) -> str:
        if text.lower() in _REPLIES:
            return _REPLIES[text.lower()]
        raise ValueError("Please answer y (yes), n (no) or ? (not sure).")

    return ask_line(prompt + " [y/n/?]", reply)
