"""Stale data: whether an indicator's next figures are overdue (issue 19, part 4).

Seed 002 tells of a tartan rug gone late without anyone seeing it. The rule, from two facts
the catalogue and the database hold, the indicator's expected update ``frequency`` and the
end date of its latest period with a value:

* the next period ends one update interval after the latest one ended
  (:data:`INTERVAL_MONTHS`: 12 months for annual figures, 3 for quarterly, 1 for monthly,
  36 for occasional surveys);
* its figures are expected within a publication lag after that period ends
  (:data:`LAG_MONTHS`: 12 months for annual and occasional figures, as OHID's annual
  updates run, 6 for quarterly, 3 for monthly);
* the indicator is **overdue** when today is after that date (``expected_by``): latest end
  + interval + lag. An indicator with no values is not judged.

So an annual indicator whose latest year is 2023 (ending 31 December 2023) expects 2024's
figures by 31 December 2025 and is overdue from 1 January 2026.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import read_frame, require, term_mapping

__all__ = ["INTERVAL_MONTHS", "LAG_MONTHS", "RULE", "overdue_indicators", "overdue_sentence"]

INTERVAL_MONTHS = {"annual": 12, "quarterly": 3, "monthly": 1, "occasional": 36}
LAG_MONTHS = {"annual": 12, "quarterly": 6, "monthly": 3, "occasional": 12}
FREQUENCY_TERMS = {name: name for name in INTERVAL_MONTHS}
FREQUENCY_WORDS = {
    "annual": language.noop("annual"),
    "quarterly": language.noop("quarterly"),
    "monthly": language.noop("monthly"),
    "occasional": language.noop("occasional"),
}
RULE = language.noop(
    "An indicator is overdue when its next figures have not arrived by the end of its latest "
    "period plus one update interval (12 months annual, 3 quarterly, 1 monthly, 36 "
    "occasional) plus the usual publication lag (12 months annual and occasional, "
    "6 quarterly, 3 monthly)."
)
OVERDUE_SENTENCE = language.noop(
    "{title}: the latest figures are for {period}; {frequency} figures after them were "
    "expected by {expected_by}."
)


def overdue_indicators(
    data: Any,
    *,
    today: date,
    frequency: str = "frequency",
    latest_end: str = "latest_end",
) -> Any:
    """Each indicator's ``expected_by`` date, ``overdue`` flag and ``days_overdue``.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per indicator with its ``frequency`` (annual, quarterly, monthly or
        occasional; case ignored) and the end date of its latest period with a value
        (``latest_end``; missing when it has none).
    today : datetime.date
        The day judged (keyword-only, so that a test or a report names its date).
    frequency, latest_end : str
        Column names.

    Returns
    -------
    The same kind of frame with ``expected_by`` (date), ``overdue`` (bool; false with no
    ``latest_end``) and ``days_overdue`` (0 unless overdue) added.

    Notes
    -----
    ``expected_by`` = ``latest_end`` + :data:`INTERVAL_MONTHS` + :data:`LAG_MONTHS` of the
    frequency, months added by the calendar; a period ending on a month's last day expects
    the next by a month's last day too (30 June + 4 months = 31 October). See
    :data:`RULE`.

    Examples
    --------
    >>> import polars as pl
    >>> from datetime import date
    >>> frame = pl.DataFrame({"frequency": ["annual"], "latest_end": [date(2023, 12, 31)]})
    >>> overdue_indicators(frame, today=date(2026, 1, 1))["overdue"].to_list()
    [True]
    """
    frame, give_back = read_frame(data)
    require(frame, [frequency, latest_end])
    terms = term_mapping(frame, frequency, FREQUENCY_TERMS)
    months = {text: INTERVAL_MONTHS[term] + LAG_MONTHS[term] for text, term in terms.items()}
    text = pl.col(frequency).cast(pl.String).fill_null("")
    ended = pl.col(latest_end).cast(pl.Date)
    shifted = ended.dt.offset_by(pl.format("{}mo", pl.col("_months")))
    month_end = ended == ended.dt.month_end()
    expected = pl.when(month_end).then(shifted.dt.month_end()).otherwise(shifted)
    late = (pl.lit(today) - pl.col("expected_by")).dt.total_days()
    result = (
        frame.with_columns(text.replace_strict(months, return_dtype=pl.Int64).alias("_months"))
        .with_columns(expected.alias("expected_by"))
        .drop("_months")
        .with_columns(
            (late > 0).fill_null(False).alias("overdue"),
            pl.when(late > 0).then(late).otherwise(0).alias("days_overdue"),
        )
    )
    return give_back(result, keep_index=True)


def overdue_sentence(row: dict) -> str:
    """An overdue indicator in words, as the officers' page and the board report write it:
    "Smoking prevalence: the latest figures are for 2023; annual figures after them were
    expected by 31 December 2025." ``row`` has ``title``, ``period_label``, ``frequency``
    and ``expected_by``; in the current language (:mod:`marmot_monitor.language`)."""
    frequency = str(row["frequency"]).lower()
    return language.gettext(OVERDUE_SENTENCE).format(
        title=row["title"],
        period=row["period_label"],
        frequency=language.gettext(FREQUENCY_WORDS[frequency])
        if frequency in FREQUENCY_WORDS
        else frequency,
        expected_by=language.long_date(row["expected_by"]),
    )
