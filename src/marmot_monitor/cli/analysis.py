"""``marmot rug``: the tartan rug in the terminal or as a file (XLSX, CSV, PNG, SVG)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer
from rich.console import Console
from rich.table import Table

from marmot_monitor.analysis._common import counted
from marmot_monitor.charts.labels import row_label, sex_plural
from marmot_monitor.cli.inequality_views import Comparison, ViewName
from marmot_monitor.cli.options import DbOption
from marmot_monitor.reports.text import INEQUALITY_STATISTICS, format_number, inequality_sentence

console = Console()
WIDEST_GRID = 12
LABEL_WIDTH, CELL_WIDTH = 40, 9
OUTCOME_STYLES = {
    "Better": "bold white on #00703c",
    "Similar": "black on #ffdd00",
    "Worse": "bold white on #d4351c",
    "Lower": "black on #5694ca",
    "Higher": "bold white on #003078",
    "Not compared": "",
}
FILE_KINDS = (".xlsx", ".csv", ".png", ".svg")
UNKNOWN_KIND = "{path}: the rug is written as {kinds}; choose one of those endings"


class PaletteName(StrEnum):
    FINGERTIPS = "fingertips"
    COLOUR_BLIND_SAFE = "colour-blind-safe"


def rug(
    place: Annotated[
        str | None, typer.Option(help="Area code of the place (default: the framework's place).")
    ] = None,
    principle: Annotated[
        int | None, typer.Option(min=1, max=8, help="Only this principle's indicators.")
    ] = None,
    geography: Annotated[
        str,
        typer.Option(
            help="Areas across: comparators, or districts, wards, lsoas or a local grouping "
            "set's key (area-action-partnerships) within the place."
        ),
    ] = "comparators",
    out: Annotated[
        Path | None, typer.Option(help="Write the rug to this .xlsx, .csv, .png or .svg file.")
    ] = None,
    palette: Annotated[
        PaletteName, typer.Option(help="Colours: Fingertips', or colour-blind-safe.")
    ] = PaletteName.FINGERTIPS,
    db: DbOption = None,
) -> None:
    """The tartan rug: each indicator's latest value, compared with the benchmark, by area."""
    if out is not None and out.suffix.lower() not in FILE_KINDS:
        raise ValueError(UNKNOWN_KIND.format(path=out, kinds=", ".join(FILE_KINDS)))
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.data.rugs import place_rug

    with console.status("Building the rug..."):
        result = place_rug(geography=geography, principle=principle, place_code=place)
    if out is None:
        _print(result)
        return
    _write(result, out, palette.value)
    console.print(f"Wrote {result.title} to {out}.")


def _print(result) -> None:
    frame = result.frame
    columns = frame["column"].n_unique()
    if columns > WIDEST_GRID or console.width < LABEL_WIDTH + CELL_WIDTH * columns:
        console.print(_summary(frame, result.title))
    else:
        console.print(_grid(frame, result.title))
    console.print(
        "Colours compare each value's confidence interval with the benchmark, as Fingertips "
        "does. Use --out rug.xlsx for the full rug."
    )


def _grid(frame: pl.DataFrame, title: str) -> Table:
    table = Table(title=title, show_lines=False)
    table.add_column("Indicator (period)", min_width=LABEL_WIDTH - 4, max_width=60)
    areas = frame.select("column", "area_name").unique().sort("column")
    for name in areas["area_name"]:
        table.add_column(name, justify="right", no_wrap=True)
    labelled = frame.with_columns(row_label()).sort("row", "column")
    for _, cells in labelled.group_by("row", maintain_order=True):
        table.add_row(cells["row_label"][0], *(_cell(cell) for cell in cells.iter_rows(named=True)))
    return table


def _cell(cell: dict) -> str:
    shown = "-" if cell["value"] is None else f"{cell['value']:.1f}"
    style = OUTCOME_STYLES.get(cell["comparison"], "")
    return f"[{style}] {shown} [/]" if style else shown


def _summary(frame: pl.DataFrame, title: str) -> Table:
    """Counts of better, similar and worse indicators per area: the rug at a glance."""
    counts = (
        frame.group_by("column", "area_name")
        .agg(
            *((pl.col("comparison") == outcome).sum().alias(outcome) for outcome in OUTCOME_STYLES)
        )
        .sort("column")
    )
    table = Table(title=f"{title}: indicators per area")
    table.add_column("Area")
    for outcome, style in OUTCOME_STYLES.items():
        table.add_column(outcome, justify="right", style=style or None)
    for row in counts.iter_rows(named=True):
        table.add_row(row["area_name"], *(str(row[outcome]) for outcome in OUTCOME_STYLES))
    return table


