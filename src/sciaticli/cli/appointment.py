"""`sciaticli appointment`: what to tell a doctor or physio, filled in from the journal."""

from typing import TYPE_CHECKING, Annotated

import typer

from sciaticli.cli.options import ColorOption, FormatOption, KbOption, RegionOption
from sciaticli.render.output import ColorMode, OutputFormat, emit

if TYPE_CHECKING:
    from datetime import date

    from sciaticli.appointment import JournalFacts
    from sciaticli.model import KnowledgeBase

APPOINTMENT_HELP = (
    "Without a journal, or with --blank, every point has a line to write on. With one, the "
    "points it can answer are filled in: the day the episode began (measure --episode-start), "
    "the last 14 days' pain with the leg and the back apart, recent notes, the latest PEG, "
    "RMDQ and PSFS scores, the newest saved self-check (check).\n\n"
    "Exit status: 0 ok, 1 error (a journal file that is damaged or not a journal), 2 usage "
    "error."
)


def appointment(
    name: Annotated[
        str | None,
        typer.Option(
            "--name", metavar="TEXT", help="A name to print on the page (a line to write on)."
        ),
    ] = None,
    blank: Annotated[
        bool,
        typer.Option("--blank", help="A blank form: nothing from the journal."),
    ] = False,
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """A page to take to a doctor or physio: what to tell them, the emergency signs first.

    Markdown (-f markdown) and HTML (-f html, to print) are the ones to hand over.
    """
    from datetime import date

    from sciaticli.appointment import NO_FACTS, answers
    from sciaticli.cli.options import checked_region
    from sciaticli.errors import NotFoundError
    from sciaticli.knowledge import load_knowledge_base
    from sciaticli.pages.appointment import TOPIC, appointment_page

    kb = load_knowledge_base(kb_path)
    topic = kb.topics.get(TOPIC)
    if topic is None:
        raise NotFoundError(f"the knowledge base has no topic '{TOPIC}'")
    chosen_region = checked_region(kb, region)
    today = date.today()
    facts = NO_FACTS if blank else journal_facts(today, kb)
    page = appointment_page(
        topic, kb, chosen_region, answers(facts, today), made=today.isoformat(), name=name
    )
    emit(page, fmt, color)


def journal_facts(today: "date", kb: "KnowledgeBase") -> "JournalFacts":
    """What the journal holds for the page, read without changing it (none without one)."""
    from sciaticli import journal
    from sciaticli.appointment import (
        NO_FACTS,
        JournalFacts,
        check_sentence,
        latest_measures,
        recent_notes,
        recent_pain,
        recent_start,
    )

    names = question_names(kb)
    with journal.existing_journal(journal.journal_path(), reading=True) as opened:
        if opened is None:
            return NO_FACTS
        entries = opened.entries(journal.Selection(since=recent_start(today)))
        return JournalFacts(
            episode_start=opened.setting("episode_start"),
            recent=recent_pain(entries, today),
            notes=recent_notes(entries, today),
            measures=latest_measures(opened.measures()),
            check=check_sentence(checks[-1], names) if (checks := opened.check_answers()) else None,
        )


def question_names(kb: "KnowledgeBase") -> dict[str, str]:
    """Each check question's short form: a red flag's one-line sign, a contraindication's few
    words."""
    names = {flag.id: flag.short for flag in kb.safety.red_flags.values()}
    for item in kb.safety.contraindications.values():
        names[item.id] = item.short or item.condition
    return names
