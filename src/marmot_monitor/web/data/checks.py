"""What only the database can tell about a file's rows: unknown indicators and areas.

Each check returns problems in the frame form of :mod:`marmot_monitor.io.problems`, one per
row, found by joins (never a query per row).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl

from marmot_monitor.io.areas import AREA_SCHEMA, empty_areas
from marmot_monitor.io.problems import empty_problems, gather, problems_where
from marmot_monitor.io.readings import Reading
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.areas import create_areas, stored_areas, unknown_areas

UNKNOWN_INDICATOR = "names an indicator the catalogue does not hold"
FIX_INDICATOR = (
    "import with --create-indicators to add it, or add it to the catalogue first "
    "(`marmot import indicators` with its Fingertips metadata)"
)
UNKNOWN_AREA = "names an area the database does not hold"
FIX_AREA = "load the area lookup first (marmot import lookup), or import with --create-areas"
CANNOT_CREATE = "names an area the database does not hold, and the file {reason}"
FIX_CANNOT_CREATE = "load the area lookup first (marmot import lookup), or leave these rows out"
NO_NAME = "gives no name to add it with"
NO_TYPE = (
    "has a code of a kind Marmot Monitor does not hold "
    "(not a country, region, local authority, ward, MSOA or LSOA)"
)
NO_VINTAGE = "gives no year for its boundaries"


@dataclass(frozen=True)
class Loader:
    """How one kind of file is read, checked against the database and stored."""

    kind: str
    read: Callable[..., Reading]
    check: Callable[..., Plan]
    store: Callable[..., Counts]
    # The ImportOptions fields ``check`` takes besides ``create_areas``.
    options: tuple[str, ...] = ()


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """Rows ready to store, the problems found, and the areas to add first."""

    rows: pl.DataFrame
    problems: list[pl.DataFrame]
    new_areas: pl.DataFrame = field(default_factory=empty_areas)
    area_column: str = "area_code"
    # Indicators to add first (create_indicators): one row each, as web.data.indicators plans.
    new_indicators: pl.DataFrame | None = None

    def create_areas(self, rows: pl.DataFrame) -> int:
        """Add the new areas the rows to be written name."""
        if self.new_areas.is_empty():
            return 0
        used = self.new_areas.filter(pl.col("code").is_in(rows[self.area_column].implode()))
        parents = self.new_areas.filter(pl.col("code").is_in(used["parent_code"].implode()))
        return create_areas(pl.concat([parents, used]).unique("code", maintain_order=True))


def indicator_codes(rows: pl.DataFrame, *, label: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Add ``indicator_code`` (matched by code, else by Fingertips ID) and its ``value_type``."""
    catalogue = pl.DataFrame(
        list(Indicator.objects.values_list("code", "fingertips_id", "value_type")),
        schema={"indicator_code": pl.String, "fingertips_id": pl.Int64, "value_type": pl.String},
        orient="row",
    )
    keys = pl.concat(
        [
            catalogue.select(
                pl.col("indicator_code").alias("indicator"), "indicator_code", "value_type"
            ),
            catalogue.filter(pl.col("fingertips_id").is_not_null()).select(
                pl.col("fingertips_id").cast(pl.String).alias("indicator"),
                "indicator_code",
                "value_type",
            ),
        ]
    ).unique("indicator", keep="first")
    matched = rows.join(keys, on="indicator", how="left")
    problems = problems_where(
        matched,
        pl.col("indicator_code").is_null() & pl.col("indicator").is_not_null(),
        column=label,
        value=pl.col("indicator"),
        rule=UNKNOWN_INDICATOR,
        fix=FIX_INDICATOR,
    )
    return matched, problems


def area_codes(
    rows: pl.DataFrame,
    reading: Reading,
    *,
    create: bool,
    column: str = "area_code",
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Problems for rows naming unknown areas, and the areas to add (with ``create``)."""
    stored = stored_areas().select("code")
    unknown = rows.join(stored, left_on=column, right_on="code", how="anti").filter(
        pl.col(column).is_not_null()
    )
    label = reading.label(column)
    if unknown.is_empty():
        return empty_areas(), empty_problems()
    if not create:
        problem = problems_where(
            unknown,
            pl.col(column).is_not_null(),
            column=label,
            value=pl.col(column),
            rule=UNKNOWN_AREA,
            fix=FIX_AREA,
        )
        return empty_areas(), problem
    candidates = unknown_areas(reading.areas, stored)
    reason = (
        pl.when(pl.col("name").is_null())
        .then(pl.lit(NO_NAME))
        .when(pl.col("area_type").is_null())
        .then(pl.lit(NO_TYPE))
        .when(pl.col("vintage").is_null())
        .then(pl.lit(NO_VINTAGE))
    )
    judged = candidates.with_columns(reason.alias("reason"))
    unnamed = unknown.join(judged, left_on=column, right_on="code", how="anti")
    refused = pl.concat(
        [
            unknown.join(
                judged.filter(pl.col("reason").is_not_null()).select("code", "reason"),
                left_on=column,
                right_on="code",
            ),
            unnamed.with_columns(pl.lit(NO_NAME).alias("reason")),
        ]
    )
    problems = gather(
        problems_where(
            refused,
            pl.col("reason") == text,
            column=label,
            value=pl.col(column),
            rule=CANNOT_CREATE.format(reason=text),
            fix=FIX_CANNOT_CREATE,
        )
        for text in (NO_NAME, NO_TYPE, NO_VINTAGE)
    )
    creatable = judged.filter(pl.col("reason").is_null()).select(list(AREA_SCHEMA))
    return creatable, problems
