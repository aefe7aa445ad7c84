"""The fields of each kind of knowledge-base entry (name -> (required, converter)) and the
converters that check a value and make it what the typed entry holds; a bad value raises _Invalid
with what it should be."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from sciaticli.model import (
    BRIEF_MAX_CHARS,
    CONTRAINDICATION_LEVELS,
    EVIDENCE_LEVELS,
    FAMILIES,
    PERFORMERS,
    PRESSURES,
    ROUTINE_KINDS,
    SIDES,
    SUMMARY_MAX_CHARS,
    URGENCIES,
)
from sciaticli.model_topics import (
    ITEM_TAGS,
    JOURNAL_FILLS,
)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A brief is plain words: letters, digits, spaces and sentence punctuation; nothing a format
# could read as markup or a placeholder (`*`, `_`, `[`, `{`, `<`, `#`, a backtick).
_PLAIN = re.compile("[^\\W_]|[ .,;:!?'\u2019()/&+\\-\u2013\u2014%]")  # one character of a brief
_TERRITORY = re.compile(r"[A-Z]{2}")


class _Invalid(Exception):
    """A value is not what its field needs; the message says what it should be."""


def _kind(value: Any) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "empty",
    }
    return names.get(type(value), f"a {type(value).__name__}")


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be text, not {_kind(value)}")
    text = " ".join(value.split())
    if not text:
        raise _Invalid("must not be empty")
    return text


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, not {_kind(value)}")
    return value


def _summary(value: Any) -> str:
    text = _text(value)
    if len(text) > SUMMARY_MAX_CHARS:
        raise _Invalid(f"must be at most {SUMMARY_MAX_CHARS} characters, not {len(text)}")
    return text


def _brief(value: Any) -> str:
    """A short view's line: plain words, at most BRIEF_MAX_CHARS characters."""
    text = _text(value)
    if len(text) > BRIEF_MAX_CHARS:
        raise _Invalid(f"must be at most {BRIEF_MAX_CHARS} characters, not {len(text)}")
    odd = sorted({char for char in text if not _PLAIN.fullmatch(char)})
    if odd:
        raise _Invalid(
            f"must be plain words and punctuation, not {' '.join(repr(char) for char in odd)}"
        )
    return text


def _slug(value: Any) -> str:
    text = _text(value)
    if not _SLUG.fullmatch(text):
        raise _Invalid(f"must be lower-case letters, digits and single hyphens, not '{text}'")
    return text


def _date(value: Any) -> str:
    """A review date, `YYYY-MM-DD`, that exists and is not in the future."""
    import datetime

    text = _text(value)  # the loader keeps dates as text (yamlfile._loader_class)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise _Invalid(f"must be a date written YYYY-MM-DD, not '{text}'")
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise _Invalid(f"is not a real date: '{text}'") from None
    if day > datetime.date.today():
        raise _Invalid(f"is in the future: '{text}'")
    return text


def _version(value: Any) -> str:
    # Unquoted, 2026.10 would be the number 2026.1: a version must be written as text.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise _Invalid(f'must be quoted text such as "2026.11", not the number {value}')
    text = _text(value)
    if not re.fullmatch(r"\d{4}\.\d{1,2}(?:\.\d+)?", text):
        raise _Invalid(f"must look like 2026.11 (year.month), not '{text}'")
    return text


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"must be a whole number, not {_kind(value)}")
    if not 1800 <= value <= 2100:
        raise _Invalid(f"must be a year between 1800 and 2100, not {value}")
    return value


def _url(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"https?://\S+", text):
        raise _Invalid(f"must be a web address starting with https://, not '{text}'")
    return text


