"""`sciaticli self-care`: what to do each day while sciatica settles, beyond massage."""

from sciaticli.cli.options import ColorOption, FormatOption, KbOption, RegionOption
from sciaticli.render.output import ColorMode, OutputFormat, emit


def self_care(
    region: RegionOption = None,
    fmt: FormatOption = OutputFormat.auto,
    color: ColorOption = ColorMode.auto,
    kb_path: KbOption = None,
) -> None:
    """Looking after yourself: moving, ways to lie, heat, sleep, medicines, more help."""
    from sciaticli.cli.options import checked_region
    from sciaticli.errors import NotFoundError
    from sciaticli.knowledge import load_knowledge_base
    from sciaticli.pages.self_care import TOPIC, self_care_page

    kb = load_knowledge_base(kb_path)
    topic = kb.topics.get(TOPIC)
    if topic is None:
        raise NotFoundError(f"the knowledge base has no topic '{TOPIC}'")
    emit(self_care_page(topic, kb, checked_region(kb, region)), fmt, color)
