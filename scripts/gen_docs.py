"""Write docs/commands.md and man/sciaticli.1 from the commands' own help.

Run it after changing any help text: `python scripts/gen_docs.py`. (The real terminal output in
docs/guide.md and README.md is scripts/gen_examples.py's.) With --check it writes
nothing and exits 1, naming each file that is out of date (tests/test_docs.py runs that).
--root DIR writes or checks the files under DIR instead of the repository.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = "python scripts/gen_docs.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the command reference and the man page.")
    parser.add_argument("--check", action="store_true", help="only say what is out of date")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository's folder")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from sciaticli.cli import helpdoc

    stale = []
    for name, text in helpdoc.documents().items():
        path = options.root / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not options.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {name}")
    if options.check and stale:
        print(
            f"{', '.join(stale)} out of date with the commands' help: run `{COMMAND}`",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
