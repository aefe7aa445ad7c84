"""Full-text search over the whole knowledge base, ranked, case- and accent-insensitive.

Every entry becomes a `Document` of fields (sciaticli.search_index); a field is a name (an entry's
name, id, alias or heading) or body text. A query is cut into terms: its everyday phrases found in
the knowledge base's `synonyms` section (each searched for as itself, the other words of its group
and what it means: `bum` also finds "buttock" and "gluteus"), then its other words, less little
words such as "my" or "the". Long words (five letters or more) match the start of a word, so
`massag` finds "massage"; short ones match a whole word with a common ending, so `numb` finds
"numbness" but not "number", and `leg` finds "legs" but not "legal".

A document matches when it has all of one or two terms, or at least half of more. Ranking:
more terms matched first; then the score, per term 10 in a name and 1 in the body, 1 more for a
whole word, and 1 more when it stands in a further field of the entry's own (not text it shares
with others, such as a routine's do-not list), so an entry about the thing outranks one that
mentions it once; the whole query as a phrase adds 5 in a name and 2 in the body. On equal
scores what a person can act on comes first: safety entries (red flags, contraindications, stop
rules), then routines, techniques, the topic pages, and sources last; then knowledge-base order.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from sciaticli.model import (
    KnowledgeBase,
)
from sciaticli.model_topics import (
    Synonym,
)
from sciaticli.search_index import Document, Field, documents
from sciaticli.snippet import cut, focus

NAME_WEIGHT = 10
BODY_WEIGHT = 1
WHOLE_WORD_BONUS = 1
MORE_FIELDS_BONUS_MAX = 1
PHRASE_IN_NAME_BONUS = 5
PHRASE_IN_BODY_BONUS = 2
# Query words this short match whole words (with a common ending), not the start of longer ones.
SHORT_WORD = 4
_SHORT_ENDINGS = r"(?:s|es|ed|ing|ness|y)?"
_WORD = re.compile(r"\w+")
SAFETY_KINDS = ("red flag", "contraindication", "stop rule")
# On equal scores: what a person can act on first, sources last.
KIND_ORDER = {kind: rank for rank, kind in enumerate((*SAFETY_KINDS, "routine", "technique"))}
KIND_ORDER |= {"topic": len(KIND_ORDER), "source": len(KIND_ORDER) + 1}
# Little words that carry no meaning in a search ("my", "can't": "can" and "t").
STOP_WORDS = frozenset(
    _WORD.findall(
        """a about am an and any are as at be been but by can cannot cant could did do does doing
        don dont for from get gets getting got had has have how i if im in into is it its ive
        just me my of off on or our s so some t than that the their them then there these they
        this to too very was we were what when where which while who why will with would you
        your"""
    )
)


class Hit(NamedTuple):
    document: Document
    score: int
    snippet: str
    # Where the query's words stand in the snippet: (start, end) character offsets.
    marks: tuple[tuple[int, int], ...]
    # How many of the query's terms the document has.
    matched: int = 0


class Term(NamedTuple):
    """One thing the query asks for: a word or an everyday phrase, with the phrases that count
    as finding it (itself first)."""

    text: str
    patterns: tuple[re.Pattern[str], ...]


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


def stem(word: str) -> str:
    """A word without a common English ending, for matching (`peeing` -> `pee`, `stones` ->
    `stone`, `hurts` -> `hurt`); short words and words without one stay as they are."""
    for ending in ("ing", "ed", "es", "s"):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= 3 and not word.endswith("ss"):
            if ending in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]:
                base = base[:-1]  # running -> run
            if ending == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                base = word[:-1]  # stones -> stone
            return base
    return word


def _word_pattern(word: str) -> str:
    if len(word) <= SHORT_WORD:
        doubled = rf"{re.escape(word[-1])}(?:ing|ed)" if word[-1] not in "aeiouy" else "(?!)"
        return rf"{re.escape(word)}(?:{_SHORT_ENDINGS}|{doubled})"
    # A silent e goes before an ending: `bruise` finds "bruising".
    return rf"{re.escape(word[:-1] if word.endswith('e') else word)}\w*"


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Where a folded phrase stands in folded text: its words in order, each matched as
    `_word_pattern` says; group 1 is what follows the last word (empty for a whole word)."""
    words = _WORD.findall(phrase)
    head = [_word_pattern(word) for word in words[:-1]]
    last = words[-1]
    if len(last) <= SHORT_WORD:
        tail = _word_pattern(last).replace(re.escape(last), re.escape(last) + "(", 1) + ")"
    else:
        tail = rf"{re.escape(last[:-1] if last.endswith('e') else last)}(\w*)"
    return re.compile(r"(?<!\w)" + r"\W+".join([*head, tail]) + r"(?!\w)")