def _write(result, out: Path, palette_name: str) -> None:
    from marmot_monitor.charts import palette, rug_chart, rug_to_xlsx, save_chart
    from marmot_monitor.io.exports import rug_to_csv

    colours = palette(palette_name)
    kind = out.suffix.lower()
    if kind == ".xlsx":
        rug_to_xlsx(result.frame, out, title=result.title, palette=colours)
    elif kind == ".csv":
        rug_to_csv(
            result.frame,
            out,
            benchmark_name=result.benchmark_name,
            parent_name=result.parent_name,
            country=result.country_name,
        )
    else:
        save_chart(rug_chart(result.frame, title=result.title, palette=colours), out)


IndicatorArgument = Annotated[str, typer.Argument(help="Indicator code, e.g. P1-03.")]
AreaOption = Annotated[
    str | None, typer.Option("--area", help="Area code (default: the framework's place).")
]
ChartOut = Annotated[
    Path | None, typer.Option(help="Also draw the chart to this .png or .svg file.")
]
CHART_KINDS = (".png", ".svg")
UNKNOWN_CHART = "{path}: charts are written as .png or .svg; choose one of those endings"
TABLE_KINDS = (".csv", ".xlsx")
UNKNOWN_INEQUALITY_OUT = (
    "{path}: with --measure, --out writes the measures as .csv or .xlsx, or the chart as .png "
    "or .svg; choose one of those endings"
)
UNORDERED_ONLY = (
    "Not for an ordered dimension such as deprivation (HEAT uses them for sex, ethnicity or "
    "region): {codes}."
)
TOO_FEW_SUBGROUPS = "Not calculated with {subgroups} (they need at least 3, PR and PD 10): {codes}."
ORDERED_ONLY = "Only for an ordered dimension such as deprivation: {codes}."
CATEGORY_CHART = "{path}: with --category, --out writes the measures as .csv or .xlsx"
NO_MEASURE = (
    "--category needs --measure: name the measures (or all) to compute between its subgroups"
)
CategoryOption = Annotated[
    str | None,
    typer.Option(
        help="Instead of deprivation: the area's rows of this category type (as imported, "
        "e.g. 'Ethnic groups'), or sex; with --measure or --view (which also takes age).",
    ),
]
MeasureOption = Annotated[
    list[str] | None,
    typer.Option(
        "--measure",
        metavar="CODE",
        help="A WHO HEAT summary measure to compute by deprivation (D, R, SII, RII, ACI, RCI, "
        "PAR, PAF, ...; repeat for more), or all.",
    ),
]


def _check_chart(out: Path | None) -> None:
    if out is not None and out.suffix.lower() not in CHART_KINDS:
        raise ValueError(UNKNOWN_CHART.format(path=out))


def _number(value) -> str:
    return format_number(value, missing="-")


def compare(
    indicator: IndicatorArgument,
    geography: Annotated[
        str,
        typer.Option(
            help="The areas compared: comparators, or districts, wards, lsoas or a local "
            "grouping set's key within the place."
        ),
    ] = "comparators",
    category_type: Annotated[
        str | None,
        typer.Option(
            help="Compare the rows of this category type (e.g. 'Ethnic groups'), one table "
            "per category, instead of the areas' own values."
        ),
    ] = None,
    out: ChartOut = None,
    db: DbOption = None,
) -> None:
    """One indicator's latest values across areas, each compared with the benchmark."""
    _check_chart(out)
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.data.rugs import place_rug

    result = place_rug(geography=geography, indicator=indicator, category_type=category_type)
    cells = result.frame.with_columns(row_label(category=category_type is not None))
    for label, rows in cells.group_by("row_label", maintain_order=True):
        table = Table(title=f"{label[0]}: compared with {result.benchmark_name}")
        for heading in ("Area", "Value", "95% CI", "Compared", "Recent trend"):
            table.add_column(heading, justify="right" if heading == "Value" else "left")
        for cell in rows.sort("value", descending=True, nulls_last=True).iter_rows(named=True):
            limits = f"{_number(cell['lower_ci_95'])} to {_number(cell['upper_ci_95'])}"
            outcome = f"[{OUTCOME_STYLES.get(cell['comparison']) or 'default'}]"
            table.add_row(
                cell["area_name"],
                _number(cell["value"]),
                limits if cell["lower_ci_95"] is not None else "",
                f"{outcome}{cell['comparison']}[/]",
                cell["recent_trend"],
            )
        console.print(table)
    if out is not None:
        from marmot_monitor.charts import areas_chart, save_chart

        first = cells.filter(pl.col("row") == cells["row"].min())
        bars = first.filter(pl.col("column_role") == "area")
        chart = areas_chart(
            bars,
            title=first["title"][0],
            unit=first["unit"][0] if "unit" in first.columns else "",
            benchmark_value=bars["benchmark_value"].drop_nulls().first(),
            benchmark_name=result.benchmark_name,
        )
        save_chart(chart, out)
        console.print(f"Wrote the chart to {out}.")


