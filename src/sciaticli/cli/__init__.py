"""The command line: thin commands that parse options, call the core, and render.

Exit status: 0 ok, 1 error (bad file, unknown name), 2 usage error (bad option or value).

This package's own module imports nothing, so that the fast path starts without Typer:
    fastpath   the pages drawn without Typer: techniques, home-routine, exercises, no option
    running    one run: its permissions from the command table, safe streams, how it ends
    commands   the one table of commands, and the words of the overview
    main       the Typer application: each command built when used, errors said once
    options    the options the content commands share
and a module a command (techniques, routines, safety, log, history, measure, report, ...),
with the terminal's questions (asking, measure_ask), the values typed for the journal (values),
help and errors at the terminal's width (wrapping, helpdoc), and shell completion (complete,
shells).
"""
