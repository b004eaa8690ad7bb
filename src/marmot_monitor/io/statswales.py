"""StatsWales tables as tidy values (docs/importing.md#statswales-tables).

StatsWales publishes Welsh statistics (and many of Public Health Wales's) as tables with one
value per row and a column or columns per dimension. Two layouts are read:

- **the OData feed's** (open.statswales.gov.wales, read by statswalesr and most scripts, and
  saved as CSV): ``Data``, and for each dimension ``<Dim>_Code``, ``<Dim>_ItemName_ENG``,
  ``<Dim>_SortOrder``, ``<Dim>_Hierarchy`` and ``<Dim>_ItemNotes_ENG``; an area dimension
  also has ``Area_AltCode1``, the area's ONS code; ``RowKey`` and ``PartitionKey``.
- **the StatsWales service's downloads** (2025 on): a column per dimension named by the
  dataset (``Area``, ``Year``...), ``Data description`` (the measure), ``Data values`` and
  ``Notes``. Areas must be ONS codes (the download's reference codes).

:func:`tidy_statswales` turns either into a :class:`~marmot_monitor.io.tables.Table` with our
tidy value columns, for :func:`marmot_monitor.io.values.read_values` to check as any other
file: the area's ONS code; the period from the year's label (``2022-23`` is the financial
year 2022/23, ``2020-22`` the three years 2020 to 2022); sex and age from dimensions so named;
the measure dimension's items spread into value, limits, count and denominator by their names;
every other dimension chosen with ``where`` ({dimension: item}) unless it has one item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from marmot_monitor.io.problems import InvalidFileError
from marmot_monitor.io.tables import Table, column_key

ODATA_ITEM = "_ItemName_ENG"
SERVICE_VALUE, SERVICE_MEASURE, SERVICE_NOTES = "Data values", "Data description", "Notes"
AREA_CODE = re.compile(r"^[A-Z]\d{8}$")  # an ONS code (E, W...; X for Fairshire)
PERIOD_DIMENSIONS = {"year", "years", "period", "timeperiod", "date", "financialyear"}
SEX_DIMENSIONS = {"sex", "gender"}
AGE_DIMENSIONS = {"age", "agegroup", "ageband"}
SEXES = {
    "male": "Male",
    "males": "Male",
    "female": "Female",
    "females": "Female",
    "persons": "Persons",
    "allpersons": "Persons",
    "people": "Persons",
    "all": "Persons",
    "total": "Persons",
}
# A measure item's name says which of our columns it fills; any other item is the value.
MEASURE_KINDS = [
    (re.compile(r"lower", re.I), "lower_ci_95"),
    (re.compile(r"upper", re.I), "upper_ci_95"),
    (re.compile(r"numerator|^number|count", re.I), "count"),
    (re.compile(r"denominator|population", re.I), "denominator"),
]
TIDY = ["indicator", "area_code", "area_name", "period", "sex", "age", "value_note"]
MEASURES = ["value", "lower_ci_95", "upper_ci_95", "count", "denominator"]

LAYOUT_NAMES = {"odata": "StatsWales table (OData)", "service": "StatsWales download"}
NO_INDICATOR = (
    "a StatsWales table has no indicator column",
    "import it with `marmot import values FILE --indicator CODE`, naming the catalogue's "
    "indicator its values are (e.g. P6-03)",
)
NO_AREA_CODES = (
    "the areas are StatsWales' own codes, not ONS codes (W06000022...)",
    "download the table with its reference codes (ONS codes for areas), or use the OData "
    "table, whose Area_AltCode1 column holds them",
)
NO_AREA = (
    "no area dimension: no column 'Area_AltCode1' or 'Area_Code', nor one of ONS codes",
    "download the table with its areas (local authorities, Wales) as a dimension",
)
NO_PERIOD = (
    "no period dimension: none of the columns is a Year, Period or Date",
    "download the table with its years as a dimension",
)
UNKNOWN_DIMENSION = (
    "--where names the dimension {name!r}, which the table does not have",
    "choose one of its dimensions: {dimensions}",
)
NO_SUCH_ITEM = (
    "--where {name}={item!r} matches no row: {name} holds {items}",
    "give one of those items (its name or its code)",
)
SEVERAL_ITEMS = (
    "the dimension {name!r} has {count} items ({items}), so an area and period has several values",
    "choose one with --where, e.g. --where {name}={example!r}",
)
SEVERAL_OF_A_KIND = (
    "several measure items could be the {kind} ({items})",
    "say which with --column {kind}={example!r}, or keep one with --where {name}={example!r}",
)
UNKNOWN_MEASURE = (
    "--column {names}: not one of our measure columns, or not a measure item of the table "
    "({items})",
    "name one of {kinds} and an item of the table's measure",
)


def statswales_layout(columns: Iterable[str]) -> str | None:
    """``"odata"``, ``"service"`` or None: which StatsWales layout these columns are."""
    names = set(columns)
    if "Data" in names and any(name.endswith(ODATA_ITEM) for name in names):
        return "odata"
    if SERVICE_VALUE in names and SERVICE_MEASURE in names:
        return "service"
    return None


def tidy_statswales(
    table: Table,
    *,
    indicator: str | None,
    where: dict[str, str] | None = None,
    measures: dict[str, str] | None = None,
) -> tuple[Table, dict[str, str]]:
    """The table's rows as tidy values of ``indicator`` (see the module's notes), and our
    column names → the new table's, which name the file's columns for problems (a value's
    limits are e.g. ``Data (Lower 95% CI)``). ``measures`` names the measure item that fills
    one of our columns where the items' names do not say, e.g. {"denominator": "Live births"}."""
    layout = statswales_layout(table.columns)
    if layout is None:
        raise ValueError(f"{table.name} is not a StatsWales table")
    if not indicator:
        raise InvalidFileError(table.name, *NO_INDICATOR)
    dimensions = _odata_dimensions(table) if layout == "odata" else _service_dimensions(table)
    frame = _chosen(table, dimensions, where or {})
    area = _area(table, dimensions, frame)
    period = _dimension_named(dimensions, PERIOD_DIMENSIONS)
    if period is None:
        raise InvalidFileError(table.name, *NO_PERIOD)
    sex = _dimension_named(dimensions, SEX_DIMENSIONS)
    age = _dimension_named(dimensions, AGE_DIMENSIONS)
    measure = "Measure" if layout == "odata" else SERVICE_MEASURE
    measure = measure if measure in dimensions else None
    used = {area, period, sex, age, measure}
    _one_item_each(table.name, frame, {d: c for d, c in dimensions.items() if d not in used})
    value = "Data" if layout == "odata" else SERVICE_VALUE
    notes = SERVICE_NOTES if layout == "service" and SERVICE_NOTES in frame.columns else None
    tidy = frame.select(
        "row",
        pl.lit(indicator).alias("indicator"),
        pl.col(_area_code_column(table, dimensions, area)).str.strip_chars().alias("area_code"),
        pl.col(dimensions[area]).alias("area_name"),
        _period_label(pl.col(dimensions[period])).alias("period"),
        (_sex(pl.col(dimensions[sex])) if sex else pl.lit(None, pl.String)).alias("sex"),
        (pl.col(dimensions[age]) if age else pl.lit(None, pl.String)).alias("age"),
        (pl.col(notes) if notes else pl.lit(None, pl.String)).alias("value_note"),
        (pl.col(dimensions[measure]) if measure else pl.lit("value")).alias("_measure"),
        pl.col(value).alias("_value"),
    )
    spread, items = _spread_measures(table.name, tidy, measure or "Measure", measures or {})
    names = {
        kind: value if item == "value" else f"{value} ({item})" for kind, item in items.items()
    }
    tidied = Table(
        name=table.name,
        frame=spread.rename(names),
        header_row=table.header_row,
        notes=table.notes,
        problems=table.problems,
        sha256=table.sha256,
    )
    return tidied, {**{c: c for c in TIDY}, **names}


