"""Areas named in files: their type from the GSS code, and one frame of them per file.

A GSS code's first three characters say what kind of area it is (``E01`` an English LSOA,
``E05`` a ward, ``E07`` a district...). Readers list the areas a file names, with the names
and parents it gives, so that an import with ``--create-areas`` can add the unknown ones.
Fairshire's demo codes begin with ``X`` and follow the same pattern.
"""

from __future__ import annotations

import polars as pl

AREA_SCHEMA = {
    "code": pl.String,
    "name": pl.String,
    "name_cy": pl.String,
    "area_type": pl.String,
    "vintage": pl.Int64,
    "parent_code": pl.String,
    "row": pl.Int64,
}
# GSS entity codes (ONS Register of Geographic Codes) → Marmot Monitor area types.
TYPE_BY_PREFIX = {
    "92": "country",
    "12": "region",
    "10": "county",
    "11": "county",
    "06": "unitary",
    "08": "unitary",
    "09": "unitary",
    "07": "district",
    "05": "ward",
    "02": "msoa",
    "01": "lsoa",
}
COUNTRY_LETTERS = "EWSNX"
GSS_CODE = r"^[EWSNKX]\d{8}$"


def area_type_of(codes: pl.Expr) -> pl.Expr:
    """The area type of each GSS code, or missing when the code's kind is not one we hold."""
    letter = codes.str.slice(0, 1)
    entity = codes.str.slice(1, 2)
    known = letter.is_in(list(COUNTRY_LETTERS)) & codes.str.contains(GSS_CODE)
    return pl.when(known).then(entity.replace_strict(TYPE_BY_PREFIX, default=None))


def empty_areas() -> pl.DataFrame:
    return pl.DataFrame(schema=AREA_SCHEMA)


def area_frame(
    frame: pl.DataFrame,
    *,
    code: str,
    name: str | None = None,
    parent: str | None = None,
    vintage: int | pl.Expr | None = None,
) -> pl.DataFrame:
    """One row per area code in ``frame`` (first row wins), in :data:`AREA_SCHEMA`."""
    if code not in frame.columns:
        return empty_areas()
    vintage_expr = vintage if isinstance(vintage, pl.Expr) else pl.lit(vintage, pl.Int64)
    areas = frame.select(
        pl.col(code).alias("code"),
        (pl.col(name) if name and name in frame.columns else pl.lit(None, pl.String)).alias("name"),
        pl.lit(None, pl.String).alias("name_cy"),
        vintage_expr.cast(pl.Int64).alias("vintage"),
        (pl.col(parent) if parent and parent in frame.columns else pl.lit(None, pl.String)).alias(
            "parent_code"
        ),
        pl.col("row"),
    )
    # Types come from each distinct code once, not from every row that names it.
    return (
        areas.filter(pl.col("code").is_not_null())
        .unique("code", keep="first", maintain_order=True)
        .with_columns(area_type_of(pl.col("code")).alias("area_type"))
        .select(list(AREA_SCHEMA))
    )


def combine_areas(*frames: pl.DataFrame) -> pl.DataFrame:
    """Areas from several columns of a file, one row per code (the first naming wins)."""
    present = [frame.select(list(AREA_SCHEMA)) for frame in frames if not frame.is_empty()]
    if not present:
        return empty_areas()
    return pl.concat(present).unique("code", keep="first", maintain_order=True)
