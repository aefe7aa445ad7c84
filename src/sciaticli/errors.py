"""Domain errors. Core code raises these; the CLI turns them into one message and exit 1."""

from __future__ import annotations

from typing import NamedTuple


class SciaticliError(Exception):
    """Something the user can fix: shown as one clear message, exit status 1."""


class Problem(NamedTuple):
    """One thing wrong in a knowledge-base file, with where it is."""

    path: str
    line: int | None
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        entry = f"{self.entry}: " if self.entry else ""
        return f"{where}: {entry}{self.message}"


class KnowledgeBaseError(SciaticliError):
    """A knowledge-base file could not be read or is not valid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self._summary())

    def _summary(self) -> str:
        files = sorted({p.path for p in self.problems})
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"invalid knowledge base {', '.join(files)} ({count} {noun}):"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


class NotFoundError(SciaticliError):
    """A name on the command line matches no entry."""


class JournalError(SciaticliError):
    """The pain journal cannot be read or written: a file that is not a journal, a damaged one,
    one from a newer sciaticli. The message names the file; the file is left as it is."""
