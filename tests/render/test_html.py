"""--format html: a self-contained page (no script, no request), every string escaped, every
block drawn; hostile text in a journal note and in a user's knowledge-base file stays text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sciaticli.cli.main import app
from sciaticli.pages.placement import PLACEMENT
from sciaticli.render import html
from sciaticli.render.document import (
    Callout,
    Chart,
    Fields,
    Heading,
    Hint,
    Items,
    Page,
    Paragraph,
    Result,
    Results,
    Table,
)
from sciaticli.render.safe import html_text
from sciaticli.render.svg import chart_svg
from tests.conftest import USER_KB, WriteFile

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
HOSTILE = f"{SCRIPT} {IMG} & 'quoted' \x1b]0;title\x07"


class Parsed(HTMLParser):
    """Every start tag with its attributes, the text, and tags left open or closed wrongly."""

    VOID = frozenset({"meta", "br", "rect", "line", "polygon", "polyline", "img", "link"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.errors: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID and (not self.open or self.open[-1] != tag):
            return
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def names(self) -> set[str]:
        return {tag for tag, _ in self.tags}


def parsed(text: str) -> Parsed:
    page = Parsed(text)
    assert page.errors == []
    assert page.open == []
    return page


def assert_inert(text: str) -> Parsed:
    """No script, no event handler, no request: what the hostile text tried stays text."""
    page = parsed(text)
    assert "script" not in page.names()
    assert "img" not in page.names()
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("src", "srcset", "action", "formaction", "data"):
            assert name not in attrs, (tag, attrs)
        if "href" in attrs:
            assert (attrs["href"] or "").startswith(("https://", "http://")), attrs
    assert "\x1b" not in text and "\x07" not in text
    return page


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_html_text_escapes_markup_quotes_and_controls() -> None:
    assert html_text(HOSTILE) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt; "
        "&amp; &#x27;quoted&#x27; \u241b]0;title\u2407"
    )
    assert html_text("plain text") == "plain text"


def test_every_block_is_drawn_and_escaped() -> None:
    page = Page(
        (
            Heading(HOSTILE),
            Paragraph(f"See https://example.org/a?b=1&c=2. {HOSTILE}"),
            Fields(((HOSTILE, HOSTILE),)),
            Items((HOSTILE, "two"), title=HOSTILE),
            Items(("step one", HOSTILE), title="Steps", tasks=True),
            Items(("first", "second"), ordered=True),
            Table(("A", HOSTILE), (("1", HOSTILE),), grid=True),
            Callout(HOSTILE, (HOSTILE,), "danger", HOSTILE),
            Hint("a terminal tip"),
            Results((Result(HOSTILE, HOSTILE, f"x {HOSTILE} y", ((2, 10),)),)),
            Chart(HOSTILE, ("2024-03-01", "2024-03-02"), ((HOSTILE, (4.0, 6.5)),)),
            PLACEMENT,
        )
    )
    text = html.document(page)
    document = assert_inert(text)
    names = document.names()
    for tag in ("h1", "p", "dl", "ul", "ol", "table", "section", "mark", "svg", "figure"):
        assert tag in names, tag
    assert "a terminal tip" not in text  # hints are for a terminal
    assert text.count('class="box"') == 2  # a tick box per task
    shown = "".join(document.text)
    assert SCRIPT in shown and IMG in shown  # shown as text, exactly
    links = [attrs["href"] for tag, attrs in document.tags if tag == "a"]
    assert links == ["https://example.org/a?b=1&c=2"]
    assert "<title>&lt;script&gt;" in text


def test_item_details_and_the_page_title() -> None:
    page = Page(
        (Paragraph("body"), Items(("one", "two", "three"), tasks=True, details=(HOSTILE, ""))),
        title=HOSTILE,
    )
    text = html.document(page)
    document = assert_inert(text)
    assert text.count("<br>") == 1  # a detail under the first item; none for "" or missing
    assert f"<h1>{html_text(HOSTILE)}</h1>" in text  # no heading of its own: the title heads it
    assert f"<title>{html_text(HOSTILE)}</title>" in text
    assert "".join(document.text).count(SCRIPT) == 3
    titled = html.document(Page((Heading("Its own"),), title="Given"))
    assert "<title>Given</title>" in titled and titled.count("<h1>") == 1


def test_page_is_self_contained_with_a_strict_policy() -> None:
    text = html.document(Page((Heading("Title"), Paragraph("Body"), PLACEMENT)))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["style-src"].startswith("'sha256-")  # only the page's own style sheet
    assert "script-src" not in rules  # default-src 'none' forbids scripts
    for needle in ("<script", "<link", "<iframe", "<img", "@import", "url(", "src="):
        assert needle not in text
    # The style sheet's hash matches, so a browser applies it.
    assert f"'sha256-{html.CSS_HASH}'" in policy.group(1)
    assert "@media print" in text and "break-inside:avoid" in text
    assert "attr(href)" in text  # links print with their address


@pytest.mark.parametrize(
    "command",
    [
        ["techniques"],
        ["techniques", "shiatsu"],
        ["home-routine"],
        ["home-routine", "--list"],
        ["safety"],
        ["about"],
        ["therapist"],
        ["myths"],
        ["sources"],
        ["search", "piriformis"],
        ["history"],
        ["check", "--no-others"],
    ],
)
def test_every_content_command_draws_html(runner: CliRunner, command: list[str]) -> None:
    code, out, _ = invoke(runner, *command, "-f", "html")
    assert code == 0, out
    assert out.startswith("<!DOCTYPE html>")
    assert_inert(out)


def test_hostile_journal_note_stays_text(runner: CliRunner) -> None:
    for _ in range(3):  # enough entries for the report to show its notes
        code, _, _ = invoke(
            runner, "log", "--pain-before", "6", "--pain-after", "4", "--note", HOSTILE
        )
        assert code == 0
    for command in (["history"], ["report", "--since", "2020-01-01"]):
        code, out, err = invoke(runner, *command, "-f", "html")
        assert code == 0, err
        document = assert_inert(out)
        assert SCRIPT in "".join(document.text)
        assert "&lt;script&gt;" in out


def test_hostile_knowledge_base_entry_stays_text(runner: CliRunner, write_file: WriteFile) -> None:
    hostile = (
        USER_KB.replace("name: Test press", f"name: '{SCRIPT}'")
        .replace("summary: A made-up technique used by the tests.", f"summary: '{IMG}'")
        .replace(
            "    year: 2020\n",
            '    year: 2020\n    url: \'https://example.org/"onmouseover="alert(3)"><b>\'\n',
        )
    )
    path = write_file("hostile.yaml", hostile)
    for command in (["techniques", "test-press"], ["techniques"], ["sources", "test-handbook"]):
        code, out, err = invoke(runner, *command, "--kb", str(path), "-f", "html")
        assert code == 0, err
        document = assert_inert(out)
        shown = "".join(document.text)
        if command == ["techniques", "test-press"]:
            assert SCRIPT in shown and IMG in shown
    links = [attrs["href"] for tag, attrs in document.tags if tag == "a"]
    assert links == ["https://example.org/"]  # the address ends where the quote starts


def test_routine_card(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "home-routine", "-f", "html")
    assert code == 0
    document = assert_inert(out)
    shown = "".join(document.text)
    # The printed card: each of the 5 steps once, with a tick box for the left and the right.
    rows = re.findall(r"<tr><td>(\d)\. \((.*?)\) (.*?)</td>(.*?)</tr>", out)
    assert [int(number) for number, *_ in rows] == [1, 2, 3, 4, 5]
    assert all(boxes.count('class="tick"') == 2 for *_, boxes in rows)
    assert '<th scope="col">Left</th><th scope="col">Right</th>' in out
    assert "Steps: all of the left side, then all of the right side." in shown
    # The front sheet is the part for the wall: the emergency strip, the picture, the stop
    # rules and the steps; who should not do the routine opens the second sheet.
    front = out[out.index('<section class="sheet">') : out.index("Do not do this routine")]
    assert front.endswith('</table></section>\n<section class="callout danger"><h2>')
    for part in ("Stop and get emergency help", "Where the ball goes", "Stop rules", "Cue:"):
        assert part in front
    assert front.count('class="tick"') == 10
    assert "read who should not do this routine (page 2)" in front
    # Plain text gives the left side in full, then one line to repeat it on the right.
    plain = invoke(runner, "home-routine", "-f", "plain")[1]
    assert len(re.findall(r"^\[ \] Step \d+ of 5, left side", plain, re.M)) == 5
    assert "[ ] Repeat steps 1–5 on the right side." in plain
    # Warnings, then the picture, then the steps; the emergency panel is one block.
    assert shown.index("Stop and get emergency help") < shown.index("Where the ball goes")
    assert shown.index("Where the ball goes") < shown.index("Steps")
    assert '<section class="callout emergency">' in out
    assert "<svg" in out and "<polygon" in out


def test_routine_card_for_one_side(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "home-routine", "--side", "right", "-f", "html")
    assert code == 0
    assert out.count('class="tick"') == 5
    assert '<th scope="col">Right</th></tr>' in out and ">Left<" not in out


def test_text_it_cannot_encode_becomes_character_references(tmp_path: Path) -> None:
    import io

    from sciaticli.render.output import ColorMode, OutputFormat, emit

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    emit(Page((Heading("Ischias – straße"),)), OutputFormat.html, ColorMode.never, stream)
    stream.flush()
    text = raw.getvalue().decode("ascii")
    assert "Ischias &#8211; stra&#223;e" in text


def test_history_html_is_streamed_as_it_is_drawn_whole(runner: CliRunner) -> None:
    """More entries than one chunk: the streamed page is the page drawn whole, byte for byte."""
    from sciaticli import journal
    from sciaticli.journal import NewEntry
    from sciaticli.knowledge import load_knowledge_base
    from sciaticli.pages.journal import history_page

    count = journal.CHUNK_ROWS + 50
    with journal.open_journal(journal.journal_path()) as opened:
        opened.add_many(
            [
                NewEntry(
                    f"2024-03-{1 + n % 28:02d}T08:{n % 60:02d}:00",
                    n % 11,
                    (n * 3) % 11,
                    note=SCRIPT if n % 7 == 0 else None,
                )
                for n in range(count)
            ]
        )
    code, out, err = invoke(runner, "history", "-f", "html")
    assert (code, err) == (0, "")
    with journal.existing_journal(journal.journal_path()) as opened:
        assert opened is not None
        entries, days = opened.entries(), opened.days()
    page = history_page(
        entries,
        days,
        journal.summarise(days),
        load_knowledge_base(None),
        journal.Selection(),
    )
    assert out == html.document(page)
    assert out.count("<tr>") == count + 1  # the header and every entry
    assert_inert(out)


def _lightness(colour: str) -> float:
    """Relative luminance (0 black, 1 white) of a #rrggbb colour."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_chart_series_read_apart_in_black_and_white() -> None:
    """The weekly pain and the pain straight after differ by lightness and pattern, not only
    by hue: the first solid and dark, the second light with hatching (its lines dark), so a
    greyscale print tells them apart; the legend's swatches are painted as the bars."""
    chart = Chart(
        "Average pain per week",
        ("2024-03-04", "2024-03-11"),
        (("weekly pain", (6.0, 5.0)), ("pain straight after each session", (4.0, 3.0))),
    )
    svg = chart_svg(chart)
    paints = re.findall(
        r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="([^"]+)"', svg
    )
    assert len(paints) == 2 + 4  # two swatches, four bars
    first, second = paints[0], paints[3]  # each series: its swatch, then its bars
    assert paints == [first] * 3 + [second] * 3
    assert first.startswith("#") and _lightness(first) < 0.35  # solid, dark
    pattern = re.search(r'<pattern id="series-hatch".*?</pattern>', svg)
    assert second == "url(#series-hatch)" and pattern is not None
    background = re.search(r'<rect width="4" height="4" fill="(#[0-9a-f]{6})"', pattern.group())
    lines = re.search(r'<line [^>]*stroke="(#[0-9a-f]{6})"', pattern.group())
    assert background is not None and lines is not None
    assert _lightness(background.group(1)) > 0.75 and _lightness(lines.group(1)) < 0.35


def test_a_compact_page_prints_in_smaller_type() -> None:
    """Page.compact (the report, whose page 1 keeps to one sheet): its <main> has the class
    that the print style sheet sets smaller; other pages keep the ordinary type."""
    blocks = (Heading("Title"), Paragraph("Text"))
    assert '<main class="compact">' in html.document(Page(blocks, compact=True))
    assert "<main>" in html.document(Page(blocks))
    assert "main.compact{font-size:8.2pt}" in html.CSS.split("@media print{", 1)[1]
