"""Who cites what: every knowledge-base entry that names a source, grouped by source key, and
the built-in pages whose words rest on sources too (the ball-placement picture, the report's
meaningful-change words, and the function measures)."""

from __future__ import annotations

from typing import NamedTuple

from sciaticli.model import KnowledgeBase


class Citer(NamedTuple):
    kind: str
    id: str
    name: str
    origin: str

    def line(self) -> str:
        return f"{self.kind} {self.name} ({self.id})" if self.name != self.id else self.id


def citers(kb: KnowledgeBase) -> dict[str, list[Citer]]:
    """For each source key, the entries citing it, in knowledge-base order; each entry once."""
    cited: dict[str, list[Citer]] = {key: [] for key in kb.sources}
    entries: list[tuple[Citer, tuple[str, ...]]] = []
    for t in kb.techniques.values():
        entries.append((Citer("technique", t.id, t.name, t.origin), t.sources))
    for r in kb.routines.values():
        entries.append((Citer("routine", r.id, r.name, r.origin), r.sources))
    for f in kb.safety.red_flags.values():
        entries.append((Citer("red flag", f.id, f.sign, f.origin), f.sources))
    for c in kb.safety.contraindications.values():
        entries.append((Citer("contraindication", c.id, c.condition, c.origin), c.sources))
    for s in kb.safety.stop_rules.values():
        entries.append((Citer("stop rule", s.id, s.rule, s.origin), s.sources))
    for n in kb.safety.emergency_numbers.values():
        name = f"{n.emergency} in {n.name}"
        keys = (*n.sources, *n.urgent_sources)  # the number, and the same-day advice line
        entries.append((Citer("emergency number", n.region, name, n.origin), keys))
    for topic in kb.topics.values():
        cited_keys = tuple(topic_sources(kb, topic.id))
        entries.append((Citer("topic", topic.id, topic.title, topic.origin), cited_keys))
    entries += built_in_citers()
    for citer, keys in entries:
        for key in dict.fromkeys(keys):
            if key in cited:
                cited[key].append(citer)
    return cited


def built_in_citers() -> list[tuple[Citer, tuple[str, ...]]]:
    """The pages that are not knowledge-base entries but cite its sources: the ball-placement
    picture on every routine page, the report's words for a meaningful change, and the function
    measures (their scoring and meaningful change, in measure and report)."""
    from sciaticli.pages import placement
    from sciaticli.pages import report_function as report

    picture = tuple(key for shape in placement.PLACEMENT.shapes for key in shape.sources)
    return [
        (
            Citer("picture", "placement", "Where the ball goes (sciaticli home-routine)", ""),
            picture,
        ),
        (
            Citer("page", "report", "sciaticli report (its words for a change in pain)", ""),
            report.IMMPACT_SOURCES,
        ),
        (
            Citer("page", "measures", "sciaticli measure and report (PEG, RMDQ, PSFS)", ""),
            tuple(key for keys in report.INSTRUMENT_SOURCES.values() for key in keys),
        ),
    ]


def topic_sources(kb: KnowledgeBase, topic_id: str) -> list[str]:
    """Every source a topic cites, its own list first, then its sections', once each."""
    topic = kb.topics[topic_id]
    keys = dict.fromkeys(topic.sources)
    for section in topic.sections:
        keys.update(dict.fromkeys(section.sources))
    return list(keys)


def summary(citing: list[Citer]) -> str:
    """`3 techniques, 1 topic`: how many entries of each kind cite a source."""
    counts: dict[str, int] = {}
    for citer in citing:
        counts[citer.kind] = counts.get(citer.kind, 0) + 1
    return ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in counts.items())
