"""The ball-placement picture: its labels (reviewed against clinical-facts.md sections 5 and 6),
its sources, where its parts lie, and how each format draws it."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from sciaticli.cli import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.pages.placement import (
    CREST,
    HIP,
    KEEP_OUT,
    NERVE,
    PLACEMENT,
    SACRUM,
    SITTING_BONE,
    TARGET,
    placement_sources,
)
from sciaticli.render import figure
from sciaticli.render.document import Shape


def centre(shape: Shape) -> tuple[float, float]:
    xs = [x for x, _ in shape.points]
    ys = [y for _, y in shape.points]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def test_labels_say_what_the_fact_sheet_says() -> None:
    assert "upper-outer" in TARGET.label
    assert "gluteus medius and minimus" in TARGET.label
    assert "sciatic nerve" in KEEP_OUT.label
    for words in ("middle and lower buttock", "sitting bone", "side of the hip"):
        assert words in KEEP_OUT.label
    bones = {shape.mark: shape.label for shape in PLACEMENT.shapes if shape.kind == "bone"}
    assert set(bones) == {"C", "T", "S", "H"}
    assert "crest of the pelvis" in bones["C"]
    assert "tailbone and sacrum" in bones["T"]
    assert "sitting bone" in bones["S"]
    assert "side of the hip" in bones["H"] and "greater trochanter" in bones["H"]
    assert "piriformis" in NERVE.label  # it leaves the pelvis under the piriformis (section 5)
    # The ball reaches the gluteal muscles, not the piriformis (section 6): never a target.
    assert "piriformis" not in TARGET.label


def test_every_source_is_in_the_knowledge_base() -> None:
    kb = load_knowledge_base(None)
    keys = placement_sources()
    assert {"ramtahal-2006", "hanna-2015", "stedmans"} <= set(keys)
    for key in keys:
        assert key in kb.sources, key
    assert TARGET.sources and KEEP_OUT.sources and NERVE.sources


def test_parts_lie_where_the_anatomy_puts_them() -> None:
    # x: 0 is the spine side, 100 the outer hip; y: 0 is the top.
    target_x, target_y = centre(TARGET)
    assert target_x > 60 and target_y < 40  # upper-outer quarter
    keep_x, keep_y = centre(KEEP_OUT)
    assert keep_y > 60  # middle and lower buttock
    sitting_x, sitting_y = centre(SITTING_BONE)
    assert sitting_y > keep_y  # the sitting bone is low
    hip_x, _ = centre(HIP)
    assert sitting_x < keep_x < hip_x  # the nerve's zone lies between the two
    assert centre(CREST)[1] < target_y  # the crest is above
    assert centre(SACRUM)[0] < 10  # the sacrum is at the middle of the body
    nerve_xs = [x for x, _ in NERVE.points]
    assert all(sitting_x <= x <= hip_x for x in nerve_xs[1:])
    # No point of the nerve is inside the target zone.
    assert not any(figure._inside(x, y, TARGET.points) for x, y in NERVE.points)
    assert all(figure._inside(x, y, KEEP_OUT.points) for x, y in NERVE.points[1:-1])


def test_text_drawing_fits_forty_columns_and_marks_each_bone() -> None:
    lines = figure.text_lines(PLACEMENT)
    assert max(map(len, lines)) + 2 <= 40
    drawing = "\n".join(lines)
    for mark in "CTSH":
        assert drawing.count(mark) == 1
    assert "o" in drawing and "x" in drawing
    assert drawing.isascii()
    # The target is drawn above the keep-out zone.
    first_o = next(i for i, line in enumerate(lines) if "o" in line)
    first_x = next(i for i, line in enumerate(lines) if "x" in line)
    assert first_o < first_x


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("routine", ["standing-wall", "seated-chair", "lying-back"])
def test_routine_page_shows_the_picture_at_forty_columns(
    routine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = run("home-routine", routine, "-f", "rich", "--color", "never")
    assert max(len(line) for line in out.splitlines()) <= 40
    picture = out[out.index("Where the ball goes") : out.index("Steps")]
    assert "oooo" in picture and "xxxx" in picture
    assert "Ball here:" in picture and "Keep the ball out:" in picture
    assert "[ramtahal-2006]" in picture.replace("\n", " ")


def test_plain_keeps_the_ascii_drawing_and_a_one_line_description() -> None:
    out = run("home-routine", "-f", "plain")
    assert "\n".join(f"  {line}" for line in figure.text_lines(PLACEMENT)[1:]) in out
    assert PLACEMENT.description in out.splitlines()
    assert "ramtahal-2006" in out  # the source, listed under Sources too
    assert out.count("Sciatic nerve injury following intramuscular injection") == 1


def test_markdown_draws_it_in_a_code_block_under_a_heading() -> None:
    out = run("home-routine", "-f", "markdown")
    tokens = MarkdownIt("commonmark").parse(out)
    fences = [token for token in tokens if token.type == "fence"]
    assert len(fences) == 1 and fences[0].info == "text"
    assert "o" in fences[0].content and "S" in fences[0].content
    headings = [
        tokens[index + 1].content
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    assert PLACEMENT.title in headings


def test_json_lists_the_parts_and_their_sources() -> None:
    data = json.loads(run("home-routine", "-f", "json"))
    parts = data["placement"]["parts"]
    kinds = [part["kind"] for part in parts]
    assert kinds.count("bone") == 4 and "target" in kinds and "keep-out" in kinds
    assert {"key": "hanna-2015"}.items() <= next(
        source for source in data["sources"] if source["key"] == "hanna-2015"
    ).items()
