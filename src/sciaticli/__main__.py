"""`python -m sciaticli` and the `sciaticli` console script.

The garbage collector is off while modules are imported (they make many objects and no garbage);
what they made is then frozen (gc.freeze), so the collections of the run never walk it again.
"""

import gc


def main() -> None:
    gc.disable()
    from sciaticli.cli import app

    gc.freeze()
    gc.enable()
    app(prog_name="sciaticli")


if __name__ == "__main__":
    main()
