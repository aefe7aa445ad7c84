"""The ball-placement picture: its labels (reviewed against clinical-facts.md sections 5 and 6),
its sources, where its parts lie, and how each format draws it."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.knowledge import load_knowledge_base
from sciaticli.pages.placement import (
    BODY,
    CREST,
    HIP,
    KEEP_OUT,
    NERVE,
    PLACEMENT,
    PSIS,
    SACRUM,
    SITTING_BONE,
    TARGET,
    TROCHANTER,
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


def test_the_nerve_starts_inside_the_keep_out_zone() -> None:
    start_x, start_y = NERVE.points[0]
    assert figure._inside(start_x, start_y, KEEP_OUT.points)
    # It leaves the pelvis under the piriformis, in the upper-inner part, off the bones.
    assert start_x < 50 and start_y < 55
    assert not any(figure._inside(start_x, start_y, bone.points) for bone in BONES)
    # Every point but the last (in the thigh, below the buttock) is inside the zone.
    assert all(figure._inside(x, y, KEEP_OUT.points) for x, y in NERVE.points[:-1])


BONES = (CREST, SACRUM, SITTING_BONE, HIP)
# Points of the buttock a step apart, off bone.
BUTTOCK = [
    (x + 0.25, y + 0.25)
    for x in range(0, 100)
    for y in range(0, 100)
    if figure._inside(x + 0.25, y + 0.25, BODY.points)
    and not any(figure._inside(x + 0.25, y + 0.25, bone.points) for bone in BONES)
]


def test_every_part_of_the_buttock_is_ball_here_or_keep_out() -> None:
    for x, y in BUTTOCK:
        assert figure._inside(x, y, TARGET.points) != figure._inside(x, y, KEEP_OUT.points), (x, y)
    # And the ball-here zone is the upper-outer quarter only.
    assert all(x >= 50 and y <= TROCHANTER[1] for x, y in TARGET.points)


def test_the_upper_inner_quarter_is_keep_out() -> None:
    # Over the sciatic notch and the piriformis: inner half, upper half.
    upper_inner = [(x, y) for x, y in BUTTOCK if x < 50 and y < 55]
    assert len(upper_inner) > 500
    assert all(figure._inside(x, y, KEEP_OUT.points) for x, y in upper_inner)
    assert not any(figure._inside(x, y, TARGET.points) for x, y in upper_inner)


def below_the_line(x: float, y: float) -> float:
    """How far (x, y) lies below the line from the back of the pelvis to the side of the hip."""
    (x1, y1), (x2, y2) = PSIS, TROCHANTER
    return y - (y1 + (y2 - y1) * (x - x1) / (x2 - x1))


def test_the_targets_lower_edge_is_the_line_from_the_psis_to_the_side_of_the_hip() -> None:
    # PSIS: near the spine, just below the crest; the line ends at the side of the hip.
    assert PSIS[0] < 20 and PSIS[1] < 30 and figure._inside(*TROCHANTER, HIP.points)
    # The target's lower edge runs along the line from the middle of the buttock to the hip...
    on_line = [point for point in TARGET.points if abs(below_the_line(*point)) <= 0.1]
    assert min(x for x, _ in on_line) == 50 and TROCHANTER in on_line
    # ...and no part of the target lies below it, nor any of the outer half above it outside.
    for x, y in BUTTOCK:
        if figure._inside(x, y, TARGET.points):
            assert below_the_line(x, y) <= 0.1, (x, y)
        elif x >= 50:  # the outer half, below the line: keep out
            assert below_the_line(x, y) >= -0.1, (x, y)


def test_text_drawing_fits_forty_columns_and_marks_each_bone() -> None:
    lines = figure.text_lines(PLACEMENT)
    assert max(map(len, lines)) + 2 <= 40
    drawing = "\n".join(lines)
    for mark in "CTSH":
        assert drawing.count(mark) == 1
    assert "o" in drawing and "x" in drawing
    assert drawing.isascii()
    # Every cell of the buttock is ball here, keep out or bone: none is left as neither.
    assert "." not in drawing
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
