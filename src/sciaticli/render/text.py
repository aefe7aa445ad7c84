"""Plain text and Markdown: for notes, pipes and grep.

No ANSI codes, no padding, no box drawing, no trailing spaces; one list item per line.
Markdown is CommonMark (headings, paragraphs, lists) with special characters escaped.

Every string in a page is inert text here: on one line (render.safe.one_line: a name, search
words, a path or a knowledge-base field cannot start a line of its own, so no forged heading
and no fake `Period:` line), and in Markdown with everything CommonMark and GitHub would read
as markup escaped (headings, lists, quotes, tables, links, HTML, emphasis, strikethrough,
entity references, indented code). The line breaks and markup are sciaticli's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from sciaticli.render.commands import COMMAND, split
from sciaticli.render.document import (
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
    Table,
)
from sciaticli.render.safe import LINE_BREAKS, has_break, one_line


def inert(page: Page) -> Page:
    """`page` with every string in its blocks on one line (render.safe.one_line)."""
    return page._replace(blocks=_one_line_data(page.blocks), title=one_line(page.title))


_SPACES = str.maketrans(dict.fromkeys(LINE_BREAKS, " "))


def _one_line_data(value: Any) -> Any:
    if isinstance(value, str):
        return one_line(value)
    if isinstance(value, Result):  # a break a space: the marks still point at the words
        return value._replace(
            title=one_line(value.title),
            label=one_line(value.label),
            snippet=value.snippet.translate(_SPACES),
        )
    if isinstance(value, tuple):
        cleaned = [_one_line_data(item) for item in value]
        make = getattr(type(value), "_make", None)
        return make(cleaned) if make is not None else tuple(cleaned)
    return value


def plain(page: Page) -> str:
    page = inert(page)
    chunks = [
        _plain_block(block) if isinstance(block, Table | Heading) else _unquoted(block)
        for block in page.blocks
        if not isinstance(block, Hint | Chart)
    ]
    return _join(chunks)


def _unquoted(block: Block) -> str:
    """The block in plain text, commands in backticks as plain words (render.commands)."""
    return COMMAND.sub(r"\1", _plain_block(block))


def _plain_block(block: Block) -> str:
    if isinstance(block, Heading):
        return block.text.upper() if block.level == 1 else block.text
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Fields):
        return "\n".join(f"{label}: {value}" for label, value in block.rows)
    if isinstance(block, Items):
        lines = [block.title] if block.title else []
        if block.tasks:  # tick-boxes for a printed page
            items = [f"[ ] {item}" for item in block.items]
        else:
            items = _list_lines(block.items, block.ordered)
        for index, item in enumerate(items):
            detail = block.details[index] if index < len(block.details) else ""
            lines.append(f"{item}\n    {detail}" if detail else item)
        return "\n".join(lines)
    if isinstance(block, Table):
        return "\n".join(_plain_rows((block.columns, *block.rows)))
    if isinstance(block, Callout):
        intro = [block.intro] if block.intro else []
        return "\n".join([f"{block.title.upper()}:", *intro, *_list_lines(block.items, False)])
    if isinstance(block, Figure):
        from sciaticli.render.figure import key_lines, text_lines

        drawing = [f"  {line}" if line else "" for line in text_lines(block)]
        return "\n".join([block.title, block.description, "", *drawing, "", *key_lines(block)])
    if isinstance(block, Results):
        # A hit whose title says it all (a stop rule) has no snippet line.
        return "\n".join(
            f"{index}. {result.title} ({result.label})"
            + (f"\n   {result.snippet}" if result.snippet else "")
            for index, result in enumerate(block.results, 1)
        )
    return ""


def _list_lines(items: tuple[str, ...], ordered: bool) -> list[str]:
    return [f"{index}. {item}" if ordered else f"- {item}" for index, item in enumerate(items, 1)]


def markdown(page: Page) -> str:
    """The page in Markdown; it always starts with a heading (the page's title when its first
    block is not one), so that it does not land headless in a notes file."""
    page = inert(page)
    blocks = [block for block in page.blocks if not isinstance(block, Hint | Chart)]
    chunks = [_markdown_block(block) for block in blocks]
    starts_with_title = bool(blocks) and isinstance(blocks[0], Heading) and blocks[0].level == 1
    if page.title and not starts_with_title:
        chunks.insert(0, f"# {escape(page.title)}")
    return _join(chunks)


def _markdown_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * min(block.level, 6)} {escape(block.text)}"
    if isinstance(block, Paragraph):
        return _with_code(block.text)
    if isinstance(block, Fields):
        # A value follows its label: only inline markup needs escaping (`0.5` is not a list).
        return "\n".join(
            f"- **{escape(label)}:** {_with_code(value, inline=True)}"
            for label, value in block.rows
        )
    if isinstance(block, Items):
        texts = [_with_code(item) for item in block.items]
        for index, detail in enumerate(block.details):
            if detail:  # a hard line break, then the detail in the same list item
                texts[index] += f"\\\n  {_with_code(detail)}"  # it starts a line
        if block.tasks:
            lines = [f"- [ ] {text}" for text in texts]
        else:
            lines = _list_lines(tuple(texts), block.ordered)
        if block.title:
            return f"## {escape(block.title)}\n\n" + "\n".join(lines)
        return "\n".join(lines)
    if isinstance(block, Table):
        if block.grid:
            return _pipe_table(block)
        lines = []
        for row in block.rows:
            details = "; ".join(
                f"{escape(column)}: {escape(cell)}"
                for column, cell in zip(block.columns[1:], row[1:], strict=True)
                if cell
            )
            lines.append(f"- {_strong(row[0])}: {details}" if details else f"- {escape(row[0])}")
        return "\n".join(lines)
    if isinstance(block, Callout):
        parts = [f"## {escape(block.title)}"]
        if block.intro:
            parts.append(_strong(block.intro))
        if block.items:
            parts.append("\n".join(f"- {_with_code(item)}" for item in block.items))
        return "\n\n".join(parts)
    if isinstance(block, Figure):
        from sciaticli.render.figure import key_lines, text_lines

        # A fenced block is shown as it is: the drawing is sciaticli's own characters.
        drawing = "\n".join(text_lines(block))
        key = "\n".join(f"- {escape(line)}" for line in key_lines(block))
        return (
            f"## {escape(block.title)}\n\n{escape(block.description)}\n\n```text\n{drawing}\n```"
            f"\n\n{key}"
        )
    if isinstance(block, Results):
        return "\n".join(
            f"{index}. {_strong(result.title)} ({escape(result.label)})"
            + (f"  \n   {_marked(result.snippet, result.marks)}" if result.snippet else "")
            for index, result in enumerate(block.results, 1)
        )
    return ""


def _strong(text: str) -> str:
    """`text` escaped, in bold: without spaces at its ends, which would undo the bold."""
    return f"**{escape(text.strip(' '))}**"


def _with_code(text: str, *, inline: bool = False) -> str:
    """`text` escaped, its commands in backticks kept as code spans (render.commands)."""
    if "`" not in text:
        return _inline(text) if inline else escape(text)
    parts = []
    for index, (part, is_command) in enumerate(split(text)):
        if is_command:
            parts.append(f"`{part}`")
        else:
            parts.append(escape(part) if index == 0 and not inline else _inline(part))
    return "".join(parts)


def _pipe_table(block: Table) -> str:
    """A pipe table (GitHub, pandoc, most Markdown editors): a header, a rule, a row a line."""
    rule = "|" + "|".join(" --- " for _ in block.columns) + "|"
    return "\n".join([_pipe_row(block.columns), rule, *_pipe_rows(block.rows)])


def _pipe_row(cells: tuple[str, ...]) -> str:
    # One search a row, not a substitution a cell: most rows have nothing to escape.
    if _INLINE_SPECIAL.search("\x00".join(cells)):
        cells = tuple(map(_inline, cells))
    return "| " + one_line(" | ".join(cells)) + " |"


def _pipe_rows(rows: Iterable[tuple[str, ...]]) -> Iterator[str]:
    return map(_pipe_row, rows)


def _plain_rows(rows: Iterable[tuple[str, ...]]) -> Iterator[str]:
    # An empty cell is "-": trailing tabs are stripped, and every row keeps every column; a
    # cell is one line without tabs, so that a row is one line of its columns.
    return map(_plain_row, rows)


def _plain_row(row: tuple[str, ...]) -> str:
    if has_break("".join(row)):  # one scan a row: most have nothing to change
        row = tuple(map(one_line, row))
    return "\t".join(cell or "-" for cell in row)


# Stands for the rows of a streamed table while the page around it is drawn.
_ROWS_HERE = "SCIATICLIROWSHERE"


def streamed(
    page: Page, row_chunks: Iterable[Iterable[tuple[str, ...]]], *, as_markdown: bool
) -> Iterator[str]:
    """`page` as plain text or Markdown in pieces, the rows of its table (its one grid Table,
    whose own rows are left out) given a chunk at a time: the same text as `plain` or
    `markdown` of the whole page, in the memory of one chunk. A page without a table is one
    piece; its rows are still read (the caller may be watching them)."""
    columns = next((b.columns for b in page.blocks if isinstance(b, Table) and b.grid), None)
    if columns is None:
        yield markdown(page) if as_markdown else plain(page)
        for _ in row_chunks:
            pass
        return
    marker = (_ROWS_HERE,) * len(columns)
    blocks = tuple(
        block._replace(rows=(marker,)) if isinstance(block, Table) and block.grid else block
        for block in page.blocks
    )
    text = (markdown if as_markdown else plain)(Page(blocks, page.data))
    lines = _pipe_rows if as_markdown else _plain_rows
    marker_line = next(iter(lines((marker,))))
    start = text.index(f"\n{marker_line}\n") + 1
    head = text[:start]  # written with the first rows: nothing is written before they are read
    for chunk in row_chunks:
        # As _join does for the whole page: every line right-stripped, at str.splitlines breaks.
        shown = "\n".join(lines(chunk)).splitlines()
        if shown:
            yield head + "\n".join([line.rstrip() for line in shown]) + "\n"
            head = ""
    yield head + text[start + len(marker_line) + 1 :]


def _marked(text: str, marks: tuple[tuple[int, int], ...]) -> str:
    """`text` escaped, with each marked part in bold; only its start can begin a line."""
    first = marks[0][0] if marks else len(text)
    parts, done = [escape(text[:first])], first
    for start, end in marks:
        parts += [_inline(text[done:start]), f"**{_inline(text[start:end])}**"]
        done = end
    parts.append(_inline(text[done:]))
    return "".join(parts)


# Backslash, code, emphasis, links, HTML, table pipes, strikethrough (GitHub), and an `&` that
# would start an entity reference (`&lt;` shown as `<`); `A&E` is left as it is.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?[0-9A-Za-z]+;))")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _inline(text: str) -> str:
    """Escape inline markup only: for text that never starts a line."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def escape(text: str) -> str:
    """Escape what CommonMark would read as markup, so text stays text; it starts a line, so
    its leading spaces go (four would make it code)."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text.lstrip(" "))
    return _LINE_START_SPECIAL.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker[-1] in ".)" and marker[:-1].isdigit():
        return f"{lead}{marker[:-1]}\\{marker[-1]}"
    return f"{lead}\\{marker}"


def _join(chunks: list[str]) -> str:
    text = "\n\n".join(chunk for chunk in chunks if chunk)
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines) + "\n" if lines else ""
