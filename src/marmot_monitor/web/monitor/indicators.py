"""One indicator for one area: its trend over time, and its gradient by deprivation.

Shared by ``marmot trend`` and ``marmot inequality`` (and the indicator pages): read the
database into frames, then let :mod:`marmot_monitor.analysis` apply the official rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from marmot_monitor.analysis.aggregation import ancestors
from marmot_monitor.analysis.compare import compare_to_benchmark
from marmot_monitor.analysis.deprivation import values_by_deprivation
from marmot_monitor.analysis.inequality import inequality_by_deprivation
from marmot_monitor.analysis.trend import recent_trend
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.frames import area_frame, value_frame
from marmot_monitor.web.data.models import AreaDeprivation, Population
from marmot_monitor.web.monitor.queries import default_framework
from marmot_monitor.web.places.models import Area

UNKNOWN_INDICATOR = "no indicator has the code {code!r}: `marmot rug` lists them by title"
UNKNOWN_AREA = "no area has the code {code!r}: check the code, or import the area lookup"
NO_AREA = "give --area, or set the framework's place (run `marmot demo` to see one)"
NO_VALUES = "{indicator} has no values for {area}{sex}: import them first"
NO_SMALL_AREAS = (
    "{indicator} has no small-area values with deprivation deciles in {area}: import LSOA "
    "values and the Indices of Deprivation first"
)
SIMULATIONS, SIMULATION_SEED = 10_000, 1


class IndicatorUnavailableError(ValueError):
    """The database does not hold what is needed; the message says what to load."""


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    area: Area
    frame: pl.DataFrame
    summary: pl.DataFrame


def _indicator(code: str) -> Indicator:
    found = Indicator.objects.filter(code=code).first()
    if found is None:
        raise IndicatorUnavailableError(UNKNOWN_INDICATOR.format(code=code))
    return found


def _area(code: str | None) -> Area:
    if code is None:
        framework = default_framework()
        if framework is None or framework.place is None:
            raise IndicatorUnavailableError(NO_AREA)
        return framework.place
    found = Area.objects.filter(code=code).first()
    if found is None:
        raise IndicatorUnavailableError(UNKNOWN_AREA.format(code=code))
    return found


def _metadata(indicator: Indicator) -> dict:
    return {
        "polarity": indicator.polarity,
        "benchmark_method": indicator.benchmark_method,
        "value_type": indicator.value_type,
        "multiplier": indicator.multiplier,
    }


def indicator_trend(code: str, *, area: str | None = None, sex: str = "Persons") -> IndicatorView:
    """Every period of the indicator for the area, compared with England, and its trend.

    ``frame`` has the area's rows and England's (and the parent's), each with ``comparison``
    against England; ``summary`` is the Fingertips recent trend of the area's series.
    """
    indicator, place = _indicator(code), _area(area)
    england = Area.objects.filter(area_type__code="country").order_by("code").first()
    codes = [place.code, *([place.parent.code] if place.parent_id else [])]
    codes += [england.code] if england else []
    values = value_frame(indicators=[code], areas=codes).filter(pl.col("sex") == sex)
    if values.filter(pl.col("area_code") == place.code).is_empty():
        shown = "" if sex == "Persons" else f" ({sex.lower()})"
        raise IndicatorUnavailableError(
            NO_VALUES.format(indicator=indicator.title, area=place.name, sex=shown)
        )
    values = values.with_columns(**{k: pl.lit(v) for k, v in _metadata(indicator).items()})
    compared = compare_to_benchmark(
        values, benchmark=england.code if england else place.code, benchmark_name="England"
    )
    names = area_frame(codes).select("area_code", "area_name")
    frame = compared.join(names, on="area_code").sort("area_code", "period")
    series = frame.filter(pl.col("area_code") == place.code)
    summary = recent_trend(series, keys=["indicator", "area_code", "sex", "age"])
    return IndicatorView(indicator, place, frame, summary)


def indicator_inequality(
    code: str, *, area: str | None = None, quantiles: int = 10
) -> IndicatorView:
    """The indicator by IMD decile (or quintile) within the area, summed from its LSOAs.

    ``frame`` has a row per period and quantile; ``summary`` the SII, RII and gap per period.
    """
    indicator, place = _indicator(code), _area(area)
    small = _small_area_rows(indicator, place)
    if small.is_empty():
        raise IndicatorUnavailableError(
            NO_SMALL_AREAS.format(indicator=indicator.title, area=place.name)
        )
    by_quantile = values_by_deprivation(
        small, decile="imd_decile", quantiles=quantiles, keys=["indicator", "sex", "age", "period"]
    ).with_columns(pl.lit(indicator.value_type).alias("value_type"))
    by_quantile = by_quantile.with_columns(pl.lit(float(indicator.multiplier)).alias("multiplier"))
    summary = inequality_by_deprivation(
        by_quantile,
        keys=["indicator", "sex", "age", "period"],
        repetitions=SIMULATIONS,
        seed=SIMULATION_SEED,
    )
    return IndicatorView(indicator, place, by_quantile, summary)


def _small_area_rows(indicator: Indicator, place: Area) -> pl.DataFrame:
    """LSOA counts in the place with each LSOA's latest IMD decile and its population."""
    areas = area_frame().rename({"area_code": "code"})
    below = ancestors(areas).filter(pl.col("ancestor_code") == place.code)["area_code"]
    lsoas = areas.filter(pl.col("code").is_in(below.implode()), pl.col("area_type") == "lsoa")
    codes = lsoas["code"].to_list()
    values = value_frame(indicators=[indicator.code], areas=codes)
    deciles = pl.DataFrame(
        list(
            AreaDeprivation.objects.filter(area__code__in=codes)
            .order_by("area__code", "-index")
            .values_list("area__code", "decile")
        ),
        schema={"area_code": pl.String, "imd_decile": pl.Int64},
        orient="row",
    ).unique("area_code", keep="first")
    people = pl.DataFrame(
        list(
            Population.objects.filter(area__code__in=codes).values_list(
                "area__code", "year", "count"
            )
        ),
        schema={"area_code": pl.String, "year": pl.Int64, "population": pl.Float64},
        orient="row",
    )
    people = people.group_by("area_code", "year").agg(pl.col("population").sum())
    rows = values.with_columns(pl.col("period").dt.year().cast(pl.Int64).alias("year"))
    rows = rows.join(deciles, on="area_code").join(people, on=["area_code", "year"], how="left")
    return rows.filter(pl.col("count").is_not_null(), pl.col("population").is_not_null()).select(
        "indicator",
        "area_code",
        "sex",
        "age",
        pl.col("period_label").alias("period"),
        "count",
        "denominator",
        "population",
        "imd_decile",
        pl.lit(indicator.value_type).alias("value_type"),
        pl.lit(float(indicator.multiplier)).alias("multiplier"),
    )