def trend(
    indicator: IndicatorArgument,
    area: AreaOption = None,
    sex: Annotated[str, typer.Option(help="Persons, Male or Female.")] = "Persons",
    out: ChartOut = None,
    db: DbOption = None,
) -> None:
    """One indicator over time for an area, compared with England, with its recent trend."""
    _check_chart(out)
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.data.indicator_series import indicator_trend

    view = indicator_trend(indicator, area=area, sex=sex)
    series = view.frame.filter(pl.col("area_code") == view.area.code).sort("period")
    table = Table(title=f"{view.indicator.title}: {view.area.name} ({view.indicator.unit})")
    for heading in ("Period", "Value", "95% CI", "Compared with England"):
        table.add_column(heading, justify="right" if heading == "Value" else "left")
    for row in series.iter_rows(named=True):
        limits = f"{_number(row['lower_ci_95'])} to {_number(row['upper_ci_95'])}"
        table.add_row(
            row["period_label"],
            _number(row["value"]),
            limits if row["lower_ci_95"] is not None else "",
            row["comparison"],
        )
    console.print(table)
    summary = view.summary.row(0, named=True)
    note = f" ({summary['trend_note']})" if summary["trend_note"] else ""
    console.print(f"Recent trend: {summary['recent_trend']}{note}.")
    if out is not None:
        from marmot_monitor.charts import save_chart, trend_chart

        chart = trend_chart(
            view.frame.with_columns(pl.col("period_label").alias("period")),
            title=view.indicator.title,
            area_name=view.area.name,
            unit=view.indicator.unit,
        )
        save_chart(chart, out)
        console.print(f"Wrote the chart to {out}.")


def _limits(row: dict, name: str) -> str:
    if row[name] is None:
        return "-"
    lower, upper = row[f"{name}_lower_ci_95"], row[f"{name}_upper_ci_95"]
    return f"{_number(row[name])} ({_number(lower)} to {_number(upper)})"


def _inequality_periods(summary: pl.DataFrame, view) -> Table:
    """Each period's SII, RII and gap with 95% CIs, and why any is missing."""
    table = Table(title=f"Inequality in {view.indicator.title} by period: {view.area.name}")
    for heading in ("Period", "SII (95% CI)", "RII", "Gap (95% CI)", "Note"):
        table.add_column(heading, justify="left" if heading in ("Period", "Note") else "right")
    for row in summary.iter_rows(named=True):
        rii = "-" if row["rii"] is None else f"{row['rii']:.2f}"
        note = row["inequality_note"] or ""
        table.add_row(row["period"], _limits(row, "sii"), rii, _limits(row, "gap"), note)
    return table


def _figure(value) -> str:
    """Three significant figures (ratios and indices are small), one decimal from 100 up."""
    if value is None:
        return "-"
    return f"{value:,.1f}" if abs(value) >= 100 else f"{value:,.3g}"


