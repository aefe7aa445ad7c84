"""The summary under `sciaticli history`, in words: how many sessions and ratings, sessions per
week, the average pain before and after and its change, the best and the worst day."""

from __future__ import annotations

from sciaticli.journal import Day, Summary


def _signed(value: float, digits: int = 0) -> str:
    """`-2`, `+1.5`, `0`: a sign on every number but zero."""
    text = f"{value:+.{digits}f}"
    return text[1:] if float(text) == 0 else text


def summary_fields(summary: Summary) -> tuple[tuple[str, str], ...]:
    span = (
        f"from {summary.first_day} to {summary.last_day}"
        if summary.first_day != summary.last_day
        else f"on {summary.first_day}"
    )
    counts = []
    if summary.partial:
        counts.append(f"{summary.partial} stopped early")
    # A rating alone has no pain after by definition: only sessions without one are counted.
    unrated = summary.sessions - summary.rated - summary.ratings
    if unrated:
        counts.append(f"{unrated} without a pain after")
    if summary.ratings:
        # A rating alone is an entry, not a session: said so, as sessions per week leave it out.
        done = summary.sessions - summary.ratings
        alone = "1 rating alone" if summary.ratings == 1 else f"{summary.ratings} ratings alone"
        counted = (
            "Entries",
            f"{summary.sessions} {span}: {done} session{'s' * (done != 1)}, {alone}"
            + (f" ({'; '.join(counts)})" if counts else ""),
        )
    else:
        counted = (
            "Sessions",
            f"{summary.sessions} {span}" + (f" ({'; '.join(counts)})" if counts else ""),
        )
    per_week = ("Sessions per week", f"{summary.sessions_per_week:.1f}")
    if summary.average_after is None or summary.average_change is None:
        return (
            counted,
            per_week,
            ("Average pain", f"{summary.average_before:.1f} before; none rated after"),
        )
    fields = [counted, per_week, ("Average pain", _average_words(summary)), (
        "Average change", _change_words(summary.average_change)
    )]  # fmt: skip
    if summary.best_day is not None and summary.worst_day is not None:
        fields += [
            ("Best day (lowest average pain after)", _day_words(summary.best_day)),
            ("Worst day (highest average pain after)", _day_words(summary.worst_day)),
        ]
    return tuple(fields)


def _average_words(summary: Summary) -> str:
    """`5.5 before, 4.5 after`; when some entries have no pain after, the pain after is set
    beside the pain before of the same entries only, never beside all of them."""
    assert summary.average_after is not None and summary.average_change is not None
    if summary.rated == summary.sessions:
        return f"{summary.average_before:.1f} before, {summary.average_after:.1f} after"
    rated_before = summary.average_after - summary.average_change
    sessions = "1 entry" if summary.rated == 1 else f"{summary.rated} entries"
    return (
        f"{summary.average_before:.1f} before (all {summary.sessions} entries); "
        f"{rated_before:.1f} before and {summary.average_after:.1f} after in the {sessions} "
        "with both"
    )


def _change_words(change: float) -> str:
    shown = _signed(change, 1)
    size = f"{abs(change):.1f}"
    if shown.startswith("-"):
        return f"{shown} (pain fell by {size} on average)"
    if shown.startswith("+"):
        return f"{shown} (pain rose by {size} on average)"
    return f"{shown} (no change on average)"


def _day_words(day: Day) -> str:
    """`2024-03-04: 2.0 after, 5.0 before (1 session)`: the pain before of the same sessions
    as the pain after (a rating alone or a session without a pain after is left out)."""
    sessions = "1 session" if day.rated == 1 else f"{day.rated} sessions"
    after = day.average_after or 0.0
    before = day.rated_before / day.rated if day.rated else day.average_before
    return f"{day.day}: {after:.1f} after, {before:.1f} before ({sessions})"
