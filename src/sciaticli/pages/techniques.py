"""The techniques list and a technique in full."""

from __future__ import annotations

from typing import Any

from sciaticli.model import Contraindication, KnowledgeBase, Source, Technique
from sciaticli.pages.origin import origin_note, origin_rows, user_file, with_checked
from sciaticli.render.document import (
    Block,
    Callout,
    Fields,
    Heading,
    Hint,
    Items,
    Page,
    Paragraph,
    Table,
)

LIST_COLUMNS = ("Technique", "Id", "Family", "Performed by", "Pressure", "Targets")
# Left out on a terminal too narrow for them, in this order; a technique's page has them all.
LIST_OPTIONAL = ("Targets", "Family")
LIST_TITLE = "Massage techniques for sciatica"


def techniques_page(
    kb: KnowledgeBase,
    name: str | None,
    *,
    family: str | None = None,
    target: str | None = None,
    pressure: str | None = None,
    self_care: bool = False,
) -> Page:
    """`sciaticli techniques [NAME]`: the technique `name` names, in full, or the list of those
    that pass every filter given (NotFoundError when none does)."""
    from sciaticli.catalogue import find_technique, select_techniques
    from sciaticli.errors import NotFoundError

    if name is not None:
        return technique_page(find_technique(kb, name), kb)
    chosen = select_techniques(
        kb, family=family, target=target, pressure=pressure, self_care=self_care
    )
    if not chosen:
        raise NotFoundError("no technique matches all of these filters")
    return technique_list(chosen, kb)


def technique_list(techniques: list[Technique], kb: KnowledgeBase) -> Page:
    rows = tuple(
        (
            technique.name,
            technique.id,
            technique.family_short,
            ", ".join(technique.performed_by),
            technique.pressure_label,
            ", ".join(technique.targets) or "none",
        )
        for technique in techniques
    )
    count = len(techniques)
    noun = "technique" if count == 1 else "techniques"
    hint = Hint(f"{count} {noun}. One in full: sciaticli techniques NAME")
    note = origin_note(kb, ((technique.name, technique.origin) for technique in techniques))
    page = Page(
        (Table(LIST_COLUMNS, rows, optional=LIST_OPTIONAL), *note, hint),
        [technique_json(technique, kb) for technique in techniques],
        LIST_TITLE,
    )
    return with_checked(page, kb, techniques)


def technique_page(technique: Technique, kb: KnowledgeBase) -> Page:
    facts: list[tuple[str, str]] = []
    if technique.aliases:
        facts.append(("Also called", ", ".join(technique.aliases)))
    facts += [
        ("Family", technique.family_label),
        ("Performed by", ", ".join(technique.performed_by)),
        ("Pressure", technique.pressure_label),
        ("Targets", ", ".join(technique.targets) or "none"),
        ("Evidence", technique.evidence.label),
        *origin_rows(kb, technique.origin),
    ]
    blocks: tuple[Block, ...] = (
        Heading(technique.name),
        Fields(tuple(facts)),
        Paragraph(technique.summary),
        Callout("Cautions", technique.cautions, tone="caution"),
        *_contraindications(technique, kb),
        Items(technique.steps, title="How it is done", ordered=True),
        Heading("Why it may help", level=2),
        Paragraph(technique.why_it_may_help),
        Heading(f"Evidence: {technique.evidence.label}", level=2),
        Paragraph(technique.evidence.summary),
        Heading("Sources", level=2),
        Fields(tuple((key, kb.sources[key].citation()) for key in technique.sources)),
    )
    return with_checked(Page(blocks, technique_json(technique, kb)), kb, [technique])


def _contraindications(technique: Technique, kb: KnowledgeBase) -> tuple[Items, ...]:
    if not technique.contraindications:
        return ()
    items = tuple(
        f"{technique.contraindication_label(item.level)}: {item.condition}"
        for item in (kb.safety.contraindications[key] for key in technique.contraindications)
    )
    return (Items(items, title="Contraindications (all of them: sciaticli safety)"),)


def technique_json(technique: Technique, kb: KnowledgeBase) -> dict[str, Any]:
    """The documented JSON shape of a technique (see docs/json.md)."""
    return {
        "id": technique.id,
        "name": technique.name,
        "aliases": list(technique.aliases),
        "family": technique.family,
        "performed_by": list(technique.performed_by),
        "pressure": list(technique.pressure),
        "targets": list(technique.targets),
        "summary": technique.summary,
        "steps": list(technique.steps),
        "why_it_may_help": technique.why_it_may_help,
        "evidence": {"level": technique.evidence.level, "summary": technique.evidence.summary},
        "cautions": list(technique.cautions),
        "reviewed": technique.reviewed,
        "contraindications": [
            contraindication_json(kb.safety.contraindications[key])
            for key in technique.contraindications
        ],
        "sources": [source_json(kb.sources[key]) for key in technique.sources],
        "file": user_file(kb, technique.origin),
    }


def contraindication_json(item: Contraindication) -> dict[str, Any]:
    return {"id": item.id, "level": item.level, "condition": item.condition, "why": item.why}


def source_json(source: Source) -> dict[str, Any]:
    return {
        "key": source.key,
        "title": source.title,
        "publisher": source.publisher,
        "year": source.year,
        "url": source.url,
        "authors": source.authors,
        "accessed": source.accessed,
    }
