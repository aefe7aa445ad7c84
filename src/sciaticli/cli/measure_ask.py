"""`sciaticli measure peg|rmdq|psfs` on a terminal: the forms asked one item at a time.

The PEG's three questions and the Roland-Morris statements are shown in their own words
(sciaticli.journal.forms), with their attribution. The PEG and the PSFS take a number a line;
the RMDQ takes single keys (y, n, s to skip, b to go back, q to stop) and keeps the answers
in a draft as they are given (a setting, never a measure), so that a form stopped by q,
Ctrl-C or a closed terminal carries on where it stopped next time. Nothing is saved as a
measure until the form is finished.
"""

import json
from typing import TYPE_CHECKING

import typer

from sciaticli.cli.asking import ask_key, ask_line, tell

if TYPE_CHECKING:
    from datetime import date

    from sciaticli import journal

Answers = list[int | bool | None]


class Stopped(Exception):
    """The person stopped the form: what to tell them, and the exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


NOTHING_SAVED = "Stopped: nothing was saved."


def rating(reply: str) -> int | None:
    """A whole number 0-10, or - for an item left out."""
    if reply == "-":
        return None
    if reply.isdigit() and int(reply) <= 10:
        return int(reply)
    raise ValueError("Please type a whole number from 0 to 10 (or - to leave it out).")


def ask_peg() -> Answers:
    """The PEG's three questions, each with the words at both ends of its scale."""
    from sciaticli.journal.forms import PEG_QUESTIONS

    tell("PEG (Krebs et al. 2009): three questions. Type a number from 0 to 10, then Enter.")
    answers: Answers = []
    try:
        for number, question in enumerate(PEG_QUESTIONS, 1):
            tell()
            tell(f"Question {number} of {len(PEG_QUESTIONS)}")
            tell(question.text)
            tell(f"0 = {question.zero}, 10 = {question.ten}")
            answers.append(ask_line("Your number (0-10):", rating))
    except typer.Abort:
        raise Stopped(NOTHING_SAVED, 130) from None
    return answers


_KEYS = {"y": True, "n": False, "s": None}
_SAID = {"y": "yes", "n": "no", "s": "skipped (left out)", "b": "back"}


def ask_rmdq(opened: "journal.Journal") -> Answers:
    """The 24 statements, one key each, from where a draft stopped if the person wants; the
    draft is kept after every key."""
    from sciaticli.guided.keys import Ended
    from sciaticli.journal.forms import RMDQ_INSTRUCTIONS, RMDQ_STATEMENTS

    total = len(RMDQ_STATEMENTS)
    answers, at = read_draft(opened)
    try:
        if answers or at:
            key = ask_key(f"Carry on where you stopped ({at + 1} of {total})? [Y/n]", "yn\n")
            tell("no" if key == "n" else "yes")
            if not key:
                raise Stopped(NOTHING_SAVED, 0)
            if key == "n":  # start again: the old answers go now
                answers, at = [], 0
                keep_draft(opened, answers, at)
        tell()
        tell("Roland-Morris Disability Questionnaire (Roland & Morris 1983), the English original:")
        tell(RMDQ_INSTRUCTIONS)
        tell(
            "Here, for each sentence: y if it describes you today, n if not, s to skip it (left "
            "out, not a no), b to go back, q to stop (your answers are kept for next time)."
        )
        while at < total:
            tell()
            tell(f"Statement {at + 1} of {total}")
            tell(RMDQ_STATEMENTS[at], "  ", "  ")
            key = ask_key("Describes you today? y, n, s skip, b back, q stop:", "ynsbq")
            if key in ("q", ""):
                tell()
                raise Stopped(stopped_at(at, total), 0)
            tell(_SAID[key])
            if key == "b":
                at = max(0, at - 1)
            else:
                answers[at : at + 1] = [_KEYS[key]]
                at += 1
            keep_draft(opened, answers, at)
    except KeyboardInterrupt:
        raise Stopped(stopped_at(at, total), 130) from None
    except Ended as ended:
        raise Stopped(stopped_at(at, total), ended.status) from None
    return answers


def stopped_at(at: int, total: int) -> str:
    return (
        f"Stopped at statement {at + 1} of {total}. Your answers so far are kept as a draft, "
        "not as a measure: sciaticli measure rmdq carries on from there."
    )


