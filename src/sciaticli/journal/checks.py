"""The safety self-check's answers as the journal keeps them: saved when the person says so,
each check dated, with its verdict and every answer given (yes, no or not sure).

Rows are read as stored: one edited by hand into something else is shown as it is, never
dropped (the report shows what the journal holds)."""

from __future__ import annotations

from typing import NamedTuple

# The answers a check takes (sciaticli.safety's YES, NO, UNSURE).
ANSWERS = ("yes", "no", "not sure")


class CheckAnswer(NamedTuple):
    question: str  # the question's id (`sciaticli check --list`)
    answer: str  # yes, no or not sure
    asked: str  # the question's words as they were asked


class SavedCheck(NamedTuple):
    """One check whose answers were saved: when, its verdict's key (emergency, doctor-today,
    doctor-first, none-reported) and its answers in the order asked."""

    id: int
    when: str
    verdict: str
    answers: tuple[CheckAnswer, ...]

    def reported(self) -> tuple[CheckAnswer, ...]:
        """The answers that report something: yes, or not sure (which counts as yes)."""
        return tuple(answer for answer in self.answers if answer.answer in ("yes", "not sure"))
