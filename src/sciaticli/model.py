"""Typed objects of the knowledge base: NamedTuples, cheap to create at start-up and immutable.

The topic pages' and the synonyms' types are in sciaticli.model_topics."""

from __future__ import annotations

from enum import Enum
from typing import Any, NamedTuple

from sciaticli.model_topics import Synonym, Topic


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
    authors: str | None = None
    accessed: str | None = None
    origin: str = ""

    def citation(self) -> str:
        """One line: authors, title, publisher, year, address and the day it was read."""
        parts = [self.title, self.publisher]
        if self.authors:
            parts.insert(0, self.authors)
        if self.year is not None and str(self.year) not in self.publisher:
            parts.append(str(self.year))
        text = ". ".join(part.rstrip(".") for part in parts) + "."
        if self.url:
            text += f" {self.url}"
        return f"{text} (accessed {self.accessed})" if self.accessed else text


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
    contraindications: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    reviewed: str | None = None
    origin: str = ""
    # For `techniques NAME --brief`: what it is in one line (the summary where there is none),
    # and the cautions in short, one line each, besides what the do-not list (contraindications)
    # says (the cautions in full where there are none).
    brief: str | None = None
    cautions_brief: tuple[str, ...] = ()

    @property
    def family_label(self) -> str:
        return FAMILIES[self.family]

    @property
    def family_short(self) -> str:
        return FAMILY_SHORT[self.family]

    @property
    def is_self_care(self) -> bool:
        return "self" in self.performed_by

    def contraindication_label(self, level: str) -> str:
        """What a contraindication of `level` means for this technique. "No deep or forceful
        pressure" leaves nothing to do in self-care, where body weight on the ball gives the
        pressure, or in a technique that is only ever deep: there it reads "skip it", as the
        technique's cautions say."""
        if level == "no-deep-pressure" and (
            self.performed_by == ("self",) or self.pressure == ("deep",)
        ):
            return SKIP_IT
        return CONTRAINDICATION_LEVELS[level]

    @property
    def pressure_label(self) -> str:
        """`light`, or a range such as `light to moderate`."""
        if len(self.pressure) == 1:
            return self.pressure[0]
        return f"{self.pressure[0]} to {self.pressure[-1]}"


URGENCIES: dict[str, str] = {
    "emergency": "Emergency: get help now",
    "urgent": "Urgent: see a doctor today",
    "soon": "See a doctor soon",
}
CONTRAINDICATION_LEVELS: dict[str, str] = {
    "no-massage": "Do not massage",
    "no-deep-pressure": "No deep or forceful pressure",
    "ask-doctor": "Talk to a doctor first",
}
# A "no deep pressure" contraindication on a technique that cannot be done lightly.
SKIP_IT = "Skip it"
# A step's side: one side, each side in turn (`both`), or not sided at all (`none`: a movement
# routine's exercise done once, such as knee rolls).
SIDES = ("left", "right", "both", "none")
# The kinds of routine (issue 23): tennis-ball self-massage, and movement (exercises); each kind
# has its own command (home-routine, exercises) and is listed under its own title.
BALL = "ball"
MOVEMENT = "movement"
ROUTINE_KINDS: dict[str, str] = {
    BALL: "Home tennis-ball routines",
    MOVEMENT: "Movement routines",
}
ROUTINE_COMMANDS: dict[str, str] = {BALL: "home-routine", MOVEMENT: "exercises"}
SECONDS_PER_PASS = 3
# The fact sheet's dose (section 6): hold a tender spot 20-30 s, never longer than about 30 s
# on one spot. A hold step's seconds, and --hold, must be in this range.
HOLD_MIN_SECONDS = 20
HOLD_MAX_SECONDS = 30
# Where a hold step's text says how long: replaced by the hold in force ("20 seconds").
HOLD_PLACEHOLDER = "{hold}"
# Pain before a session at or above this is a severe flare-up: the routines' do-not list says
# wait (fact sheet section 8).
SEVERE_FLARE_PAIN = 8
# A red flag's `summary`: one line, for the guided routine's reminder and the routine card.
SUMMARY_MAX_CHARS = 90
# A `brief` (the short views, `--brief`): one line of plain text, at most this long; a routine
# step's brief with its time, `(20 s x 2) Hold gently ...`, fits BRIEF_LINE_CHARS, the room an
# 80-column terminal leaves after the step's number.
BRIEF_MAX_CHARS = 68
BRIEF_LINE_CHARS = 76


class EmergencyNumber(NamedTuple):
    region: str
    name: str
    emergency: str
    sources: tuple[str, ...]
    # What to do for same-day advice in this region, in a sentence (a national advice line, or,
    # where there is none, what to do instead), and the sources for it. Never shown to another
    # region: New Zealand's 111 is its emergency number, the UK's is its advice line.
    urgent: str | None = None
    urgent_sources: tuple[str, ...] = ()
    # Locale territories (ISO 3166 codes: GB, US, DE) whose users get this number first.
    territories: tuple[str, ...] = ()
    reviewed: str | None = None
    origin: str = ""

    @property
    def short_name(self) -> str:
        """`United Kingdom` for `the United Kingdom`: for sorting and side-by-side lists."""
        return self.name.removeprefix("the ")


class RedFlag(NamedTuple):
    id: str
    urgency: str
    sign: str
    question: str
    sources: tuple[str, ...]
    asked_if: str | None = None
    summary: str | None = None  # the sign in one short line (SUMMARY_MAX_CHARS)
    # Why it is an emergency, and what to do beyond calling (required for emergency signs):
    # shown on every emergency panel and verdict instead of one reason for all.
    reason: str | None = None
    reviewed: str | None = None
    origin: str = ""
    # A few words for the short views' emergency line; the summary or the sign where none.
    brief: str | None = None

    @property
    def short(self) -> str:
        return self.summary or self.sign


