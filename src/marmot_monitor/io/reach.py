"""Service users by where they live (``marmot reach``): a CSV or XLSX read and checked, and
the reach by deprivation written as CSV or XLSX.

One row per LSOA (or postcode) and period: ``lsoa_code`` or ``postcode``, ``users`` (how many
service users live there: a whole number of zero or more) and, optionally, ``period`` (a
label such as ``2024/25`` or ``2024 Q1``; rows without a period column are one period). A
postcode is turned into its LSOA with a postcode lookup the user supplies (ONS NSPL or
ONSPD, :func:`marmot_monitor.io.postcodes.read_postcode_lookup`): the file itself never
needs to hold a name or an address, only counts. Rows are numbered as a spreadsheet shows
them; a file with any problem is refused whole.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import polars as pl

from marmot_monitor.analysis.reach import Reach
from marmot_monitor.io import validation
from marmot_monitor.io.cells import write_csv, xlsx_workbook
from marmot_monitor.io.limits import DEFAULT_LIMITS, ReadLimits
from marmot_monitor.io.periods import parse_period
from marmot_monitor.io.problems import InvalidFileError, Problems, gather, problems_where
from marmot_monitor.io.tables import find_columns, read_table

ALIASES = {
    "lsoa_code": ["lsoacode", "lsoa", "lsoa21cd", "lsoa11cd", "lsoa21", "lsoa11"],
    "postcode": ["postcode", "pcds", "postalcode"],
    "users": ["users", "serviceusers", "clients", "people", "count", "registrations"],
    "period": ["period", "timeperiod", "year", "quarter"],
}
SCHEMA = {
    "row": pl.Int64,
    "lsoa_code": pl.String,
    "postcode": pl.String,
    "users": pl.Int64,
    "period": pl.String,
}
NO_USERS_COLUMN = "the file has no users column (its columns are: {found})"
FIX_USERS_COLUMN = (
    "name the column that counts the service users in each row users (clients, people and "
    "count are read too)"
)
NO_AREA = "the row has neither an lsoa_code nor a postcode"
FIX_AREA = "give the LSOA code (e.g. E01009543) or the postcode where the users live"
NO_LOOKUP = "the row gives a postcode but no postcode lookup was given"
FIX_NO_LOOKUP = "give --postcodes with an ONS postcode lookup (NSPL or ONSPD CSV), or LSOA codes"
NOT_IN_LOOKUP = "the postcode is not in the postcode lookup {lookup}, or has no LSOA there"
FIX_NOT_IN_LOOKUP = "check the postcode, or use a lookup that covers it (ONS NSPL or ONSPD)"
UNKNOWN_LSOA = "is not one of the place's LSOAs with an IMD decile and residents"
FIX_UNKNOWN_LSOA = (
    "check the code; load the lookup, IMD file and populations that hold it; or remove the row "
    "if the users live outside the place"
)


@dataclass
class UserFile:
    """A service-user file, read: ``rows`` (:data:`SCHEMA`) and ``problems``."""

    name: str
    rows: pl.DataFrame
    problems: Problems
    sha256: str = ""
    labels: dict[str, str] = field(default_factory=dict)


def read_service_users(path: Path, *, limits: ReadLimits = DEFAULT_LIMITS) -> UserFile:
    """Read a service-user file: every row checked, nothing looked up yet."""
    path = Path(path)
    expected = {key for keys in ALIASES.values() for key in keys}
    table = read_table(path, expected=expected, limits=limits)
    found = find_columns(table, ALIASES)
    if "users" not in found:
        shown = ", ".join(repr(column) for column in table.columns[:12])
        raise InvalidFileError(table.name, NO_USERS_COLUMN.format(found=shown), FIX_USERS_COLUMN)
    frame = table.frame.select(
        "row",
        *[
            (validation.text(found[c]) if c in found else pl.lit(None, pl.String)).alias(c)
            for c in ("lsoa_code", "postcode", "period", "users")
        ],
    ).with_columns(
        pl.col("lsoa_code").str.to_uppercase(),
        pl.col("postcode").str.to_uppercase().str.replace_all(r"\s+", ""),
    )
    label = {"users": found["users"]}
    parsed, number_problems, _ = validation.parse_numbers(
        frame, {"users": "users_number"}, whole=["users_number"], labels=label
    )
    parsed = parsed.with_columns(pl.col("users_number").alias("users"))
    problems = [
        validation.required(parsed, {"users": found["users"]}),
        number_problems,
        validation.non_negative(parsed, label),
        problems_where(
            parsed,
            pl.col("lsoa_code").is_null() & pl.col("postcode").is_null(),
            column="lsoa_code",
            value=pl.lit(None),
            rule=NO_AREA,
            fix=FIX_AREA,
        ),
    ]
    if "period" in found:
        parsed, period_problems = validation.parse_period_column(
            parsed, "period", label=found["period"]
        )
        problems.append(period_problems)
        problems.append(validation.required(parsed, {"period": found["period"]}))
    spaced = pl.col("postcode")
    rows = parsed.with_columns(
        pl.when(spaced.str.len_chars() >= 5)
        .then(spaced.str.slice(0, spaced.str.len_chars() - 3) + " " + spaced.str.slice(-3))
        .otherwise(spaced)
        .alias("postcode")
    ).select(list(SCHEMA))
    return UserFile(
        path.name,
        rows.cast(SCHEMA),
        Problems(path.name, gather(problems)),
        table.sha256,
        labels={ours: found.get(ours, ours) for ours in ALIASES},
    )


def place_users(
    rows: pl.DataFrame,
    *,
    lookup: pl.DataFrame | None = None,
    lookup_name: str = "",
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Each row's LSOA (its own, or its postcode's in ``lookup``), and the problems: a
    postcode needed but not found, or given with no lookup."""
    needed = pl.col("lsoa_code").is_null() & pl.col("postcode").is_not_null()
    if lookup is None:
        problems = problems_where(
            rows, needed, column="postcode", value=pl.col("postcode"), rule=NO_LOOKUP,
            fix=FIX_NO_LOOKUP,
        )  # fmt: skip
        return rows, problems
    found = rows.join(
        lookup.select("postcode", pl.col("lsoa_code").alias("lsoa_found")),
        on="postcode",
        how="left",
    )
    missing = problems_where(
        found,
        needed & pl.col("lsoa_found").is_null(),
        column="postcode",
        value=pl.col("postcode"),
        rule=NOT_IN_LOOKUP.format(lookup=lookup_name).replace("  ", " "),
        fix=FIX_NOT_IN_LOOKUP,
    )
    filled = found.with_columns(pl.coalesce("lsoa_code", "lsoa_found").alias("lsoa_code"))
    return filled.select(rows.columns), missing


