"""``marmot sites`` and ``marmot reach``: choose sites in proportion to need, and see who a
service reaches by deprivation (proportionate universalism)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marmot_monitor.analysis._common import counted
from marmot_monitor.analysis.reach import ALL_PERIODS
from marmot_monitor.cli.options import DbOption

console = Console()
OUT_KINDS = (".xlsx", ".csv", ".png")
MAP_KINDS = (".png", ".svg")
UNKNOWN_OUT = "{path}: {what} is written as {kinds}; choose one of those endings"
PlaceOption = Annotated[
    str | None, typer.Option(help="Area code of the place (default: the framework's place).")
]
OutOption = Annotated[
    list[Path] | None,
    typer.Option(
        help="Write to this .xlsx, .csv or .png (chart); repeat for several.", dir_okay=False
    ),
]
PostcodeOption = Annotated[
    Path | None,
    typer.Option(
        exists=True,
        dir_okay=False,
        help="An ONS postcode lookup CSV (NSPL or ONSPD rows of the place) for rows given by "
        "postcode.",
    ),
]


class Missing(StrEnum):
    REFUSE = "refuse"
    EXCLUDE = "exclude"


class By(StrEnum):
    DECILE = "decile"
    QUINTILE = "quintile"


def _check_outputs(out: list[Path], kinds: tuple[str, ...], what: str) -> None:
    for path in out:
        if path.suffix.lower() not in kinds:
            raise ValueError(UNKNOWN_OUT.format(path=path, what=what, kinds=", ".join(kinds)))


def sites(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="Candidate sites (CSV or XLSX): name and lsoa_code, ward_code, postcode, or "
            "latitude and longitude; other columns may be criteria.",
        ),
    ],
    criterion: Annotated[
        list[str],
        typer.Option(
            help="KIND[:NAME][:high|low][=WEIGHT]: imd-decile, indicator:CODE, assets (high "
            "need, few assets) or column:NAME; repeat for each, e.g. --criterion imd-decile=2 "
            "--criterion column:green_per_1000:low.",
        ),
    ],
    top: Annotated[int, typer.Option(min=1, help="How many sites to choose.")] = 3,
    missing: Annotated[
        Missing,
        typer.Option(help="A site without a value for a criterion: refuse, or exclude it."),
    ] = Missing.REFUSE,
    postcodes: PostcodeOption = None,
    boundaries: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            help="Ward or LSOA boundaries (GeoJSON, WGS84) to find sites given by latitude and "
            "longitude in (default: the stored ones).",
        ),
    ] = None,
    draws: Annotated[
        int, typer.Option(min=1, max=100_000, help="Random weight draws for rank stability.")
    ] = 1000,
    place: PlaceOption = None,
    out: OutOption = None,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map", help="Draw the sites on a map of the place (.png or .svg).", dir_okay=False
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Score candidate sites on weighted criteria and choose the top ones (Coventry Grows).

    Prints each site's score and rank, how far its rank moves when any weight changes by
    20%, and how often it stays in the top in random weight draws; nothing is written when
    any site or option is refused."""
    from marmot_monitor.analysis.sites import parse_criterion

    specs = [parse_criterion(text) for text in criterion]
    outputs = list(out or [])
    _check_outputs(outputs, OUT_KINDS, "a site ranking")
    _check_outputs([map_file] if map_file else [], MAP_KINDS, "a map")
    from marmot_monitor.io.sites import read_sites

    columns = [spec.argument for spec in specs if spec.kind == "column"]
    reading = read_sites(file, criteria=columns)
    from marmot_monitor.cli import setup

    setup.start_ready(db)
    from marmot_monitor.web.data.sites import locate_sites, site_criteria, site_place

    where = site_place(place)
    located = locate_sites(reading, where, lookup=postcodes, boundaries=boundaries)
    frame, criteria, described = site_criteria(located, specs, where)
    from marmot_monitor.analysis.sites import choose_sites

    ranking, left_out = choose_sites(frame, criteria, top=top, missing=missing.value, draws=draws)
    method = _site_method(reading.name, where, described, top, draws, left_out)
    drawing = _map(ranking, boundaries, where) if map_file else None
    _print_sites(ranking, left_out, top, where.place_name)
    labels = [c.name for c in criteria]
    for path in outputs:
        _write_sites(path, ranking, labels, method, left_out)
        console.print(f"Wrote {path}.", highlight=False)
    if map_file:
        from marmot_monitor.charts import save_chart

        save_chart(drawing, map_file)
        console.print(f"Wrote {map_file}.", highlight=False)


