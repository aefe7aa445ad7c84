"""What `sciaticli search` searches: every entry of the knowledge base as a Document of fields
(names, body text, and text an entry shares with others), in the order ties are shown."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sciaticli.model import Contraindication, KnowledgeBase


class Field(NamedTuple):
    text: str
    is_name: bool
    # Text an entry shares with others (a routine's do-not list and stop rules): searched, but
    # it does not make the entry more about the word.
    shared: bool = False


class Document(NamedTuple):
    kind: str
    id: str
    title: str
    command: str
    fields: tuple[Field, ...]
    origin: str


def documents(kb: KnowledgeBase) -> Iterator[Document]:
    """Every searchable entry, in the order ties are shown: techniques, routines, safety,
    topics, sources."""
    for t in kb.techniques.values():
        yield Document(
            "technique",
            t.id,
            t.name,
            f"sciaticli techniques {t.id}",
            (
                *_names(t.name, t.id, *t.aliases, *t.misspellings),
                *_body(
                    t.summary,
                    *t.targets,
                    *t.steps,
                    t.why_it_may_help,
                    t.evidence.summary,
                    *t.cautions,
                ),
            ),
            t.origin,
        )
    for r in kb.routines.values():
        yield Document(
            "routine",
            r.id,
            r.name,
            f"sciaticli {r.command} {r.id}",
            (
                *_names(r.name, r.id, *r.aliases),
                *_body(
                    r.purpose,
                    r.position,
                    r.before or "",
                    *(part for step in r.steps for part in (step.text(), step.cue)),
                    r.frequency,
                    r.should_feel,
                    r.aftercare,
                    *r.equipment,
                    r.watch_for or "",
                ),
                *_shared(
                    *(_short(kb.safety.contraindications.get(i)) for i in r.not_for),
                    *(rule.rule for i in r.stop_rules if (rule := kb.safety.stop_rules.get(i))),
                ),
            ),
            r.origin,
        )
    for flag in kb.safety.red_flags.values():
        yield Document(
            "red flag",
            flag.id,
            flag.short,
            "sciaticli safety",
            # A safety entry's short form is its name: a person who types the sign sees it first.
            (*_names(flag.id, flag.short), *_body(flag.sign, flag.question)),
            flag.origin,
        )
    for item in kb.safety.contraindications.values():
        yield Document(
            "contraindication",
            item.id,
            item.condition,
            "sciaticli safety",
            (*_names(item.id, _short(item)), *_body(item.condition, item.why, item.question or "")),
            item.origin,
        )
    for rule in kb.safety.stop_rules.values():
        yield Document(
            "stop rule",
            rule.id,
            rule.rule,
            "sciaticli safety",
            (*_names(rule.id), *_body(rule.rule)),
            rule.origin,
        )
    for topic in kb.topics.values():
        for section in topic.sections:
            yield Document(
                "topic",
                topic.id,
                f"{topic.title}: {section.heading}",
                f"sciaticli {topic.id}",
                (
                    *_names(section.heading),
                    *_body(
                        section.claim or "",
                        section.text,
                        *(item.line() for item in section.items),
                    ),
                ),
                topic.origin,
            )
    for source in kb.sources.values():
        yield Document(
            "source",
            source.key,
            source.title,
            f"sciaticli sources {source.key}",
            # A source's title is bibliography, not what a person looks for: body text.
            _body(
                source.key,
                source.title,
                source.authors or "",
                source.publisher,
                str(source.year or ""),
            ),
            source.origin,
        )


def _short(item: Contraindication | None) -> str:
    return "" if item is None else item.short or item.condition


def _names(*texts: str) -> tuple[Field, ...]:
    return tuple(Field(text, True) for text in texts)


def _body(*texts: str) -> tuple[Field, ...]:
    return tuple(Field(text, False) for text in texts if text)


def _shared(*texts: str) -> tuple[Field, ...]:
    return tuple(Field(text, False, shared=True) for text in texts if text)
