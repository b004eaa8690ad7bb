"""Programme indicators against their annual targets: achieved, on track, off track, no target.

Programme officers report quarterly actuals against annual targets (seed 004: "485 ... (annual
target 777)" after two quarters). A cumulative target (people supported, referrals) is compared
pro rata with the quarters elapsed; a point-in-time target (a percentage, a rate) is compared
directly. Whether above or below the target is good comes from the indicator's polarity. Every
row says which rule gave its status.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from marmot_monitor.analysis._common import (
    AnalysisError,
    apply_terms,
    numeric,
    read_frame,
    require,
    term_mapping,
)

__all__ = ["STATUSES", "TargetError", "target_status"]

STATUSES = ("Achieved", "On track", "Off track", "No target", "Not yet reported")
TARGET_TYPE_TERMS = {
    "cumulative": "cumulative",
    "count": "cumulative",
    "point in time": "point",
    "point-in-time": "point",
    "snapshot": "point",
    "percentage": "point",
    "rate": "point",
}
TARGET_POLARITY_TERMS = {
    "high is good": "high",
    "higher is better": "high",
    "high": "high",
    "low is good": "low",
    "lower is better": "low",
    "low": "low",
    "": "missing",
    "no judgement": "missing",
}
NEEDS_DIRECTION = (
    "{column} must say whether high or low is good where there is a target ({count} rows do "
    "not, first at row {row})"
)
BAD_QUARTERS = (
    "{column} must be 1, 2, 3 or 4 where there is an actual ({count} rows are not, first at "
    "row {row})"
)
RULE_NO_TARGET = "no target set"
RULE_NOT_REPORTED = "no actual reported yet"
RULE_CUMULATIVE = (
    "cumulative, {polarity}: {actual} so far against {expected} expected after {quarters} of 4 "
    "quarters (annual target {target})"
)
RULE_POINT = (
    "point in time, {polarity}: {actual} against target {target} after {quarters} of 4 quarters"
)


class TargetError(AnalysisError):
    """Programme indicator rows that cannot be judged against their targets."""


def _text(expression: pl.Expr) -> pl.Expr:
    """A number as short text: 777.0 → "777", 388.5 → "388.5"."""
    return expression.round(2).cast(pl.String).str.replace(r"\.0$", "")


def _check(frame: pl.DataFrame, columns: dict[str, str]) -> None:
    has_target = pl.col("_target").is_not_null()
    checks = [
        (has_target & (pl.col("_direction") == "missing"), NEEDS_DIRECTION, columns["polarity"]),
        (
            has_target
            & pl.col("_actual").is_not_null()
            & ~pl.col("_quarters").is_in([1.0, 2.0, 3.0, 4.0]).fill_null(False),
            BAD_QUARTERS,
            columns["quarters"],
        ),
    ]
    for condition, message, column in checks:
        flags = frame.select(condition).to_series()
        if flags.any():
            row, count = int(flags.arg_max()), int(flags.sum())  # type: ignore[arg-type]
            raise TargetError(message.format(column=column, count=count, row=row))


def _status() -> pl.Expr:
    actual, target, quarters = pl.col("_actual"), pl.col("_target"), pl.col("_quarters")
    high, cumulative = pl.col("_direction") == "high", pl.col("_type") == "cumulative"
    expected = pl.col("expected_to_date")
    meets_now = pl.when(high).then(actual >= expected).otherwise(actual <= expected)
    meets_year = pl.when(high).then(actual >= target).otherwise(actual <= target)
    year_done = quarters == 4
    achieved = pl.when(cumulative & high).then(meets_year).otherwise(year_done & meets_year)
    return (
        pl.when(target.is_null())
        .then(pl.lit("No target"))
        .when(actual.is_null())
        .then(pl.lit("Not yet reported"))
        .when(achieved)
        .then(pl.lit("Achieved"))
        .when(~year_done & meets_now & (high | ~cumulative | (actual <= target)))
        .then(pl.lit("On track"))
        .otherwise(pl.lit("Off track"))
    )


def _rule() -> pl.Expr:
    polarity = (
        pl.when(pl.col("_direction") == "high")
        .then(pl.lit("high is good"))
        .otherwise(pl.lit("low is good"))
    )
    parts = {
        "polarity": polarity,
        "actual": _text(pl.col("_actual")),
        "expected": _text(pl.col("expected_to_date")),
        "quarters": _text(pl.col("_quarters")),
        "target": _text(pl.col("_target")),
    }
    cumulative = pl.format(
        RULE_CUMULATIVE.replace("{polarity}", "{}")
        .replace("{actual}", "{}")
        .replace("{expected}", "{}")
        .replace("{quarters}", "{}")
        .replace("{target}", "{}"),
        parts["polarity"],
        parts["actual"],
        parts["expected"],
        parts["quarters"],
        parts["target"],
    )
    point = pl.format(
        RULE_POINT.replace("{polarity}", "{}")
        .replace("{actual}", "{}")
        .replace("{target}", "{}")
        .replace("{quarters}", "{}"),
        parts["polarity"],
        parts["actual"],
        parts["target"],
        parts["quarters"],
    )
    return (
        pl.when(pl.col("_target").is_null())
        .then(pl.lit(RULE_NO_TARGET))
        .when(pl.col("_actual").is_null())
        .then(pl.lit(RULE_NOT_REPORTED))
        .when(pl.col("_type") == "cumulative")
        .then(cumulative)
        .otherwise(point)
    )


def target_status(
    data: Any,
    *,
    target: str = "target",
    actual: str = "year_to_date",
    quarters: str = "quarters_elapsed",
    target_type: str = "target_type",
    polarity: str = "polarity",
) -> Any:
    """Judge each programme indicator's year to date against its annual target.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per programme indicator and reporting period.
    target : str, default "target"
        The annual target (missing: no target, e.g. "N/A (one year project only)").
    actual : str, default "year_to_date"
        For cumulative targets the total so far this year; for point-in-time targets the
        latest value (a percentage, a rate).
    quarters : str, default "quarters_elapsed"
        Quarters of the target's year covered by the actual: 1 to 4.
    target_type : str, default "target_type"
        "Cumulative" (also "count") or "Point in time" (also "percentage", "rate", "snapshot").
    polarity : str, default "polarity"
        "High is good" (a floor to reach) or "Low is good" (a ceiling to stay under).

    Returns
    -------
    Same kind as ``data``
        Every input column and row, plus ``expected_to_date`` (target × quarters / 4 for
        cumulative targets, the target itself otherwise), ``progress`` (actual / target),
        ``status`` (one of :data:`STATUSES`) and ``rule`` (the comparison made, in words).

    Raises
    ------
    TargetError
        A row with a target but no direction, or an actual without a quarter from 1 to 4.

    Notes
    -----
    Cumulative, high is good: "Achieved" once the year to date reaches the annual target (even
    mid-year); otherwise "On track" if it reaches the pro-rata share, else "Off track" (and
    "Off track" at year end). Cumulative, low is good: "Achieved" at year end within the target,
    "Off track" once the target is exceeded or the pro-rata share is. Point in time: the value
    against the target directly; "On track" or "Off track" during the year, "Achieved" or
    "Off track" after the fourth quarter. No target → "No target"; no actual → "Not yet
    reported".

    Examples
    --------
    >>> import polars as pl
    >>> rows = pl.DataFrame({"target": [777.0, 1200.0, 6.3], "year_to_date": [485.0, 590.0, 6.4],
    ...     "quarters_elapsed": [2, 2, 2], "polarity": ["High is good"] * 2 + ["Low is good"],
    ...     "target_type": ["Cumulative", "Cumulative", "Percentage"]})
    >>> target_status(rows)["status"].to_list()
    ['On track', 'Off track', 'Off track']
    """
    frame, give_back = read_frame(data)
    columns = {"target": target, "actual": actual, "quarters": quarters, "polarity": polarity}
    require(frame, [*columns.values(), target_type])
    types = term_mapping(frame, target_type, TARGET_TYPE_TERMS | {"": "point"})
    directions = term_mapping(frame, polarity, TARGET_POLARITY_TERMS)
    frame = numeric(frame, [target, actual, quarters])
    work = frame.with_columns(
        pl.col(target).alias("_target"),
        pl.col(actual).alias("_actual"),
        pl.col(quarters).alias("_quarters"),
        apply_terms(target_type, types).alias("_type"),
        apply_terms(polarity, directions).alias("_direction"),
    )
    _check(work, columns)
    expected = pl.col("_target") * pl.col("_quarters") / 4
    work = work.with_columns(
        pl.when(pl.col("_type") == "cumulative")
        .then(expected)
        .otherwise(pl.col("_target"))
        .alias("expected_to_date"),
        (pl.col("_actual") / pl.col("_target")).alias("progress"),
    )
    work = work.with_columns(_status().alias("status"), _rule().alias("rule"))
    output = [*frame.columns, "expected_to_date", "progress", "status", "rule"]
    return give_back(work.select(output), keep_index=True)
