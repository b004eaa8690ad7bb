"""Sum small-area counts up an area hierarchy (LSOA → ward → district → county).

Counts and denominators add; rates and proportions do not, so statistics for larger
areas are computed afterwards from the summed counts by :mod:`marmot_monitor.methods`.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

MISSING_COLUMN = "{frame} has no column {column!r} (columns: {columns})"
CYCLE = "the area hierarchy has a cycle or is deeper than {depth} levels (from {code!r})"
MAX_DEPTH = 20


class AggregationError(ValueError):
    """The inputs cannot be aggregated as asked."""


def _require(frame: pl.DataFrame, name: str, columns: Sequence[str]) -> None:
    for column in columns:
        if column not in frame.columns:
            raise AggregationError(
                MISSING_COLUMN.format(frame=name, column=column, columns=", ".join(frame.columns))
            )


def ancestors(areas: pl.DataFrame) -> pl.DataFrame:
    """Every (``area_code``, ``ancestor_code``) pair, one per ancestor at any distance.

    ``areas`` needs ``code`` and ``parent_code`` (null at the top). The hierarchy is
    walked one level per step for all areas at once, so the work grows with its depth,
    not with the number of areas.

    Examples
    --------
    >>> areas = pl.DataFrame({"code": ["E", "R", "W"], "parent_code": [None, "E", "R"]})
    >>> ancestors(areas).sort("area_code", "ancestor_code").rows()
    [('R', 'E'), ('W', 'E'), ('W', 'R')]
    """
    _require(areas, "areas", ["code", "parent_code"])
    parents = areas.select(pl.col("code"), pl.col("parent_code").alias("next"))
    frontier = parents.rename({"code": "area_code", "next": "ancestor_code"}).drop_nulls()
    found = [frontier]
    for _ in range(MAX_DEPTH):
        frontier = (
            frontier.join(parents, left_on="ancestor_code", right_on="code")
            .select("area_code", pl.col("next").alias("ancestor_code"))
            .drop_nulls()
        )
        if frontier.is_empty():
            return pl.concat(found)
        found.append(frontier)
    raise AggregationError(CYCLE.format(depth=MAX_DEPTH, code=frontier["area_code"][0]))


def aggregate_to_ancestors(
    values: pl.DataFrame,
    areas: pl.DataFrame,
    *,
    keys: Sequence[str],
    sums: Sequence[str] = ("count", "denominator"),
) -> pl.DataFrame:
    """Sum ``sums`` of small-area rows into every ancestor of those areas.

    Parameters
    ----------
    values
        One row per small area and key, with ``area_code``, the ``keys`` and ``sums``.
    areas
        ``code`` and ``parent_code`` of every area.
    keys
        Columns that identify a value apart from its area (indicator, period, sex...).
    sums
        Additive columns. A row whose first sum (the count) is missing, as when it is
        suppressed, is left out of every sum, so its denominator does not dilute the rate,
        and is counted in ``small_areas_missing``.

    Returns
    -------
    polars.DataFrame
        ``area_code``, the ``keys``, the ``sums``, ``small_areas`` (rows summed) and
        ``small_areas_missing`` (rows whose first sum column was missing).
    """
    _require(values, "values", ["area_code", *keys, *sums])
    first = sums[0]
    return (
        values.join(ancestors(areas), on="area_code")
        .group_by(["ancestor_code", *keys])
        .agg(
            *[pl.col(column).filter(pl.col(first).is_not_null()).sum() for column in sums],
            pl.len().alias("small_areas"),
            pl.col(first).is_null().sum().alias("small_areas_missing"),
        )
        .rename({"ancestor_code": "area_code"})
        .sort(["area_code", *keys])
    )


def sum_into_groups(
    values: pl.DataFrame,
    members: pl.DataFrame,
    *,
    keys: Sequence[str],
    sums: Sequence[str] = ("count", "denominator"),
) -> pl.DataFrame:
    """Sum ``sums`` of member areas' rows into the local groups they belong to.

    Parameters
    ----------
    values
        One row per member area and key, with ``area_code``, the ``keys`` and ``sums``.
    members
        ``group_code`` and ``area_code``: each member in one group (a grouping set).
    keys
        Columns that identify a value apart from its area (indicator, period, sex...).
    sums
        Additive columns, summed over every member row found (missing cells count as 0 in
        the sum and are counted in ``members_incomplete``).

    Returns
    -------
    polars.DataFrame
        ``group_code``, the ``keys``, the ``sums``, ``members`` (the group's size),
        ``members_found`` (members with a row) and ``members_incomplete`` (rows with a sum
        missing). A group's sums describe the whole group only when every member was found
        and none was incomplete.

    Examples
    --------
    >>> values = pl.DataFrame({"area_code": ["A", "B", "C"], "period": [2023] * 3,
    ...     "count": [1, 2, 4], "denominator": [10, 20, 40]})
    >>> members = pl.DataFrame({"group_code": ["G", "G", "H"], "area_code": ["A", "B", "C"]})
    >>> sum_into_groups(values, members, keys=["period"]).select("group_code", "count").rows()
    [('G', 3), ('H', 4)]
    """
    _require(values, "values", ["area_code", *keys, *sums])
    _require(members, "members", ["group_code", "area_code"])
    sizes = members.group_by("group_code").agg(pl.len().alias("members"))
    incomplete = pl.any_horizontal([pl.col(column).is_null() for column in sums])
    return (
        values.join(members.select("group_code", "area_code"), on="area_code")
        .group_by(["group_code", *keys])
        .agg(
            *[pl.col(column).sum() for column in sums],
            pl.len().alias("members_found"),
            incomplete.sum().alias("members_incomplete"),
        )
        .join(sizes, on="group_code")
        .sort(["group_code", *keys])
    )
