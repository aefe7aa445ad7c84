"""The report as data: its JSON shape (docs/json.md), what it shows beside the entries
(`Context`), and the sources it cites."""

from __future__ import annotations

from typing import Any, NamedTuple

from sciaticli.journal.checks import SavedCheck
from sciaticli.journal.measures import MeasureSummary
from sciaticli.model import KnowledgeBase
from sciaticli.pages.report_function import IMMPACT_SOURCES, INSTRUMENT_SOURCES, threshold
from sciaticli.report import (
    MIN_EACH_SIDE,
    MIN_ENTRIES,
    Change,
    Day,
    Figures,
    Week,
)

CAUSE_SOURCES = ("nhs-sciatica",)


class Context(NamedTuple):
    """What the report shows beside the entries: when the episode began, the function
    measures over the period."""

    episode_start: str | None = None
    measures: tuple[MeasureSummary, ...] = ()
    checks: tuple[SavedCheck, ...] = ()  # the self-checks saved in the period, oldest first


NO_CONTEXT = Context()


def cited(figures: Figures, context: Context) -> tuple[str, ...]:
    """The source keys the page cites, in the order it cites them."""
    keys: list[str] = []
    if figures.entries >= MIN_ENTRIES:
        if figures.change is not None or figures.leg_change or figures.back_change:
            keys += IMMPACT_SOURCES
        keys += CAUSE_SOURCES
    for summary in context.measures:
        keys += INSTRUMENT_SOURCES[summary.instrument.id]
    return tuple(dict.fromkeys(keys))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _week_json(week: Week) -> dict[str, Any]:
    return {
        "start": week.start,
        "end": week.end,
        "days": week.days,
        "partial": week.partial,
        "entries": week.entries,
        "average_before": _rounded(week.average_before),
        "average_after": _rounded(week.average_after),
        "average_leg": _rounded(week.average_leg),
        "leg_entries": week.leg_count,
        "average_back": _rounded(week.average_back),
        "back_entries": week.back_count,
    }


def _change_json(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "first_week": change.first.start,
        "last_week": change.last.start,
        "points": round(change.points, 2),
        "percent": None if change.percent is None else round(change.percent, 1),
        "wording": change.wording or None,
        "first_week_entries": change.first.entries,
        "last_week_entries": change.last.entries,
        "few_entries": change.few_entries,
    }


def _measure_json(summary: MeasureSummary) -> dict[str, Any]:
    def form(measure: Any) -> dict[str, Any] | None:
        if measure is None:
            return None
        return {"when": measure.when, "score": measure.score.value}

    change = summary.change
    return {
        "measure": summary.instrument.id,
        "forms": summary.forms,
        "scored": summary.scored,
        "first": form(summary.first),
        "last": form(summary.last),
        "points": None if change is None else round(change.points, 2),
        "percent": None
        if change is None or change.percent is None
        else round(100 * change.percent, 1),
        "verdict": None if change is None else change.verdict,
        "activities_changed": summary.activities_changed,
        "threshold": threshold(summary),
        "sources": list(INSTRUMENT_SOURCES[summary.instrument.id]),
    }


def _day_json(day: Day | None) -> dict[str, Any] | None:
    if day is None:
        return None
    return {"day": day.day, "average": round(day.average, 2), "entries": day.entries}


def report_json(
    figures: Figures,
    kb: KnowledgeBase,
    *,
    made: str,
    version: str,
    name: str | None,
    context: Context = NO_CONTEXT,
) -> dict[str, Any]:
    """Documented shape (docs/guide.md, "sciaticli report")."""
    return {
        "name": name,
        "made": made,
        "sciaticli": version,
        "knowledge_base": kb.version,
        "start": figures.start,
        "end": figures.end,
        "episode_start": context.episode_start,
        "entries": figures.entries,
        "sessions": figures.sessions,
        "sessions_stopped_early": figures.partial,
        "enough": figures.entries >= MIN_ENTRIES,
        "weeks": [_week_json(week) for week in figures.weeks],
        "change": _change_json(figures.change),
        "measures": [_measure_json(summary) for summary in context.measures],
        "checks": [
            {
                "when": check.when,
                "verdict": check.verdict,
                "questions": len(check.answers),
                "reported": [answer._asdict() for answer in check.reported()],
            }
            for check in context.checks
        ],
        "leg_change": _change_json(figures.leg_change),
        "back_change": _change_json(figures.back_change),
        "worst_day": _day_json(figures.worst_day),
        "best_day": _day_json(figures.best_day),
        "typical_change": figures.typical_change,
        "sessions_with_change": figures.session_changes,
        "sessions_pain_fell": figures.fell,
        "sessions_pain_rose": len(figures.rose_days),
        "days_pain_rose": list(figures.rose_days),
        "missing_pain_after": figures.missing_after,
        "uses": [{"name": name, "sessions": count} for name, count in figures.uses],
        "sessions_per_week": round(figures.sessions_per_week, 2),
        "days_pain_8_or_more": list(figures.severe_days),
        "sessions_started_at_8_or_more": figures.severe_starts,
        "comparisons": [
            {
                "name": c.name,
                "sessions": c.sessions,
                "average_change": round(c.change, 2),
                "other_sessions": c.others,
                "others_average_change": round(c.others_change, 2),
            }
            for c in figures.comparisons
        ],
        "minimum_each_side": MIN_EACH_SIDE,
        "notes": [
            {"day": note.day, "note": note.note, "why": list(note.why)} for note in figures.notes
        ],
        "sources": list(cited(figures, context)),
    }
