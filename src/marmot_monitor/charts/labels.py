"""Labels shared by the rug's chart, workbook and terminal table."""

from __future__ import annotations

import polars as pl

BOTH_SEXES = "Persons"


def row_label() -> pl.Expr:
    """``row_label``: "Title (period)", or "Title, females (period)" for one sex."""
    title = pl.col("title")
    if_one_sex = pl.format("{}, {}s", title, pl.col("sex").str.to_lowercase())
    return pl.format(
        "{} ({})",
        pl.when(pl.col("sex").is_not_null() & (pl.col("sex") != BOTH_SEXES))
        .then(if_one_sex)
        .otherwise(title),
        pl.col("period").cast(pl.String),
    ).alias("row_label")
