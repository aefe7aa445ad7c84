"""The reference commands: `about`, `therapist`, `myths`, `sources` and `search`."""

from collections.abc import Callable
from typing import Annotated

import typer

from sciaticli.cli.options import ColorOption, FormatOption, KbOption
from sciaticli.errors import NotFoundError
from sciaticli.knowledge import load_knowledge_base
from sciaticli.render.output import ColorMode, OutputFormat, emit

SEARCH_HELP = (
    "Ranking: a word in a name, id, title or heading counts 10, in the text 1, a whole word 1 "
    "more; the whole query as a phrase adds 5 in a name, 2 in the text; on equal scores safety "
    "entries come first. Everyday words are also searched for as the knowledge base's "
    "synonyms (warfarin: blood thinners; bum: gluteus). "
    "Exit status: 0 found, 1 nothing matches (or a bad file), 2 usage error."
)


def _topic_command(topic_id: str, summary: str) -> Callable[..., None]:
    """The command that shows the topic `topic_id`; `summary` is its help."""

    def show(
        fmt: FormatOption = OutputFormat.auto,
        color: ColorOption = ColorMode.auto,
        kb_path: KbOption = None,
    ) -> None:
        from sciaticli.pages.reference import topic_page

        kb = load_knowledge_base(kb_path)
        topic = kb.topics.get(topic_id)
        if topic is None:
            raise NotFoundError(f"the knowledge base has no topic '{topic_id}'")
        emit(topic_page(topic, kb), fmt, color)

    show.__doc__ = summary
    return show


about = _topic_command(
    "about", "What sciatica is, its causes, how it usually goes, and what massage can do."
)
therapist = _topic_command(
    "therapist", "Choosing a massage therapist, what a session is like, and what to say during it."
)
myths = _topic_command("myths", "Common claims about sciatica and massage, corrected.")


def sources(
    key: Annotated[
        str | None,
        typer.Argument(
            metavar="KEY",
            help="A source's key, its number in the list, or its title (a unique prefix will do).",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """The bibliography, numbered, with what cites each source; or one source in full."""
    from sciaticli.lookup import find
    from sciaticli.pages.reference import source_list, source_page

    kb = load_knowledge_base(kb_path)
    if key is None:
        emit(source_list(kb), fmt, color)
        return
    if key.strip().isdigit() and key.strip() not in kb.sources:
        # The number the list shows: `sources 10`.
        number, count = int(key), len(kb.sources)
        if not 1 <= number <= count:
            raise NotFoundError(f"no source number {number}; the list numbers them 1 to {count}")
        emit(source_page(list(kb.sources.values())[number - 1], kb), fmt, color)
        return
    source = find(
        key,
        list(kb.sources.values()),
        names=lambda source: (source.key, source.title),
        kind="source",
        label=lambda source: source.key,
        otherwise=f"To see all {len(kb.sources)}: sciaticli sources",
    )
    emit(source_page(source, kb), fmt, color)


def search(
    words: Annotated[
        list[str],
        typer.Argument(metavar="QUERY...", help="Words to find; an entry must contain them all."),
    ],
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=0, metavar="N", help="Show the best N hits; 0: all."),
    ] = 20,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """Search techniques, routines, safety, topics and sources; best matches first."""
    from sciaticli.pages.reference import search_page
    from sciaticli.search import query_words, search_with_synonyms

    query = " ".join(words)
    if not query_words(query):
        raise typer.BadParameter("give at least one word to search for", param_hint="'QUERY'")
    kb = load_knowledge_base(kb_path)
    hits, synonyms = search_with_synonyms(kb, query)
    if not hits:
        notes = " ".join(synonym.note for _, synonym in synonyms if synonym.note)
        if notes:
            raise NotFoundError(f"nothing matches '{query}'. {_as_plain(notes)}")
        raise NotFoundError(f"nothing matches '{query}'; try fewer or shorter words")
    shown = hits[:limit] if limit else hits
    emit(search_page(query, shown, len(hits), kb, synonyms), fmt, color)


def _as_plain(text: str) -> str:
    """A knowledge-base note for an error line: commands without their backticks."""
    return text.replace("`", "")
