"""Who a service reaches: service users per 1,000 residents by IMD decile or quintile.

Coventry's Job Shop is universal but uses the IMD "to inform its outreach strategy, targeting
interventions where they are needed most". :func:`reach_by_deprivation` checks that: from the
number of service users living in each LSOA (and, optionally, each period) and the place's
LSOAs with their **national** IMD deciles and residents, it gives for each period:

- ``by_quantile``: users, residents and **reach per 1,000 residents** in each decile (1 = most
  deprived) or quintile, with 95% and 99.8% confidence intervals: a crude rate with Byar's
  limits (exact Poisson below 10 users), :func:`marmot_monitor.methods.crude_rate`, so the same
  formula as every other rate;
- ``core20``: the share of users living in Core20 areas (deciles 1 and 2, the most deprived
  20% of LSOAs in England) with its Wilson 95% interval
  (:func:`marmot_monitor.methods.proportion`), against Core20's share of the residents;
- ``sii``: the slope index of inequality of the reach rate
  (:func:`marmot_monitor.methods.sii`, PHE method; each rate's standard error from its 95%
  limits on the rate's own scale, so a quantile without users still counts). **Positive: the
  service reaches more people per 1,000 in the most deprived areas** (the proportionate
  universalism aim); it is not calculated, and says why, when a quantile has no residents.

Residents are one set of populations for every period (the latest the place holds): reach
over time is the users of each period per 1,000 of those residents.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from marmot_monitor.analysis._common import AnalysisError, numeric, read_frame, require
from marmot_monitor.analysis.deprivation import core20_share, in_core20
from marmot_monitor.methods import MethodsWarning, crude_rate, proportion, sii

__all__ = ["ALL_PERIODS", "BY", "SII_SIGN", "Reach", "ReachError", "reach_by_deprivation"]

BY = {"decile": 10, "quintile": 5}
PER = 1000
ALL_PERIODS = "All"
SII_SIGN = (
    "positive: more users per 1,000 residents in the most deprived areas than in the least; "
    "negative: fewer"
)
BAD_BY = "reach is shown by 'decile' or 'quintile' (got {value!r})"
UNKNOWN_LSOA = (
    "{count} rows name an LSOA that is not among the place's LSOAs with an IMD decile and "
    "residents (first: {code!r}, row {row}): check the code, or load the lookup, IMD file and "
    "populations that hold it"
)
NEGATIVE_USERS = (
    "users must be a whole number of zero or more ({count} rows are not, first at row {row}: "
    "{value!r})"
)
NO_USERS = "there are no service users to count: the file has no rows with users above zero"
NO_RESIDENTS = "{quantile} {number} has no residents in the place"
SII_NOT_CALCULATED = "SII not calculated: {reason}"


class ReachError(AnalysisError):
    """Service users or residents that cannot be counted (a :class:`ValueError`)."""


@dataclass(frozen=True)
class Reach:
    """The reach of a service: ``by_quantile``, ``core20`` and ``sii`` (one row per period),
    and ``by`` ("decile" or "quintile")."""

    by: str
    by_quantile: pl.DataFrame
    core20: pl.DataFrame
    sii: pl.DataFrame


def _checked(users: pl.DataFrame, lsoas: pl.DataFrame) -> pl.DataFrame:
    require(users, ["lsoa_code", "users"], "service users")
    require(lsoas, ["lsoa_code", "imd_decile", "population"], "LSOAs")
    if "row" not in users.columns:
        users = users.with_columns(pl.int_range(2, users.height + 2, dtype=pl.Int64).alias("row"))
    if "period" not in users.columns:
        users = users.with_columns(pl.lit(ALL_PERIODS).alias("period"))
    users = numeric(users, ["users"])
    bad = users.filter(
        pl.col("users").is_null() | (pl.col("users") < 0) | (pl.col("users") % 1 != 0)
    )
    if bad.height:
        raise ReachError(
            NEGATIVE_USERS.format(count=bad.height, row=bad["row"][0], value=bad["users"][0])
        )
    known = lsoas["lsoa_code"].implode()
    unknown = users.filter(~pl.col("lsoa_code").is_in(known))
    if unknown.height:
        raise ReachError(
            UNKNOWN_LSOA.format(
                count=unknown.height, code=unknown["lsoa_code"][0], row=unknown["row"][0]
            )
        )
    if users["users"].sum() <= 0:
        raise ReachError(NO_USERS)
    return users.with_columns(pl.col("period").cast(pl.String))


def _quantiles(lsoas: pl.DataFrame, by: str) -> pl.DataFrame:
    lsoas = numeric(lsoas, ["imd_decile", "population"])
    decile = pl.col("imd_decile").cast(pl.Int64)
    quantile = decile if by == "decile" else (decile + 1) // 2
    return lsoas.select("lsoa_code", quantile.alias("quantile"), "population", decile.alias("d"))


def _by_quantile(users: pl.DataFrame, lsoas: pl.DataFrame, count: int) -> pl.DataFrame:
    residents = lsoas.group_by("quantile").agg(pl.col("population").sum())
    periods = users.select("period").unique(maintain_order=True)
    grid = periods.join(pl.DataFrame({"quantile": np.arange(1, count + 1)}), how="cross")
    counted = (
        users.join(lsoas, on="lsoa_code").group_by("period", "quantile").agg(pl.col("users").sum())
    )
    frame = (
        grid.join(counted, on=["period", "quantile"], how="left", maintain_order="left")
        .join(residents, on="quantile", how="left", maintain_order="left")
        .with_columns(pl.col("users").fill_null(0), pl.col("population").fill_null(0))
    )
    lived = frame.filter(pl.col("population") > 0)
    rates = crude_rate(lived, count="users", denominator="population", multiplier=PER)
    rates = rates.select(
        "period",
        "quantile",
        pl.col("value").alias("reach"),
        *(f"{end}_ci_{level}" for level in ("95", "99_8") for end in ("lower", "upper")),
    )
    return frame.join(rates, on=["period", "quantile"], how="left", maintain_order="left")


def _core20(users: pl.DataFrame, lsoas: pl.DataFrame) -> pl.DataFrame:
    share_residents = core20_share(lsoas, "population", decile="d")
    counted = (
        users.join(lsoas, on="lsoa_code")
        .group_by("period", maintain_order=True)
        .agg(
            pl.col("users").filter(in_core20("d")).sum().alias("core20_users"),
            pl.col("users").sum(),
        )
        .filter(pl.col("users") > 0)
    )
    shares = proportion(
        counted, numerator="core20_users", denominator="users", confidence=0.95, multiplier=100
    )
    return shares.select(
        "period",
        "core20_users",
        "users",
        pl.col("value").alias("user_share"),
        pl.col("lower_ci_95").alias("user_share_lower_ci_95"),
        pl.col("upper_ci_95").alias("user_share_upper_ci_95"),
        pl.lit(share_residents).alias("resident_share"),
    )


def _sii(by_quantile: pl.DataFrame, by: str, count: int) -> pl.DataFrame:
    periods = by_quantile.select("period").unique(maintain_order=True)
    empty = by_quantile.filter(pl.col("population") <= 0)["quantile"].unique().sort()
    if empty.len():
        reason = ", ".join(
            NO_RESIDENTS.format(quantile=by, number=number) for number in empty.to_list()
        )
        return periods.with_columns(
            *(pl.lit(None, pl.Float64).alias(c) for c in ("sii", "lower_ci_95", "upper_ci_95")),
            pl.lit(SII_NOT_CALCULATED.format(reason=reason)).alias("note"),
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MethodsWarning)
        result = sii(
            by_quantile,
            quantile="quantile",
            population="population",
            value="reach",
            value_type="normal",
            multiplier=-1,
            lower_ci="lower_ci_95",
            upper_ci="upper_ci_95",
            group_by="period",
            confidence=0.95,
            rii=False,
            seed=2026,
        )
    return periods.join(
        result.select(
            "period",
            "sii",
            pl.col("sii_lower_ci_95").alias("lower_ci_95"),
            pl.col("sii_upper_ci_95").alias("upper_ci_95"),
            pl.col("value_note").cast(pl.String).alias("note"),
        ),
        on="period",
        how="left",
        maintain_order="left",
    )


def reach_by_deprivation(users: Any, lsoas: Any, *, by: str = "decile") -> Reach:
    """Reach per 1,000 residents by national IMD decile or quintile, Core20 and the SII.

    Parameters
    ----------
    users : pandas or polars DataFrame
        ``lsoa_code`` and ``users`` (a whole number of zero or more), optionally ``period``
        (one reach per period, in the order first given) and ``row`` (the file's row, for
        messages). Rows of the same LSOA and period are added up.
    lsoas : pandas or polars DataFrame
        The place's LSOAs: ``lsoa_code``, ``imd_decile`` (national, 1 = most deprived) and
        ``population``.
    by : {"decile", "quintile"}

    Returns
    -------
    Reach
        polars frames; see the module's description. Quintile 1 is deciles 1 and 2.

    Examples
    --------
    >>> lsoas = pl.DataFrame({"lsoa_code": [f"L{d}" for d in range(1, 11)],
    ...     "imd_decile": list(range(1, 11)), "population": [2000.0] * 10})
    >>> users = pl.DataFrame({"lsoa_code": ["L1", "L2", "L9"], "users": [80, 40, 10]})
    >>> reach = reach_by_deprivation(users, lsoas, by="quintile")
    >>> reach.by_quantile["reach"].to_list()
    [30.0, 0.0, 0.0, 0.0, 2.5]
    >>> round(reach.core20["user_share"][0], 1), reach.core20["resident_share"][0]
    (92.3, 20.0)
    """
    if by not in BY:
        raise ReachError(BAD_BY.format(value=by))
    frame, _ = read_frame(users, "service users")
    places, _ = read_frame(lsoas, "LSOAs")
    require(places, ["lsoa_code", "imd_decile", "population"], "LSOAs")
    checked = _checked(frame, places)
    quantiles = _quantiles(places, by)
    by_quantile = _by_quantile(checked, quantiles, BY[by])
    return Reach(
        by=by,
        by_quantile=by_quantile,
        core20=_core20(checked, quantiles),
        sii=_sii(by_quantile, by, BY[by]),
    )
