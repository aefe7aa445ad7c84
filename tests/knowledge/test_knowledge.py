"""Loading and validating knowledge-base files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sciaticli.errors import KnowledgeBaseError, SciaticliError
from sciaticli.knowledge import bundled_path, load_knowledge_base, validate_file
from sciaticli.knowledge.parsecache import cache_dir, parse_file
from sciaticli.model import FAMILIES
from tests.conftest import USER_KB, WriteFile


def problems_of(path: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        validate_file(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.source_checkout
def test_bundled_knowledge_base_loads_and_is_large_enough() -> None:
    kb = load_knowledge_base()
    assert len(kb.techniques) > 15
    assert {technique.family for technique in kb.techniques.values()} == set(FAMILIES)
    assert kb.files == (str(bundled_path()),)


def test_every_technique_cites_existing_sources() -> None:
    kb = load_knowledge_base()
    for technique in kb.techniques.values():
        assert technique.sources, technique.id
        assert all(key in kb.sources for key in technique.sources), technique.id


def test_user_file_adds_and_replaces_entries(write_file: WriteFile) -> None:
    replacement = USER_KB.replace("id: test-press", "id: shiatsu").replace(
        "name: Test press", "name: Shiatsu (my notes)"
    )
    kb = load_knowledge_base(write_file("replace.yaml", replacement))
    bundled = load_knowledge_base()
    assert kb.techniques["shiatsu"].name == "Shiatsu (my notes)"
    assert kb.techniques["shiatsu"].origin.endswith("replace.yaml")
    assert set(kb.techniques) == set(bundled.techniques)
    assert "test-handbook" in kb.sources


def test_user_file_new_entry_is_added(user_kb: Path) -> None:
    kb = load_knowledge_base(user_kb)
    assert kb.techniques["test-press"].pressure == ("light", "moderate")
    assert len(kb.techniques) == len(load_knowledge_base().techniques) + 1


def test_every_problem_is_reported_with_file_line_and_entry(write_file: WriteFile) -> None:
    broken = (
        USER_KB.replace("    family: western\n", "    family: westen\n")
        .replace("    pressure: [moderate, light]\n", "    pressur: [moderate]\n")
        .replace("    summary: A made-up technique used by the tests.\n", "    summary: 42\n")
        .replace("[test-handbook, nhs-sciatica]", "[test-handbook, nhs-sciatika]")
    )
    path = write_file("broken.yaml", broken)
    assert problems_of(path) == [
        f"{path}:12: technique 'test-press': unknown key 'pressur' (did you mean 'pressure'?)",
        f"{path}:10: technique 'test-press': 'family' must be one of western, structural, "
        "oriental, energy, not 'westen'",
        f"{path}:7: technique 'test-press': missing required field 'pressure'",
        f"{path}:14: technique 'test-press': 'summary' must be text, not a int",
        f"{path}:24: technique 'test-press': unknown source 'nhs-sciatika' "
        "(did you mean 'nhs-sciatica'?)",
    ]


def test_duplicate_ids_and_duplicate_keys_are_errors(write_file: WriteFile) -> None:
    entry = USER_KB.split("techniques:\n", 1)[1]
    doubled = USER_KB + entry.replace(
        "    name: Test press\n", "    name: Test press\n    name: Again\n"
    )
    path = write_file("double.yaml", doubled)
    problems = problems_of(path)
    assert f"{path}:27: duplicate key 'name'" in problems
    assert f"{path}:25: technique 'test-press': duplicate id 'test-press'" in problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("techniques: [\n", ":2: not valid YAML: "),
        ("- just\n- a list\n", ":1: the top level must be a mapping, not a list"),
        ("techniques: 3\n", ":1: 'techniques' must be a list, not a int"),
        ("recipes: []\n", ":1: unknown key 'recipes'"),
        ("techniques:\n  - just text\n", ":2: technique #1: must be a mapping, not text"),
        (
            "sources:\n  - key: Bad Key\n    title: t\n    publisher: p\n",
            ":2: source 'Bad Key': 'key' must be lower-case",
        ),
        ("sources:\n  - key: k\n    title: t\n    publisher: p\n    year: 20\n", "year between"),
        ("sources:\n  - key: k\n    title: t\n    publisher: p\n    url: ftp://x\n", "https://"),
    ],
)
def test_wrong_shapes_name_the_line(write_file: WriteFile, text: str, expected: str) -> None:
    path = write_file("shape.yaml", text)
    (problem,) = problems_of(path)
    assert problem.startswith(str(path))
    assert expected in problem


def test_missing_fields_and_empty_lists(write_file: WriteFile) -> None:
    path = write_file("thin.yaml", "techniques:\n  - id: thin\n    steps: []\n")
    problems = problems_of(path)
    assert f"{path}:3: technique 'thin': 'steps' must not be empty" in problems
    assert f"{path}:2: technique 'thin': missing required field 'name'" in problems
    assert len(problems) == 11


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"sources: []\n# caf\xe9\n")
    assert problems_of(path) == [f"{path}:2: not UTF-8 text"]


def test_missing_file_and_directory_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(SciaticliError, match=r"knowledge base file not found: .*nothing\.yaml"):
        load_knowledge_base(tmp_path / "nothing.yaml")
    with pytest.raises(SciaticliError, match="is a directory"):
        load_knowledge_base(tmp_path)


def test_empty_user_file_adds_nothing(write_file: WriteFile) -> None:
    kb = load_knowledge_base(write_file("empty.yaml", ""))
    assert kb.techniques == load_knowledge_base().techniques


def test_the_bundled_file_must_have_every_section(write_file: WriteFile) -> None:
    from sciaticli.knowledge.validate import load_files

    path = write_file("base.yaml", "sources: []\n")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_files([path])
    assert [p.message for p in caught.value.problems] == [
        f"missing section '{section}'"
        for section in ("version", "safety", "techniques", "routines", "topics")
    ]


def test_parse_cache_is_used_and_refreshed(write_file: WriteFile) -> None:
    path = write_file("cached.yaml", USER_KB)
    first = parse_file(path)
    cached = list(cache_dir().glob("parsed-*.marshal"))
    assert len(cached) == 1
    assert parse_file(path) == first
    path.write_text(USER_KB.replace("Test press", "Changed press"), encoding="utf-8")
    assert "Changed press" in str(parse_file(path).data)


def test_damaged_cache_is_ignored(write_file: WriteFile) -> None:
    path = write_file("cached.yaml", USER_KB)
    first = parse_file(path)
    (cached,) = cache_dir().glob("parsed-*.marshal")
    cached.write_bytes(b"\x00not marshal")
    assert parse_file(path) == first


def test_unwritable_cache_directory_is_skipped(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write_file("not-a-dir", "")
    monkeypatch.setenv("SCIATICLI_CACHE_DIR", str(blocker / "cache"))
    path = write_file("cached.yaml", USER_KB)
    assert parse_file(path).data["techniques"][0]["id"] == "test-press"


ROUTINE = """\
routines:
  - id: my-routine
    name: My routine
    level: 4
    position: kneeling
    purpose: tests
    equipment: [a ball]
    not_for: [anticoagulants, blood-thinner]
    steps:
      - instruction: Hold.
        seconds: 20
        side: both
        cue: Breathe.
        brief: Hold and breathe.
      - instruction: Roll.
        seconds: 10
        passes: 4
        side: middle
        cue: Slowly.
        brief: Roll slowly.
    frequency: daily
    should_feel: dull
    stop_rules: [nerve-spot, stop-now]
    aftercare: heat
    aftercare_brief: heat
    sources: [nhs-sciatica]
