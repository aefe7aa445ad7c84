"""`python -m sciaticli` and the `sciaticli` console script.

A page for a pipe or a file may already be in the output cache (outputcache): it is written
before Typer, the knowledge base or the renderers are imported. The garbage collector is off
while modules are imported (they make many objects and no garbage) and, for the short runs
that render one page, until the end, where gc.freeze() spares the collection Python makes at
exit; a longer run (the journal, a guided routine) has it back on once imports are done.
"""

import gc
import sys


def main() -> None:
    gc.disable()
    from sciaticli import outputcache

    key = outputcache.request_key(sys.argv[1:])
    if key is not None and outputcache.serve(key):
        return
    from sciaticli.cli import app

    if key is None:
        gc.enable()
        app(prog_name="sciaticli")
        return
    try:
        outputcache.run_and_store(key, lambda: app(prog_name="sciaticli"))
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