def read_draft(opened: "journal.Journal") -> tuple[Answers, int]:
    """The RMDQ's answers so far and the statement it stopped at; none when there is no draft
    or one not as sciaticli writes it (edited by hand: the form starts again)."""
    from sciaticli.journal.forms import RMDQ_STATEMENTS
    from sciaticli.journal.measures import draft_name

    kept = opened.setting(draft_name("rmdq"))
    if kept is None:
        return [], 0
    try:
        draft = json.loads(kept)
        answers, at = list(draft["answers"]), draft["at"]
    except (ValueError, TypeError, KeyError):
        return [], 0
    total = len(RMDQ_STATEMENTS)
    if (
        not all(a is None or isinstance(a, bool) for a in answers)
        or len(answers) > total
        or not isinstance(at, int)
        or not 0 <= at <= min(len(answers), total - 1)
    ):
        return [], 0
    return answers, at


def keep_draft(opened: "journal.Journal", answers: Answers, at: int) -> None:
    from datetime import datetime

    from sciaticli.journal import now_text
    from sciaticli.journal.measures import draft_name

    draft = json.dumps({"answers": answers, "at": at})
    opened.set_setting(draft_name("rmdq"), draft, now_text(datetime.now()))


def draft_line(opened: "journal.Journal | None") -> str | None:
    """For `measure` alone: an RMDQ stopped part way, and where."""
    if opened is None:
        return None
    answers, at = read_draft(opened)
    if not answers and not at:
        return None
    return (
        f"RMDQ: stopped at statement {at + 1} of 24 (a draft, not saved as a measure); "
        "sciaticli measure rmdq carries on."
    )


def ask_activities() -> list[str]:
    """3 to 5 activities, one a line; Enter on an empty line ends the list after the third."""
    tell(
        "PSFS: name 3 to 5 activities that are hard for you because of your sciatica, one at "
        "a time (for example: walking to the shop). Press Enter on an empty line when done. "
        "They are kept for next time (change them with --activity)."
    )
    named: list[str] = []
    try:
        while len(named) < 5:

            def activity(reply: str, number: int = len(named) + 1) -> str:
                text = " ".join(reply.split())
                if not text and number <= 3:
                    raise ValueError("Please name at least 3 activities.")
                return text

            text = ask_line(f"Activity {len(named) + 1}:", activity)
            if not text:
                break
            named.append(text)
    except typer.Abort:
        raise Stopped(NOTHING_SAVED, 130) from None
    return named


def ask_psfs(activities: list[str]) -> Answers:
    """A rating 0-10 for each activity."""
    tell(
        "PSFS: how well can you do each activity today? 0 = unable to do it, 10 = as well as "
        "before this problem."
    )
    try:
        return [
            ask_line(f"Activity {number}, {name} (0-10):", rating)
            for number, name in enumerate(activities, 1)
        ]
    except typer.Abort:
        raise Stopped(NOTHING_SAVED, 130) from None


# Remembers that the episode start was asked (answered or skipped), so it is asked once.
EPISODE_ASKED = "episode_start_asked"


def ask_episode_start(opened: "journal.Journal", today: "date") -> str | None:
    """Once a journal: when this spell of sciatica began (kept), or Enter (a skip, kept too,
    so it is not asked again); `measure --episode-start` changes it. Ctrl-C asks next time."""
    if opened.setting("episode_start") is not None or opened.setting(EPISODE_ASKED) is not None:
        return None
    from datetime import datetime

    from sciaticli.cli.values import parse_day
    from sciaticli.journal import now_text

    def day(reply: str) -> str | None:
        return parse_day(reply, today) if reply else None

    tell()
    try:
        began = ask_line("When did this spell of sciatica start? (a date, or Enter to skip)", day)
    except typer.Abort:
        tell()
        return None
    now = now_text(datetime.now())
    opened.set_setting(EPISODE_ASKED, "skipped" if began is None else "answered", now)
    if began is None:
        tell("Skipped; add it any time with sciaticli measure --episode-start YYYY-MM-DD.")
        return None
    opened.set_setting("episode_start", began, now)
    tell(f"Episode start kept: {began}.")
    return began