def _site_method(name, where, described, top, draws, left_out) -> list[tuple[str, str]]:
    from marmot_monitor.analysis.sites import TIE_RULE

    return [
        ("Sites", name),
        ("Place", where.place_name),
        *described,
        ("Score", "100 × weighted mean of each criterion scaled from 0 (least) to 1 (most "
         "favourable)"),
        ("Ties", TIE_RULE),
        ("Chosen", f"the top {top}"),
        ("Stability", f"each weight in turn 20% lower and higher; {draws} random draws of "
         "every weight between 80% and 120%"),
        ("Residents", f"{where.population_year}; IMD deciles from {where.index}"),
        ("Left out", f"{counted(left_out.height, 'site')} without a value for a criterion"),
    ]  # fmt: skip


def _print_sites(ranking, left_out, top, place_name) -> None:
    chosen = ", ".join(ranking.filter("chosen")["name"].to_list())
    console.print(
        f"{counted(ranking.height, 'candidate site')} in {place_name} scored; "
        f"the top {top}: {chosen}",
        markup=False,
        highlight=False,
    )
    grid = Table(title="Sites, best first")
    for heading in ("Rank", "Site", "Ward", "Score", "Chosen", "Rank if one weight ±20%",
                    f"In top {top} of random draws"):  # fmt: skip
        grid.add_column(heading, justify="left" if heading in ("Site", "Ward") else "right")
    for row in ranking.iter_rows(named=True):
        tie = " (tie)" if row["tied"] else ""
        grid.add_row(
            f"{row['rank']}{tie}",
            escape(row["name"]),
            escape(row.get("ward_name") or ""),
            f"{row['score']:.1f}",
            "yes" if row["chosen"] else "",
            f"{row['best_rank']} to {row['worst_rank']}",
            f"{row['top_share']:.0f}%",
        )
    console.print(grid)
    for name, row, why in left_out.iter_rows():
        console.print(f"Left out: {escape(name)} (row {row}): {escape(why)}", highlight=False)


def _write_sites(path: Path, ranking, labels, method, left_out) -> None:
    from marmot_monitor.io.sites import site_table, sites_to_csv, sites_to_xlsx

    kind = path.suffix.lower()
    if kind == ".png":
        from marmot_monitor.charts import save_chart
        from marmot_monitor.charts.sites import site_chart

        save_chart(site_chart(ranking, title="Candidate sites by score"), path)
        return
    table = site_table(ranking, labels)
    if kind == ".csv":
        sites_to_csv(table, path)
    else:
        sites_to_xlsx(table, path, method=method, left_out=left_out)


def _map(ranking, boundaries, where):
    """The map, drawn before any file is written so that a refusal writes nothing."""
    from marmot_monitor.charts.sites import site_map
    from marmot_monitor.web.data.sites import site_map_data

    features, located = site_map_data(ranking, where, boundaries=boundaries)
    return site_map(features, located, title=f"Candidate sites in {where.place_name}")


