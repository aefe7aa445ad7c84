"""Pain that rose after a session: when it is worth telling, and what to tell.

One decision and one wording, shared by `log`, the guided routine's ending and `report`.
Fact sheet section 8: a session after which pain rose by 2 or more points is worth telling;
repeat the stop rule and the red flags. The words are the knowledge base's own stop rules
(`pain-builds` and `next-day` match pain that rose; `red-flag` is the reminder), so they carry
its sources and its review.
"""

from __future__ import annotations

from collections.abc import Iterable

from sciaticli.model import KnowledgeBase
from sciaticli.pages.origin import marked

RISE_POINTS = 2  # pain after this much or more above pain before (0-10 scale)
MATCHING_RULES = ("pain-builds", "next-day")
REMINDER_RULE = "red-flag"


def pain_rose(before: float | None, after: float | None) -> bool:
    """Whether pain after is RISE_POINTS or more above pain before (False if either is missing)."""
    return before is not None and after is not None and after - before >= RISE_POINTS


def pain_rise_advice(kb: KnowledgeBase, before: float | None, after: float | None) -> list[str]:
    """The lines to show after a session in which pain rose; none when it did not."""
    if not pain_rose(before, after):
        return []
    assert before is not None and after is not None
    rules = kb.safety.stop_rules
    matching = [rules[key] for key in MATCHING_RULES if key in rules]
    lines = [
        f"Your pain rose by {_points(after - before)}, from {_points(before, unit=False)} to "
        f"{_points(after, unit=False)}, straight after this session."
    ]
    if matching:
        lines.append(
            "The stop rules say: "
            + " ".join(marked(kb, rule.origin, rule.rule) for rule in matching)
            + _cited(key for rule in matching for key in rule.sources)
        )
    reminder = rules.get(REMINDER_RULE)
    if reminder is not None:
        lines.append(
            "Red flags (signs of a serious problem): "
            + marked(kb, reminder.origin, reminder.rule)
            + _cited(reminder.sources)
        )
    return lines


def _points(value: float, *, unit: bool = True) -> str:
    text = f"{value:g}"
    return f"{text} point{'s' * (value != 1)}" if unit else text


def _cited(keys: Iterable[str]) -> str:
    unique = list(dict.fromkeys(keys))
    return f" [{', '.join(unique)}]" if unique else ""
