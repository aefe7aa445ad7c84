"""Numbers, counts and days in the words the report uses: `6.5`, `-1.0`, `3 entries`, `4 days`."""

from __future__ import annotations


def fixed(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def signed(value: float) -> str:
    text = f"{value:+.1f}"
    return "0.0" if float(text) == 0 else text


def entry_count(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"


def day_count(count: int) -> str:
    return f"{count} day{'s' * (count != 1)}"


def signed_digits(value: float, digits: int) -> str:
    text = f"{value:+.{digits}f}"
    return text.lstrip("+") if float(text) == 0 else text