def reach(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            help="Service users (CSV or XLSX): lsoa_code or postcode, users, and optionally "
            "period.",
        ),
    ],
    by: Annotated[By, typer.Option(help="Group LSOAs by national IMD decile or quintile.")] = (
        By.DECILE
    ),
    postcodes: PostcodeOption = None,
    place: PlaceOption = None,
    out: OutOption = None,
    db: DbOption = None,
) -> None:
    """Service users per 1,000 residents by IMD decile, with 95% intervals, the share living
    in Core20 areas against the residents' share, and the SII, for each period (the Job
    Shop's reach check). Nothing is written when any row is refused."""
    outputs = list(out or [])
    _check_outputs(outputs, OUT_KINDS, "reach by deprivation")
    from marmot_monitor.io.problems import InvalidRowsError
    from marmot_monitor.io.reach import read_service_users

    reading = read_service_users(file)
    if reading.problems:
        raise InvalidRowsError(reading.problems)
    from marmot_monitor.cli import setup

    setup.start_ready(db)
    from marmot_monitor.web.data.sites import placed_users, reach_lsoas

    lsoas, place_name, index, year = reach_lsoas(place)
    users = placed_users(reading, lsoas, lookup=postcodes)
    from marmot_monitor.analysis.reach import SII_SIGN, reach_by_deprivation

    result = reach_by_deprivation(users, lsoas, by=by.value)
    _print_reach(result, place_name)
    method = [
        ("Service users", reading.name),
        ("Place", place_name),
        ("Residents", f"{year}, the same for every period"),
        ("Deprivation", f"national IMD {by.value}s from {index}; Core20 = deciles 1 and 2"),
        ("Reach", "users per 1,000 residents; Byar's 95% and 99.8% limits (exact below 10)"),
        ("Core20 share", "Wilson 95% limits"),
        ("SII", f"PHE method; {SII_SIGN}"),
    ]
    for path in outputs:
        _write_reach(path, result, method)
        console.print(f"Wrote {path}.", highlight=False)


def _print_reach(result, place_name) -> None:
    for (period,), part in result.by_quantile.group_by("period", maintain_order=True):
        heading = place_name if period == ALL_PERIODS else f"{place_name}, {period}"
        grid = Table(
            title=escape(f"Service users per 1,000 residents by IMD {result.by}, {heading}")
        )
        for column in (result.by.capitalize(), "Users", "Residents", "Per 1,000", "95% interval"):
            grid.add_column(column, justify="right")
        for row in part.iter_rows(named=True):
            reach = "-" if row["reach"] is None else f"{row['reach']:.1f}"
            interval = (
                "-" if row["reach"] is None
                else f"{row['lower_ci_95']:.1f} to {row['upper_ci_95']:.1f}"
            )  # fmt: skip
            grid.add_row(
                str(row["quantile"]), f"{row['users']:,.0f}", f"{row['population']:,.0f}", reach,
                interval,
            )  # fmt: skip
        console.print(grid)
    for row in result.core20.iter_rows(named=True):
        console.print(
            f"{row['period']}: {row['user_share']:.1f}% of users live in Core20 areas (95% "
            f"interval {row['user_share_lower_ci_95']:.1f} to {row['user_share_upper_ci_95']:.1f}"
            f"), against {row['resident_share']:.1f}% of residents",
            markup=False,
            highlight=False,
        )
    for row in result.sii.iter_rows(named=True):
        if row["sii"] is None:
            console.print(f"{row['period']}: {row['note']}", markup=False, highlight=False)
            continue
        console.print(
            f"{row['period']}: slope index of inequality {row['sii']:+.1f} users per 1,000 "
            f"(95% interval {row['lower_ci_95']:+.1f} to {row['upper_ci_95']:+.1f}); positive "
            "means more reach in the most deprived areas",
            markup=False,
            highlight=False,
        )


def _write_reach(path: Path, result, method) -> None:
    kind = path.suffix.lower()
    if kind == ".png":
        import polars as pl

        from marmot_monitor.charts import save_chart
        from marmot_monitor.charts.sites import reach_chart

        periods = result.by_quantile["period"].unique(maintain_order=True)
        latest = result.by_quantile.filter(pl.col("period") == periods[-1])
        title = "Service users per 1,000 residents"
        title += "" if periods[-1] == ALL_PERIODS else f", {periods[-1]}"
        save_chart(reach_chart(latest, title=title, by=result.by), path)
    elif kind == ".csv":
        from marmot_monitor.io.reach import reach_to_csv

        reach_to_csv(result, path)
    else:
        from marmot_monitor.io.reach import reach_to_xlsx

        reach_to_xlsx(result, path, method=method)
