"""The guided routine's questions and what it says around the timed steps, as ordinary lines.

Before: everything the printed routine shows before its steps, the saddle signs in one line,
the pain now, and, at a severe flare-up, the routine's own advice to wait (go on only on the
word yes). After: the pain after and the offer to log the session, as partial when it stopped
early; after Ctrl-C the offer defaults to no. A y/n question takes one key on a terminal (y, n,
Enter), as the routine's own keys do; ratings, and the typed yes that goes on in a flare-up, are
read as lines (echo, Backspace). At the end, the offer of another routine. Ctrl-C while asking
raises KeyboardInterrupt to the caller.
"""

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from sciaticli.guided.keys import Terminal
from sciaticli.guided.timer import GuidedRun
from sciaticli.model import KnowledgeBase, Routine
from sciaticli.pages.routines import routine_intro, saddle_line
from sciaticli.render.document import Paragraph
from sciaticli.render.output import to_ascii
from sciaticli.render.safe import visible
from sciaticli.render.terminal import renderable
from sciaticli.routines import PlannedStep, duration, total_seconds

PAIN_BEFORE = "Pain now, 0-10 (Enter to skip): "
PAIN_AFTER = "Pain now, after the routine, 0-10 (Enter to skip): "
PAIN_AFTER_STOPPED = "Pain now, after stopping, 0-10 (Enter to skip): "
LOG_QUESTION = "Log this session? [Y/n] "
LOG_PARTIAL = "Log this as a partial session (stopped early)? [Y/n] "
LOG_INTERRUPTED = "Log a partial session? [y/N] "
LOG_RATING = "Log this pain rating in your journal (no session)? [Y/n] "
LOG_RATING_INTERRUPTED = "Log this pain rating in your journal (no session)? [y/N] "
GO_ON = "Go on anyway? Type yes to go on, or press Enter to stop: "

# Records an entry (pain before, pain after or None, session: full, partial or none) and says
# how: the journal, for the CLI.
SessionLogger = Callable[[int, int | None, str], str]


def print_intro(
    console: Console,
    routine: Routine,
    kb: KnowledgeBase,
    steps: list[PlannedStep],
    region: str | None,
) -> None:
    """Everything the printed routine shows before its steps (pages.routines.routine_intro),
    then the saddle signs in one line with the region's number."""
    side = "both" if len({step.side for step in steps}) > 1 else steps[0].side
    blocks = routine_intro(routine, kb, steps, side, region)
    # The routine's own preconditions last, next to the question and the start.
    blocks.sort(key=lambda block: isinstance(block, Paragraph) and block.text.startswith("Only"))
    for block in blocks:
        console.print(renderable(block))
    saddle = saddle_line(kb, region)
    if saddle is not None:
        console.print(Text(visible(saddle), style="bold red"))


def start_line(routine: Routine, steps: list[PlannedStep]) -> str:
    """The routine's size and time, then how to start."""
    optional = sum(1 for step in steps if step.optional)
    line = f"{routine.name}: {len(steps) - optional} steps, {duration(total_seconds(steps))}"
    if optional:
        noun = "step" if optional == 1 else "steps"
        line += f" ({optional} optional {noun} left out unless you press o)"
    return f"{line}.\nPress Enter or space to start, q to quit."


def go_on_in_a_flare_up(
    console: Console,
    routine: Routine,
    kb: KnowledgeBase,
    log_session: SessionLogger,
    pain: int,
    terminal: Terminal | None = None,
) -> bool:
    """Pain at SEVERE_FLARE_PAIN or more: say it is a severe flare-up the routine says to wait
    out; go on only if the person types yes; otherwise offer to log the rating."""
    flare = kb.safety.contraindications.get("severe-flare")
    why = (
        f'This routine\'s do-not list says: "{flare.condition}" {flare.why}'
        if flare is not None and flare.id in routine.not_for
        else "Wait until it settles before doing this routine."
    )
    console.print(
        Text(visible(f"Pain {pain} out of 10 is a severe flare-up. {why}"), style="bold yellow")
    )
    if ask_yes(console, GO_ON, default=False, strict=True):
        console.print(Text("Going on. Stop at once if the pain builds or runs down the leg."))
        return True
    console.print(Text("Stopped before starting."))
    if ask_yes(console, LOG_RATING, terminal=terminal):
        say(console, log_session(pain, None, "none"))
    else:
        console.print(Text("Not logged."))
    return False


def ask_pain(console: Console, prompt: str) -> int | None:
    """A pain rating typed as a line; None for Enter (or the end of input). Asks again until
    the answer is on the scale."""
    from sciaticli.journal.rows import parse_pain

    while True:
        try:
            answer = console.input(Text(prompt)).strip()
        except EOFError:
            return None
        if not answer:
            return None
        try:
            return parse_pain(answer)
        except ValueError:
            console.print(
                Text("Please type a whole number from 0 (no pain) to 10, or press Enter to skip.")
            )


