"""Programme indicators' units and year-to-date rules: what a figure measures, how a year adds up.

A programme indicator (seed 004's PI1 to PI14, seed 003's income gains) is a count of people,
a percentage, a rate per 1,000, a sum of money (seed 003's "£620,000 per annum"), money a week
(seed 003's "£374.50" average weekly benefit increase), days or hours: :data:`UNITS`. Its year
to date is one of :data:`YEAR_TO_DATE_RULES`: the sum of the year's quarters (people supported),
the latest quarter (a percentage at a point in time), the mean of the quarters reported (seed
004's PI6 and PI10, whose year to date is the quarters' average) or a ratio of two other
indicators' sums times a scale (referrals converted per 100 referrals made, say).
:func:`year_to_date` computes all four at once; :func:`unit_problems` says which figures do
not fit a unit.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from marmot_monitor import language
from marmot_monitor.analysis._common import (
    AnalysisError,
    apply_terms,
    numeric,
    read_frame,
    require,
    term_mapping,
)

__all__ = [
    "UNITS",
    "YEAR_TO_DATE_RULES",
    "ProgrammeFigureError",
    "unit_problems",
    "year_to_date",
]

# Stored unit: how a page asks for it. A rate also has its "per" (1,000; 100,000).
UNITS = {
    "number": "Number",
    "percentage": "Percentage (%)",
    "rate": "Rate per N (say per 1,000)",
    "pounds": "Pounds (£)",
    "pounds per week": "Pounds a week (£ per week)",
    "days": "Days",
    "hours": "Hours",
}
YEAR_TO_DATE_RULES = {
    "cumulative": language.noop("Sum of the year's quarters"),
    "latest": language.noop("Latest quarter"),
    "mean": language.noop("Mean (average) of the quarters reported"),
    "ratio": language.noop("Ratio of two other indicators' sums, times a scale"),
}
YEAR_TO_DATE_TERMS = {
    "cumulative": "cumulative",
    "sum": "cumulative",
    "latest": "latest",
    "mean": "mean",
    "average": "mean",
    "ratio": "ratio",
}
BAD_QUARTER = "{column} must be 1, 2, 3 or 4 ({count} rows are not, first at row {row})"
BAD_THROUGH = "through must be a quarter, 1, 2, 3 or 4 (not {through!r})"
NO_PARTS = (
    "{key} {code!r} adds up its year as a ratio, so its {part} must name another indicator "
    "of the data (it names {named!r}): set the ratio's numerator and denominator indicators"
)
RATIO_COLUMNS = "a ratio's year to date needs the columns {numerator!r} and {denominator!r}"
UNKNOWN_UNIT = "{code}: the unit {unit!r} is not one of {units}"
NOT_A_NUMBER = "{code}: {value!r} is not a number; give a figure, or a note instead"
BELOW_ZERO = "{code}: {value:g} is below 0; {unit} cannot be negative"
OVER_100 = "{code}: {value:g}% is over 100%; a percentage is from 0 to 100"
NO_PER = "{code}: a rate needs its 'per' (1,000 or 100,000, say), a whole number above 0"
UNIT_WORDS = {
    "number": "a number",
    "percentage": "a percentage",
    "rate": "a rate",
    "pounds": "an amount of money",
    "pounds per week": "an amount of money a week",
    "days": "a number of days",
    "hours": "a number of hours",
}


class ProgrammeFigureError(AnalysisError):
    """Programme figures whose year to date cannot be worked out."""


def unit_problems(code: str, values: Any, unit: str, *, per: int | None = None) -> list[str]:
    """Why the ``values`` of indicator ``code`` do not fit ``unit``: one message a value, in
    the order given; empty when they all fit. Missing values (``None``, NaN) fit any unit.

    Every unit is a quantity that cannot be below 0; a percentage is also at most 100; a
    rate needs its ``per``.

    Examples
    --------
    >>> unit_problems("PI6", [21.0, 120.0], "percentage")
    ['PI6: 120% is over 100%; a percentage is from 0 to 100']
    >>> unit_problems("PI15", [620000.0, -5.0], "pounds")
    ['PI15: -5 is below 0; an amount of money cannot be negative']
    """
    if unit not in UNITS:
        return [UNKNOWN_UNIT.format(code=code, unit=unit, units=", ".join(UNITS))]
    problems = []
    if unit == "rate" and (per is None or per < 1):
        problems.append(NO_PER.format(code=code))
    for value in values:
        if value is None:
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            problems.append(NOT_A_NUMBER.format(code=code, value=value))
            continue
        if number != number:
            continue
        if number < 0:
            problems.append(BELOW_ZERO.format(code=code, value=number, unit=UNIT_WORDS[unit]))
        elif unit == "percentage" and number > 100:
            problems.append(OVER_100.format(code=code, value=number))
    return problems


def year_to_date(
    data: Any,
    *,
    through: int,
    key: str = "code",
    quarter: str = "quarter",
    value: str = "value",
    method: str = "year_to_date",
    numerator: str = "numerator",
    denominator: str = "denominator",
    scale: str = "scale",
) -> Any:
    """Each indicator's year to date from its quarterly actuals, up to quarter ``through``.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per indicator and quarter of one financial year; a missing value is a
        quarter not reported.
    through : int
        The last quarter counted (1 to 4): later quarters are ignored.
    key, quarter, value : str
        The columns naming the indicator, the quarter (1 to 4) and the actual.
    method : str
        The indicator's rule (:data:`YEAR_TO_DATE_RULES`): "cumulative" (also "sum"), the
        quarters' total; "latest", the latest reported quarter; "mean" (also "average"), the
        mean of the quarters reported; "ratio", the sum of the ``numerator`` indicator's
        quarters over the sum of the ``denominator`` indicator's, times ``scale``.
    numerator, denominator, scale : str
        Columns needed only when a row's rule is "ratio": the keys of the two indicators
        (also rows of ``data``) and the multiplier (100 for a percentage; missing means 1).

    Returns
    -------
    Same kind as ``data``
        One row per indicator, in first-seen order: ``key``, ``year_to_date`` (missing
        when no quarter up to ``through`` is reported, or a ratio's denominator sums to 0)
        and ``quarters_reported`` (for a ratio, the fewer of its two indicators').

    Raises
    ------
    ProgrammeFigureError
        A quarter outside 1 to 4, or a ratio naming no other indicator of ``data``.

    Examples
    --------
    Seed 004's PI12 (people into work: the sum), PI11 (the latest percentage) and PI10 (the
    mean of 6.6% and 6.2%):

    >>> import polars as pl
    >>> rows = pl.DataFrame({"code": ["PI12", "PI12", "PI11", "PI11", "PI10", "PI10"],
    ...     "quarter": [1, 2] * 3, "value": [413.0, 177.0, 1.5, 1.3, 6.6, 6.2],
    ...     "year_to_date": ["sum", "sum", "latest", "latest", "mean", "mean"]})
    >>> [round(v, 2) for v in year_to_date(rows, through=2)["year_to_date"]]
    [590.0, 1.3, 6.4]
    """
    if through not in (1, 2, 3, 4):
        raise ProgrammeFigureError(BAD_THROUGH.format(through=through))
    frame, give_back = read_frame(data)
    require(frame, [key, quarter, value, method])
    methods = term_mapping(frame, method, YEAR_TO_DATE_TERMS)
    frame = numeric(frame, [quarter, value]).with_columns(
        apply_terms(method, methods).alias("_method")
    )
    _check_quarters(frame, quarter)
    counted = frame.filter((pl.col(quarter) <= through) & pl.col(value).is_not_null())
    latest = pl.col(value).sort_by(quarter).last()
    rule = pl.col("_method").first()
    totals = counted.group_by(key).agg(
        pl.when(rule == "cumulative")
        .then(pl.col(value).sum())
        .when(rule == "mean")
        .then(pl.col(value).mean())
        .otherwise(latest)
        .alias("year_to_date"),
        pl.col(value).sum().alias("_sum"),
        pl.len().cast(pl.Int64).alias("quarters_reported"),
    )
    carried = [name for name in (numerator, denominator, scale) if name in frame.columns]
    keys = frame.unique(key, keep="first", maintain_order=True).select(key, "_method", *carried)
    result = keys.join(totals, on=key, how="left").with_columns(
        pl.col("quarters_reported").fill_null(0)
    )
    if (keys["_method"] == "ratio").any():
        result = _ratios(result, key=key, parts=(numerator, denominator, scale))
    return give_back(result.select(key, "year_to_date", "quarters_reported"))


def _check_quarters(frame: pl.DataFrame, quarter: str) -> None:
    flags = frame.select(~pl.col(quarter).is_in([1.0, 2.0, 3.0, 4.0]).fill_null(False)).to_series()
    if flags.any():
        row, count = int(flags.arg_max()), int(flags.sum())  # type: ignore[arg-type]
        raise ProgrammeFigureError(BAD_QUARTER.format(column=quarter, count=count, row=row))


def _ratios(result: pl.DataFrame, *, key: str, parts: tuple[str, str, str]) -> pl.DataFrame:
    """Replace each ratio row's year to date by its two indicators' sums' ratio, scaled."""
    numerator, denominator, scale = parts
    if numerator not in result.columns or denominator not in result.columns:
        raise ProgrammeFigureError(
            RATIO_COLUMNS.format(numerator=numerator, denominator=denominator)
        )
    sums = result.select(key, "_sum", "quarters_reported")
    for part in (numerator, denominator):
        unnamed = ~pl.col(part).is_in(result[key].implode()).fill_null(False)
        itself = (pl.col(part) == pl.col(key)).fill_null(False)
        bad = result.filter((pl.col("_method") == "ratio") & (unnamed | itself))
        if bad.height:
            row = bad.row(0, named=True)
            raise ProgrammeFigureError(
                NO_PARTS.format(key=key, code=row[key], part=part, named=row[part])
            )
    factor = pl.col(scale).cast(pl.Float64).fill_null(1.0) if scale in result.columns else 1.0
    joined = result.join(
        sums.rename({key: numerator, "_sum": "_top", "quarters_reported": "_top_n"}),
        on=numerator,
        how="left",
    ).join(
        sums.rename({key: denominator, "_sum": "_bottom", "quarters_reported": "_bottom_n"}),
        on=denominator,
        how="left",
    )
    ratio = pl.col("_method") == "ratio"
    divided = pl.when(pl.col("_bottom") != 0).then(pl.col("_top") / pl.col("_bottom") * factor)
    return joined.with_columns(
        pl.when(ratio).then(divided).otherwise(pl.col("year_to_date")).alias("year_to_date"),
        pl.when(ratio)
        .then(pl.min_horizontal("_top_n", "_bottom_n"))
        .otherwise(pl.col("quarters_reported"))
        .alias("quarters_reported"),
    )
