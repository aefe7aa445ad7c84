"""The reference pages: topics (about, therapist, myths), the sources, and search results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sciaticli.citing import Citer, citers, summary, topic_sources
from sciaticli.model import (
    KnowledgeBase,
    Source,
)
from sciaticli.model_topics import (
    Synonym,
    Topic,
    TopicSection,
)
from sciaticli.pages.origin import all_entries, origin_note, origin_rows, user_file, with_checked
from sciaticli.pages.techniques import source_json
from sciaticli.render.document import (
    Block,
    Fields,
    Heading,
    Hint,
    Items,
    Page,
    Paragraph,
    Result,
    Results,
)
from sciaticli.search import Hit, query_words

SEARCH_HINT = "Search everything: sciaticli search WORDS"


def topic_page(
    topic: Topic,
    kb: KnowledgeBase,
    top: Sequence[Block] = (),
    bottom: Sequence[Block] = (),
    also: Sequence[Any] = (),
    cited: Sequence[str] = (),
) -> Page:
    """The topic's sections with its sources; `top` goes straight under its title (the
    emergency signs of a page read in pain), `bottom` after its last section. `also`: the
    other entries the page shows (red flags), whose review dates count too; `cited`: their
    sources, listed after the topic's."""
    blocks: list[Block] = [Heading(topic.title)]
    rows = origin_rows(kb, topic.origin)
    if rows:
        blocks.append(Fields(rows))
    blocks += [*top, Paragraph(topic.summary)]
    for section in topic.sections:
        blocks += _section_blocks(section)
    blocks += bottom
    keys = list(dict.fromkeys([*topic_sources(kb, topic.id), *cited]))
    blocks += [
        Heading("Sources", level=2),
        Fields(tuple((key, kb.sources[key].citation()) for key in keys)),
        Hint(SEARCH_HINT),
    ]
    page = Page(tuple(blocks), topic_json(topic, kb, keys))
    return with_checked(page, kb, [topic, *also])


def _section_blocks(section: TopicSection) -> list[Block]:
    blocks: list[Block] = [Heading(section.heading, level=2)]
    if section.claim:
        blocks += [Paragraph(f"Claim: {section.claim}"), Paragraph(f"In fact: {section.text}")]
    else:
        blocks.append(Paragraph(section.text))
    if section.items:
        blocks.append(Items(tuple(item.line() for item in section.items)))
    if section.sources:
        blocks.append(Paragraph(f"Sources: {', '.join(section.sources)}"))
    return blocks


def topic_json(topic: Topic, kb: KnowledgeBase, keys: list[str]) -> dict[str, Any]:
    """Documented shape (docs/json.md)."""
    return {
        "id": topic.id,
        "title": topic.title,
        "summary": topic.summary,
        "reviewed": topic.reviewed,
        "sections": [
            {
                "heading": section.heading,
                "claim": section.claim,
                "text": section.text,
                "items": [
                    {"text": item.text, "term": item.term, "tag": item.tag}
                    for item in section.items
                ],
                "sources": list(section.sources),
            }
            for section in topic.sections
        ],
        "sources": [source_json(kb.sources[key]) for key in keys],
        "file": user_file(kb, topic.origin),
    }


# What each function measure may be used for, as its authors or the fact sheet (section 11) say.
INSTRUMENT_TERMS = {
    "peg": "freely reproduced (in CDC and VA materials); its wording is kept exact and attributed",
    "rmdq": "the authors state that the form may be used without permission; the English original",
    "psfs": "attributed to its authors; the person names the activities",
}


def _instruments(kb: KnowledgeBase) -> list[Block]:
    """The function measures (sciaticli measure), each attributed to its sources (their full
    references are in the list above) and with its terms of use."""
    from sciaticli.journal.measures import INSTRUMENTS
    from sciaticli.pages.report_function import INSTRUMENT_SOURCES

    items = tuple(
        f"{instrument.name}: "
        + "; ".join(_attributed(kb, key) for key in INSTRUMENT_SOURCES[name])
        + f". Use: {INSTRUMENT_TERMS[name]}."
        for name, instrument in INSTRUMENTS.items()
    )
    return [Heading("Instruments (sciaticli measure)", 2), Items(items)]


def _attributed(kb: KnowledgeBase, key: str) -> str:
    """`Krebs et al. 2009 [krebs-2009]`, `Roland & Morris 1983 [roland-morris-1983]`."""
    source = kb.sources.get(key)
    if source is None or not source.authors:
        return f"[{key}]"
    surnames = [author.strip().split(" ")[0] for author in source.authors.split(",")]
    names = " & ".join(surnames) if len(surnames) == 2 else surnames[0]
    if len(surnames) > 2:
        names += " et al."
    year = f" {source.year}" if source.year is not None else ""
    return f"{names}{year} [{key}]"


