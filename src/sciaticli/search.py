"""Full-text search over the whole knowledge base, ranked, case- and accent-insensitive.

Every entry becomes a `Document` of fields; a field is a name (an entry's name, id, alias, title
or heading) or body text. A document matches when every word of the query starts a word in one
of its fields (so `mass` finds "massage" and `leg` finds "legs" but not "college").

Score, per query word: 10 when it is found in a name field, 1 when only in the body, and 1
more when it matches a whole word rather than the start of one. The whole query found as a
phrase adds 5 in a name and 2 in the body. On equal scores, safety entries (red flags,
contraindications, stop rules) come first, so a person in pain sees the warning before the
technique; otherwise ties keep knowledge-base order.

Synonyms (the knowledge base's `synonyms` section) let everyday words find their entries:
`warfarin` is also searched for as `blood thinners`; each entry keeps its better score.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from sciaticli.model import KnowledgeBase, Synonym

NAME_WEIGHT = 10
BODY_WEIGHT = 1
WHOLE_WORD_BONUS = 1
PHRASE_IN_NAME_BONUS = 5
PHRASE_IN_BODY_BONUS = 2
SNIPPET_CHARS = 160
_WORD = re.compile(r"\w+")
SAFETY_KINDS = ("red flag", "contraindication", "stop rule")


class Field(NamedTuple):
    text: str
    is_name: bool


class Document(NamedTuple):
    kind: str
    id: str
    title: str
    command: str
    fields: tuple[Field, ...]
    origin: str


class Hit(NamedTuple):
    document: Document
    score: int
    snippet: str
    # Where the query's words stand in the snippet: (start, end) character offsets.
    marks: tuple[tuple[int, int], ...]


def fold(text: str) -> tuple[str, list[int] | None]:
    """`text` in lower case without accents, and for each folded character the index of the
    character of `text` it came from (so matches can be highlighted in the original); None
    when they are one to one (ASCII text, the usual case, folded quickly)."""
    if text.isascii():
        return text.lower(), None
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char.casefold()):
            if not unicodedata.combining(part):
                folded.append(part)
                origin.append(index)
    return "".join(folded), origin


def query_words(query: str) -> list[str]:
    """The words of a query, folded, without repeats."""
    words = _WORD.findall(fold(query)[0])
    return list(dict.fromkeys(words))


def search(kb: KnowledgeBase, query: str) -> list[Hit]:
    """Every document that contains all the words of `query`, best first."""
    words = query_words(query)
    if not words:
        return []
    patterns = [re.compile(rf"(?<!\w){re.escape(word)}(\w*)") for word in words]
    phrase = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(word) for word in words) + r"(?!\w)")
    hits: list[Hit] = []
    for document in documents(kb):
        folded = [(fold(field.text), field) for field in document.fields]
        score = 0
        for pattern in patterns:
            best = 0
            for (text, _), field in folded:
                for match in pattern.finditer(text):
                    weight = NAME_WEIGHT if field.is_name else BODY_WEIGHT
                    weight += WHOLE_WORD_BONUS if not match.group(1) else 0
                    best = max(best, weight)
            if best == 0:
                break
            score += best
        else:
            if len(words) > 1:
                if any(phrase.search(t) for (t, _), f in folded if f.is_name):
                    score += PHRASE_IN_NAME_BONUS
                elif any(phrase.search(t) for (t, _), f in folded if not f.is_name):
                    score += PHRASE_IN_BODY_BONUS
            snippet, marks = _snippet(folded, patterns)
            hits.append(Hit(document, score, snippet, marks))
    # sorted is stable: equal scores keep knowledge-base order, safety entries first.
    return sorted(hits, key=_rank)


def _rank(hit: Hit) -> tuple[int, bool]:
    return -hit.score, hit.document.kind not in SAFETY_KINDS


class Found(NamedTuple):
    """Every hit for a query and its synonyms, and the synonyms it used: (word, synonym)."""

    hits: list[Hit]
    synonyms: list[tuple[str, Synonym]]


def synonyms_in(kb: KnowledgeBase, text: str) -> list[tuple[str, Synonym]]:
    """The synonyms whose words appear (as whole words) in `text`, with the word found."""
    folded = " ".join(query_words(text))
    found = []
    for synonym in kb.synonyms:
        for word in sorted(synonym.words, key=len, reverse=True):
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
                found.append((word, synonym))
                break
    return found


def replace_synonyms(text: str, found: list[tuple[str, Synonym]]) -> str:
    """`text` folded, each synonym's word replaced by what it means."""
    folded = " ".join(query_words(text))
    for word, synonym in found:
        if synonym.means:
            means = " ".join(query_words(synonym.means))
            folded = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", means, folded)
    return folded


