"""Choosing techniques: the filters of `sciaticli techniques` and lookup by name."""

from __future__ import annotations

from sciaticli.errors import NotFoundError
from sciaticli.lookup import find_named, normalise
from sciaticli.model import KnowledgeBase, Technique


def select_techniques(
    kb: KnowledgeBase,
    *,
    family: str | None = None,
    target: str | None = None,
    pressure: str | None = None,
    self_care: bool = False,
) -> list[Technique]:
    """Techniques matching every filter given, in knowledge-base order.

    `target` matches part of a muscle name (`glute` finds the gluteals), or an everyday word
    for one (`buttock`, from the knowledge base's synonyms); `pressure` matches a technique
    whose range includes it.
    """
    chosen = list(kb.techniques.values())
    if family is not None:
        chosen = [technique for technique in chosen if technique.family == family]
    if pressure is not None:
        chosen = [technique for technique in chosen if pressure in technique.pressure]
    if self_care:
        chosen = [technique for technique in chosen if technique.is_self_care]
    if target is not None:
        wanted = normalise(target)
        muscles = {muscle for technique in kb.techniques.values() for muscle in technique.targets}
        if not any(wanted in normalise(muscle) for muscle in muscles):
            wanted = _muscle_for(kb, target, muscles) or wanted
        if not any(wanted in normalise(muscle) for muscle in muscles):
            raise NotFoundError(_unknown_muscle(target, sorted(muscles)))
        chosen = [
            technique
            for technique in chosen
            if any(wanted in normalise(muscle) for muscle in technique.targets)
        ]
    return chosen


def _muscle_for(kb: KnowledgeBase, word: str, muscles: set[str]) -> str | None:
    """What the knowledge base calls an everyday word for a muscle (`bum`: gluteus)."""
    from sciaticli.search import synonyms_in

    for _, synonym in synonyms_in(kb, word):
        means = normalise(synonym.means or "")
        if means and any(means in normalise(muscle) for muscle in muscles):
            return means
    return None


def _unknown_muscle(target: str, muscles: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(target.lower(), muscles, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; known: {', '.join(muscles)}"
    return f"no technique targets a muscle called '{target}'{hint}"


def find_technique(kb: KnowledgeBase, name: str) -> Technique:
    return find_named(name, kb.techniques.values(), "technique")