def _summary_measures(
    view, measures: list[str], latest: dict, out: Path | None, *, category: str | None = None
) -> None:
    """The HEAT measures of the latest period and sex; every period's in ``out``."""
    from marmot_monitor.analysis import summary_measures_by_subgroup
    from marmot_monitor.analysis.summary_measures import summary_measures_reading
    from marmot_monitor.methods.summary_measures import MEASURES, NOT_ORDERED, NOT_UNORDERED
    from marmot_monitor.web.data.indicator_series import SIMULATION_SEED

    indicator, ordered = view.indicator, category is None
    result = summary_measures_by_subgroup(
        view.frame,
        value_type=indicator.value_type,
        multiplier=float(indicator.multiplier),
        polarity=indicator.polarity,
        subgroup="quantile" if ordered else "subgroup",
        ordered=ordered,
        keys=["indicator", "sex", "age", "period"],
        measures=measures,
        seed=SIMULATION_SEED,
    )
    shown = result.filter(pl.col("period") == latest["period"], pl.col("sex") == latest["sex"])
    template = NOT_UNORDERED if ordered else NOT_ORDERED
    elsewhere = [template.format(name=code) for code in MEASURES]
    other = shown.filter(pl.col("note").is_in(elsewhere))["measure"].to_list()
    shown = shown.filter(~pl.col("note").is_in(elsewhere).fill_null(False))
    few = pl.col("note").str.contains(" subgroups with a value (", literal=True).fill_null(False)
    too_few = shown.filter(few)["measure"].to_list()
    shown = shown.filter(~few)
    table = Table(
        title=f"WHO HEAT summary measures of {indicator.title} by {category or 'deprivation'}: "
        f"{view.area.name}, {latest['period']} ({latest['sex'].lower()})"
    )
    for heading in ("Measure", "Estimate", "SE", "95% CI", "Method", "Note"):
        table.add_column(heading, justify="right" if heading in ("Estimate", "SE") else "left")
    for row in shown.iter_rows(named=True):
        limits = f"{_figure(row['lower_ci_95'])} to {_figure(row['upper_ci_95'])}"
        table.add_row(
            f"{row['measure']}: {row['name']}",
            _figure(row["estimate"]),
            _figure(row["standard_error"]),
            limits if row["lower_ci_95"] is not None else "-",
            row["method"],
            row["note"] or "",
        )
    console.print(table)
    if other:
        console.print((UNORDERED_ONLY if ordered else ORDERED_ONLY).format(codes=", ".join(other)))
    if too_few:
        count = int(result["subgroups"].max())
        console.print(
            TOO_FEW_SUBGROUPS.format(subgroups=counted(count, "subgroup"), codes=", ".join(too_few))
        )
    reading = summary_measures_reading(indicator.polarity, ordered=ordered)
    console.print(reading, markup=False)
    if out is not None:
        _write_measures(result, view, reading, out)


def _write_measures(result: pl.DataFrame, view, reading: str, out: Path) -> None:
    from marmot_monitor.io.cells import write_csv, write_xlsx

    export = result.with_columns(
        pl.lit(view.area.code).alias("area_code"),
        pl.lit(view.area.name).alias("area_name"),
        pl.lit(reading).alias("reading"),
    )
    export = export.select("area_code", "area_name", *result.columns, "reading")
    if out.suffix.lower() == ".csv":
        write_csv(export, out)
    else:
        write_xlsx(export, out, sheet="Summary measures")
    console.print(f"Wrote {counted(export.height, 'measure')} to {out}.")


def _category_measures(
    indicator: str, area: str | None, category: str, measures: list[str], out: Path | None
) -> None:
    """The HEAT measures between the area's subgroups of one category type."""
    from marmot_monitor.web.data.indicator_series import indicator_categories

    view = indicator_categories(indicator, area=area, category_type=category)
    rows = view.frame.sort("period", pl.col("sex") == "Persons")
    latest = rows.row(-1, named=True)
    console.print(f"Subgroups {view.source}.")
    _summary_measures(view, measures, latest, out, category=category)


def _view(indicator, view, area, compare, category, quintiles, sex, measure, out, db) -> None:
    from marmot_monitor.cli.inequality_views import check_view_options, show_view

    check_view_options(out, measure)
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    from marmot_monitor.web.data.inequality_views import DEPRIVATION, QUINTILES

    show_view(
        indicator,
        view=view,
        area=area,
        compare=compare,
        category=category or (QUINTILES if quintiles else DEPRIVATION),
        sex=sex,
        measure=measure[0] if measure else "",
        out=out,
    )