def _list_of(
    item: Callable[[Any], str], *, allow_empty: bool = False
) -> Callable[[Any], tuple[str, ...]]:
    def convert(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise _Invalid(f"must be a list, not {_kind(value)}")
        if not value and not allow_empty:
            raise _Invalid("must not be empty")
        items = []
        for index, element in enumerate(value):
            try:
                items.append(item(element))
            except _Invalid as error:
                raise _Invalid(f"item {index + 1} {error}") from None
        if len(set(items)) != len(items):
            raise _Invalid("lists the same item twice")
        return tuple(items)

    return convert


def _choice(allowed: Iterable[str]) -> Callable[[Any], str]:
    options = tuple(allowed)

    def convert(value: Any) -> str:
        if value not in options:
            shown = value if isinstance(value, str) else _kind(value)
            raise _Invalid(f"must be one of {', '.join(options)}, not '{shown}'")
        return str(value)

    return convert


def _ordered_choices(allowed: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    """A non-empty list of choices, put in their natural order (light before deep)."""
    as_list = _list_of(_choice(allowed))

    def convert(value: Any) -> tuple[str, ...]:
        return tuple(sorted(as_list(value), key=allowed.index))

    return convert


def _muscle(value: Any) -> str:
    return _text(value).lower()


def _territory(value: Any) -> str:
    text = _text(value)
    if not _TERRITORY.fullmatch(text):
        raise _Invalid(f"must be a two-letter country code in capitals (GB, US, DE), not '{text}'")
    return text


def _word(value: Any) -> str:
    """A synonym's word, matched the way search folds text (`Pétrissage` -> `petrissage`)."""
    from sciaticli.search import query_words

    words = query_words(_text(value))
    if not words:
        raise _Invalid(f"must contain a letter or digit, not '{value}'")
    return " ".join(words)


def _mapping(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise _Invalid(f"must be a mapping, not {_kind(value)}")
    return value


def _whole(minimum: int, maximum: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(f"must be a whole number, not {_kind(value)}")
        if not minimum <= value <= maximum:
            raise _Invalid(f"must be from {minimum} to {maximum}, not {value}")
        return value

    return convert


def _entries(value: Any) -> list[Any]:
    """The list itself; each entry (a step, a section) is checked on its own, with its line."""
    if not isinstance(value, list):
        raise _Invalid(f"must be a list, not {_kind(value)}")
    if not value:
        raise _Invalid("must not be empty")
    return value


_SOURCE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "key": (True, _slug),
    "title": (True, _text),
    "publisher": (True, _text),
    "year": (False, _year),
    "url": (False, _url),
    "authors": (False, _text),
    "accessed": (False, _date),
}
_TECHNIQUE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "name": (True, _text),
    "aliases": (False, _list_of(_text, allow_empty=True)),
    "family": (True, _choice(FAMILIES)),
    "performed_by": (True, _ordered_choices(PERFORMERS)),
    "pressure": (True, _ordered_choices(PRESSURES)),
    "targets": (True, _list_of(_muscle, allow_empty=True)),
    "summary": (True, _text),
    "steps": (True, _list_of(_text)),
    "why_it_may_help": (True, _text),
    "evidence": (True, _mapping),
    "cautions": (True, _list_of(_text)),
    "contraindications": (False, _list_of(_slug, allow_empty=True)),
    "misspellings": (False, _list_of(_text, allow_empty=True)),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
    "brief": (False, _brief),
    "cautions_brief": (False, _list_of(_brief)),
}
_NUMBER_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "region": (True, _slug),
    "name": (True, _text),
    "emergency": (True, _text),
    "urgent": (True, _text),
    "urgent_sources": (True, _list_of(_slug)),
    "territories": (False, _list_of(_territory, allow_empty=True)),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_ADVICE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    urgency: (True, _text) for urgency in URGENCIES
}
_RED_FLAG_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "urgency": (True, _choice(URGENCIES)),
    "sign": (True, _text),
    "question": (True, _text),
    "asked_if": (False, _slug),
    "summary": (False, _summary),
    "reason": (False, _text),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
    "brief": (False, _brief),
}
_CONTRAINDICATION_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "level": (True, _choice(CONTRAINDICATION_LEVELS)),
    "condition": (True, _text),
    "why": (True, _text),
    "question": (False, _text),
    "asked_by": (False, _slug),
    "asked_if": (False, _slug),
    "short": (False, _text),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
    "brief": (False, _brief),
}
_STOP_RULE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "rule": (True, _text),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
    "brief": (False, _brief),
}
_ROUTINE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "name": (True, _text),
    "aliases": (False, _list_of(_text, allow_empty=True)),
    "level": (True, _whole(1, 99)),
    "position": (True, _text),
    "purpose": (True, _text),
    "equipment": (True, _list_of(_text)),
    "not_for": (True, _list_of(_slug)),
    "before": (False, _text),
    "steps": (True, _entries),
    "frequency": (True, _text),
    "should_feel": (True, _text),
    "stop_rules": (True, _list_of(_slug)),
    "aftercare": (True, _text),
    "watch_for": (False, _text),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
    "aftercare_brief": (False, _brief),
    "kind": (False, _choice(ROUTINE_KINDS)),
}
_STEP_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "instruction": (True, _text),
    "seconds": (False, _whole(1, 600)),
    "passes": (False, _whole(1, 100)),
    "repetitions": (False, _whole(1, 20)),
    "side": (True, _choice(SIDES)),
    "cue": (True, _text),
    "hold": (False, _flag),
    "repeat": (False, _text),
    "optional": (False, _flag),
    "brief": (False, _brief),
    "name": (False, _text),
    "feel": (False, _text),
    "stop": (False, _text),
    "stop_rules": (False, _list_of(_slug)),
    "sources": (False, _list_of(_slug)),
    "cautions": (False, _list_of(_slug)),
}
_TOPIC_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "id": (True, _slug),
    "title": (True, _text),
    "aliases": (False, _list_of(_text, allow_empty=True)),
    "summary": (True, _text),
    "sections": (True, _entries),
    "sources": (True, _list_of(_slug)),
    "reviewed": (False, _date),
}
_TOPIC_SECTION_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "heading": (True, _text),
    "claim": (False, _text),
    "text": (True, _text),
    "items": (False, _entries),
    "sources": (False, _list_of(_slug)),
}
_TOPIC_ITEM_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "term": (True, _text),
    "tag": (False, _choice(ITEM_TAGS)),
    "text": (True, _text),
    "from_journal": (False, _choice(JOURNAL_FILLS)),
}
_EVIDENCE_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "level": (True, _choice(EVIDENCE_LEVELS)),
    "summary": (True, _text),
}
_SYNONYM_FIELDS: dict[str, tuple[bool, Callable[[Any], Any]]] = {
    "words": (True, _list_of(_word)),
    "means": (False, _text),
    "note": (False, _text),
}