def _odata_dimensions(table: Table) -> dict[str, str]:
    """Each dimension's name → the column of its items' names."""
    return {
        column.removesuffix(ODATA_ITEM): column
        for column in table.columns
        if column.endswith(ODATA_ITEM)
    }


def _service_dimensions(table: Table) -> dict[str, str]:
    fixed = {SERVICE_VALUE, SERVICE_NOTES}
    return {
        column: column
        for column in table.columns
        if column not in fixed and not re.search(r"\b(sort|hierarchy)$", column, re.I)
    }


def _dimension_named(dimensions: dict[str, str], names: set[str]) -> str | None:
    return next((d for d in dimensions if column_key(d) in names), None)


def _chosen(table: Table, dimensions: dict[str, str], where: dict[str, str]) -> pl.DataFrame:
    """The rows whose dimensions hold the items ``where`` chooses (by name or code)."""
    frame = table.frame
    for name, item in where.items():
        if name not in dimensions:
            rule, fix = UNKNOWN_DIMENSION
            raise InvalidFileError(
                table.name,
                rule.format(name=name),
                fix.format(dimensions=", ".join(sorted(dimensions))),
            )
        columns = [dimensions[name]]
        code = f"{name}_Code"
        if code in frame.columns:
            columns.append(code)
        chosen = frame.filter(
            pl.any_horizontal(pl.col(c).str.strip_chars() == item for c in columns)
        )
        if chosen.is_empty():
            rule, fix = NO_SUCH_ITEM
            raise InvalidFileError(
                table.name,
                rule.format(name=name, item=item, items=_listed(frame[dimensions[name]])),
                fix,
            )
        frame = chosen
    return frame


