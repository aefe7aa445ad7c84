"""`sciaticli self-care`: looking after yourself beyond massage, the emergency signs first.

A person reads it in pain, often on a small terminal: the emergency signs in one short line
each come straight under the title, so that they are on the first screen at 80x24; the
same-day signs follow the advice, before the sources.
"""

from __future__ import annotations

from typing import Any

from sciaticli.model import (
    KnowledgeBase,
    RedFlag,
)
from sciaticli.model_topics import (
    Topic,
)
from sciaticli.pages.origin import marked
from sciaticli.pages.reference import topic_page
from sciaticli.pages.safety import emergency_signs, urgent_callout
from sciaticli.render.document import Callout, Page
from sciaticli.safety import numbers_for, red_flags_by_urgency

TOPIC = "self-care"
EMERGENCY_TITLE = "Get emergency help now if"


def self_care_page(topic: Topic, kb: KnowledgeBase, region: str | None) -> Page:
    flags = red_flags_by_urgency(kb)
    emergency, same_day = sign_callouts(kb, region)
    shown: list[RedFlag] = [*flags["emergency"], *flags["urgent"]]
    numbers = numbers_for(kb, region)
    page = topic_page(
        topic,
        kb,
        top=(emergency,),
        bottom=(same_day,),
        also=[*shown, *numbers],
        cited=signs_sources(kb, region, shown),
    )
    return page._replace(data={**page.data, **signs_json(emergency, same_day)})


def sign_callouts(kb: KnowledgeBase, region: str | None) -> tuple[Callout, Callout]:
    """The emergency signs, one short line each, and the same-day signs."""
    emergency = emergency_signs(kb, region, short=True)._replace(title=EMERGENCY_TITLE)
    urgent = red_flags_by_urgency(kb)["urgent"]
    same_day = urgent_callout(kb, region, (marked(kb, f.origin, f.short) for f in urgent))
    return emergency, same_day


def signs_sources(
    kb: KnowledgeBase, region: str | None, flags: list[RedFlag], *, same_day: bool = True
) -> list[str]:
    """The signs' sources and the numbers'; with `same_day`, the same-day advice line's too,
    of the region shown only."""
    keys: dict[str, None] = {}
    for flag in flags:
        keys.update(dict.fromkeys(flag.sources))
    for number in numbers_for(kb, region):
        keys.update(dict.fromkeys(number.sources))
        if same_day and (region is None or number.region == region):
            keys.update(dict.fromkeys(number.urgent_sources))
    return list(keys)


def signs_json(emergency: Callout, same_day: Callout) -> dict[str, Any]:
    """The signs as the page shows them (documented in docs/json.md)."""
    return {
        "emergency": {"call": emergency.intro, "signs": list(emergency.items)},
        "same_day": {"advice": same_day.intro, "signs": list(same_day.items)},
    }
