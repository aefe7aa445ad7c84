"""The one table of commands: each command's module and function, and what it is (paged,
interactive, writes, csv); and the words the top-level help and overview are made of."""

from typing import NamedTuple

EXIT_STATUS_HELP = "Exit status: 0 ok, 1 error (bad file, unknown name), 2 usage error."


ABOUT = "An offline guide to massage and self-massage for sciatica, with sources."


EMERGENCY = (
    "Not a substitute for a doctor: numbness or tingling around the genitals, buttocks or anus, "
    "new bladder or bowel trouble, or symptoms in both legs need emergency care now: call the "
    "emergency number (999 United Kingdom, 911 United States and Canada, 112 European Union, "
    "112 or 999 Ireland, 000 Australia, 111 New Zealand) or go to the emergency department "
    "(A&E in the UK)."
)


# `sciaticli` alone: what it is, the emergency line, and the commands a newcomer needs, short
# enough that the emergency line stays on an 80x24 screen (`--help` has everything).
FIRST_COMMANDS = (
    ("check", "A yes/no self-check: is massage a good idea now?"),
    ("home-routine", "A home tennis-ball routine, warnings first."),
    ("home-routine --guided", "The same routine, step by step, with a timer."),
    ("exercises", "Movement routines from NHS exercise pages, warnings first."),
    ("log", "Record your pain before and after: sciaticli log 7 4."),
    ("report", "A one-page summary of your pain journal for a doctor."),
)


class Command(NamedTuple):
    """A command: where it is (imported and built only when used, so start-up pays for one
    command, not all), and what it is. The one table of what each command is."""

    module: str
    function: str
    epilog: str | None = None  # the name of the module's epilog, if it has its own
    paged: bool = False  # its page may go through the pager (render.pager)
    opens_at_end: bool = False  # and opens at its end in less (the newest entries last)
    # What a run may do besides drawing a page (sciaticli.permits, set from here): ask questions
    # on a terminal (check, --guided, --delete: asking turns the pager off), and write the
    # journal (log, measure, check, --guided, --edit; one not marked is stopped before it opens it).
    interactive: bool = False
    writes: bool = False
    csv: bool = False  # its page has records, so --format offers csv


COMMANDS = {
    "techniques": Command("sciaticli.cli.techniques", "techniques", paged=True),
    "home-routine": Command(
        "sciaticli.cli.routines",
        "home_routine",
        "GUIDED_HELP",
        paged=True,
        interactive=True,
        writes=True,
    ),
    "exercises": Command(
        "sciaticli.cli.routines",
        "exercises",
        "GUIDED_HELP",
        paged=True,
        interactive=True,
        writes=True,
    ),
    "safety": Command("sciaticli.cli.safety", "safety", paged=True),
    "check": Command(
        "sciaticli.cli.safety", "check", "CHECK_HELP", interactive=True, writes=True
    ),  # writes: the answers, when the person says yes
    "about": Command("sciaticli.cli.reference", "about", paged=True),
    "therapist": Command("sciaticli.cli.reference", "therapist", paged=True),
    "myths": Command("sciaticli.cli.reference", "myths", paged=True),
    "self-care": Command("sciaticli.cli.selfcare", "self_care", paged=True),
    "appointment": Command(
        "sciaticli.cli.appointment", "appointment", "APPOINTMENT_HELP", paged=True
    ),
    "sources": Command("sciaticli.cli.reference", "sources", paged=True),
    "search": Command("sciaticli.cli.reference", "search", "SEARCH_HELP", paged=True),
    "log": Command("sciaticli.cli.log", "log", writes=True, interactive=True),  # episode start
    "history": Command(
        "sciaticli.cli.history",
        "history",
        "HISTORY_HELP",
        paged=True,
        opens_at_end=True,
        interactive=True,
        writes=True,
        csv=True,
    ),
    "measure": Command(
        "sciaticli.cli.measure", "measure", "MEASURE_HELP", writes=True, interactive=True
    ),
    "report": Command("sciaticli.cli.report", "report", "REPORT_HELP", paged=True),
    "journal": Command("sciaticli.cli.journal_file", "app", writes=True),  # check, backup
    "validate": Command("sciaticli.cli.validate", "validate"),
    "help": Command("sciaticli.cli.helpdoc", "help_command"),
}


def did_you_mean(name: str) -> str:
    """` Did you mean 'techniques'?` for a mistyped or shortened command; empty if none is close."""
    import difflib

    close = [command for command in COMMANDS if command.startswith(name.lower())]
    close += [
        command
        for command in difflib.get_close_matches(name.lower(), list(COMMANDS), n=3, cutoff=0.6)
        if command not in close
    ]
    if not close:
        return " Run 'sciaticli --help' for the list."
    return " Did you mean " + " or ".join(f"'{command}'" for command in close[:3]) + "?"
