"""HTML: one self-contained page to print or keep, drawing the same blocks as the other formats.

Self-contained: the CSS and the SVG drawings (render.svg) are inline; there is no script, no
font, no image file and no request of any kind. A Content-Security-Policy (default-src 'none', and
only this page's own style sheet by its hash) makes a browser refuse anything else, should some
ever get in.
Every string from a page is escaped by render.safe.html_text as it is written, and nothing else
writes text into the page: the knowledge base, the journal and the command line are untrusted.

Print styles: A4 and Letter (the page box follows the printer's paper), warnings never split
across pages, links printed with their address, tick boxes for the steps of a routine. A
routine's card prints its front sheet (render.document.Sheet) alone on page 1, for the wall:
the steps in 12 pt type; the rest follows from page 2.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator

from sciaticli.render.commands import split
from sciaticli.render.document import (
    TICK_BOX,
    Block,
    Callout,
    Chart,
    Fields,
    Figure,
    Heading,
    Hint,
    Items,
    Page,
    Paragraph,
    Result,
    Results,
    Sheet,
    Table,
)
from sciaticli.render.safe import html_text as esc
from sciaticli.render.svg import chart_svg, figure_html

CSS = """\
:root{color-scheme:light}
*{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#fff;color:#111;font:15px/1.45 system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
h1{font-size:1.6em;line-height:1.2;margin:0 0 .75rem}
h2{font-size:1.15em;margin:1.4rem 0 .4rem}
h3{font-size:1em;margin:1rem 0 .3rem}
p{margin:.4rem 0}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dl.fields dt{font-weight:600}
dl.fields dd{margin:0}
ul,ol{margin:.3rem 0;padding-left:1.4rem}
li{margin:.15rem 0}
ul.tasks{list-style:none;padding-left:0}
ul.tasks li{display:flex;gap:.6rem;align-items:flex-start;break-inside:avoid}
td.tick{width:3.2rem;text-align:center}
td.tick .box{display:inline-block}
.box{flex:none;width:1em;height:1em;margin-top:.2em;border:1.5px solid #333;border-radius:2px}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92em}
th,td{border-bottom:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{border-bottom:2px solid #555}
tr{break-inside:avoid}
.callout{border:2px solid;border-radius:6px;padding:.5rem .9rem;margin:.9rem 0}
.emergency{break-inside:avoid;page-break-inside:avoid}
.callout h2{margin:.1rem 0 .3rem;font-size:1.05em}
.emergency,.danger{border-color:#b00020;background:#fff5f5}
.emergency h2,.danger h2{color:#b00020}
.emergency{border-width:3px}
.caution{border-color:#a86400;background:#fffaf0}
.caution h2{color:#7a4800}
.note{border-color:#1c5d99;background:#f4f8fc}
.intro{font-weight:600}
figure{margin:.8rem 0;break-inside:avoid;page-break-inside:avoid}
figure svg{display:block;max-width:100%;height:auto}
figcaption{font-size:.9em;color:#333}
.pair{display:flex;gap:1.2rem;align-items:flex-start;flex-wrap:wrap}
.pair table{flex:1 1 20rem;width:auto}
.pair td{white-space:nowrap}
.pair figure{flex:0 1 20rem;margin:.3rem 0}
.pair figcaption{font-size:.8em}
.figure{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}
.figure svg{flex:0 0 15rem}
.figure ul{flex:1 1 14rem;font-size:.9em}
.key{display:inline-block;min-width:1.2em;font-weight:700}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;
border:1px solid #333}
.swatch.target{background:#4caf50}
.swatch.keep-out{background:#f1a9a7;border-style:dashed;border-color:#b00020}
.swatch.nerve{background:#c77c00}
.src{color:#555;font-size:.85em}
mark{background:#ffe58a;color:inherit}
.label{color:#555}
a{color:#0b4f8a;overflow-wrap:anywhere}
@page{margin:11mm}
@media print{
body{font-size:8.8pt;line-height:1.22}
li{margin:.05rem 0}
.figure svg{flex-basis:9.5rem}
.figure ul{font-size:8pt}
dl.many{display:block;columns:2;column-gap:1.2rem;font-size:7.5pt;line-height:1.2}
dl.many dt{display:inline;margin-right:.3em}
dl.many dd{display:inline}
dl.many dd::after{content:"";display:block;margin-bottom:.2rem}
h1{margin-bottom:.4rem}
h2{margin:.55rem 0 .15rem}
p{margin:.25rem 0}
th,td{padding:.05rem .3rem}
table{font-size:.86em;line-height:1.15}
main{max-width:none;padding:0}
h1{font-size:14pt}
h2{font-size:10.5pt;break-after:avoid;page-break-after:avoid}
h3{break-after:avoid}
a{color:#000;text-decoration:none}
a[href]:not(.url)::after{content:" (" attr(href) ")"}
.emergency,.danger,.caution,.note{background:#fff}
.callout{border-width:1.5pt;padding:.3rem .7rem;margin:.5rem 0}
.emergency{border-width:2.5pt}
.callout ul,ul.tasks{columns:2;column-gap:1.4rem}
.callout li,ul.tasks li{break-inside:avoid;page-break-inside:avoid}
figure{margin:.4rem 0}
.pair{flex-wrap:nowrap;gap:.8rem}
.pair figure{flex:0 0 34%}
.pair th{white-space:normal}
main.compact{font-size:8.2pt}
.figure+figcaption{display:none}
.sheet{break-after:page;page-break-after:always;page:card;
font-family:Arial,"Liberation Sans","Helvetica Neue",Helvetica,system-ui,sans-serif}
@page card{margin:8mm}
.sheet h1{font-size:16pt;margin:0 0 .1rem}
.sheet>p{font-size:9.5pt;margin:.1rem 0}
.sheet h2{margin:.3rem 0 .1rem}
.sheet .emergency{padding:.2rem .6rem;margin:.3rem 0}
.sheet .emergency h2{font-size:11pt;margin:0}
.sheet .emergency .intro{font-size:9pt;margin:.1rem 0}
.sheet .emergency ul{columns:3;font-size:9pt;line-height:1.15;margin:0}
.beside{display:flex;gap:.9rem;align-items:flex-start}
.beside figure{flex:1 1 56%;margin:.2rem 0}
.beside .callout{flex:1 1 44%}
.sheet figure h2{font-size:10pt;margin:.1rem 0 .2rem}
.sheet .figure{flex-wrap:nowrap;gap:.6rem}
.sheet .figure svg{flex:0 0 4.8cm}
.sheet .figure ul{flex:1 1 auto;font-size:8pt;line-height:1.12;padding-left:.9rem}
.sheet .src{display:none}
.sheet table{font-size:12pt;line-height:1.18;margin:.1rem 0}
.sheet td.tick{width:2.6rem}
.sheet td.tick .box{width:13pt;height:13pt}
.sheet .caution{font-size:9.5pt;line-height:1.15;margin:.2rem 0;padding:.2rem .6rem}
.sheet .caution h2{font-size:12pt;margin:0}
.sheet .caution ul{margin:0;columns:1}
}
"""
CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")
# No scripts, no requests (images, fonts, frames, connections), no forms, no <base>: only the
# style sheet above, by its hash, so that a style someone slipped in would not apply either.
CSP = (
    f"default-src 'none'; style-src 'sha256-{CSS_HASH}'; img-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)
# A longer list of fields (a routine's sources) prints small, in two columns.
MANY_FIELDS = 8
_COMPACT = ' class="compact"'  # a page printed in smaller type (Page.compact)
_ROWS_HERE = "\ue000rows\ue000"  # where streamed rows go (a private-use character)
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
_TONES = ("emergency", "danger", "caution", "note")


def document(page: Page) -> str:
    """The whole page as an HTML document."""
    first = next((block.text for block in page.blocks if isinstance(block, Heading)), "")
    title = page.title or first or "sciaticli"
    parts = _parts(page.blocks)
    if page.title and not (page.blocks and isinstance(page.blocks[0], Heading)):
        parts.insert(0, f"<h1>{linked(page.title)}</h1>")  # as Markdown heads it
    body = "\n".join(part for part in parts if part)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main{_COMPACT if page.compact else ''}>\n{body}\n</main>\n"
        "</body>\n</html>\n"
    )


def _parts(blocks: tuple[Block, ...]) -> list[str]:
    """Each block's HTML; a chart that follows a table is set beside it when there is room."""
    parts: list[str] = []
    for index, block in enumerate(blocks):
        drawn = block_html(block)
        if isinstance(block, Chart) and index and isinstance(blocks[index - 1], Table):
            parts[-1] = f'<div class="pair">{parts[-1]}{drawn}</div>'
        else:
            parts.append(drawn)
    return parts


def block_html(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f"<h{level}>{linked(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        return f"<p>{text(block.text)}</p>"
    if isinstance(block, Fields):
        rows = "".join(
            f"<dt>{text(label)}</dt><dd>{text(value)}</dd>" for label, value in block.rows
        )
        many = " many" if len(block.rows) > MANY_FIELDS else ""
        return f'<dl class="fields{many}">{rows}</dl>'
    if isinstance(block, Items):
        title = f"<h2>{text(block.title)}</h2>\n" if block.title else ""
        # Each item's detail (a step's cue) on a line of its own under it.
        shown = [
            text(item)
            + (
                f"<br>{text(block.details[index])}"
                if index < len(block.details) and block.details[index]
                else ""
            )
            for index, item in enumerate(block.items)
        ]
        if block.tasks:
            items = "".join(
                f'<li><span class="box" aria-hidden="true"></span><span>{item}</span></li>'
                for item in shown
            )
            return f'{title}<ul class="tasks">{items}</ul>'
        tag = "ol" if block.ordered else "ul"
        return f"{title}<{tag}>{''.join(f'<li>{item}</li>' for item in shown)}</{tag}>"
    if isinstance(block, Table):
        # Cells as written, backticks too: a journal note is not a command.
        head = "".join(f'<th scope="col">{linked(column)}</th>' for column in block.columns)
        rows = "".join(map(_row, block.rows))
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if isinstance(block, Callout):
        tone = block.tone if block.tone in _TONES else "caution"
        parts = [f"<h2>{text(block.title)}</h2>"]
        if block.intro:
            parts.append(f'<p class="intro">{text(block.intro)}</p>')
        if block.items:
            parts.append("<ul>" + "".join(f"<li>{text(item)}</li>" for item in block.items))
            parts.append("</ul>")
        return f'<section class="callout {tone}">{"".join(parts)}</section>'
    if isinstance(block, Hint):
        return ""  # how to see more at a terminal: nothing to do on paper
    if isinstance(block, Results):
        return "<ol>" + "".join(map(_result, block.results)) + "</ol>"
    if isinstance(block, Chart):
        return chart_svg(block)
    if isinstance(block, Figure):
        return figure_html(block)
    if isinstance(block, Sheet):
        return sheet_html(block)
    raise TypeError(f"cannot draw {block!r}")


def sheet_html(sheet: Sheet) -> str:
    """One printed sheet; a callout that follows a figure (the stop rules after the picture) is
    set beside it, to keep the steps in large type on the same sheet."""
    parts: list[str] = []
    for index, block in enumerate(sheet.blocks):
        drawn = block_html(block)
        if isinstance(block, Callout) and index and isinstance(sheet.blocks[index - 1], Figure):
            parts[-1] = f'<div class="beside">{parts[-1]}{drawn}</div>'
        elif drawn:
            parts.append(drawn)
    return '<section class="sheet">' + "\n".join(parts) + "</section>"


def text(value: str) -> str:
    """`value` escaped, its commands in backticks as code (render.commands) and web addresses
    as links that print as their address."""
    if "`" not in value:
        return linked(value)
    return "".join(
        f"<code>{esc(part)}</code>" if is_command else linked(part)
        for part, is_command in split(value)
    )


def linked(value: str) -> str:
    """`value` escaped, with web addresses as links that print as their address."""
    if "://" not in value:  # most text, and every cell of a long journal: no regex
        return esc(value)
    parts, done = [], 0
    for match in _URL.finditer(value):
        parts.append(esc(value[done : match.start()]))
        url = esc(match.group())
        parts.append(f'<a class="url" href="{url}" rel="noopener noreferrer">{url}</a>')
        done = match.end()
    parts.append(esc(value[done:]))
    return "".join(parts)


def streamed(page: Page, row_chunks: Iterable[Iterable[tuple[str, ...]]]) -> Iterator[str]:
    """`page` as `document` draws it, in pieces: the rows of its one grid Table (whose own rows
    are left out) given a chunk at a time, so a journal of any size takes the memory of one
    chunk. A page without such a table is one piece; its rows are still read."""
    columns = next((b.columns for b in page.blocks if isinstance(b, Table) and b.grid), None)
    if columns is None:
        yield document(page)
        for _ in row_chunks:
            pass
        return
    marker = (_ROWS_HERE,) * len(columns)
    blocks = tuple(
        block._replace(rows=(marker,)) if isinstance(block, Table) and block.grid else block
        for block in page.blocks
    )
    text = document(page._replace(blocks=blocks))
    marker_row = _row(marker)
    start = text.index(marker_row)
    yield text[:start]
    for chunk in row_chunks:
        yield "".join(map(_row, chunk))
    yield text[start + len(marker_row) :]


def _row(row: tuple[str, ...]) -> str:
    return "<tr>" + "".join(map(_cell, row)) + "</tr>"


_PLAIN_CELL = re.compile(r"[\w \-:.+,]*")  # nothing to escape, no address: written as it is


def _cell(cell: str) -> str:
    if _PLAIN_CELL.fullmatch(cell):  # an id, a time, a number, a name: nothing to escape
        return f"<td>{cell}</td>"
    if cell == TICK_BOX:  # a tick box on a printed card: drawn as a box
        return '<td class="tick"><span class="box" role="img" aria-label="tick box"></span></td>'
    return f"<td>{linked(cell)}</td>"


def _result(result: Result) -> str:
    first = result.marks[0][0] if result.marks else len(result.snippet)
    snippet, done = [esc(result.snippet[:first])], first
    for start, end in result.marks:
        snippet += [
            esc(result.snippet[done:start]),
            f"<mark>{esc(result.snippet[start:end])}</mark>",
        ]
        done = end
    snippet.append(esc(result.snippet[done:]))
    return (
        f'<li><strong>{esc(result.title)}</strong> <span class="label">({esc(result.label)})'
        f"</span>{'<br>' if result.snippet else ''}{''.join(snippet)}</li>"
    )
