"""Options shared by the content commands: one definition each."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sciaticli.render.output import ColorMode, OutputFormat

if TYPE_CHECKING:
    from sciaticli.model import KnowledgeBase

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format. auto: rich on a terminal, plain when piped.",
    ),
]
ColorOption = Annotated[
    ColorMode,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour: auto honours NO_COLOR, FORCE_COLOR, CLICOLOR_FORCE and TERM=dumb.",
    ),
]
KbOption = Annotated[
    Path | None,
    typer.Option(
        "--kb",
        envvar="SCIATICLI_KB",
        dir_okay=True,
        readable=False,  # sciaticli reads it and says why it cannot (exit 1), not click (exit 2)
        help="Your own knowledge-base file; it adds entries and replaces ones with the same id.",
        show_envvar=True,
    ),
]
# The guided routine's options, for home-routine and exercises alike.
NoBellOption = Annotated[
    bool, typer.Option("--no-bell", help="No terminal bell between guided steps.")
]
NoLogOption = Annotated[
    bool,
    typer.Option(
        "--no-log",
        help="Guided: do not ask for your pain before and after, or offer to log the session.",
    ),
]
# The bundled knowledge base's regions, in its order, with their names (a test keeps them equal
# to the knowledge base: the option's help is built at import, before any file is read).
REGIONS = {
    "uk": "United Kingdom",
    "us": "United States",
    "ca": "Canada",
    "eu": "European Union",
    "ie": "Ireland",
    "au": "Australia",
    "nz": "New Zealand",
}
RegionOption = Annotated[
    str | None,
    typer.Option(
        "--region",
        envvar="SCIATICLI_REGION",
        show_envvar=True,
        metavar="|".join(REGIONS),
        help="Show this region's emergency number first, and only its own same-day advice: "
        + ", ".join(f"{code} ({name})" for code, name in REGIONS.items())
        + ". Default: from the locale (LC_ALL, LC_MESSAGES or LANG); none known: every number "
        "side by side.",
    ),
]


def checked_region(kb: "KnowledgeBase", region: str | None) -> str | None:
    """--region (or SCIATICLI_REGION) when given and known; otherwise the locale's region, or
    None (every number side by side) when the locale names no region the knowledge base has."""
    if not region:
        import os

        from sciaticli.safety import region_from_locale

        return region_from_locale(kb, os.environ)
    from sciaticli.lookup import normalise
    from sciaticli.safety import UnknownRegion, numbers_for

    try:
        numbers_for(kb, region)
    except UnknownRegion as error:
        raise typer.BadParameter(str(error), param_hint="'--region'") from None
    return normalise(region)
