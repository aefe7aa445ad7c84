"""The guided routine: a routine's steps walked through in real time on a terminal.

One job a module, and each imports only those above it:

- timer.py     the state machine: steps, countdowns, pause, skip, quit, optional steps,
               driven by a clock it is given (no sleeping, keys or printing);
- keys.py      the raw terminal: single keys (cbreak), escape sequences, and the signals
               that stop, continue or end the routine (Ctrl-Z, fg, SIGTERM, SIGHUP);
- screen.py    what the person sees while it runs: the live view fitted to the window, and
               redrawing it after a resize or a stop;
- dialogue.py  the questions in lines around it: the introduction, the pain before and after,
               the flare-up stop and the offer to log;
- session.py   the whole routine in order: introduction, questions, start, walk, summary.

The command (`home-routine --guided`) is cli/guided.py. Importing this package imports
nothing: `sciaticli.guided.timer` and the others are imported by name.
"""
