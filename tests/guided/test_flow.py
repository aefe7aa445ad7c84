"""The guided routine as a person sees it, in tmux at 100x30 and 40x15: the flare-up stop,
the saddle line, the step's view at both sizes, a resize, and quitting in the lead-in. Rounds,
passes, optional steps, the honest ending, aftercare and partial sessions are in
test_session.py, on a clock the test moves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.guided import QUICK, SCIATICLI, Start, ended, journal_rows
from tests.terminal import Tmux

KEYS = "space pause · n next · q quit"


def flat(text: str) -> str:
    return " ".join(text.split())


def seconds_left(screen: str) -> int | None:
    shown = re.findall(r"(\d+) s left", screen)
    return int(shown[-1]) if shown else None


def started(terminal: Start, tmp_path: Path, pain: str) -> Tmux:
    """The standing routine, left side, with this pain before, started (in its lead-in)."""
    screen = terminal(f"{SCIATICLI} home-routine standing --guided --side left --no-bell", 100, 30)
    screen.wait_match(r"Pain now, 0-10")
    screen.send(pain, "Enter")
    screen.wait_match(r"Press Enter or space to start")
    screen.send("Enter")
    screen.wait_match(r"Get into position")
    return screen


def test_a_severe_flare_up_stops_before_starting_and_offers_to_log(
    terminal: Start, tmp_path: Path
) -> None:
    screen = terminal(f"{SCIATICLI} home-routine lying-back --guided --region uk", 100, 30)
    asked = screen.wait_match(r"Pain now, 0-10")
    assert (
        "buttocks, genitals, inner thighs or around your anus is an emergency: stop and call "
        "999 now." in flat(asked)
    )
    assert "Only if: Only once routines 1 and 2" in asked  # the routine's own preconditions
    assert "especially after 16 weeks" in flat(asked)  # the NHS advice on lying flat
    screen.send("8", "Enter")
    warned = screen.wait_match(r"Go on anyway\? Type yes to go on")
    assert "Pain 8 out of 10 is a severe flare-up." in flat(warned)
    assert "pain 8 or more out of 10" in flat(warned)
    screen.send("y", "Enter")  # y alone is not the explicit yes
    screen.wait_match(r"Log this pain rating in your journal \(no session\)\? \[Y/n\]")
    screen.send("Enter")
    end = ended(screen)
    assert "Stopped before starting." in end and "EXIT=0" in end
    assert "Press Enter or space to start" not in end
    assert "pain 8 (a rating alone, no session)" in flat(end)
    assert journal_rows(tmp_path) == [(None, 8, None, "guided", "none")]


def test_going_on_in_a_flare_up_takes_the_word_yes(terminal: Start, tmp_path: Path) -> None:
    screen = terminal(f"{SCIATICLI} home-routine {QUICK} --guided --side left --no-bell", 100, 30)
    screen.wait_match(r"Pain now, 0-10")
    screen.send("9", "Enter")
    screen.wait_match(r"Go on anyway\?")
    screen.send("yes", "Enter")
    started = screen.wait_match(r"Press Enter or space to start")
    assert "Going on. Stop at once if the pain builds" in started
    screen.send("q")
    end = ended(screen)
    assert "Not started." in end and "EXIT=0" in end


@pytest.mark.parametrize(("width", "height"), [(40, 15), (100, 30)])
def test_the_step_countdown_stop_reminder_and_keys_always_show(
    terminal: Start, tmp_path: Path, width: int, height: int
) -> None:
    command = f"{SCIATICLI} home-routine lying-back --guided --side left --no-bell --no-log"
    screen = terminal(command, width, height)
    screen.wait_match(r"Press Enter or space to start")
    screen.send("Enter")
    screen.send("n")  # past the lead-in
    screen.send("n")
    screen.send("n")  # to the hold step
    heading = re.compile(r"(?m)^Left side · Step 3 of 6")  # not "Next: ..." on step 2
    shown = screen.wait_until(  # the whole frame of step 3, down to its key line
        lambda shown: bool(heading.search(shown)) and KEYS in flat(shown), "step 3"
    )
    lines = shown.rstrip("\n").splitlines()
    text = flat(shown)
    assert len(lines) <= height
    assert re.search(r"\b(20|19|18) s left", text)
    assert "Stop at once if pain shoots down the leg" in text
    assert "space pause · n next · q quit" in text
    assert "First spot of 2" in text
    if width >= 100:
        assert "hold still for 20 seconds" in text and "Next: Left side · Step 4 of 6" in text
        assert "(optional)" not in text or "o optional" in text
    screen.send("q")
    screen.wait_match(r"EXIT=0")


def test_a_resize_redraws_at_the_new_size(terminal: Start, tmp_path: Path) -> None:
    command = f"{SCIATICLI} home-routine standing --guided --side left --no-bell --no-log"
    screen = terminal(command, 100, 30)
    screen.wait_match(r"Press Enter or space to start")
    screen.send("Enter")
    screen.send("n")
    screen.wait_match(r"(?m)^Left side · Step 1 of 5")
    screen.resize(40, 15)

    def one_clean_frame(shown: str) -> bool:  # one frame at the new size, not stacked copies
        return (
            shown.count("Left side · Step 1 of 5") == 1
            and KEYS in flat(shown)
            and "Stop at once if pain shoots" in flat(shown)
            and max((len(line) for line in shown.splitlines()), default=0) <= 40
        )

    left = seconds_left(screen.wait_until(one_clean_frame, "a frame 40 wide")) or 0
    screen.wait_until(  # and the next second is drawn as cleanly: no stale frame
        lambda shown: seconds_left(shown) not in (left, None) and one_clean_frame(shown),
        "the next second, 40 wide",
    )
    screen.send("q")
    screen.wait_match(r"EXIT=0")


def test_quitting_in_the_lead_in_offers_the_rating_not_a_session(
    terminal: Start, tmp_path: Path
) -> None:
    screen = started(terminal, tmp_path, "6")
    screen.send("q")
    asked = screen.wait_match(r"Log this pain rating in your journal \(no session\)\? \[Y/n\]")
    assert "Routine stopped: 0 of 5 steps finished, 0:00 in all." in asked
    assert "partial session" not in asked
    screen.send("Enter")
    screen.wait_match(r"EXIT=0")
    assert journal_rows(tmp_path) == [(None, 6, None, "guided", "none")]
