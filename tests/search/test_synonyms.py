"""Search that a person in pain can use: safety first on equal scores, everyday words through
the knowledge base's synonyms, `--target buttock`, `sources N`, and commands in backticks."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.search import search, search_with_synonyms
from tests.conftest import WriteFile

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def hits(runner: CliRunner, *words: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["search", *words, "--limit", "0", "--format", "json"])
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)["hits"]
    return found


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("pregnant", "pregnancy"),
        ("pregnancy", "pregnancy"),
        ("blood thinners", "anticoagulants"),
    ],
)
def test_safety_entry_comes_first(runner: CliRunner, query: str, first: str) -> None:
    found = hits(runner, query)
    assert found[0]["kind"] == "contraindication"
    assert found[0]["id"] == first


@pytest.mark.parametrize(
    "word", ["warfarin", "apixaban", "rivaroxaban", "clopidogrel", "aspirin", "Warfarin"]
)
def test_medicines_find_the_blood_thinner_contraindication_first(
    runner: CliRunner, word: str
) -> None:
    found = hits(runner, word)
    assert (found[0]["kind"], found[0]["id"]) == ("contraindication", "anticoagulants")


@pytest.mark.parametrize("words", [["foam", "roller"], ["lacrosse", "ball"], ["massage", "ball"]])
def test_balls_and_rollers_find_ball_self_massage(runner: CliRunner, words: list[str]) -> None:
    ids = [hit["id"] for hit in hits(runner, *words)[:3]]
    assert "tennis-ball-pressure" in ids


@pytest.mark.parametrize("word", ["buttock", "bum", "bottom"])
def test_buttock_words_find_the_gluteal_techniques(runner: CliRunner, word: str) -> None:
    found = hits(runner, word)
    techniques = {hit["id"] for hit in found if hit["kind"] == "technique"}
    assert {"tennis-ball-pressure", "trigger-point-therapy"} <= techniques


def test_search_says_which_synonym_it_used(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "warfarin", "--format", "plain"])
    assert '"warfarin" was also searched for as "blood thinners".' in result.stdout
    data = json.loads(runner.invoke(app, ["search", "warfarin", "-f", "json"]).stdout)
    assert data["synonyms"] == [{"word": "warfarin", "means": "blood thinners", "note": None}]


def test_reflexology_says_there_is_no_entry_and_where_to_look(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "reflexology"])
    assert result.exit_code == 1
    assert "no entry on reflexology" in result.stderr
    assert "sciaticli techniques acupressure" in result.stderr
    assert "`" not in result.stderr


def test_every_synonym_finds_something() -> None:
    kb = load_knowledge_base()
    assert kb.synonyms
    for synonym in kb.synonyms:
        if synonym.means:
            assert search(kb, synonym.means), synonym
            for word in synonym.words:
                assert search_with_synonyms(kb, word).hits, word
        else:
            assert synonym.note


def test_two_words_of_one_group_are_one_term() -> None:
    """`mri scan`: both words belong to one synonym group, so they are one term (either
    finds the page), not two terms each needed; and every pair of a group's words, so."""
    kb = load_knowledge_base()
    assert [hit.document.id for hit in search(kb, "mri scan")][:1] == ["self-care"]
    for synonym in kb.synonyms:
        if synonym.means and synonym.words:
            query = f"{synonym.words[0]} {synonym.means}"
            assert search(kb, query), query


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("synonyms:\n  - words: [x]\n", "needs either 'means' or 'note'"),
        ("synonyms:\n  - words: [x]\n    means: a\n    note: b\n", "not both or neither"),
        ("synonyms:\n  - words: [x]\n    mean: a\n", "unknown key 'mean'"),
        ("synonyms:\n  - words: []\n    means: a\n", "'words' must not be empty"),
        ("synonyms: {x: y}\n", "'synonyms' must be a list"),
        (
            "synonyms:\n  - words: [x]\n    means: a\n  - words: [X]\n    means: b\n",
            "the word 'x' is already a synonym",
        ),
    ],
)
def test_synonyms_are_validated(
    runner: CliRunner, write_file: WriteFile, text: str, message: str
) -> None:
    path = write_file("syn.yaml", text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert message in result.output


def test_a_users_synonym_is_used(runner: CliRunner, write_file: WriteFile) -> None:
    path = write_file("syn.yaml", "synonyms:\n  - words: [sit bones]\n    means: gluteus\n")
    result = runner.invoke(app, ["search", "sit", "bones", "--kb", str(path), "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["synonyms"][0]["means"] == "gluteus"


@pytest.mark.parametrize("word", ["buttock", "bum", "Bottom"])
def test_target_takes_an_everyday_word(runner: CliRunner, word: str) -> None:
    everyday = runner.invoke(app, ["techniques", "--target", word, "-f", "json"])
    muscle = runner.invoke(app, ["techniques", "--target", "gluteus", "-f", "json"])
    assert everyday.exit_code == 0, everyday.output
    assert json.loads(everyday.stdout) == json.loads(muscle.stdout)


def test_sources_by_number(runner: CliRunner) -> None:
    kb = load_knowledge_base()
    tenth = list(kb.sources)[9]
    by_number = runner.invoke(app, ["sources", "10", "-f", "json"])
    by_key = runner.invoke(app, ["sources", tenth, "-f", "json"])
    assert by_number.exit_code == 0
    assert by_number.stdout == by_key.stdout
    assert json.loads(by_number.stdout)["number"] == 10
    for bad in ("0", str(len(kb.sources) + 1)):
        result = runner.invoke(app, ["sources", bad])
        assert result.exit_code == 1
        assert f"the list numbers them 1 to {len(kb.sources)}" in result.stderr


def test_commands_in_backticks_are_drawn_as_commands(runner: CliRunner) -> None:
    plain = runner.invoke(app, ["about", "-f", "plain"]).stdout
    assert "Run sciaticli safety for the full list" in plain
    assert "`" not in plain
    markdown = runner.invoke(app, ["about", "-f", "markdown"]).stdout
    assert "Run `sciaticli safety` for the full list" in markdown
    rich = runner.invoke(app, ["about", "-f", "rich", "--color", "always"]).stdout
    assert "`" not in rich
    assert "\x1b[1;36msciaticli safety\x1b[0m" in rich


def test_backticks_in_a_search_snippet_keep_the_highlight_in_place(runner: CliRunner) -> None:
    rich = runner.invoke(app, ["search", "full", "list", "-f", "rich", "--color", "always"]).stdout
    assert "`" not in rich
    text = ANSI.sub("", rich)
    assert "Run sciaticli safety for the full list" in text


def test_unquoted_moves_the_marks_with_the_text() -> None:
    from sciaticli.render.commands import unquoted

    text = "Run `sciaticli safety` for the full list, or `check`."
    full = text.index("full")
    plain, commands, marks = unquoted(text, ((full, full + 4),))
    assert plain == "Run sciaticli safety for the full list, or check."
    assert [plain[a:b] for a, b in commands] == ["sciaticli safety", "check"]
    assert [plain[a:b] for a, b in marks] == ["full"]
    assert unquoted("a lone ` stays") == ("a lone ` stays", (), ())
