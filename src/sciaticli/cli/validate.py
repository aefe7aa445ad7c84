"""`sciaticli validate`: check a knowledge-base file and list every problem."""

from pathlib import Path
from typing import Annotated

import typer

from sciaticli.errors import KnowledgeBaseError
from sciaticli.knowledge import validate_file


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