def inequality(
    indicator: IndicatorArgument,
    area: AreaOption = None,
    quintiles: Annotated[
        bool, typer.Option("--quintiles", help="Quintiles instead of deciles.")
    ] = False,
    measure: MeasureOption = None,
    category: CategoryOption = None,
    view: Annotated[
        ViewName | None,
        typer.Option(
            help="A WHO HEAT view instead: each area's subgroups as dots on a line (equiplot), "
            "each area's average against its measure (compare), or the area's measure over "
            "time (trend); one --measure (default SII by deprivation, D otherwise)."
        ),
    ] = None,
    compare: Annotated[
        Comparison | None,
        typer.Option(
            help="With --view: the areas beside the area (default: its fellow districts or "
            "wards, or the place and its comparators)."
        ),
    ] = None,
    sex: Annotated[str, typer.Option(help="With --view: Persons, Male or Female.")] = "Persons",
    out: Annotated[
        Path | None,
        typer.Option(
            help="Also draw the chart to this .png or .svg file; with --measure or --view, or "
            "write the measures (or the view's table) to this .csv or .xlsx file."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """An indicator by deprivation within an area: values by decile, SII, RII and the gap,
    any WHO HEAT summary measure, and HEAT's equiplot, Compare view and measure over time."""
    if view is not None:
        _view(indicator, view, area, compare, category, quintiles, sex, measure, out, db)
        return
    table_out = out if measure and out and out.suffix.lower() in TABLE_KINDS else None
    if measure and out is not None and table_out is None and out.suffix.lower() not in CHART_KINDS:
        raise ValueError(UNKNOWN_INEQUALITY_OUT.format(path=out))
    chart_out = None if table_out else out
    _check_chart(chart_out)
    if category and not measure:
        raise ValueError(NO_MEASURE)
    if category and chart_out is not None:
        raise ValueError(CATEGORY_CHART.format(path=out))
    if measure:
        from marmot_monitor.methods.summary_measures import measure_codes

        measure = measure_codes(measure)
    from marmot_monitor.cli import setup

    setup.start_django(db=db)
    if category and measure:
        _category_measures(indicator, area, category, measure, table_out)
        return
    from marmot_monitor.web.data.indicator_series import indicator_inequality

    view = indicator_inequality(indicator, area=area, quantiles=5 if quintiles else 10)
    summary = view.summary.sort("period", pl.col("sex") == "Persons")
    latest = summary.row(-1, named=True)
    rows = view.frame.filter(
        pl.col("period") == latest["period"], pl.col("sex") == latest["sex"]
    ).sort("quantile")
    kind = "decile" if latest["quantiles"] > 5 else "quintile"
    table = Table(
        title=f"{view.indicator.title} by deprivation {kind}: {view.area.name}, "
        f"{latest['period']} ({sex_plural(latest['sex'])})"
    )
    sized = "small_areas" if "small_areas" in rows.columns else "denominator"
    for heading in (f"IMD {kind} (1 = most deprived)", sized.replace("_", " ").capitalize()):
        table.add_column(heading, justify="right")
    for heading in ("Value", "95% CI"):
        table.add_column(heading, justify="right")
    for row in rows.iter_rows(named=True):
        limits = f"{_number(row['lower_ci_95'])} to {_number(row['upper_ci_95'])}"
        size = format_number(row[sized], decimals=0, missing="-")
        table.add_row(str(row["quantile"]), size, _number(row["value"]), limits)
    console.print(table)
    console.print(f"Values {view.source}.")
    console.print(_inequality_periods(summary.filter(pl.col("sex") == latest["sex"]), view))
    if measure:
        _summary_measures(view, measure, latest, table_out)
    out = chart_out
    if latest["inequality_note"]:
        console.print(f"Inequality not calculated in full: {latest['inequality_note']}.")
    for name in INEQUALITY_STATISTICS:
        said = inequality_sentence(
            name,
            latest[name],
            indicator=view.indicator.title,
            unit=view.indicator.unit,
            quantiles=latest["quantiles"],
        )
        if said:
            console.print(said)
    if latest["gap"] is not None:
        console.print(f"Sign convention: {latest['sign_convention']}.")
    if latest["sii"] is None:
        if out is not None:
            console.print(f"No chart written to {out}: it draws the SII's line.")
        return
    if latest.get("baseline_period") and latest.get("sii_change") is not None:
        console.print(
            f"Change in the SII since {latest['baseline_period']}: {_number(latest['sii_change'])} "
            f"(95% CI {_number(latest['sii_change_lower_ci_95'])} to "
            f"{_number(latest['sii_change_upper_ci_95'])})."
        )
    if out is not None:
        from marmot_monitor.analysis.inequality import sii_line
        from marmot_monitor.charts import gradient_chart, save_chart

        chart = gradient_chart(
            sii_line(rows, sii=latest["sii"], rii=latest["rii"]),
            title=f"{view.indicator.title}, {view.area.name}",
            unit=view.indicator.unit,
            sii=latest["sii"],
        )
        save_chart(chart, out)
        console.print(f"Wrote the chart to {out}.")
