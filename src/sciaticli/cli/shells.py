"""What sciaticli hands to bash, zsh and fish when TAB is pressed, and the scripts that ask.

The values come from files a person may not have written (a knowledge base given by --kb or
SCIATICLI_KB), so nothing here lets a value reach a shell's parser. The answers are plain lines;
each shell's own quoting puts a value on the command line as one word, whatever characters it
holds:

- bash: one value a line, quoted here for bash (backslashes, or the rest of a '...' or "..."
  word the person opened), read by `mapfile` (no word splitting, no globbing). Readline's own
  quoting of file names (-o filenames) is not used: it leaves `$` and `)` as they are.
- zsh: the value, a tab, and what the list shows, one a line, handed to `compadd`, which quotes
  the value as it inserts it. Nothing is evaluated (Typer's script evals the answer, and its
  `_arguments` spec evals the list again).
- fish: the value, a tab and its description, one a line (Typer's script); fish escapes a value
  as it inserts it, and does not evaluate the lines.

A value holding a character a shell cannot take as it is (a control character, a newline, a
line or paragraph separator, a format character, one the output cannot encode) is left out; a
description has such characters turned into spaces. Imported only for a completion request or
--show-completion / --install-completion.
"""

from __future__ import annotations

import contextlib
import os
import sys
import unicodedata
from typing import Any

from typer._click.shell_completion import CompletionItem, add_completion_class
from typer._completion_classes import BashComplete, FishComplete, ZshComplete
from typer._completion_shared import COMPLETION_SCRIPT_FISH

SCRIPT_BASH = """
%(complete_func)s() {
    local IFS=$'\\n'
    # One value a line, already quoted for bash (for the quote the word opens with, if any);
    # mapfile takes the lines as they are: no word splitting, no globbing, nothing evaluated.
    mapfile -t COMPREPLY < <(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \\
        _SCIATICLI_COMPLETE_QUOTE="${COMP_WORDS[COMP_CWORD]:0:1}" \\
        %(autocomplete_var)s=complete_bash "$1")
    return 0
}

complete -o default -F %(complete_func)s %(prog_name)s
"""

SCRIPT_ZSH = """
#compdef %(prog_name)s

%(complete_func)s() {
  emulate -L zsh
  local line
  local -a values shown
  # One answer a line: the value, a tab, what the list shows. Nothing is evaluated; compadd
  # quotes each value as it goes on the line.
  for line in "${(@f)$(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" \\
      %(autocomplete_var)s=complete_zsh %(prog_name)s)}"; do
    [[ $line == *$'\\t'* ]] || continue
    values+=("${line%%%%$'\\t'*}")
    shown+=("${line#*$'\\t'}")
  done
  if (( ${#values} )); then
    compadd -U -l -d shown -a values
  else
    _files
  fi
}

compdef %(complete_func)s %(prog_name)s
"""

SCRIPT_FISH = COMPLETION_SCRIPT_FISH

SCRIPTS = {"bash": SCRIPT_BASH, "zsh": SCRIPT_ZSH, "fish": SCRIPT_FISH}

# Unicode categories a shell cannot be handed as they are: controls (tab and newline among
# them), format characters (the bidirectional overrides), surrogates, private use, unassigned,
# and the line and paragraph separators.
_REFUSED = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _encoding() -> str:
    return getattr(sys.stdout, "encoding", None) or "utf-8"


def usable(value: str) -> bool:
    """Whether `value` can go to a shell as it is: not empty, no refused character, and every
    character one the output can encode."""
    if not value or any(unicodedata.category(c) in _REFUSED for c in value):
        return False
    try:
        value.encode(_encoding())
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def one_line(text: str | None) -> str:
    """A description as one line of plain text: each refused character a space, spaces folded."""
    if not text:
        return ""
    cleaned = "".join(" " if unicodedata.category(c) in _REFUSED else c for c in text)
    encoding = _encoding()
    with contextlib.suppress(LookupError):
        cleaned = cleaned.encode(encoding, "replace").decode(encoding)
    return " ".join(cleaned.split())


class _Answers:
    """The completions for the words typed so far, with the values a shell cannot take left out."""

    def usable_items(self: Any) -> list[CompletionItem]:
        args, incomplete = self.get_completion_args()
        items: list[CompletionItem] = self.get_completions(args, incomplete)
        return [item for item in items if usable(str(item.value))]


# Characters bash takes as themselves anywhere in a word (others are quoted).
_BASH_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./,:@%+=-")


def bash_quoted(value: str, opened: str = "") -> str:
    """`value` as bash reads it back as one word: with a backslash before each character that
    is not plain ASCII, or, when the person opened the word with ' or ", as the rest of a word
    in that quote. Inside "...", `!` closes the quote for `\\!`, so that history expansion cannot
    take it. Readline closes the quote itself unless the text ends with that quote character;
    then the text closes it."""
    if opened == "'":
        body = value.replace("'", "'\\''")
    elif opened == '"':
        special = {'"': '\\"', "\\": "\\\\", "$": "\\$", "`": "\\`", "!": '"\\!"'}
        body = "".join(special.get(c, c) for c in value)
    else:
        return "".join(c if c in _BASH_PLAIN or not c.isascii() else f"\\{c}" for c in value)
    return body + opened if body.endswith(opened) else body


class SafeBash(_Answers, BashComplete):
    source_template = SCRIPT_BASH

    def complete(self) -> str:
        opened = os.environ.get("_SCIATICLI_COMPLETE_QUOTE", "")
        return "\n".join(bash_quoted(str(item.value), opened) for item in self.usable_items())


class SafeZsh(_Answers, ZshComplete):
    source_template = SCRIPT_ZSH

    def complete(self) -> str:
        items = self.usable_items()
        width = max((len(str(item.value)) for item in items if item.help), default=0)
        lines = []
        for item in items:
            value = str(item.value)
            description = one_line(item.help)
            shown = f"{value.ljust(width)}  -- {description}" if description else value
            lines.append(f"{value}\t{shown}")
        return "\n".join(lines)


class SafeFish(_Answers, FishComplete):
    source_template = SCRIPT_FISH

    def complete(self) -> str:
        items = self.usable_items()
        action = os.environ.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":  # the script's condition: values to offer, or files
            sys.exit(0 if items else 1)
        lines = []
        for item in items:
            description = one_line(item.help)
            lines.append(f"{item.value}\t{description}" if description else str(item.value))
        return "\n".join(lines) if action == "get-args" else ""


def register() -> None:
    """Answer completion requests with these classes, and have Typer's installer write these
    scripts."""
    from typer import _completion_shared

    add_completion_class(SafeBash, "bash")
    add_completion_class(SafeZsh, "zsh")
    add_completion_class(SafeFish, "fish")
    _completion_shared._completion_scripts.update(SCRIPTS)


def script(shell: str, prog_name: str, complete_var: str) -> str:
    """The script for `shell`, as --show-completion prints it."""
    from typer._completion_shared import get_completion_script

    register()
    return get_completion_script(prog_name=prog_name, complete_var=complete_var, shell=shell)
