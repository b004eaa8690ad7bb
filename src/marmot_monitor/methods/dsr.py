"""Directly standardised rates (DSRs) with Dobson confidence intervals.

The European Standard Population 2013 (19 five-year bands to 90+) is shipped as
:data:`ESP2013`; any other standard population can be given as a column or by position.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import polars as pl
import pyarrow.compute as pc

from ._frames import Labels, Table, format_multiplier, interval_columns, read_table
from ._validation import (
    MethodsError,
    SmallNumberWarning,
    check_confidence,
    check_greater_than,
    check_multiplier,
    check_not_negative,
    check_present,
)
from .confidence import dobson_lower_upper

__all__ = ["ESP2013", "dsr", "esp2013_weights"]

_ESP2013_WEIGHTS: tuple[int, ...] = (5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000)
_ESP2013_WEIGHTS += (7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000)

#: European Standard Population 2013 by age band, as used by OHID (Eurostat 2013, table 3.1).
ESP2013 = MappingProxyType(
    {
        f"{start}-{start + 4}" if start < 90 else "90+": weight
        for start, weight in zip(range(0, 95, 5), _ESP2013_WEIGHTS, strict=True)
    }
)

MINIMUM_COUNT = 10
SUPPRESSED_NOTE = "DSR not calculated: total count < 10"
SUPPRESSED_WARNING = "{count} of {total} DSRs not calculated because the total count is < 10"
UNKNOWN_BAND = (
    "{column} value {label!r} is not an ESP 2013 age band (0-4, 5-9, ..., 85-89, 90+) "
    "(first at row {row}); pass standard_population for other bands"
)
NEEDS_AGE_BAND = "age_band is required when event_frequency is given"
METHOD = "Dobson"
METHOD_NON_INDEPENDENT = "Dobson, with confidence adjusted for non-independent events"

_RANGE = re.compile(r"^\D*?(\d+)\s*(?:-|to|–)\s*(\d+)\D*$")
_OPEN = re.compile(r"^\D*?(\d+)\s*(?:\+|plus|and over|or over|and above)\s*$")


def _band_weight(label: str) -> float | None:
    text = label.strip().lower()
    closed, open_ended = _RANGE.match(text), _OPEN.match(text)
    if closed and int(closed[1]) % 5 == 0 and int(closed[2]) == int(closed[1]) + 4 < 90:
        return list(ESP2013.values())[int(closed[1]) // 5]
    if open_ended and int(open_ended[1]) == 90:
        return ESP2013["90+"]
    return None


def esp2013_weights(age_band: Any, *, column: str = "age_band") -> np.ndarray:
    """Map age-band labels to ESP 2013 weights.

    Parameters
    ----------
    age_band : array-like of str
        Labels such as ``"0-4"``, ``"05-09"``, ``"5 to 9"``, ``"Aged 85-89"``, ``"90+"``.
    column : str, default "age_band"
        The name used in error messages.

    Returns
    -------
    numpy.ndarray
        The weight of each label. Distinct labels are parsed once, so this is fast on millions
        of rows.

    Raises
    ------
    MethodsError
        A label that is not one of the 19 bands, or a missing label.

    Notes
    -----
    A label is a range ``a-b``, ``a to b`` or ``a–b`` with ``a`` a multiple of 5 below 90 and
    ``b = a + 4`` (leading zeros and words such as "Aged" are ignored), or ``90+``, ``90 plus``,
    ``90 and over``. Each distinct label is parsed once.

    References
    ----------
    .. [1] Eurostat. Revision of the European Standard Population, 2013 edition.

    Examples
    --------
    >>> esp2013_weights(["0-4", "05-09", "90+"])
    array([5000., 5500., 1000.])
    """
    if isinstance(age_band, pl.Series):
        series = age_band.cast(pl.String)
    else:
        series = pl.Series(column, np.asarray(age_band, dtype=object)).cast(pl.String)
    encoded = pc.dictionary_encode(series.to_arrow())  # distinct labels in order of appearance
    weights = [_band_weight(label) for label in encoded.dictionary.to_pylist()]
    for label, weight in zip(encoded.dictionary.to_pylist(), weights, strict=True):
        if weight is None:
            row = int((series == label).arg_max())
            raise MethodsError(UNKNOWN_BAND.format(column=column, label=label, row=row))
    if series.null_count():
        check_present(np.where(series.is_null().to_numpy(), np.nan, 0.0), column)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    return np.asarray(weights, dtype=float)[codes]


def _standard_weights(table: Table, standard_population: Any) -> np.ndarray:
    if "standard_population" in table.names:
        weights = table.numeric("standard_population")
    elif standard_population is None and "age_band" in table.names:
        band = table.frame.get_column(table.names["age_band"])
        return esp2013_weights(band, column=table.names["age_band"])
    else:
        vector = list(ESP2013.values()) if standard_population is None else standard_population
        weights = table.by_position(vector, "standard_population")
    check_present(weights, table.names.get("standard_population", "standard_population"))
    check_not_negative(weights, table.names.get("standard_population", "standard_population"))
    return weights


def dsr(
    data: Any = None,
    *,
    count: Any,
    population: Any,
    age_band: Any = None,
    standard_population: Any = None,
    group_by: Any = None,
    event_frequency: Any = None,
    confidence: float | Sequence[float] = (0.95, 0.998),
    multiplier: float = 100_000,
) -> Any:
    """Directly standardised rates with Dobson confidence intervals.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame, mapping of arrays, or None
        One row per group and standardisation band (per band and event frequency when
        ``event_frequency`` is given).
    count : str or array-like
        Events in the band, ``>= 0``. Missing counts are taken as 0, as in the reference package.
        With ``event_frequency``, the number of people who had that many events.
    population : str or array-like
        Population of the band, ``> 0`` and never missing.
    age_band : str or array-like, optional
        Band labels. Without ``standard_population`` they select the ESP 2013 weight of each row.
    standard_population : str, sequence of float, or None
        A column of standard populations, or a sequence matched by position to the rows of every
        group (each group must then have that many rows, in band order). ``None`` means ESP
        2013, by ``age_band`` label when given, otherwise by position (19 rows per group).
    group_by : str, sequence of str, or array-like, optional
        Group keys; without them all rows make one DSR.
    event_frequency : str or array-like, optional
        Events per person. Giving it selects the variant for non-independent events: the DSR
        is unchanged, its variance is ``Σ_f f² · var_f`` over the frequencies ``f``.
    confidence : float or sequence of float, default (0.95, 0.998)
        Level(s) in [0.9, 1).
    multiplier : float, default 100,000
        Rate per this many people.

    Returns
    -------
    Same kind as ``data``
        Group keys, ``total_count``, ``total_population``, ``value``, ``lower_ci_<level>`` and
        ``upper_ci_<level>`` per level, ``confidence``, ``statistic`` ("dsr per 100,000"),
        ``method`` ("Dobson") and ``value_note`` (why a value is blank, else missing).

    Warns
    -----
    SmallNumberWarning
        When any group has a total count below 10; its value and limits are blank.

    Notes
    -----
    ``DSR = Σ(wᵢxᵢ/nᵢ) / Σwᵢ × m`` and ``var = Σ(xᵢ(wᵢ/nᵢ)²) / (Σwᵢ)²``; the limits are
    ``DSR + √(var/O) · (O_limit − O) · m`` where ``O = Σxᵢ`` and ``O_limit`` is its Byar's limit
    (exact Poisson below 10). Groups with ``O < 10`` are not calculated.

    References
    ----------
    .. [1] Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence intervals for weighted sums
       of Poisson parameters. Stat Med 1991;10:457-462.
    .. [2] OHID. Public Health Technical Guidance: directly standardised rates.
    .. [3] PHEindicatormethods ``calculate_dsr``; PHStatsMethods ``ph_dsr``.

    Examples
    --------
    >>> import polars as pl
    >>> bands = list(ESP2013)
    >>> frame = pl.DataFrame({"area": ["A"] * 19, "age": bands, "deaths": [5] * 19,
    ...                       "people": [1000] * 19})
    >>> result = dsr(frame, count="deaths", population="people", age_band="age", group_by="area")
    >>> result.select("area", "total_count", "value").to_dicts()
    [{'area': 'A', 'total_count': 95.0, 'value': 500.0}]
    """
    levels, _ = check_confidence(confidence)
    multiplier = check_multiplier(multiplier)
    standard_column = standard_population if isinstance(standard_population, str) else None
    table = read_table(
        data,
        count=count,
        population=population,
        age_band=age_band,
        standard_population=standard_column,
        event_frequency=event_frequency,
        group_by=group_by,
    )
    x = np.nan_to_num(table.numeric("count"), nan=0.0)
    n = table.numeric("population")
    check_not_negative(x, table.names["count"])
    check_present(n, table.names["population"])
    check_greater_than(n, table.names["population"])
    weights = _standard_weights(table, standard_population if standard_column is None else None)
    if "event_frequency" in table.names:
        keys, totals = _non_independent(table, x, n, weights)
    else:
        keys, totals = table.sums(
            {"x": x, "n": n, "w": weights, "wx": x * weights / n, "sq": x * (weights / n) ** 2}
        )
        totals["variance"] = totals["sq"] / totals["w"] ** 2
    return _dsr_output(table, keys, totals, levels, multiplier)


def _non_independent(
    table: Table, persons: np.ndarray, n: np.ndarray, weights: np.ndarray
) -> tuple[pl.DataFrame, dict[str, np.ndarray]]:
    """Sums for the non-independent events variant (one row per band and frequency)."""
    if "age_band" not in table.names:
        raise MethodsError(NEEDS_AGE_BAND)
    frequency = table.numeric("event_frequency")
    check_present(frequency, table.names["event_frequency"])
    events = persons * frequency
    band = table.names["age_band"]
    frame = table.frame.select([*table.keys, band]).with_columns(
        pl.Series("_f", frequency),
        pl.Series("x", events),
        pl.Series("n", n),
        pl.Series("w", weights),
        pl.Series("wx", events * weights / n),
        pl.Series("sq", persons * (weights / n) ** 2),
    )
    by_frequency = frame.group_by([*table.keys, "_f"]).agg(pl.col("sq", "w").sum())
    by_frequency = by_frequency.select(
        *table.keys, (pl.col("sq") / pl.col("w") ** 2 * pl.col("_f") ** 2).alias("variance")
    )
    bands = frame.unique([*table.keys, band]).select(*table.keys, "n", "w")
    parts = [
        _sum_by(frame.select(*table.keys, "x", "wx"), table.keys),
        _sum_by(bands, table.keys),
        _sum_by(by_frequency, table.keys),
    ]
    if table.keys:
        totals = parts[0].join(parts[1], on=table.keys).join(parts[2], on=table.keys)
        totals = totals.sort(table.keys, nulls_last=True)
        keys = totals.select(table.keys)
    else:
        totals, keys = pl.concat(parts, how="horizontal"), pl.DataFrame()
    return keys, {
        name: totals.get_column(name).to_numpy() for name in ("x", "n", "w", "wx", "variance")
    }


def _sum_by(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    values = [column for column in frame.columns if column not in keys]
    if not keys:
        return frame.select(pl.col(values).sum())
    return frame.group_by(keys).agg(pl.col(values).sum())


def _dsr_output(
    table: Table,
    keys: pl.DataFrame,
    totals: dict[str, np.ndarray],
    levels: tuple[float, ...],
    multiplier: float,
) -> Any:
    total = totals["x"]
    value = totals["wx"] / totals["w"]
    lower, upper = dobson_lower_upper(total, value, totals["variance"], levels)
    small = total < MINIMUM_COUNT
    blank = np.where(small, np.nan, multiplier)
    columns = {
        "total_count": total,
        "total_population": totals["n"],
        **interval_columns(value * blank, lower * blank, upper * blank, levels),
    }
    columns["statistic"] = Labels.constant(f"dsr per {format_multiplier(multiplier)}", len(total))
    method = METHOD_NON_INDEPENDENT if "event_frequency" in table.names else METHOD
    columns["method"] = Labels.constant(method, len(total))
    columns["value_note"] = Labels(np.where(small, 0, -1).astype(np.int8), [SUPPRESSED_NOTE])
    if small.any():
        warnings.warn(
            SUPPRESSED_WARNING.format(count=int(small.sum()), total=len(total)),
            SmallNumberWarning,
            stacklevel=3,
        )
    return table.output(keys, columns)