class Contraindication(NamedTuple):
    id: str
    level: str
    condition: str
    why: str
    sources: tuple[str, ...]
    question: str | None = None
    asked_by: str | None = None
    asked_if: str | None = None
    # A few words for compact lists (a routine's "Do not do this routine with"); the
    # condition itself when not given.
    short: str | None = None
    reviewed: str | None = None
    origin: str = ""
    # A word or two for the short views' do-not lines (`techniques NAME --brief`).
    brief: str | None = None

    @property
    def level_label(self) -> str:
        return CONTRAINDICATION_LEVELS[self.level]


class StopRule(NamedTuple):
    id: str
    rule: str
    sources: tuple[str, ...]
    reviewed: str | None = None
    origin: str = ""
    # A few words for the short views' stop line ("pain that builds as you hold"); the rule
    # itself where there is none.
    brief: str | None = None


class Safety(NamedTuple):
    emergency_numbers: dict[str, EmergencyNumber]
    advice: dict[str, str]
    red_flags: dict[str, RedFlag]
    contraindications: dict[str, Contraindication]
    stop_rules: dict[str, StopRule]


class Step(NamedTuple):
    instruction: str
    cue: str
    side: str
    seconds: int | None = None
    passes: int | None = None
    repetitions: int = 1
    # A hold on one spot (its seconds within HOLD_MIN/MAX_SECONDS, its text says {hold}); only
    # these take --hold.
    hold: bool = False
    # Said at each repetition after the first ("move the ball a finger's width").
    repeat: str | None = None
    # Only once the rest is comfortable: marked, and skipped in a guided run unless chosen.
    optional: bool = False
    # The step in one line for the short views (`--brief`): the same facts and safety cues in
    # fewer words. Required on a ball routine's steps (knowledge.reader).
    brief: str | None = None
    # A movement routine's exercise (all required there): its name, what it should feel like,
    # what means stop, its own stop rules and sources; `cautions` are contraindications that
    # bear on this exercise (a hip replacement, pregnancy), shown with it.
    name: str | None = None
    feel: str | None = None
    stop: str | None = None
    stop_rules: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()

    @property
    def seconds_each(self) -> int:
        """How long one repetition takes: the hold, or the passes at about 3 seconds each."""
        if self.seconds is not None:
            return self.seconds
        return (self.passes or 0) * SECONDS_PER_PASS

    @property
    def dose(self) -> str:
        """`30 s`, `10 slow passes`, with `x 2` when repeated; an exercise (a movement routine's
        step) `5 times`, or its time when done once (`1 min`)."""
        if self.name is not None:
            if self.repetitions > 1:
                return f"{self.repetitions} times"
            minutes, rest = divmod(self.seconds_each, 60)
            return f"{minutes} min" if minutes and not rest else f"{self.seconds_each} s"
        each = f"{self.seconds} s" if self.seconds is not None else f"{self.passes} slow passes"
        return each if self.repetitions == 1 else f"{each} x {self.repetitions}"

    def text(self, hold: int | None = None) -> str:
        """The instruction with its {hold} as the seconds in force: `hold still for 20 seconds`."""
        seconds = hold if hold is not None and self.hold else self.seconds
        return self.instruction.replace(HOLD_PLACEHOLDER, f"{seconds} seconds")


class Routine(NamedTuple):
    id: str
    name: str
    level: int
    position: str
    purpose: str
    equipment: tuple[str, ...]
    not_for: tuple[str, ...]
    steps: tuple[Step, ...]
    frequency: str
    should_feel: str
    stop_rules: tuple[str, ...]
    aftercare: str
    sources: tuple[str, ...]
    before: str | None = None
    aliases: tuple[str, ...] = ()
    # One line kept on the guided screen: what means stop now.
    watch_for: str | None = None
    reviewed: str | None = None
    origin: str = ""
    # The aftercare in one line for the short view (required with the steps' briefs).
    aftercare_brief: str | None = None
    kind: str = BALL

    @property
    def command(self) -> str:
        """The command that shows it: `home-routine` or `exercises`."""
        return ROUTINE_COMMANDS[self.kind]


class KnowledgeBase(NamedTuple):
    sources: dict[str, Source]
    techniques: dict[str, Technique]
    safety: Safety
    routines: dict[str, Routine]
    topics: dict[str, Topic]
    files: tuple[str, ...]
    version: str = ""
    synonyms: tuple[Synonym, ...] = ()

    @property
    def base_file(self) -> str:
        """The bundled file; entries from any other file came from the user's --kb."""
        return self.files[0]

    def entry_groups(self, *, safety_only: bool = False) -> tuple[tuple[str, dict[str, Any]], ...]:
        """(kind, entries by id) of every kind of entry that carries a review date and a file:
        the safety ones first (emergency numbers, red flags, contraindications, stop rules)."""
        safety = self.safety
        groups: tuple[tuple[str, dict[str, Any]], ...] = (
            ("emergency number", safety.emergency_numbers),
            ("red flag", safety.red_flags),
            ("contraindication", safety.contraindications),
            ("stop rule", safety.stop_rules),
        )
        if safety_only:
            return groups
        return (
            *groups,
            ("technique", self.techniques),
            ("routine", self.routines),
            ("topic", self.topics),
        )