def terms(kb: KnowledgeBase, query: str) -> list[Term]:
    """The terms of `query`: its synonyms' phrases, then its other words less little words."""
    folded = " ".join(query_words(query))
    found: list[Term] = []
    for word, synonym in synonyms_in(kb, query):
        alternatives = [word, *(" ".join(query_words(w)) for w in synonym.words)]
        if synonym.means:
            alternatives.append(" ".join(query_words(synonym.means)))
        unique = dict.fromkeys(a for a in alternatives if a)
        # Every word of the group in the query is this one term (`mri scan` is one thing).
        for alternative in sorted(unique, key=len, reverse=True):
            folded = re.sub(rf"(?<!\w){re.escape(alternative)}(?!\w)", " ", folded)
        found.append(Term(word, tuple(phrase_pattern(a) for a in unique)))
    rest = _WORD.findall(folded)
    words = [w for w in rest if w not in STOP_WORDS] or ([] if found else rest)
    for word in dict.fromkeys(words):
        forms = dict.fromkeys((word, stem(word)))
        found.append(Term(word, tuple(phrase_pattern(form) for form in forms)))
    return found


def required(count: int) -> int:
    """How many of `count` terms a document needs: all of one or two, half of more."""
    return count if count <= 2 else math.ceil(count / 2)


def search(kb: KnowledgeBase, query: str) -> list[Hit]:
    """Every document with enough of the terms of `query`, best first."""
    return _search(kb, terms(kb, query), query)


def _search(kb: KnowledgeBase, query_terms: Sequence[Term], query: str) -> list[Hit]:
    if not query_terms:
        return []
    need = required(len(query_terms))
    words = query_words(query)
    phrase = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(word) for word in words) + r"(?!\w)")
    hits: list[Hit] = []
    for document in documents(kb):
        folded = [(fold(field.text), field) for field in document.fields]
        score = matched = 0
        for term in query_terms:
            best, fields = 0, 0
            for (text, _), field in folded:
                weight = 0
                for pattern in term.patterns:
                    for match in pattern.finditer(text):
                        found = NAME_WEIGHT if field.is_name else BODY_WEIGHT
                        found += WHOLE_WORD_BONUS if not match.group(1) else 0
                        weight = max(weight, found)
                if weight:
                    best = max(best, weight)
                    fields += not field.is_name and not field.shared
            if best:
                matched += 1
                score += best + min(max(fields - 1, 0), MORE_FIELDS_BONUS_MAX)
        if matched < need:
            continue
        if len(words) > 1:
            if any(phrase.search(t) for (t, _), f in folded if f.is_name):
                score += PHRASE_IN_NAME_BONUS
            elif any(phrase.search(t) for (t, _), f in folded if not f.is_name):
                score += PHRASE_IN_BODY_BONUS
        snippet, marks = _snippet(document, folded, query_terms)
        hits.append(Hit(document, score, snippet, marks, matched))
    # sorted is stable: equal scores keep knowledge-base order.
    return sorted(hits, key=_rank)


def _rank(hit: Hit) -> tuple[int, int, int]:
    return -hit.matched, -hit.score, KIND_ORDER.get(hit.document.kind, len(KIND_ORDER))


class Found(NamedTuple):
    """Every hit for a query and its synonyms, and the synonyms it used: (word, synonym)."""

    hits: list[Hit]
    synonyms: list[tuple[str, Synonym]]


def synonyms_in(kb: KnowledgeBase, text: str) -> list[tuple[str, Synonym]]:
    """The synonyms whose words appear (as whole words) in `text`, with the word found."""
    folded = " ".join(query_words(text))
    found = []
    for synonym in kb.synonyms:
        group = (*synonym.words, synonym.means) if synonym.means else synonym.words
        for word in sorted(group, key=len, reverse=True):
            word = " ".join(query_words(word))
            if word and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded):
                found.append((word, synonym))
                break
    return found


def search_with_synonyms(kb: KnowledgeBase, query: str) -> Found:
    """`search`, with the everyday words of `query` also searched for as their synonyms."""
    return Found(search(kb, query), synonyms_in(kb, query))


def _snippet(
    document: Document,
    folded: list[tuple[tuple[str, list[int] | None], Field]],
    query_terms: Sequence[Term],
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The clause of the body that holds the most terms, cut to about 160 characters around it
    (sciaticli.snippet), with the matches' offsets. Never the title again: when only the title
    or names match, the first other body field (usually a summary or the reason), unmarked, or
    nothing."""
    best: tuple[int, str, list[tuple[int, int]]] | None = None
    body = []
    for _, field in folded:
        text = field.text
        if field.is_name or text == document.title:
            continue
        if text.startswith(document.title):  # a red flag's sign begins with its summary
            text = text[len(document.title) :].lstrip(" .;:,")
        if text:
            body.append((fold(text), field._replace(text=text)))
    for (text, origin), field in body:
        spans: list[tuple[int, int]] = []
        found = 0
        for term in query_terms:
            term_spans = [
                (m.start(), m.end()) for pattern in term.patterns for m in pattern.finditer(text)
            ]
            found += bool(term_spans)
            spans += term_spans
        if origin is not None:
            spans = [(origin[a], origin[b - 1] + 1) for a, b in spans]
        if found and (best is None or found > best[0]):
            best = (found, field.text, sorted(spans))
    if best is None:
        return cut(body[0][1].text if body else "", [])
    _, text, spans = best
    return cut(text, spans, focus(text, spans))
