"""Values typed on the command line for the journal: a day or time (`--when`) and a start day
(`--since`), each as the journal stores it; ValueError with a message otherwise. A pain rating is
read by journal.rows.parse_pain, which the guided routine's questions use too."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sciaticli.journal.rows import now_text

_WHEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_WORD = (
    r"today|yesterday|(?:last\s+)?(?:" + "|".join(d[:3] + f"(?:{d[3:]})?" for d in _WEEKDAYS) + ")"
)
_TIME = r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?"
# A day word, a time, or both: `yesterday 9pm`, `last monday`, `monday 8am`, `9:30pm`.
_WORDS = re.compile(rf"(?:({_DAY_WORD})(?:\s+{_TIME})?|{_TIME})", re.IGNORECASE)
_AGO = re.compile(r"(\d{1,5})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?)\s+ago", re.IGNORECASE)
WHEN_FORMATS = (
    "YYYY-MM-DD, 'YYYY-MM-DD HH:MM', today, yesterday, a day of the week (monday: the latest "
    "Monday, today included; 'last monday': the one before today), each with a time or not "
    "('yesterday 20:00', 'yesterday 9pm', 'monday 8am', 'today 08:00'), a time alone for "
    "today ('9:30pm'), '2h ago' or '30m ago'"
)


def parse_when(text: str, now: datetime) -> str:
    """A past day or time as stored: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`; ValueError if it is
    not one of WHEN_FORMATS, not a real date, or later than `now`.

    A day word alone (`today`, `yesterday`, `monday`, `last monday`) is a day (no time); with a
    time (`20:00`, `8:05`, `9pm`, `9:30 pm`), that time on that day; a time alone is today.
    `2h ago`, `30m ago` (also `90 min ago`, `1 day ago`) are `now` less that, to the second."""
    cleaned = " ".join(text.split())
    words = _WORDS.fullmatch(cleaned)
    ago = _AGO.fullmatch(cleaned)
    if words:
        day_word = words.group(1)
        hour, minute, half = words.group(2, 3, 4) if day_word else words.group(5, 6, 7)
        day = _day(day_word.lower() if day_word else "today", now.date())
        if hour is None:
            return day.isoformat()
        if minute is None and half is None:
            raise ValueError(f"'{text}' has an hour without minutes or am/pm; use {WHEN_FORMATS}")
        year, month, day_of_month = f"{day:%Y}", f"{day:%m}", f"{day:%d}"
        hour, minute = _clock(int(hour), minute, half, text)
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


def _day(word: str, today: date) -> date:
    """The day a day word names: today, yesterday, or the latest such weekday (today included;
    with `last`, before today)."""
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    last = word.startswith("last")
    name = word.split()[-1][:3]
    weekday = next(i for i, day in enumerate(_WEEKDAYS) if day.startswith(name))
    back = (today.weekday() - weekday) % 7
    return today - timedelta(days=back or (7 if last else 0))


def _clock(hour: int, minute: str | None, half: str | None, text: str) -> tuple[str, str]:
    """Hour and minute as two-digit text, from a 24-hour time or a 12-hour one with am/pm."""
    if half is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{text}' is not a real date or time")
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    return f"{hour:02d}", minute or "00"


def said_day(text: str, stored: str, now: datetime) -> str | None:
    """What a `--when` given in words resolved to, to show before saving when it is not today
    (`Monday 2026-11-30 20:00`); None for a date given as digits or for today."""
    if _WHEN.fullmatch(" ".join(text.split())):
        return None
    moment = datetime.fromisoformat(stored)
    if moment.date() == now.date():
        return None
    shown = f"{moment:%A} {moment.date().isoformat()}"
    return f"{shown} {moment:%H:%M}" if "T" in stored else shown


def parse_day(text: str, today: date) -> str:
    """A day (`YYYY-MM-DD`) no later than `today`, for `--since`."""
    if len(text.strip()) != 10 and text.strip().lower() not in ("today", "yesterday"):
        raise ValueError(f"'{text}' is not a date; use YYYY-MM-DD, today or yesterday")
    return parse_when(text, datetime.combine(today, datetime.max.time()))
