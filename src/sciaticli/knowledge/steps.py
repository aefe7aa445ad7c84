"""What a routine's step must have beyond its own fields, by the routine's kind: a ball
routine's step its one-line `brief` that fits 80 columns with its time; a movement routine's
exercise its name, what it should feel like, what means stop, its stop rules and sources; only an
exercise may be done once (side `none`); and a hold step's seconds and its {hold} text. Each
problem is (where inside the step, message)."""

from __future__ import annotations

from typing import Any

from sciaticli.model import (
    BRIEF_LINE_CHARS,
    HOLD_MAX_SECONDS,
    HOLD_MIN_SECONDS,
    HOLD_PLACEHOLDER,
    Step,
)

Problem = tuple[tuple[str, ...], str]

# What a movement routine's exercise must have besides the fields every step has.
MOVEMENT_STEP_FIELDS = ("name", "feel", "stop", "stop_rules", "sources")


def needs_briefs(raw: Any) -> str:
    """Why a routine's steps and aftercare need a `brief` (the short view, `home-routine
    --brief`, is one screen at 80x24): a tennis-ball routine must have them; "" for a routine
    of another kind (a `kind` other than `ball`), whose briefs are optional."""
    kind = raw.get("kind", "ball") if isinstance(raw, dict) else "ball"
    return "a ball routine's short view needs it" if kind == "ball" else ""


def step_problems(step: Step, kind: str, briefs: str) -> list[Problem]:
    """What is wrong with `step` in a routine of `kind` (`briefs`: why it needs a brief, or
    ""): the kind's own fields first, then the brief."""
    return _kind_problems(step, kind) or _brief_problems(step, briefs)


def _kind_problems(step: Step, kind: str) -> list[Problem]:
    if kind != "movement":
        if step.side == "none":
            return [((), "side 'none' is only for a movement routine's steps")]
        return []
    return [
        ((), f"missing required field '{name}' (a movement routine)")
        for name in MOVEMENT_STEP_FIELDS
        if not getattr(step, name)
    ]


def _brief_problems(step: Step, briefs: str) -> list[Problem]:
    """The brief its routine needs, taking one line with its time at 80 columns."""
    if step.brief is None:
        return [((), f"missing required field 'brief' ({briefs})")] if briefs else []
    line = f"({step.dose}{', optional' if step.optional else ''}) {step.brief}"
    if len(line) <= BRIEF_LINE_CHARS:
        return []
    return [
        (
            ("brief",),
            f"'brief' with its time, '{line}', must be at most {BRIEF_LINE_CHARS} characters "
            f"(one line at 80 columns), not {len(line)}: shorten it by "
            f"{len(line) - BRIEF_LINE_CHARS}",
        )
    ]


def hold_problems(step: dict[str, Any]) -> list[str]:
    """A hold step holds one spot for HOLD_MIN to HOLD_MAX seconds and says so with {hold},
    so that the text always matches the timer; no other step uses {hold}, and no text has
    any other {placeholder}."""
    problems = []
    texts = [str(step.get(key, "")) for key in ("instruction", "cue", "repeat")]
    if any("{" in text.replace(HOLD_PLACEHOLDER, "") for text in texts):
        problems.append(f"has a '{{' that is not {HOLD_PLACEHOLDER}")
    if step.get("hold"):
        seconds = step.get("seconds")
        if seconds is None or not HOLD_MIN_SECONDS <= seconds <= HOLD_MAX_SECONDS:
            problems.append(
                f"is a hold, so needs 'seconds' from {HOLD_MIN_SECONDS} to {HOLD_MAX_SECONDS} "
                "(the fact sheet's dose)"
            )
        if HOLD_PLACEHOLDER not in str(step.get("instruction", "")):
            problems.append(
                f"is a hold, so its instruction says how long with {HOLD_PLACEHOLDER} "
                "(it then matches the timer)"
            )
    elif any(HOLD_PLACEHOLDER in text for text in texts):
        problems.append(f"uses {HOLD_PLACEHOLDER} but is not a hold (add 'hold: true')")
    return problems