def unknown_lsoas(rows: pl.DataFrame, known: Collection[str], *, column: str) -> pl.DataFrame:
    """Problems for rows whose LSOA is not among ``known``; ``column`` names it as the file
    does."""
    return problems_where(
        rows,
        pl.col("lsoa_code").is_not_null() & ~pl.col("lsoa_code").is_in(list(known)),
        column=column,
        value=pl.col("lsoa_code"),
        rule=UNKNOWN_LSOA,
        fix=FIX_UNKNOWN_LSOA,
    )


def period_order(periods: Sequence[str]) -> list[str]:
    """Period labels in time order (by their start date, then their end)."""

    def key(label: str):
        period = parse_period(label)
        return (period.start, period.end)

    return sorted(periods, key=key)


QUANTILE_COLUMNS = {
    "period": "Period",
    "quantile": "IMD {by} (1 = most deprived)",
    "users": "Service users",
    "population": "Residents",
    "reach": "Users per 1,000 residents",
    "lower_ci_95": "Lower 95% limit",
    "upper_ci_95": "Upper 95% limit",
    "lower_ci_99_8": "Lower 99.8% limit",
    "upper_ci_99_8": "Upper 99.8% limit",
}
CORE20_COLUMNS = {
    "period": "Period",
    "core20_users": "Users in Core20 areas",
    "users": "All users",
    "user_share": "Share of users in Core20 (%)",
    "user_share_lower_ci_95": "Lower 95% limit",
    "user_share_upper_ci_95": "Upper 95% limit",
    "resident_share": "Share of residents in Core20 (%)",
}
SII_COLUMNS = {
    "period": "Period",
    "sii": "SII of users per 1,000",
    "lower_ci_95": "Lower 95% limit",
    "upper_ci_95": "Upper 95% limit",
    "note": "Note",
}


WHOLE = {"users", "core20_users", "population"}  # counts of people, written as whole numbers


def _titled(frame: pl.DataFrame, columns: dict[str, str], by: str) -> pl.DataFrame:
    return frame.select(
        (pl.col(c).round().cast(pl.Int64) if c in WHOLE else pl.col(c)).alias(title.format(by=by))
        for c, title in columns.items()
    )


def reach_tables(reach: Reach) -> dict[str, pl.DataFrame]:
    """The reach's three tables with headings in words, by sheet name."""
    return {
        f"By {reach.by}": _titled(reach.by_quantile, QUANTILE_COLUMNS, reach.by),
        "Core20": _titled(reach.core20, CORE20_COLUMNS, reach.by),
        "SII": _titled(reach.sii, SII_COLUMNS, reach.by),
    }


def reach_to_csv(reach: Reach, target: Path | IO[bytes]) -> None:
    """Reach per 1,000 by quantile and period, one row each."""
    write_csv(reach_tables(reach)[f"By {reach.by}"], target)


def reach_to_xlsx(
    reach: Reach, target: Path | IO[bytes], *, method: Sequence[tuple[str, str]]
) -> None:
    """Sheets: By decile (or quintile), Core20, SII and Method."""
    about = pl.DataFrame(list(method), schema={"Item": pl.String, "Value": pl.String}, orient="row")
    with xlsx_workbook(target) as workbook:
        for sheet, frame in {**reach_tables(reach), "Method": about}.items():
            frame.write_excel(workbook, worksheet=sheet, autofit=True)
