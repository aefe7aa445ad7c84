"""Typed objects of the knowledge base: NamedTuples, cheap to create at start-up and immutable."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Family(str, Enum):
    western = "western"
    structural = "structural"
    oriental = "oriental"
    energy = "energy"


class Pressure(str, Enum):
    light = "light"
    moderate = "moderate"
    deep = "deep"


FAMILIES: dict[str, str] = {
    Family.western.value: "Western clinical and relaxation massage",
    Family.structural.value: "Structural and movement methods",
    Family.oriental.value: "Oriental (traditional Chinese and Japanese) methods",
    Family.energy.value: "Energy-based methods",
}
FAMILY_SHORT: dict[str, str] = {
    Family.western.value: "Western",
    Family.structural.value: "Structural",
    Family.oriental.value: "Oriental",
    Family.energy.value: "Energy-based",
}
PERFORMERS = ("therapist", "self", "partner")
PRESSURES = tuple(pressure.value for pressure in Pressure)
EVIDENCE_LEVELS: dict[str, str] = {
    "moderate": "moderate",
    "low": "low",
    "very-low": "very low",
    "insufficient": "insufficient (no useful trials)",
}


class Source(NamedTuple):
    key: str
    title: str
    publisher: str
    year: int | None = None
    url: str | None = None
    origin: str = ""

    def citation(self) -> str:
        """One line: title, publisher, year and address."""
        parts = [self.title, self.publisher]
        if self.year is not None and str(self.year) not in self.publisher:
            parts.append(str(self.year))
        text = ". ".join(part.rstrip(".") for part in parts) + "."
        return f"{text} {self.url}" if self.url else text


class Evidence(NamedTuple):
    level: str
    summary: str

    @property
    def label(self) -> str:
        return EVIDENCE_LEVELS[self.level]


class Technique(NamedTuple):
    id: str
    name: str
    family: str
    performed_by: tuple[str, ...]
    pressure: tuple[str, ...]
    targets: tuple[str, ...]
    summary: str
    steps: tuple[str, ...]
    why_it_may_help: str
    evidence: Evidence
    cautions: tuple[str, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    origin: str = ""

    @property
    def family_label(self) -> str:
        return FAMILIES[self.family]

    @property
    def family_short(self) -> str:
        return FAMILY_SHORT[self.family]

    @property
    def is_self_care(self) -> bool:
        return "self" in self.performed_by

    @property
    def pressure_label(self) -> str:
        """`light`, or a range such as `light to moderate`."""
        if len(self.pressure) == 1:
            return self.pressure[0]
        return f"{self.pressure[0]} to {self.pressure[-1]}"


class KnowledgeBase(NamedTuple):
    sources: dict[str, Source]
    techniques: dict[str, Technique]
    files: tuple[str, ...]
