"""`about`, `therapist`, `myths` and `sources`, in every format, and where entries came from."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import bundled_path, load_knowledge_base
from sciaticli.model import KnowledgeBase
from tests.conftest import WriteFile

ANSI = re.compile(r"\x1b\[")
GOLDEN = Path(__file__).parent.parent / "golden"
TOPICS = ("about", "therapist", "myths")

# The user's own `about`, replacing the bundled one, and a source of their own.
USER_TOPIC = """\
sources:
  - key: my-notes
    title: My physiotherapist's notes
    publisher: Private
topics:
  - id: about
    title: About my sciatica
    summary: What my physiotherapist told me.
    sections:
      - heading: Diagnosis
        text: A disc bulge at L5-S1, "improving".
        items:
          - Walk daily.
          - term: Disc herniation
            tag: common
            text: The usual cause.
        sources: [my-notes]
    sources: [nhs-sciatica]
"""


def invoke(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture
def user_topic(write_file: WriteFile) -> Path:
    return write_file("about.yaml", USER_TOPIC)


def test_about_markdown_matches_the_golden_file(runner: CliRunner) -> None:
    # To update after a content change, review and run:
    #   sciaticli about --format markdown > tests/golden/about.md
    expected = (GOLDEN / "about.md").read_text(encoding="utf-8")
    assert invoke(runner, "about", "--format", "markdown") == expected


@pytest.mark.parametrize("topic_id", TOPICS)
def test_topic_plain_has_every_section_in_order(
    runner: CliRunner, kb: KnowledgeBase, topic_id: str
) -> None:
    topic = kb.topics[topic_id]
    text = invoke(runner, topic_id, "--format", "plain")
    lines = text.splitlines()
    assert lines[0] == topic.title.upper()
    assert lines[2] == topic.summary
    positions = [lines.index(section.heading) for section in topic.sections]
    assert positions == sorted(positions)
    for section in topic.sections:
        # Commands written in backticks are plain words in plain text.
        assert section.text.replace("`", "") in text
        for item in section.items:
            assert f"- {item.line()}".replace("`", "") in lines
    assert "SOURCES" not in text and "\nSources\n" in text
    assert not ANSI.search(text)


@pytest.mark.parametrize("topic_id", TOPICS)
def test_topic_markdown_keeps_headings_and_lists(
    runner: CliRunner, kb: KnowledgeBase, topic_id: str
) -> None:
    topic = kb.topics[topic_id]
    text = invoke(runner, topic_id, "--format", "markdown")
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [
        tokens[index + 1].content
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]
    assert headings == [section.heading for section in topic.sections] + ["Sources"]
    h1 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "h1" and t.nesting == 1]
    assert h1 == [topic.title]
    items = sum(len(section.items) for section in topic.sections)
    list_items = [t for t in tokens if t.type == "list_item_open"]
    # Section items plus one list item per cited source.
    assert len(list_items) >= items + len(topic.sources)


@pytest.mark.parametrize("topic_id", TOPICS)
def test_topic_json_shape(runner: CliRunner, kb: KnowledgeBase, topic_id: str) -> None:
    data = json.loads(invoke(runner, topic_id, "--format", "json"))
    topic = kb.topics[topic_id]
    assert data["id"] == topic_id and data["title"] == topic.title
    assert data["file"] is None
    assert [s["heading"] for s in data["sections"]] == [s.heading for s in topic.sections]
    assert set(data["sections"][0]) == {"heading", "claim", "text", "items", "sources"}
    keys = [source["key"] for source in data["sources"]]
    assert keys[: len(topic.sources)] == list(topic.sources)
    for section in data["sections"]:
        assert set(section["sources"]) <= set(keys)
        for item in section["items"]:
            assert set(item) == {"text", "term", "tag"}


@pytest.mark.parametrize("topic_id", TOPICS)
def test_topic_rich_on_a_terminal(runner: CliRunner, kb: KnowledgeBase, topic_id: str) -> None:
    coloured = invoke(runner, topic_id, "--format", "rich", "--color", "always")
    assert ANSI.search(coloured)
    plain = invoke(runner, topic_id, "--format", "rich", "--color", "never")
    assert not ANSI.search(plain)
    assert kb.topics[topic_id].title in plain
    assert "sciaticli search WORDS" in plain


def test_myths_show_each_claim_and_its_correction(runner: CliRunner, kb: KnowledgeBase) -> None:
    text = invoke(runner, "myths", "--format", "plain")
    for section in kb.topics["myths"].sections:
        assert section.claim and section.sources
        claim = text.index(f"Claim: {section.claim}")
        correction = text.index(f"In fact: {section.text}")
        assert claim < correction < text.index(f"Sources: {', '.join(section.sources)}", claim)


def test_a_user_topic_replaces_the_bundled_one_and_says_where_from(
    runner: CliRunner, user_topic: Path
) -> None:
    text = invoke(runner, "about", "--kb", str(user_topic), "--format", "plain")
    assert text == (
        "ABOUT MY SCIATICA\n\n"
        f"From your file: {user_topic}\n\n"
        "What my physiotherapist told me.\n\n"
        "Diagnosis\n\n"
        'A disc bulge at L5-S1, "improving".\n\n'
        "- Walk daily.\n"
        "- Disc herniation (common): The usual cause.\n\n"
        "Sources: my-notes\n\n"
        "Sources\n\n"
        "nhs-sciatica: Sciatica. NHS. https://www.nhs.uk/conditions/sciatica/"
        " (accessed 2026-12-07)\n"
        "my-notes: My physiotherapist's notes. Private.\n\n"
        "Not every entry here has a review date · knowledge base "
        f"{load_knowledge_base().version}\n"
    )
    data = json.loads(invoke(runner, "about", "--kb", str(user_topic), "--format", "json"))
    assert data["file"] == str(user_topic)
    assert data["sections"][0]["items"][1] == {
        "text": "The usual cause.",
        "term": "Disc herniation",
        "tag": "common",
    }


def test_a_missing_topic_is_a_clear_error(
    runner: CliRunner, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bundled file without the therapist topic (a broken install) gets one clear message.
    import sciaticli.knowledge as knowledge

    text = knowledge.bundled_path().read_text(encoding="utf-8")
    start = text.index("  - id: therapist")
    end = text.index("  - id: myths")
    stripped = write_file("bundled.yaml", text[:start] + text[end:])
    monkeypatch.setattr(knowledge, "bundled_path", lambda: stripped)
    result = runner.invoke(app, ["therapist"])
    assert result.exit_code == 1
    assert result.stderr == "Error: the knowledge base has no topic 'therapist'\n"


def test_sources_are_numbered_with_what_cites_them(runner: CliRunner, kb: KnowledgeBase) -> None:
    text = invoke(runner, "sources", "--format", "plain")
    lines = text.splitlines()
    assert lines[0] == "SOURCES"
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    assert len(numbered) == len(kb.sources)
    for number, (line, source) in enumerate(zip(numbered, kb.sources.values(), strict=True), 1):
        assert line.startswith(f"{number}. {source.key}: {source.citation()} Cited by ")
    nhs = next(line for line in numbered if " nhs-sciatica: " in line)
    techniques = sum("nhs-sciatica" in t.sources for t in kb.techniques.values())
    assert f"{techniques} techniques" in nhs


def test_sources_json_lists_every_citing_entry(runner: CliRunner, kb: KnowledgeBase) -> None:
    data = json.loads(invoke(runner, "sources", "--format", "json"))
    assert [entry["number"] for entry in data] == list(range(1, len(kb.sources) + 1))
    by_key = {entry["key"]: entry for entry in data}
    cochrane = {(c["kind"], c["id"]) for c in by_key["cochrane-2015"]["cited_by"]}
    expected = {("technique", t.id) for t in kb.techniques.values() if "cochrane-2015" in t.sources}
    expected |= {
        ("topic", topic.id)
        for topic in kb.topics.values()
        if "cochrane-2015" in topic.sources
        or any("cochrane-2015" in section.sources for section in topic.sections)
    }
    assert {c for c in cochrane if c[0] in ("technique", "topic")} == expected
    assert expected


def test_one_source_shows_everything_that_cites_it(runner: CliRunner, kb: KnowledgeBase) -> None:
    text = invoke(runner, "sources", "nice-ng59", "--format", "plain")
    source = kb.sources["nice-ng59"]
    number = list(kb.sources).index("nice-ng59") + 1
    lines = text.splitlines()
    assert lines[0] == f"[{number}] {source.title}".upper()
    assert "Key: nice-ng59" in lines
    citing = [t for t in kb.techniques.values() if "nice-ng59" in t.sources]
    for technique in citing:
        assert f"- technique {technique.name} ({technique.id})" in lines
    markdown = invoke(runner, "sources", "nice-ng59", "--format", "markdown")
    assert "## Cited by (" in markdown
    data = json.loads(invoke(runner, "sources", "nice-ng59", "--format", "json"))
    assert data["key"] == "nice-ng59" and data["number"] == number and data["file"] is None
    assert len(data["cited_by"]) == int(re.findall(r"Cited by \((\d+)\)", text)[0])
    rich = invoke(runner, "sources", "nice-ng59", "--format", "rich", "--color", "always")
    assert ANSI.search(rich) and "nice-ng59" in rich


def test_a_source_can_be_named_by_a_prefix(runner: CliRunner) -> None:
    assert "Key: nice-ng59" in invoke(runner, "sources", "NICE-NG5", "--format", "plain")


def test_unknown_and_ambiguous_sources_are_errors(runner: CliRunner) -> None:
    unknown = runner.invoke(app, ["sources", "nice-ng95"])
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("Error: no source called 'nice-ng95'; did you mean nice-ng59")
    ambiguous = runner.invoke(app, ["sources", "nhs"])
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr.startswith("Error: 'nhs' matches more than one source: ")


def test_a_source_nobody_cites_says_so(runner: CliRunner, user_topic: Path) -> None:
    extra = user_topic.parent / "extra.yaml"
    extra.write_text(
        "sources:\n  - key: unused-book\n    title: An unused book\n    publisher: Nobody\n",
        encoding="utf-8",
    )
    text = invoke(runner, "sources", "unused-book", "--kb", str(extra), "-f", "plain")
    assert "Cited by (0)\n\nNo entry cites this source." in text
    assert f"From your file: {extra}" in text
    listing = invoke(runner, "sources", "--kb", str(extra), "-f", "plain")
    assert "unused-book: An unused book. Nobody. Cited by no entry." in listing
    assert f"From your file {extra}: unused-book." in listing


def test_user_entries_say_which_file_they_came_from(runner: CliRunner, user_kb: Path) -> None:
    kb = ["--kb", str(user_kb)]
    page = invoke(runner, "techniques", "test-press", *kb, "-f", "plain")
    assert f"From your file: {user_kb}" in page
    listing = invoke(runner, "techniques", *kb, "-f", "plain")
    assert listing.splitlines()[-3] == f"From your file {user_kb}: Test press."
    data = json.loads(invoke(runner, "techniques", *kb, "-f", "json"))
    files = {entry["id"]: entry["file"] for entry in data}
    assert files["test-press"] == str(user_kb) and files["shiatsu"] is None
    cited = invoke(runner, "sources", "test-handbook", *kb, "-f", "plain")
    assert "- technique Test press (test-press)" in cited
    assert f"From your file {user_kb}: technique test-press." in cited
    # Bundled entries never say where they came from.
    assert "From your file" not in invoke(runner, "techniques", "shiatsu", *kb, "-f", "plain")


def test_user_routines_and_safety_entries_say_which_file(
    runner: CliRunner, write_file: WriteFile
) -> None:
    bundled = yaml.safe_load(bundled_path().read_text(encoding="utf-8"))
    routine = dict(bundled["routines"][0], id="my-routine", name="My routine", aliases=[])
    mine = write_file("routine.yaml", yaml.safe_dump({"routines": [routine]}))
    page = invoke(runner, "home-routine", "my-routine", "--kb", str(mine), "-f", "plain")
    assert f"From your file: {mine}" in page
    listing = invoke(runner, "home-routine", "--list", "--kb", str(mine), "-f", "plain")
    assert f"From your file {mine}: My routine." in listing
    routines = json.loads(invoke(runner, "home-routine", "--list", "--kb", str(mine), "-f", "json"))
    assert {entry["id"]: entry["file"] for entry in routines}["my-routine"] == str(mine)
    assert "From your file" not in invoke(runner, "home-routine", "standing-wall", "-f", "plain")
    user = write_file(
        "safety.yaml",
        "safety:\n"
        "  stop_rules:\n"
        "    - id: my-rule\n"
        "      rule: Stop when my physiotherapist says so.\n"
        "      sources: [nhs-sciatica]\n",
    )
    text = invoke(runner, "safety", "--kb", str(user), "-f", "plain")
    assert f"From your file {user}: stop rule my-rule." in text
    data = json.loads(invoke(runner, "safety", "--kb", str(user), "-f", "json"))
    assert {rule["id"]: rule["file"] for rule in data["stop_rules"]}["my-rule"] == str(user)
    assert all(rule["file"] is None for rule in data["stop_rules"] if rule["id"] != "my-rule")


def test_check_says_which_reported_answers_came_from_your_file(
    runner: CliRunner, write_file: WriteFile
) -> None:
    user = write_file(
        "flags.yaml",
        "safety:\n"
        "  red_flags:\n"
        "    - id: my-flag\n"
        "      urgency: soon\n"
        "      sign: A sign my doctor told me to watch.\n"
        "      question: Do you have the sign your doctor told you to watch?\n"
        "      sources: [nhs-sciatica]\n",
    )
    args = ["check", "--kb", str(user), "--no-others", "-f", "plain"]
    result = runner.invoke(app, [*args, "--yes", "my-flag"])
    assert result.exit_code == 3
    assert f"From your file {user}: red flag my-flag." in result.stdout
    items = load_knowledge_base().safety.contraindications.values()
    bundled = next(item.id for item in items if item.question is not None)
    result = runner.invoke(app, [*args, "--yes", bundled])
    assert result.exit_code == 3
    assert "From your file" not in result.stdout


def test_sources_list_markdown_and_rich(runner: CliRunner, kb: KnowledgeBase) -> None:
    markdown = invoke(runner, "sources", "--format", "markdown")
    tokens = MarkdownIt("commonmark").parse(markdown)
    ordered = [t for t in tokens if t.type == "ordered_list_open"]
    assert len(ordered) == 1
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == len(kb.sources) + 3  # and the three instruments
    assert markdown.startswith("# Sources\n\n1. nhs-sciatica: Sciatica. NHS.")
    rich = invoke(runner, "sources", "--format", "rich", "--color", "never")
    flat = " ".join(rich.split())
    assert f"{len(kb.sources)}. " in flat and "One source and everything citing it" in flat


def test_a_source_shows_its_authors_and_the_day_its_address_was_read(
    runner: CliRunner, user_topic: Path
) -> None:
    extra = user_topic.parent / "authored.yaml"
    extra.write_text(
        "sources:\n  - key: web-page\n    title: A web page\n    publisher: A body\n"
        "    url: https://example.org/page\n    accessed: 2026-12-07\n"
        "  - key: an-article\n    title: An article\n    publisher: J Test 2020;1:2-3\n"
        "    authors: Smith A, Jones B\n",
        encoding="utf-8",
    )
    page = invoke(runner, "sources", "web-page", "--kb", str(extra), "-f", "plain")
    assert "Address: https://example.org/page\nAccessed: 2026-12-07" in page
    article = invoke(runner, "sources", "an-article", "--kb", str(extra), "-f", "plain")
    assert "Authors: Smith A, Jones B\nPublisher: J Test 2020;1:2-3" in article
    listing = invoke(runner, "sources", "--kb", str(extra), "-f", "plain")
    web = "web-page: A web page. A body. https://example.org/page (accessed 2026-12-07) "
    assert web in listing
    assert "an-article: Smith A, Jones B. An article. J Test 2020;1:2-3." in listing
    data = json.loads(invoke(runner, "sources", "an-article", "--kb", str(extra), "-f", "json"))
    assert data["authors"] == "Smith A, Jones B" and data["accessed"] is None


@pytest.mark.parametrize(
    ("key", "kind", "ident"),
    [
        ("ramtahal-2006", "picture", "placement"),
        ("hanna-2015", "picture", "placement"),
        ("dworkin-2008", "page", "report"),
        ("farrar-2001", "page", "report"),
        ("krebs-2009", "page", "measures"),
        ("roland-morris-1983", "page", "measures"),
        ("roland-fairbank-2000", "page", "measures"),
        ("stratford-1995", "page", "measures"),
        ("crtc-911", "emergency number", "ca"),
    ],
)
def test_sources_count_the_picture_the_report_and_the_emergency_numbers(
    runner: CliRunner, key: str, kind: str, ident: str
) -> None:
    listing = invoke(runner, "sources", "--format", "plain")
    line = next(line for line in listing.splitlines() if f" {key}: " in line)
    assert "Cited by no entry" not in line
    data = json.loads(invoke(runner, "sources", key, "--format", "json"))
    assert (kind, ident) in {(c["kind"], c["id"]) for c in data["cited_by"]}


def test_sources_lists_the_instruments_with_their_attribution(runner: CliRunner) -> None:
    """PEG, RMDQ and PSFS, each attributed to its authors (fact sheet R57-R59), with the keys of
    their full references in the list above, and the terms the form may be used on."""
    listing = invoke(runner, "sources", "--format", "plain")
    section = listing[listing.index("Instruments (sciaticli measure)") :]
    assert (
        "- PEG (pain, enjoyment of life, general activity): Krebs et al. 2009 [krebs-2009]. "
        "Use: freely reproduced (in CDC and VA materials); its wording is kept exact and "
        "attributed." in section
    )
    assert (
        "- Roland-Morris Disability Questionnaire (RMDQ): Roland & Morris 1983 "
        "[roland-morris-1983]; Roland & Fairbank 2000 [roland-fairbank-2000]. Use: the authors "
        "state that the form may be used without permission; the English original." in section
    )
    assert (
        "- Patient-Specific Functional Scale (PSFS): Stratford et al. 1995 [stratford-1995]."
        in (section)
    )
    for reference in (
        "krebs-2009: Krebs EE, Lorenz KA, Bair MJ, Damush TM, Wu J, Sutherland JM, Asch SM, "
        "Kroenke K. Development and initial validation of the PEG, a three-item scale assessing "
        "pain intensity and interference. J Gen Intern Med 2009;24(6):733–8. "
        "https://doi.org/10.1007/s11606-009-0981-1",
        "roland-morris-1983: Roland M, Morris R. A study of the natural history of back pain. "
        "Part I: development of a reliable and sensitive measure of disability in low-back pain. "
        "Spine 1983;8(2):141–4.",
        "stratford-1995: Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and "
        "change on individual patients: a report of a patient specific measure. Physiother Can "
        "1995;47(4):258–63.",
    ):
        assert reference in listing


def test_every_bundled_source_is_cited(runner: CliRunner) -> None:
    listing = invoke(runner, "sources", "--format", "plain")
    assert "Cited by no entry" not in listing
