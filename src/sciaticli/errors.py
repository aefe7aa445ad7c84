"""Domain errors. Core code raises these; the CLI turns them into one message and exit 1."""

from __future__ import annotations

from typing import NamedTuple


class SciaticliError(Exception):
    """Something the user can fix: shown as one clear message, exit status 1. The message is
    one line (render.safe.one_line), whatever the value it quotes: a word from the command
    line or a path cannot add a line that reads as another message."""

    def __str__(self) -> str:
        from sciaticli.render.safe import one_line

        return one_line(super().__str__())


class Problem(NamedTuple):
    """One thing wrong in a knowledge-base file, with where it is."""

    path: str
    line: int | None
    entry: str | None
    message: str

    def __str__(self) -> str:
        """One line: a line break in a path, an entry id or a message (a key or value quoted
        from the file) is shown as \\n or \\r, so that it cannot start a line of its own
        that looks like another problem or message."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        entry = f"{self.entry}: " if self.entry else ""
        return _one_line(f"{where}: {entry}{self.message}")


# The characters str.splitlines() breaks at, each as its escape (\n, \r, \x0b, ...).
_LINE_BREAKS = str.maketrans(
    {c: ascii(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}
)


def _one_line(text: str) -> str:
    """`text` with every character str.splitlines() breaks at spelt out as an escape."""
    return text.translate(_LINE_BREAKS)


class KnowledgeBaseError(SciaticliError):
    """A knowledge-base file could not be read or is not valid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self._summary())

    def __str__(self) -> str:
        return str(self.args[0])  # a line a problem, each made one line by Problem

    def _summary(self) -> str:
        files = sorted({p.path for p in self.problems})
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [_one_line(f"invalid knowledge base {', '.join(files)} ({count} {noun}):")]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


class NotFoundError(SciaticliError):
    """A name on the command line matches no entry."""


class JournalError(SciaticliError):
    """The pain journal cannot be read or written: a file that is not a journal, a damaged one,
    one from a newer sciaticli. The message names the file; the file is left as it is."""
