"""`sciaticli techniques`: the list, filters, and one technique in full."""

from typing import Annotated

import typer

from sciaticli.cli.options import ColorOption, FormatOption, KbOption, RegionOption
from sciaticli.knowledge import load_knowledge_base
from sciaticli.model import Family, Pressure
from sciaticli.render.output import ColorMode, OutputFormat, emit


def techniques(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME", help="A technique's id, name or alias (a unique prefix will do)."
        ),
    ] = None,
    family: Annotated[
        Family | None,
        typer.Option("--family", case_sensitive=False, help="Only this family."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option("--target", metavar="MUSCLE", help="Only techniques that work this muscle."),
    ] = None,
    pressure: Annotated[
        Pressure | None,
        typer.Option("--pressure", case_sensitive=False, help="Only techniques using it."),
    ] = None,
    self_care: Annotated[
        bool, typer.Option("--self-care", help="Only what a person can do on their own.")
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief",
            help="One technique in one screen, for when you have read its full page before: "
            "what it is, the pressure, the cautions in short and the emergency line.",
        ),
    ] = False,
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """List massage techniques for sciatica, or show one in full."""
    from sciaticli.pages.techniques import techniques_page

    kb = load_knowledge_base(kb_path)
    if brief and name is None:
        raise typer.BadParameter("--brief shows one technique: name it", param_hint="'--brief'")
    if name is not None and (family or target or pressure or self_care):
        raise typer.BadParameter("filters apply to the list, not to one technique by NAME")
    if name is not None and brief:
        from sciaticli.catalogue import find_technique
        from sciaticli.cli.options import checked_region
        from sciaticli.pages.brief import technique_brief

        technique = find_technique(kb, name)
        emit(technique_brief(technique, kb, checked_region(kb, region)), fmt, color)
        return
    page = techniques_page(
        kb,
        name,
        family=family.value if family else None,
        target=target,
        pressure=pressure.value if pressure else None,
        self_care=self_care,
    )
    emit(page, fmt, color)
