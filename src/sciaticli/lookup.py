"""Find an entry by what a user types: its id, name or an alias, any case, or a unique prefix."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from sciaticli.errors import NotFoundError

Entry = TypeVar("Entry")


class Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


NamedEntry = TypeVar("NamedEntry", bound=Named)
# Where else to look when nothing is called that: a sentence, or what makes it only when needed.
Pointer = str | Callable[[], str]


def find_named(
    query: str,
    entries: Iterable[NamedEntry],
    kind: str,
    otherwise: Pointer | None = None,
) -> NamedEntry:
    """An entry (technique, routine) by its id, name or an alias; when nothing is called that,
    the message ends with `otherwise` (a few routines name themselves: routines.find_routine),
    or points to `sciaticli search`, which looks through every text."""
    return find(
        query,
        list(entries),
        # A known misspelling ("longitudinal strapping") finds its entry but is never shown.
        names=lambda entry: (
            entry.id,
            entry.name,
            *entry.aliases,
            *getattr(entry, "misspellings", ()),
        ),
        kind=kind,
        label=lambda entry: f"{entry.name} ({entry.id})",
        otherwise=otherwise if otherwise is not None else lambda: _search_for(query),
    )


def _search_for(query: str) -> str:
    import shlex

    return f"To look for it in every entry: sciaticli search {shlex.quote(query)}"


def normalise(text: str) -> str:
    """Fold case, accents, spaces, hyphens and underscores.

    'Cross-Fibre  friction' -> 'cross-fibre-friction'.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\s_\-]+", "-", plain.strip())


def find(
    query: str,
    entries: Sequence[Entry],
    names: Callable[[Entry], Iterable[str]],
    kind: str,
    label: Callable[[Entry], str],
    otherwise: Pointer = "",
) -> Entry:
    """The one entry `query` names; NotFoundError with suggestions or candidates otherwise
    (and `otherwise`, a pointer elsewhere, when nothing is called that; made then, when it is
    a function).

    An exact id, name or alias wins over a prefix; a prefix must point to one entry only.
    """
    wanted = normalise(query)
    if not wanted:
        raise NotFoundError(f"no {kind} name given")
    exact = [entry for entry in entries if wanted in {normalise(name) for name in names(entry)}]
    if len(exact) == 1:
        return exact[0]
    prefixed = exact or [
        entry
        for entry in entries
        if any(normalise(name).startswith(wanted) for name in names(entry))
    ]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        candidates = ", ".join(label(entry) for entry in prefixed)
        raise NotFoundError(f"'{query}' matches more than one {kind}: {candidates}")
    message = f"no {kind} called '{query}'{_suggest(wanted, entries, names, label)}"
    if callable(otherwise):
        otherwise = otherwise()
    if otherwise:
        message += f"{'' if message.endswith('?') else '.'} {otherwise}"
    raise NotFoundError(message)


def _suggest(
    wanted: str,
    entries: Sequence[Entry],
    names: Callable[[Entry], Iterable[str]],
    label: Callable[[Entry], str],
) -> str:
    import difflib

    by_name = {normalise(name): entry for entry in entries for name in names(entry)}
    close = difflib.get_close_matches(wanted, list(by_name), n=6, cutoff=0.6)
    suggestions: list[str] = []
    for name in close:
        shown = label(by_name[name])
        if shown not in suggestions:
            suggestions.append(shown)
    if not suggestions:
        return ""
    return f"; did you mean {' or '.join(suggestions[:3])}?"