def _area(table: Table, dimensions: dict[str, str], frame: pl.DataFrame) -> str:
    if "Area" in dimensions:
        return "Area"
    for name, column in dimensions.items():
        codes = frame[column].drop_nulls().str.strip_chars()
        if len(codes) and codes.str.contains(AREA_CODE.pattern).all():
            return name
    raise InvalidFileError(table.name, *NO_AREA)


def _area_code_column(table: Table, dimensions: dict[str, str], area: str) -> str:
    """The column of ONS codes: Area_AltCode1 in the OData layout, else the area's own."""
    for column in (f"{area}_AltCode1", f"{area}_Code", dimensions[area]):
        if column in table.frame.columns:
            codes = table.frame[column].drop_nulls().str.strip_chars()
            if len(codes) and codes.str.contains(AREA_CODE.pattern).any():
                return column
    raise InvalidFileError(table.name, *NO_AREA_CODES)


def _one_item_each(file: str, frame: pl.DataFrame, others: dict[str, str]) -> None:
    for name, column in others.items():
        items = frame[column].drop_nulls().unique(maintain_order=True)
        if len(items) > 1:
            rule, fix = SEVERAL_ITEMS
            raise InvalidFileError(
                file,
                rule.format(name=name, count=len(items), items=_listed(items)),
                fix.format(name=name, example=items[0]),
            )


def _period_label(label: pl.Expr) -> pl.Expr:
    """StatsWales' ``2022-23`` (one financial year) as ``2022/23``; ``2020-22`` (three years)
    as ``2020 - 22``; anything else as it is."""
    parts = label.str.strip_chars().str.extract_groups(r"^(\d{4})-(\d{2})$")
    start, end = parts.struct.field("1"), parts.struct.field("2")
    consecutive = (start.cast(pl.Int32, strict=False) + 1) % 100 == end.cast(pl.Int32, strict=False)
    return (
        pl.when(start.is_null())
        .then(label.str.strip_chars())
        .when(consecutive)
        .then(pl.concat_str(start, pl.lit("/"), end))
        .otherwise(pl.concat_str(start, pl.lit(" - "), end))
    )


def _sex(item: pl.Expr) -> pl.Expr:
    key = item.str.to_lowercase().str.replace_all(r"[^a-z]", "")
    return key.replace_strict(SEXES, default=item)


def _spread_measures(
    file: str, tidy: pl.DataFrame, measure: str, named: dict[str, str]
) -> tuple[pl.DataFrame, dict[str, str]]:
    """One row per area, period, sex and age, with each measure item in its own column; and
    which item each of our measure columns came from."""
    items = tidy["_measure"].unique(maintain_order=True).to_list()
    unknown = sorted(set(named) - set(MEASURES)) or [
        kind for kind, item in named.items() if item not in items
    ]
    if unknown:
        rule, fix = UNKNOWN_MEASURE
        raise InvalidFileError(
            file,
            rule.format(
                names=", ".join(f"{k}={named.get(k)!r}" for k in unknown),
                items=_listed(tidy["_measure"]),
            ),
            fix.format(kinds=", ".join(MEASURES)),
        )
    by_item = {item: kind for kind, item in named.items()}
    kinds = {item: by_item.get(item) or _measure_kind(item) for item in items}
    for kind in MEASURES:
        same = [item for item, its in kinds.items() if its == kind]
        if len(same) > 1:
            rule, fix = SEVERAL_OF_A_KIND
            raise InvalidFileError(
                file,
                rule.format(kind=kind, items=", ".join(repr(v) for v in same)),
                fix.format(name=measure, example=same[0], kind=kind),
            )
    keyed = tidy.with_columns(pl.col("_measure").replace_strict(kinds).alias("_kind"))
    keys = [c for c in TIDY if c != "value_note"]
    spread = keyed.group_by(keys, maintain_order=True).agg(
        pl.col("row").min(),
        pl.col("value_note").drop_nulls().first(),
        *[
            pl.col("_value").filter(pl.col("_kind") == kind).first().alias(kind)
            for kind in MEASURES
        ],
    )
    items_of = {kind: item for item, kind in kinds.items()}
    present = [kind for kind in MEASURES if kind in items_of]
    return spread.select("row", *TIDY, *present), {kind: items_of[kind] for kind in present}


def _measure_kind(item: str | None) -> str:
    if item is None or item == "value":
        return "value"
    return next((kind for pattern, kind in MEASURE_KINDS if pattern.search(item)), "value")


def _listed(items: pl.Series, shown: int = 6) -> str:
    distinct = items.drop_nulls().unique(maintain_order=True).to_list()
    text = ", ".join(repr(item) for item in distinct[:shown])
    return text + (f" and {len(distinct) - shown} more" if len(distinct) > shown else "")