def ask_yes(
    console: Console,
    prompt: str,
    *,
    default: bool = True,
    strict: bool = False,
    terminal: Terminal | None = None,
) -> bool:
    """y or yes (Enter: `default`), n or no; asks again otherwise. On a `terminal` one key
    answers (y, n or Enter), as the routine's own keys do. `strict`: only the typed word yes
    counts as yes, anything else as no. The end of input is no."""
    while True:
        answer = read_answer(console, prompt, None if strict else terminal)
        if answer is None:
            return False
        answer = answer.strip().lower()
        if strict:
            return answer == "yes"
        if not answer:
            return default
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        console.print(Text("Please answer y or n."))


def read_answer(console: Console, prompt: str, terminal: Terminal | None) -> str | None:
    """The answer to a question: one key on a `terminal`, shown after the question as if typed
    (Enter as ""); otherwise, or when the input is not a terminal, a line. None at the end of
    input."""
    if terminal is None:
        try:
            return console.input(Text(prompt))
        except EOFError:
            return None
    key = terminal.answer_key(lambda: console.print(Text(prompt), end=""))
    if key is None:  # not a terminal
        return read_answer(console, prompt, None)
    if not key:
        console.print()
        return None
    typed = "" if key in ("\r", "\n") else key
    console.print(Text(visible(typed)))
    return typed


def offer_to_log(
    console: Console,
    log_session: SessionLogger,
    before: int,
    run: GuidedRun,
    *,
    interrupted: bool,
    terminal: Terminal | None = None,
) -> int | None:
    """After the routine: the pain after and the offer to log, as a full session or, when it
    stopped early, a partial one: stopped with q or Ctrl-C, or a step skipped with n (every
    step skipped too: not done, and not a full session). After Ctrl-C, nothing is logged unless
    the person says yes. Returns the pain after, if given."""
    if run.finished:
        after = ask_pain(console, PAIN_AFTER)
        if after is None or not ask_yes(console, LOG_QUESTION, terminal=terminal):
            console.print(Text("Not logged."))
            return after
        say(console, log_session(before, after, "full"))
        return after
    if run.routine_elapsed() < 1:
        # Stopped before any step had begun: no session to log, only the rating.
        question = LOG_RATING_INTERRUPTED if interrupted else LOG_RATING
        if ask_yes(console, question, default=not interrupted, terminal=terminal):
            say(console, log_session(before, None, "none"))
        else:
            console.print(Text("Not logged."))
        return None
    if interrupted:
        if not ask_yes(console, LOG_INTERRUPTED, default=False, terminal=terminal):
            console.print(Text("Not logged."))
            return None
        after = ask_pain(console, PAIN_AFTER_STOPPED)
    else:
        after = ask_pain(console, PAIN_AFTER_STOPPED)
        if not ask_yes(console, LOG_PARTIAL, terminal=terminal):
            console.print(Text("Not logged."))
            return after
    say(console, log_session(before, after, "partial"))
    return after


ANOTHER = "Another routine now?"


def offer_another(
    console: Console,
    routines: list[Routine],
    planned: Callable[[Routine], list[PlannedStep]],
    terminal: Terminal | None = None,
) -> Routine | None:
    """The routines not yet done, numbered, to do one now; the one chosen, or None to finish
    (Enter, n, q, or the end of input). One key on a terminal, as the other questions, while
    there are at most nine; a typed number and Enter beyond."""
    console.print()
    console.print(Text(ANOTHER, style="bold"))
    for number, routine in enumerate(routines, 1):
        time = duration(total_seconds(planned(routine)))
        console.print(Text(visible(f"  {number}. {routine.name}, {time}")))
    last = len(routines)
    choice = "1" if last == 1 else f"1-{last}"
    by_key = terminal if last <= 9 else None
    prompt = (
        f"Press {choice} to start it now, or Enter to finish: "
        if by_key is not None
        else f"Type {choice} and Enter to start it now, or press Enter to finish: "
    )
    while True:
        answer = read_answer(console, prompt, by_key)
        if answer is None:
            return None
        answer = answer.strip().lower()
        if answer in ("", "n", "no", "q"):
            return None
        if answer.isdigit() and 1 <= int(answer) <= last:
            return routines[int(answer) - 1]
        console.print(Text(f"Please choose {choice}, or press Enter to finish."))


def say(console: Console, message: str) -> None:
    """A message made visible, in ASCII where the terminal's encoding is not UTF-8."""
    if not (console.encoding or "").lower().startswith("utf"):
        message = to_ascii(message)
    console.print(Text(visible(message)))
