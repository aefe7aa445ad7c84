"""`sciaticli search`: every section searched, all words needed, ranked, accent-insensitive."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.search import (
    KIND_ORDER,
    SAFETY_KINDS,
    Hit,
    fold,
    query_words,
    search,
)
from sciaticli.search_index import (
    documents,
)
from tests.conftest import WriteFile

ANSI = re.compile(r"\x1b\[[0-9;]*m")

# A user's file: one technique with the word in its name, one with it only in its text, and
# accented words.
ZEBRA_KB = """\
techniques:
  - id: body-only
    name: Plain stroke
    family: western
    performed_by: [therapist]
    pressure: [light]
    targets: []
    summary: A stroke that a zebra might enjoy, if zebras had sciatica.
    steps: [Stroke gently.]
    why_it_may_help: Unknown.
    evidence: {level: insufficient, summary: No trials.}
    cautions: [Stop if pain travels down the leg.]
    contraindications: [dvt]
    sources: [nhs-sciatica]
  - id: zebra-stroke
    name: Zebra stroke
    family: western
    performed_by: [therapist]
    pressure: [light]
    targets: []
    summary: Massage suédois à la façon des zèbres, en stries.
    steps: [Stroke gently.]
    why_it_may_help: Unknown.
    evidence: {level: insufficient, summary: No trials.}
    cautions: [Stop if pain travels down the leg.]
    contraindications: [dvt]
    sources: [nhs-sciatica]