"""


def test_routine_references_and_steps_are_validated(write_file: WriteFile) -> None:
    path = write_file("routine.yaml", ROUTINE)
    assert problems_of(path) == [
        f"{path}:18: routine 'my-routine' step 2: 'side' must be one of left, right, both, none, "
        "not 'middle'",
        f"{path}:15: routine 'my-routine' step 2: needs either 'seconds' or 'passes', "
        "not both or neither",
        f"{path}:8: routine 'my-routine': unknown contraindication 'blood-thinner'",
        f"{path}:23: routine 'my-routine': unknown stop rule 'stop-now'",
    ]


def test_a_valid_user_routine_is_added_by_level(write_file: WriteFile) -> None:
    fixed = ROUTINE.replace(", blood-thinner]", "]").replace(", stop-now]", "]")
    fixed = fixed.replace(
        "        seconds: 10\n        passes: 4\n        side: middle",
        "        passes: 4\n        side: left",
    )
    kb = load_knowledge_base(write_file("routine.yaml", fixed))
    assert list(kb.routines)[-1] == "my-routine"
    assert kb.routines["my-routine"].steps[1].seconds_each == 12


def test_technique_contraindications_must_exist(write_file: WriteFile) -> None:
    text = USER_KB.replace(
        "    sources: [test-handbook, nhs-sciatica]",
        "    contraindications: [anticoagulants, warfarin]\n    sources: [test-handbook]",
    )
    path = write_file("contra.yaml", text)
    (problem,) = problems_of(path)
    assert problem == f"{path}:24: technique 'test-press': unknown contraindication 'warfarin'"


def test_question_ids_are_unique_across_red_flags_and_contraindications(
    write_file: WriteFile,
) -> None:
    text = """\
