"""Write an allocation as a spreadsheet: CSV (one row per area) or XLSX (the areas, spend by
deprivation decile, the concentration curve and the method), text escaped as
:mod:`marmot_monitor.io.cells` says."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

import polars as pl

from marmot_monitor.analysis.allocation_review import AllocationReview
from marmot_monitor.io.cells import write_csv, xlsx_workbook

AREA_COLUMNS = {
    "area_code": "Area code",
    "area_name": "Area name",
    "population": "Residents",
    "weight": "Need weight",
    "index": "Need index",
    "shortfall": "Shortfall from target",
    "eligible": "People eligible",
    "need": "Need",
    "current_amount": "Current amount (£)",
    "target_amount": "Target amount (£)",
    "floor_amount": "Floor (£)",
    "need_amount": "Need share (£)",
    "amount": "Amount (£)",
    "amount_per_head": "Amount per head (£)",
    "share": "Share of budget",
    "amount_weaker": "Amount, weights 20% weaker (£)",
    "amount_stronger": "Amount, weights 20% stronger (£)",
    "amount_low": "Lowest amount in random draws (£)",
    "amount_high": "Highest amount in random draws (£)",
}
DECILE_COLUMNS = {
    "imd_decile": "IMD decile (1 = most deprived)",
    "lsoas": "LSOAs",
    "population": "Residents",
    "spend": "Spend (£)",
    "spend_per_head": "Spend per head (£)",
    "population_share": "Share of residents (%)",
    "spend_share": "Share of spend (%)",
}
CURVE_COLUMNS = {
    "imd_decile": "Up to IMD decile",
    "population_cumulative": "Cumulative share of residents",
    "spend_cumulative": "Cumulative share of spend",
}


def area_table(review: AllocationReview) -> pl.DataFrame:
    """The areas' rows with their headings in words, in the order of :data:`AREA_COLUMNS`."""
    table = review.table
    return table.select(
        pl.col(name).alias(title) for name, title in AREA_COLUMNS.items() if name in table.columns
    )


def allocation_to_csv(review: AllocationReview, target: Path | IO[bytes]) -> None:
    """One row per area, amounts in pounds to the penny."""
    write_csv(area_table(review), target)


def allocation_to_xlsx(
    review: AllocationReview, target: Path | IO[bytes], *, method: Sequence[tuple[str, str]]
) -> None:
    """Sheets: Areas, By decile, Concentration and Method (``method``'s labelled lines)."""
    deciles = review.by_decile.select(
        pl.col(name).alias(title) for name, title in DECILE_COLUMNS.items()
    )
    curve = review.curve.select(pl.col(name).alias(title) for name, title in CURVE_COLUMNS.items())
    about = pl.DataFrame(
        [*method, ("Concentration index", f"{review.concentration_index:.4f}")],
        schema={"Item": pl.String, "Value": pl.String},
        orient="row",
    )
    with xlsx_workbook(target) as workbook:
        for frame, sheet in (
            (area_table(review), "Areas"),
            (deciles, "By decile"),
            (curve, "Concentration"),
            (about, "Method"),
        ):
            frame.write_excel(workbook, worksheet=sheet, autofit=True)


CURRENT_NAMES = ("current_amount", "amount")
NO_CODE_COLUMN = (
    "{file}: no area_code column (columns: {columns}); name the column of area codes area_code"
)
NO_AMOUNT_COLUMN = (
    "{file}: no current_amount column (columns: {columns}); name the column of each area's "
    "current amount in pounds current_amount"
)
BAD_AMOUNT = (
    "{file}, row {row}, column {column}: {value!r} is not an amount of zero or more; write "
    "pounds as a number, e.g. 12500.50"
)
REPEATED_CODE = "{file}, row {row}, column area_code: {code} appears twice; give each area once"
UNREADABLE = "{file}: not a CSV file that can be read ({reason}); save it as CSV (UTF-8)"


def read_current_allocation(path: Path | IO[bytes], *, name: str | None = None) -> pl.DataFrame:
    """A current allocation file: ``area_code`` and ``current_amount`` (or ``amount``), one row
    per area, pounds of zero or more. Rows are counted as a spreadsheet shows them (the header
    is row 1). ``name``: the file's name in messages (an upload's; a path's own by default)."""
    file = name or getattr(path, "name", "the current allocation")
    try:
        frame = pl.read_csv(path, infer_schema=False)
    except (pl.exceptions.PolarsError, UnicodeDecodeError, OSError) as error:
        raise ValueError(UNREADABLE.format(file=file, reason=error)) from None
    columns = {column.strip().lower(): column for column in frame.columns}
    if "area_code" not in columns:
        raise ValueError(NO_CODE_COLUMN.format(file=file, columns=", ".join(frame.columns)))
    amount = next((columns[known] for known in CURRENT_NAMES if known in columns), None)
    if amount is None:
        raise ValueError(NO_AMOUNT_COLUMN.format(file=file, columns=", ".join(frame.columns)))
    text = frame.get_column(amount).str.strip_chars().str.replace_all(r"[£,]", "")
    number = text.cast(pl.Float64, strict=False)
    bad = (number.is_null() | (number < 0) | number.is_nan()).fill_null(True)
    if bad.any():
        row = int(bad.arg_max())  # type: ignore[arg-type]
        value = frame.get_column(amount)[row]
        raise ValueError(BAD_AMOUNT.format(file=file, row=row + 2, column=amount, value=value))
    codes = frame.get_column(columns["area_code"]).str.strip_chars()
    repeated = codes.is_duplicated()
    if repeated.any():
        row = int(repeated.arg_max())  # type: ignore[arg-type]
        raise ValueError(REPEATED_CODE.format(file=file, row=row + 2, code=codes[row]))
    return pl.DataFrame({"area_code": codes, "current_amount": number})
