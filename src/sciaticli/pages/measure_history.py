"""`sciaticli history --measures`: the function measures recorded (PEG, RMDQ, PSFS), one form
a row, with its score, in every format: a table, JSON, and one long CSV with a `measure` column
(docs/json.md).

A form's answers are kept as given: an item left out stays empty (never a "no" or a 0), and a
form with one has no score. A row edited by hand into something that is not a form is listed
with its problem, unscored, and warned about after the output.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from sciaticli.journal.measures import INSTRUMENTS, Measure
from sciaticli.render.document import (
    Heading,
    JsonStream,
    Page,
    Paragraph,
    Records,
    RowChunks,
    Streamed,
    StreamedPage,
    Table,
)

TITLE = "Function measures"
MOST_ITEMS = max(instrument.items[1] for instrument in INSTRUMENTS.values())  # the RMDQ's 24
MOST_ACTIVITIES = INSTRUMENTS["psfs"].items[1]
# One record a form: its score and the answers a column an item (empty: left out, or past the
# form's items), then the PSFS activities a column each.
CSV_COLUMNS = (
    "id",
    "when",
    "measure",
    "score",
    "answered",
    "items",
    *(f"item_{number}" for number in range(1, MOST_ITEMS + 1)),
    *(f"activity_{number}" for number in range(1, MOST_ACTIVITIES + 1)),
)
COLUMNS = ("Id", "When", "Measure", "Score", "Answered", "Answers")
NONE_YET = (
    "No measures recorded yet. sciaticli measure says which are due; for example: sciaticli "
    "measure peg --answers 6,5,7"
)


class MeasureView(NamedTuple):
    page: StreamedPage
    warnings: list[str]


def selected(
    measures: Sequence[Measure], since: str | None, last: int | None, *, newest_first: bool
) -> list[Measure]:
    """The forms taken on or after `since` (a day), then the newest `last` of them, oldest
    first or `newest_first`."""
    chosen = [m for m in measures if since is None or m.when[:10] >= since]
    if last is not None:
        chosen = chosen[-last:]
    return chosen[::-1] if newest_first else chosen


def measure_view(measures: Sequence[Measure]) -> MeasureView:
    """Every form of `measures` (already selected and ordered) as a page of each format."""
    found = [
        f"Warning: measure {m.id} ({m.when}) is not a form sciaticli can score: {m.problems}"
        for m in measures
        if m.problems
    ]
    rows = [_row(measure) for measure in measures]

    def page() -> Page:
        if not measures:
            return Page((Heading(TITLE), Paragraph(NONE_YET)), title=TITLE)
        return Page((Heading(TITLE), Table(COLUMNS, (), grid=True), Paragraph(_scales())))

    def chunks() -> RowChunks:
        return iter([rows]) if rows else iter(())

    def terminal() -> Page:
        if not measures:
            return page()
        table = Table(COLUMNS, tuple(rows), grid=True, optional=("Answered",))
        return Page((Heading(TITLE), table, Paragraph(_scales())))

    def data() -> JsonStream:
        return JsonStream((("measures", Streamed(iter([[measure_json(m) for m in measures]]))),))

    def records() -> Records:
        # Every cell checked for text starting like a formula (None): the activities are the
        # person's words, and a row edited by hand may hold anything.
        return Records(CSV_COLUMNS, iter([(csv_rows(measures), None)]))

    return MeasureView(StreamedPage(page, chunks, terminal, data, records), found)


def _scales() -> str:
    return (
        "PEG: the mean of 3 ratings 0-10, lower is better. RMDQ: the number of yes of 24, lower "
        "is better. PSFS: the mean of the activities' ratings, 0 (unable) to 10 (as before), "
        "higher is better. A form with an item left out has no score."
    )


def _score(measure: Measure) -> float | None:
    """The score, to 2 decimals (a whole number as one); None when the form has none."""
    if measure.score is None or measure.score.value is None:
        return None
    value = round(measure.score.value, 2)
    return int(value) if value == int(value) else value


def _answered(measure: Measure) -> str:
    if measure.score is None:
        return f"not a form: {measure.problems}"
    return f"{measure.score.answered} of {measure.score.items}"


def _answer(value: int | bool | None) -> str:
    """An answer as `--answers` takes it: a rating, y or n; - for one left out."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "y" if value else "n"
    return str(value)


def _row(measure: Measure) -> tuple[str, ...]:
    score = _score(measure)
    shown = (
        "-" if score is None else f"{score:.0f}" if measure.measure == "rmdq" else f"{score:.1f}"
    )
    if measure.activities is not None:
        answers = "; ".join(
            f"{activity} {_answer(value)}"
            for activity, value in zip(measure.activities, measure.answers, strict=False)
        )
    else:
        joiner = "" if measure.measure == "rmdq" else " "
        answers = joiner.join(_answer(value) for value in measure.answers)
    name = measure.measure.upper() if measure.measure in INSTRUMENTS else measure.measure
    return (str(measure.id), measure.when, name, shown, _answered(measure), answers)


def measure_json(measure: Measure) -> dict[str, Any]:
    """Documented shape (docs/json.md, "history --measures")."""
    return {
        "id": measure.id,
        "when": measure.when,
        "measure": measure.measure,
        "score": _score(measure),
        "answered": None if measure.score is None else measure.score.answered,
        "items": None if measure.score is None else measure.score.items,
        "answers": list(measure.answers),
        "activities": None if measure.activities is None else list(measure.activities),
        "problems": measure.problems,
    }


def _cells(values: Sequence[object], width: int) -> list[object]:
    return [*values, *([""] * (width - len(values)))][:width]


def csv_rows(measures: Sequence[Measure]) -> Iterator[tuple[object, ...]]:
    for measure in measures:
        score = _score(measure)
        answers = [
            ""
            if value is None
            else ("yes" if value else "no")
            if isinstance(value, bool)
            else value
            for value in measure.answers
        ]
        yield (
            measure.id,
            measure.when,
            measure.measure,
            "" if score is None else score,
            "" if measure.score is None else measure.score.answered,
            "" if measure.score is None else measure.score.items,
            *_cells(answers, MOST_ITEMS),
            *_cells(list(measure.activities or ()), MOST_ACTIVITIES),
        )