safety:
  contraindications:
    - id: not-valid
    - id: saddle-numbness
      level: ask-doctor
      condition: c
      why: w
      question: q?
      sources: [nhs-sciatica]
"""
    path = write_file("clash.yaml", text)
    clash = (
        f"{path}:4: contraindication 'saddle-numbness': id 'saddle-numbness' is also a red flag's"
        " id; check questions need unique ids"
    )
    assert clash in problems_of(path)


def test_safety_parts_are_checked(write_file: WriteFile) -> None:
    text = (
        "safety:\n  advice:\n    emergency: Go now.\n"
        "  red_flags:\n    - id: x\n      urgency: later\n"
    )
    path = write_file("safety.yaml", text)
    problems = problems_of(path)
    assert f"{path}:2: safety advice: missing required field 'urgent'" in problems
    assert (
        f"{path}:6: red flag 'x': 'urgency' must be one of emergency, urgent, soon, not 'later'"
        in problems
    )


def test_the_bundled_file_needs_every_safety_part(write_file: WriteFile) -> None:
    from sciaticli.knowledge.validate import load_files

    path = write_file(
        "base.yaml",
        "version: '2026.11'\nsources: []\nsafety: {}\ntechniques: []\nroutines: []\ntopics: []\n",
    )
    with pytest.raises(KnowledgeBaseError) as caught:
        load_files([path])
    assert [p.message for p in caught.value.problems] == [
        f"missing required field '{part}'"
        for part in ("emergency_numbers", "advice", "red_flags", "contraindications", "stop_rules")
    ]


TOPIC = """\
topics:
  - id: my-topic
    title: My topic
    summary: A topic of my own.
    sections:
      - heading: Causes
        text: Several.
        items:
          - Plain text is fine.
          - term: Disc herniation
            tag: usual
            text: The usual cause.
          - term: Stenosis
          - 42
        sources: [nhs-sciatika]
      - text: No heading.
        claim: A claim.
    sources: [nhs-sciatica]
"""


def test_topic_sections_and_items_are_validated(write_file: WriteFile) -> None:
    path = write_file("topic.yaml", TOPIC)
    assert problems_of(path) == [
        f"{path}:11: topic 'my-topic' section 1: 'tag' must be one of common, less-common, "
        "rare, disputed, not 'usual'",
        f"{path}:13: topic 'my-topic' section 1: missing required field 'text'",
        f"{path}:14: topic 'my-topic' section 1: item 4 must be text, not a int",
        f"{path}:16: topic 'my-topic' section 2: missing required field 'heading'",
        f"{path}:15: topic 'my-topic' section 1: unknown source 'nhs-sciatika' "
        "(did you mean 'nhs-sciatica'?)",
    ]


def test_a_valid_user_topic_is_read_with_its_items(write_file: WriteFile) -> None:
    fixed = (
        TOPIC.replace("tag: usual", "tag: common")
        .replace("          - term: Stenosis\n          - 42\n", "")
        .replace("nhs-sciatika", "nhs-sciatica")
        .replace("      - text: No heading.", "      - heading: Myth\n        text: Not so.")
    )
    topic = load_knowledge_base(write_file("topic.yaml", fixed)).topics["my-topic"]
    causes, myth = topic.sections
    assert [item.line() for item in causes.items] == [
        "Plain text is fine.",
        "Disc herniation (common): The usual cause.",
    ]
    assert (myth.claim, myth.text, myth.sources) == ("A claim.", "Not so.", ())


def test_a_source_access_date_is_a_real_date_and_needs_an_address(write_file: WriteFile) -> None:
    path = write_file(
        "dates.yaml",
        "sources:\n"
        "  - key: no-address\n    title: T\n    publisher: P\n    accessed: 2026-12-07\n"
        "  - key: bad-date\n    title: T\n    publisher: P\n    url: https://example.org\n"
        "    accessed: 2026-13-40\n"
        "  - key: bad-authors\n    title: T\n    publisher: P\n    authors: 42\n",
    )
    found = problems_of(path)
    needs = "'accessed' is the day the web address was read, so it needs 'url'"
    assert any(needs in p for p in found)
    assert any("'accessed' is not a real date: '2026-13-40'" in p for p in found)
    assert any("'authors' must be text" in p for p in found)
