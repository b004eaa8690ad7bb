"""Labels shared by the rug's chart, workbook and terminal table, the pages and the board
report: one way to name an indicator's row for one sex."""

from __future__ import annotations

import polars as pl

BOTH_SEXES = "Persons"
SEX_PLURALS = {BOTH_SEXES: "persons", "Male": "males", "Female": "females"}


def sex_plural(sex: str) -> str:
    """The people of a sex as a title says them: "females", "males", "persons" (another sex
    as it is written, in lower case).

    Examples
    --------
    >>> sex_plural("Female"), sex_plural("Persons"), sex_plural("Not applicable")
    ('females', 'persons', 'not applicable')
    """
    return SEX_PLURALS.get(sex, sex.lower())


def title_with_sex(title: str, sex: str | None) -> str:
    """An indicator row's title: "Life expectancy, females" for one sex; the title alone for
    persons (or no sex).

    Examples
    --------
    >>> title_with_sex("Life expectancy", "Female"), title_with_sex("Life expectancy", "Persons")
    ('Life expectancy, females', 'Life expectancy')
    """
    return f"{title}, {sex_plural(sex)}" if sex and sex != BOTH_SEXES else title


def title_with_sex_expression(title: pl.Expr, sex: pl.Expr) -> pl.Expr:
    """:func:`title_with_sex` for a column of titles and one of sexes."""
    plural = sex.replace_strict(SEX_PLURALS, default=sex.str.to_lowercase(), return_dtype=pl.String)
    one_sex = pl.format("{}, {}", title, plural)
    return pl.when(sex.is_not_null() & (sex != BOTH_SEXES)).then(one_sex).otherwise(title)


def row_label(*, category: bool = False) -> pl.Expr:
    """``row_label``: "Title (period)", or "Title, females (period)" for one sex; with
    ``category``, the row's ``category`` after the title: "Title, Asian (period)"."""
    title = title_with_sex_expression(pl.col("title"), pl.col("sex"))
    if category:
        title = pl.format("{}, {}", title, pl.col("category"))
    return pl.format("{} ({})", title, pl.col("period").cast(pl.String)).alias("row_label")
