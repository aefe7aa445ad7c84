"""`sciaticli validate`: check a knowledge-base file and list every problem."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from sciaticli.errors import KnowledgeBaseError
from sciaticli.knowledge import validate_file
from sciaticli.model import KnowledgeBase


def validate(
    path: Annotated[Path, typer.Argument(help="The knowledge-base file to check.")],
) -> None:
    """Check a knowledge-base file and list every problem with its line."""
    try:
        kb = validate_file(path)
    except KnowledgeBaseError as error:
        for problem in error.problems:
            typer.echo(str(problem))
        count = len(error.problems)
        typer.echo(f"{path}: {count} {'problem' if count == 1 else 'problems'}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"{path}: valid ({len(kb.techniques)} techniques, {len(kb.sources)} sources"
        " with the bundled knowledge base)"
    )
    for warning in review_warnings(kb, str(path)):
        typer.echo(f"{path}: warning: {warning}")


def review_warnings(kb: KnowledgeBase, path: str, today: date | None = None) -> list[str]:
    """Entries of `path` with no review date, or not reviewed for three years."""
    today = today or date.today()
    limit = (
        today.replace(year=today.year - 3)
        if (today.month, today.day) != (2, 29)
        else (today.replace(year=today.year - 3, day=28))
    )
    warnings = []
    for kind, entries in kb.entry_groups():
        for ident, entry in entries.items():
            if entry.origin != path:
                continue
            if entry.reviewed is None:
                warnings.append(f"{kind} '{ident}' has no review date (reviewed: YYYY-MM-DD)")
            elif date.fromisoformat(entry.reviewed) < limit:
                warnings.append(
                    f"{kind} '{ident}' was last reviewed on {entry.reviewed}, over 3 years ago"
                )
    return warnings
