"""`python -m sciaticli` and the `sciaticli` console script.

A page the fast path draws (cli.fastpath) is drawn without Typer; every other run goes through
the Typer application (cli.main).

The garbage collector is off while modules are imported: they make many objects and no garbage.
The fast path's run is bounded (the bundled knowledge base and one page): the collector stays
off to its end (it would run about a dozen times, for a millisecond or so). Before a run through
Typer, whatever may run long (a journal of any size), what the imports made is frozen
(gc.freeze), so that the collections of the run never walk it again, and the collector is turned
back on.
"""

import gc
import sys


def main() -> None:
    try:
        _run()
    except KeyboardInterrupt:
        # Ctrl-C before a command has started (while modules load): exit 130 quietly, as a
        # command ends when it is interrupted.
        sys.exit(130)


def _run() -> None:
    gc.disable()
    from sciaticli.cli import fastpath

    if fastpath.run(sys.argv[1:]):
        return
    from sciaticli.cli.main import app

    gc.freeze()
    gc.enable()
    app(prog_name="sciaticli")


if __name__ == "__main__":
    main()