"""


@pytest.fixture
def zebra_kb(write_file: WriteFile) -> Path:
    return write_file("zebra.yaml", ZEBRA_KB)


def run_json(runner: CliRunner, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["search", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def hit_ids(hits: list[Hit]) -> list[tuple[str, str]]:
    return [(hit.document.kind, hit.document.id) for hit in hits]


def folded_text(hit: Hit) -> str:
    return " ".join(fold(field.text)[0] for field in hit.document.fields)


def test_fold_drops_case_and_accents_and_maps_back() -> None:
    folded, origin = fold("Névralgie SCIATIQUE")
    assert folded == "nevralgie sciatique"
    assert origin is not None
    assert [origin[i] for i in range(3)] == [0, 1, 2]
    assert fold("Plain ASCII") == ("plain ascii", None)
    assert query_words("  Tennis-BALL, tennis! ") == ["tennis", "ball"]


def test_every_section_of_the_knowledge_base_is_searched() -> None:
    kinds = {document.kind for document in documents(load_knowledge_base())}
    assert kinds == {
        "technique",
        "routine",
        "red flag",
        "contraindication",
        "stop rule",
        "topic",
        "source",
    }
    for query, kind in [
        ("shiatsu", "technique"),
        ("wall", "routine"),
        ("bladder", "red flag"),
        ("anticoagulant", "contraindication"),
        ("cochrane", "source"),
        ("spondylolisthesis", "topic"),
    ]:
        assert kind in {hit.document.kind for hit in search(load_knowledge_base(), query)}, query


def test_case_does_not_matter() -> None:
    kb = load_knowledge_base()
    assert hit_ids(search(kb, "SHIATSU")) == hit_ids(search(kb, "shiatsu"))
    assert search(kb, "SHIATSU")


def test_accents_do_not_matter_either_way(zebra_kb: Path) -> None:
    kb = load_knowledge_base(zebra_kb)
    plain, accented = search(kb, "suedois"), search(kb, "SUÉDOIS")
    assert hit_ids(plain) == hit_ids(accented) == [("technique", "zebra-stroke")]
    # The highlight covers the accented word as written.
    hit = plain[0]
    assert [hit.snippet[a:b] for a, b in hit.marks] == ["suédois"]
    assert hit_ids(search(kb, "zebres facon")) == [("technique", "zebra-stroke")]


def test_several_words_must_all_match() -> None:
    kb = load_knowledge_base()
    both = search(kb, "tennis wall")
    assert both
    tennis = set(hit_ids(search(kb, "tennis")))
    wall = set(hit_ids(search(kb, "wall")))
    assert set(hit_ids(both)) == tennis & wall
    assert tennis - wall, "the test needs documents with only one of the words"
    for hit in both:
        text = folded_text(hit)
        assert re.search(r"\btennis", text) and re.search(r"\bwall", text)


def test_words_match_at_the_start_of_a_word_only() -> None:
    kb = load_knowledge_base()
    for hit in search(kb, "leg"):
        assert re.search(r"(?<!\w)leg", folded_text(hit))
    # A start of a word finds everything the whole word finds.
    assert set(hit_ids(search(kb, "massag"))) >= set(hit_ids(search(kb, "massage")))


def test_a_match_in_a_name_ranks_before_one_in_the_text(zebra_kb: Path) -> None:
    hits = search(load_knowledge_base(zebra_kb), "zebra")
    assert hit_ids(hits)[:2] == [("technique", "zebra-stroke"), ("technique", "body-only")]
    assert hits[0].score > hits[1].score


def test_bundled_names_come_first() -> None:
    hits = search(load_knowledge_base(), "tennis ball")
    top = hits[0].document
    assert "tennis" in top.title.lower() and "ball" in top.title.lower()
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_a_whole_phrase_scores_more_than_scattered_words(zebra_kb: Path) -> None:
    kb = load_knowledge_base(zebra_kb)
    phrase = {hit.document.id: hit.score for hit in search(kb, "zebra stroke")}
    reverse = {hit.document.id: hit.score for hit in search(kb, "stroke zebra")}
    assert phrase["zebra-stroke"] == reverse["zebra-stroke"] + 5
    assert phrase["body-only"] == reverse["body-only"]


def test_snippets_are_short_and_marked() -> None:
    for hit in search(load_knowledge_base(), "numbness"):
        assert len(hit.snippet) <= 170
        # Marked, unless only the title matched: the snippet then adds the entry's other text.
        assert hit.marks or "numbness" in fold(hit.document.title)[0]
        for start, end in hit.marks:
            assert fold(hit.snippet[start:end])[0].startswith("numb")


def test_cli_plain_lists_kind_id_and_snippet(runner: CliRunner, zebra_kb: Path) -> None:
    result = runner.invoke(app, ["search", "zebra", "--kb", str(zebra_kb), "--format", "plain"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "SEARCH: ZEBRA"
    lines = lines[2:]
    assert lines[0] == '2 matches for "zebra".'
    assert lines[2] == f"1. Zebra stroke (technique zebra-stroke, from your file {zebra_kb})"
    assert lines[3] == "   Massage suédois à la façon des zèbres, en stries."
    assert lines[4].startswith("2. Plain stroke (technique body-only")
    assert "zebra might enjoy" in lines[5]
    assert not ANSI.search(result.stdout)


def test_cli_markdown_bolds_the_matches(runner: CliRunner, zebra_kb: Path) -> None:
    result = runner.invoke(app, ["search", "zebra", "--kb", str(zebra_kb), "-f", "markdown"])
    assert result.exit_code == 0
    assert "1. **Zebra stroke** (technique zebra-stroke, from your file" in result.stdout
    assert "A stroke that a **zebra** might enjoy, if **zebras** had sciatica." in result.stdout


def test_cli_rich_highlights_on_a_terminal(runner: CliRunner, zebra_kb: Path) -> None:
    args = ["search", "zebra", "--kb", str(zebra_kb), "--format", "rich"]
    coloured = runner.invoke(app, [*args, "--color", "always"])
    assert coloured.exit_code == 0
    assert re.search(r"\x1b\[[0-9;]*43m(\x1b\[[0-9;]*m)*zebra", coloured.stdout)
    plain = runner.invoke(app, [*args, "--color", "never"])
    assert not ANSI.search(plain.stdout)
    assert "technique zebra-stroke" in plain.stdout


def test_cli_json_lists_hits_with_scores(runner: CliRunner, zebra_kb: Path) -> None:
    data = run_json(runner, "zebra", "--kb", str(zebra_kb))
    assert data["query"] == "zebra" and data["total"] == 2
    hits = data["hits"]
    assert isinstance(hits, list)
    first = hits[0]
    assert first["rank"] == 1 and first["kind"] == "technique" and first["id"] == "zebra-stroke"
    assert first["command"] == "sciaticli techniques zebra-stroke"
    assert first["file"] == str(zebra_kb)
    assert isinstance(first["score"], int) and first["score"] > hits[1]["score"]
    # Only its name matches: the snippet is its summary, unmarked.
    assert first["snippet"] == "Massage suédois à la façon des zèbres, en stries."
    assert first["marks"] == []
    second = hits[1]
    assert [second["snippet"][a:b] for a, b in second["marks"]] == ["zebra", "zebras"]
    assert second["file"] == str(zebra_kb)


def test_bundled_hits_have_no_file(runner: CliRunner) -> None:
    data = run_json(runner, "shiatsu")
    hits = data["hits"]
    assert isinstance(hits, list)
    assert all(hit["file"] is None for hit in hits)


def test_limit_shows_the_best_and_says_so(runner: CliRunner) -> None:
    data = run_json(runner, "massage", "--limit", "3")
    hits = data["hits"]
    assert isinstance(hits, list) and len(hits) == 3
    total = data["total"]
    assert isinstance(total, int) and total > 3
    every = run_json(runner, "massage", "--limit", "0")
    assert every["hits"] and len(every["hits"]) == total  # type: ignore[arg-type]
    assert every["hits"][:3] == hits  # type: ignore[index]
    text = runner.invoke(app, ["search", "massage", "-n", "3", "-f", "plain"]).stdout
    assert f'{total} matches for "massage", the best 3 shown (--limit 0 shows all)' in text


def test_nothing_found_is_an_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "tennis", "xylophone"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: nothing matches 'tennis xylophone'; try fewer or shorter words\n"
    )


@pytest.mark.parametrize("query", ["!!!", "  "])
def test_a_query_without_words_is_a_usage_error(runner: CliRunner, query: str) -> None:
    result = runner.invoke(app, ["search", query])
    assert result.exit_code == 2
    assert "give at least one word to search for" in result.stderr


def test_a_query_is_required(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search"])
    assert result.exit_code == 2
    assert "Missing argument 'QUERY...'" in result.stderr


def test_equal_scores_put_safety_first_then_what_a_person_can_act_on() -> None:
    kb = load_knowledge_base()
    order = {(d.kind, d.id, d.title): index for index, d in enumerate(documents(kb))}
    hits = search(kb, "pain")
    pairs = list(pairwise(hits))
    ties = [(a, b) for a, b in pairs if a.score == b.score]
    assert len(ties) > 5
    for a, b in ties:
        safe_a, safe_b = (hit.document.kind in SAFETY_KINDS for hit in (a, b))
        assert safe_a or not safe_b  # never a technique before a warning of the same score
        rank_a, rank_b = (KIND_ORDER[hit.document.kind] for hit in (a, b))
        assert rank_a <= rank_b  # routines, techniques, topics, then sources
        if rank_a == rank_b:
            key_a = (a.document.kind, a.document.id, a.document.title)
            key_b = (b.document.kind, b.document.id, b.document.title)
            assert order[key_a] < order[key_b]


def test_short_words_match_whole_words_not_the_start_of_longer_ones() -> None:
    hits = search(load_knowledge_base(), "numb")
    assert not [hit for hit in hits if hit.document.kind == "source"]  # "number" is not "numb"
    for hit in hits:
        for start, end in hit.marks:
            word = fold(hit.snippet[start:end])[0]
            assert word in {"numb", "numbness"}, word
    assert "numbness" in {fold(h.snippet[a:b])[0] for h in hits for a, b in h.marks}


def test_an_everyday_query_of_several_words_finds_what_matches_most_of_them() -> None:
    kb = load_knowledge_base()
    routines = {("routine", r.id) for r in kb.routines.values() if r.kind == "ball"}
    assert set(hit_ids(search(kb, "bum hurts"))[:5]) >= routines
    # Four words: an entry needs two of them, and more matched words rank first.
    hits = search(kb, "ball wall chair floor")
    assert [hit.matched for hit in hits] == sorted((hit.matched for hit in hits), reverse=True)
    assert hits[0].matched >= 2 and min(hit.matched for hit in hits) == 2


def test_what_a_person_can_act_on_ranks_before_sources() -> None:
    kb = load_knowledge_base()
    for query in ("bum", "buttock"):
        ids = hit_ids(search(kb, query))
        assert ids[0][0] != "source"
        ball = {("routine", r.id) for r in kb.routines.values() if r.kind == "ball"}
        assert ball <= set(ids[:4]), ids[:6]


def test_a_snippet_shows_the_clause_that_matches() -> None:
    kb = load_knowledge_base()
    hits = {hit.document.id: hit for hit in search(kb, "warfarin")}
    for routine in (r.id for r in kb.routines.values() if r.kind == "ball"):
        hit = hits[routine]
        marked = [fold(hit.snippet[a:b])[0] for a, b in hit.marks]
        assert "blood thinners" in marked, (routine, hit.snippet)


def test_a_safety_hit_never_repeats_its_title_as_its_snippet() -> None:
    kb = load_knowledge_base()
    for query in ("numb", "tingling", "pain", "leg", "warfarin", "fever", "stop"):
        for hit in search(kb, query):
            if hit.document.kind in SAFETY_KINDS and hit.snippet:
                assert hit.snippet.strip("…") not in hit.document.title, (query, hit.snippet)
                assert hit.document.title not in hit.snippet, (query, hit.snippet)


def test_a_hit_without_a_snippet_prints_no_empty_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["search", "nerve", "spot", "-f", "plain"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "1. " in result.stdout and not [line for line in lines if line == "   "]