def search_with_synonyms(kb: KnowledgeBase, query: str) -> Found:
    """`search`, and the same query with its everyday words replaced by their synonyms; an
    entry found both ways keeps its better score."""
    found = synonyms_in(kb, query)
    hits = search(kb, query)
    if not any(synonym.means for _, synonym in found):
        return Found(hits, found)
    best = {(hit.document.kind, hit.document.id, hit.document.title): hit for hit in hits}
    for hit in search(kb, replace_synonyms(query, found)):
        key = hit.document.kind, hit.document.id, hit.document.title
        if key not in best or best[key].score < hit.score:
            best[key] = hit
    order = {(d.kind, d.id, d.title): index for index, d in enumerate(documents(kb))}
    merged = sorted(best.values(), key=lambda hit: order[hit.document[:3]])
    return Found(sorted(merged, key=_rank), found)


def _snippet(
    folded: list[tuple[tuple[str, list[int] | None], Field]], patterns: list[re.Pattern[str]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A piece of the body field with the most query words, cut around the first match, with
    the matches' offsets; when only names match, the start of the first body field (usually a
    summary), unmarked, since the title already shows the name."""
    best: tuple[int, str, list[tuple[int, int]]] | None = None
    for (text, origin), field in folded:
        if field.is_name:
            continue
        spans = [
            (m.start(), m.end()) if origin is None else (origin[m.start()], origin[m.end() - 1] + 1)
            for pattern in patterns
            for m in pattern.finditer(text)
        ]
        found = sum(1 for pattern in patterns if pattern.search(text))
        if found and (best is None or found > best[0]):
            best = (found, field.text, sorted(spans))
    if best is None:
        body = [field.text for _, field in folded if not field.is_name]
        return _cut(body[0] if body else "", [])
    _, text, spans = best
    return _cut(text, spans)


def _cut(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    if len(text) <= SNIPPET_CHARS:
        return text, tuple(_merge(spans))
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    if start > 0:
        # Begin at a word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = [(a + shift, b + shift) for a, b in spans if a >= start and b <= end]
    return prefix + text[start:end] + suffix, tuple(_merge(inside))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


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
            f"sciaticli home-routine {r.id}",
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
                ),
            ),
            r.origin,
        )
    for flag in kb.safety.red_flags.values():
        yield Document(
            "red flag",
            flag.id,
            flag.sign,
            "sciaticli safety",
            (*_names(flag.id), *_body(flag.sign, flag.question)),
            flag.origin,
        )
    for item in kb.safety.contraindications.values():
        yield Document(
            "contraindication",
            item.id,
            item.condition,
            "sciaticli safety",
            (*_names(item.id), *_body(item.condition, item.why, item.question or "")),
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
            (
                *_names(source.title, source.key),
                *_body(source.authors or "", source.publisher, str(source.year or "")),
            ),
            source.origin,
        )


def _names(*texts: str) -> tuple[Field, ...]:
    return tuple(Field(text, True) for text in texts)


def _body(*texts: str) -> tuple[Field, ...]:
    return tuple(Field(text, False) for text in texts if text)
