"""Values typed on the command line for the journal: a pain rating, a day or time (`--when`),
and a start day (`--since`), each as the journal stores it; ValueError with a message otherwise."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sciaticli.journal.rows import now_text

PAIN_SCALE = "0 (no pain) to 10 (the worst pain imaginable)"


def parse_pain(text: str) -> int:
    """A rating on the 0-10 scale; ValueError with a message for anything else."""
    cleaned = text.strip()
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise ValueError(f"'{text}' is not a whole number; pain is rated {PAIN_SCALE}")
    value = int(cleaned)
    if not 0 <= value <= 10:
        raise ValueError(f"{value} is off the scale; pain is rated {PAIN_SCALE}")
    return value


_WHEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_RELATIVE_DAY = re.compile(r"(today|yesterday)(?:[T ]+(\d{1,2}):(\d{2}))?", re.IGNORECASE)
_AGO = re.compile(r"(\d{1,5})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago", re.IGNORECASE)
WHEN_FORMATS = (
    "YYYY-MM-DD, 'YYYY-MM-DD HH:MM', today, yesterday, 'yesterday 20:00', 'today 08:00', "
    "'2h ago' or '30m ago'"
)


def parse_when(text: str, now: datetime) -> str:
    """A past day or time as stored: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`; ValueError if it is
    not one of WHEN_FORMATS, not a real date, or later than `now`.

    `today` and `yesterday` alone are a day (no time); with HH:MM, that time on that day;
    `2h ago`, `30m ago` (also `90 min ago`, `1 day ago`) are `now` less that, to the second."""
    cleaned = " ".join(text.split())
    relative = _RELATIVE_DAY.fullmatch(cleaned)
    ago = _AGO.fullmatch(cleaned)
    if relative:
        word, hour, minute = relative.groups()
        day = now.date() - timedelta(days=1 if word.lower() == "yesterday" else 0)
        if hour is None:
            return day.isoformat()
        year, month, day_of_month = f"{day:%Y}", f"{day:%m}", f"{day:%d}"
        hour = hour.zfill(2)
    elif ago:
        amount, unit = int(ago.group(1)), ago.group(2).lower()
        minutes = amount * (1440 if unit.startswith("d") else 60 if unit.startswith("h") else 1)
        if minutes > 366 * 1440:
            raise ValueError(f"'{text}' is more than a year ago; give the date instead")
        return now_text(now.replace(microsecond=0) - timedelta(minutes=minutes))
    else:
        match = _WHEN.fullmatch(cleaned)
        if not match:
            raise ValueError(f"'{text}' is not a date or time; use {WHEN_FORMATS}")
        year, month, day_of_month, hour, minute = match.groups()
    try:
        moment = datetime(
            int(year), int(month), int(day_of_month), int(hour or 0), int(minute or 0)
        )
    except ValueError:
        raise ValueError(f"'{text}' is not a real date or time") from None
    if hour is None:
        if moment.date() > now.date():
            raise ValueError(f"{moment.date().isoformat()} is in the future")
        return moment.date().isoformat()
    if moment > now:
        raise ValueError(f"{moment.isoformat(sep=' ', timespec='minutes')} is in the future")
    return moment.isoformat(timespec="seconds")


def parse_day(text: str, today: date) -> str:
    """A day (`YYYY-MM-DD`) no later than `today`, for `--since`."""
    if len(text.strip()) != 10 and text.strip().lower() not in ("today", "yesterday"):
        raise ValueError(f"'{text}' is not a date; use YYYY-MM-DD, today or yesterday")
    return parse_when(text, datetime.combine(today, datetime.max.time()))