def source_list(kb: KnowledgeBase) -> Page:
    cited = citers(kb)
    items = tuple(
        f"{source.key}: {source.citation()} Cited by {summary(cited[source.key]) or 'no entry'}."
        for source in kb.sources.values()
    )
    blocks: list[Block] = [
        Heading("Sources"),
        Items(items, ordered=True),
        *origin_note(kb, ((source.key, source.origin) for source in kb.sources.values())),
        *_instruments(kb),
        Hint("One source and everything citing it: sciaticli sources KEY"),
    ]
    data = [
        _source_entry_json(number, source, cited[source.key], kb)
        for number, source in enumerate(kb.sources.values(), 1)
    ]
    return with_checked(Page(tuple(blocks), data), kb, all_entries(kb))


def source_page(source: Source, kb: KnowledgeBase) -> Page:
    number = list(kb.sources).index(source.key) + 1
    citing = citers(kb)[source.key]
    rows = [("Key", source.key)]
    if source.authors:
        rows.append(("Authors", source.authors))
    rows.append(("Publisher", source.publisher))
    if source.year is not None:
        rows.append(("Year", str(source.year)))
    if source.url:
        rows.append(("Address", source.url))
    if source.accessed:
        rows.append(("Accessed", source.accessed))
    rows += origin_rows(kb, source.origin)
    blocks: list[Block] = [
        Heading(f"[{number}] {source.title}"),
        Fields(tuple(rows)),
        Heading(f"Cited by ({len(citing)})", level=2),
    ]
    if citing:
        blocks.append(Items(tuple(citer.line() for citer in citing)))
        blocks += origin_note(kb, ((f"{c.kind} {c.id}", c.origin) for c in citing))
    else:
        blocks.append(Paragraph("No entry cites this source."))
    page = Page(tuple(blocks), _source_entry_json(number, source, citing, kb))
    return with_checked(page, kb, all_entries(kb))


def _source_entry_json(
    number: int, source: Source, citing: list[Citer], kb: KnowledgeBase
) -> dict[str, Any]:
    return {
        "number": number,
        **source_json(source),
        "file": user_file(kb, source.origin),
        "cited_by": [
            {"kind": c.kind, "id": c.id, "name": c.name, "file": user_file(kb, c.origin)}
            for c in citing
        ],
    }


def search_page(
    query: str,
    hits: list[Hit],
    total: int,
    kb: KnowledgeBase,
    synonyms: Sequence[tuple[str, Synonym]] = (),
) -> Page:
    noun = "match" if total == 1 else "matches"
    heading = f'{total} {noun} for "{query}"'
    if len(hits) < total:
        heading += f", the best {len(hits)} shown (--limit 0 shows all)"
    results = tuple(
        Result(hit.document.title, _label(hit, kb), hit.snippet, hit.marks) for hit in hits
    )
    also = [
        f'"{word}" was also searched for as "{synonym.means}".'
        for word, synonym in synonyms
        if synonym.means and word != " ".join(query_words(synonym.means))
    ]
    notes = [synonym.note for _, synonym in synonyms if synonym.note]
    blocks: tuple[Block, ...] = (
        Heading(f"Search: {query}"),
        Paragraph(" ".join([heading + ".", *also])),
        *(Paragraph(note) for note in notes),
        Results(results),
        Hint(
            "Open a hit: sciaticli techniques ID, sciaticli home-routine ID, sciaticli about "
            "(or therapist, myths, self-care, appointment), sciaticli sources KEY; red flags, "
            "contraindications and stop rules are in sciaticli safety."
        ),
    )
    data = {
        "query": query,
        "total": total,
        "synonyms": [
            {"word": word, "means": synonym.means, "note": synonym.note}
            for word, synonym in synonyms
        ],
        "hits": [
            {
                "rank": rank,
                "score": hit.score,
                "kind": hit.document.kind,
                "id": hit.document.id,
                "title": hit.document.title,
                "snippet": hit.snippet,
                "marks": [list(mark) for mark in hit.marks],
                "command": hit.document.command,
                "file": user_file(kb, hit.document.origin),
            }
            for rank, hit in enumerate(hits, 1)
        ],
    }
    return with_checked(Page(blocks, data), kb, all_entries(kb))


def _label(hit: Hit, kb: KnowledgeBase) -> str:
    label = f"{hit.document.kind} {hit.document.id}"
    path = user_file(kb, hit.document.origin)
    return f"{label}, from your file {path}" if path else label
