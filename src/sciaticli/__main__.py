"""`python -m sciaticli` and the `sciaticli` console script."""

from sciaticli.cli import app


def main() -> None:
    app(prog_name="sciaticli")


if __name__ == "__main__":
    main()
