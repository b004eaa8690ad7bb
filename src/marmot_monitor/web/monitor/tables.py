"""Rows of indicators as the pages list them: latest value, England's, comparison, trend."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from marmot_monitor.charts.labels import title_with_sex
from marmot_monitor.reports.text import with_unit
from marmot_monitor.web.data.explain import explain_query
from marmot_monitor.web.data.profiles import AreaProfile

# GOV.UK tag colours closest to Fingertips' (green better, amber similar, red worse, blues
# for higher/lower without judgement); the words always say the same.
TAG_COLOURS = {
    "Better": "govuk-tag--green",
    "Similar": "govuk-tag--yellow",
    "Worse": "govuk-tag--red",
    "Higher": "govuk-tag--blue",
    "Lower": "govuk-tag--light-blue",
}
NOT_COMPARED_TAG = "govuk-tag--grey"


@dataclass(frozen=True)
class IndicatorRow:
    principle: int
    principle_title: str
    code: str
    title: str
    period: str
    value: str
    england: str
    comparison: str
    comparison_tag: str
    comparison_note: str
    trend: str
    unit: str
    explain: str = ""
    area_code: str = ""
    sex: str = ""
    change: str = ""
    title_english: bool = False
    principle_title_english: bool = False


def indicator_rows(profile: AreaProfile) -> list[IndicatorRow]:
    """One row per indicator row of the profile (an indicator, or one sex of it), by
    principle: an indicator serving two principles is listed under each."""
    if profile.rows.is_empty():
        return []
    england = profile.peers.filter(pl.col("area_code") == profile.england.code).select(
        "row", pl.col("value").alias("england_value")
    )
    rows = profile.rows.join(england, on="row", how="left").sort("row")
    return [_row(row) for row in rows.iter_rows(named=True)]


def _row(row: dict) -> IndicatorRow:
    comparison = row["comparison"] or "Not compared"
    note = row["comparison_note"] or ""
    return IndicatorRow(
        principle=row["principle"],
        principle_title=row["principle_title"],
        code=row["indicator"],
        title=title_with_sex(row["title"], row["sex"]),
        period=row["period"] or "",
        value=with_unit(row["value"], row["unit"]),
        england=with_unit(row["england_value"], row["unit"]),
        comparison=comparison,
        comparison_tag=TAG_COLOURS.get(comparison, NOT_COMPARED_TAG),
        comparison_note=note,
        trend=row["recent_trend"] or "Cannot be calculated",
        unit=row["unit"] or "",
        area_code=row.get("area_code") or "",
        title_english=bool(row.get("title_english")),
        principle_title_english=bool(row.get("principle_title_english")),
        sex=row["sex"] or "Persons",
        explain=explain_query(
            indicator=row["indicator"],
            area=row["area_code"],
            period=row["period"] or "",
            sex=row["sex"] or "Persons",
            age=row.get("age") or "All ages",
        )
        if row["value"] is not None and "area_code" in row
        else "",
    )
