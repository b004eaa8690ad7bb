"""The inequality views' frames: the measure of many areas, the equiplot, Compare and trend rows.

Hand-checked values: area A's quintile values fall by 4 from the most deprived (30, 26, ...,
14) with equal populations, so they lie on a straight line over the rank midpoints and the PHE
SII is exactly 20 (30 + 2 at rank 0 minus 14 − 2 at rank 1: 32 − 12), positive because higher
among the most deprived; its gap is 30 − 14 = 16. Area B's values are flat (20 in each
quintile), so its SII and gap are 0.
"""

import numpy as np
import polars as pl
import pytest

from marmot_monitor.analysis import summary_measures_by_subgroup
from marmot_monitor.analysis._common import AnalysisError
from marmot_monitor.analysis.inequality_views import (
    FEW_AREAS,
    OWN_VALUE,
    SUBGROUP_MEAN,
    InequalityView,
    chosen_measure,
    compare_rows,
    equiplot_rows,
    inequality_measure,
    measure_choices,
    measure_code,
    setting_averages,
    trend_rows,
    view_rows,
)

METADATA = {"value_type": "proportion", "multiplier": 100, "polarity": "low is good"}


def quintiles(area: str, values: list[float], period: str = "2023") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "area_code": [area] * 5,
            "area_name": [f"Area {area}"] * 5,
            "sex": ["Persons"] * 5,
            "age": ["All ages"] * 5,
            "period": [period] * 5,
            "quantile": [1, 2, 3, 4, 5],
            "value": values,
            "lower_ci_95": [v - 2 for v in values],
            "upper_ci_95": [v + 2 for v in values],
            "population": [1000.0] * 5,
        }
    )


SUBGROUPS = pl.concat(
    [
        quintiles("A", [30.0, 26, 22, 18, 14]),
        quintiles("B", [20.0] * 5),
        quintiles("A", [28.0, 25, 22, 19, 16], period="2022"),
    ]
)


def test_deprivation_offers_the_phe_sii_rii_and_gap_and_no_heat_sii_beside_them():
    codes = [code for code, _ in measure_choices(ordered=True)]
    assert codes[:3] == ["SII", "RII", "gap"]
    assert codes.count("SII") == 1
    assert "MLD" not in codes


def test_subgroups_without_an_order_are_not_offered_the_sii_or_the_gap():
    codes = [code for code, _ in measure_choices(ordered=False)]
    assert {"SII", "RII", "gap", "ACI"}.isdisjoint(codes)
    assert {"D", "R", "BGV", "TI", "MLD", "PR"} <= set(codes)


def test_an_unknown_measure_is_refused_naming_the_choices():
    with pytest.raises(AnalysisError, match="measure must be one of SII, RII, gap, D"):
        measure_code("Gini", ordered=True)


def test_a_measure_that_does_not_apply_falls_back_to_the_default_and_says_so():
    code, name, note = chosen_measure("SII", ordered=False)
    assert (code, name) == ("D", "Difference")
    assert note.startswith("SII is not a measure between subgroups without an order")
    assert chosen_measure("", ordered=True) == ("SII", "Slope index of inequality (PHE method)", "")


def test_the_phe_sii_and_gap_of_each_area_and_period_follow_the_declared_sign():
    sii = inequality_measure(SUBGROUPS, measure="SII", ordered=True, **METADATA)
    gap = inequality_measure(SUBGROUPS, measure="gap", ordered=True, **METADATA)
    latest = pl.col("period") == "2023"
    np.testing.assert_allclose(
        sii.filter(latest).sort("area_code")["estimate"], [20.0, 0.0], atol=1e-9
    )
    np.testing.assert_allclose(
        gap.filter(latest).sort("area_code")["estimate"], [16.0, 0.0], atol=1e-9
    )
    assert sii.height == 3
    assert (sii["lower_ci_95"] <= sii["estimate"]).all()


def test_a_heat_measure_is_the_one_summary_measures_gives():
    rci = inequality_measure(SUBGROUPS, measure="rci", ordered=True, seed=1, **METADATA)
    direct = summary_measures_by_subgroup(
        SUBGROUPS,
        keys=["area_code", "sex", "age", "period"],
        measures=["RCI"],
        seed=1,
        **METADATA,
    )
    assert rci.sort("area_code", "period")["estimate"].to_list() == (
        direct.sort("area_code", "period")["estimate"].to_list()
    )
    assert set(rci["measure"]) == {"RCI"}


def test_an_area_missing_a_quintile_has_no_sii_and_says_why():
    incomplete = SUBGROUPS.filter(~((pl.col("area_code") == "B") & (pl.col("quantile") == 3)))
    sii = inequality_measure(incomplete, measure="SII", ordered=True, **METADATA)
    b = sii.filter(pl.col("area_code") == "B").row(0, named=True)
    assert b["estimate"] is None
    assert "5 quantiles need a value" in b["note"]


def test_the_equiplot_names_each_quantile_and_orders_them_within_each_area():
    rows = equiplot_rows(SUBGROUPS, period="2023", ordered=True)
    assert rows["area_code"].to_list() == ["A"] * 5 + ["B"] * 5
    assert rows["subgroup_label"].to_list()[:5] == [
        "Quintile 1 (most deprived)",
        "Quintile 2",
        "Quintile 3",
        "Quintile 4",
        "Quintile 5 (least deprived)",
    ]


def test_deciles_an_area_covers_only_some_of_are_still_deciles_and_not_the_least_deprived():
    rows = SUBGROUPS.filter(pl.col("quantile") < 5).with_columns(pl.lit(10).alias("quantiles"))
    labels = equiplot_rows(rows, period="2023", ordered=True)["subgroup_label"].to_list()
    assert labels[:4] == ["Decile 1 (most deprived)", "Decile 2", "Decile 3", "Decile 4"]


def test_an_area_without_its_own_value_is_averaged_from_its_subgroups():
    own = pl.DataFrame({"area_code": ["A"], "period": ["2023"], "value": [21.0]})
    unweighted = quintiles("C", [10.0, 20, 30, 40, 50]).with_columns(
        pl.lit(None, pl.Float64).alias("population")
    )
    subgroups = pl.concat([SUBGROUPS, unweighted])
    averages = setting_averages(subgroups, own, period="2023")
    assert averages.rows() == [
        ("A", 21.0, OWN_VALUE),
        ("B", 20.0, SUBGROUP_MEAN),
        ("C", 30.0, SUBGROUP_MEAN),
    ]


def test_compare_rows_mark_the_chosen_area_and_carry_the_medians_of_both():
    measures = inequality_measure(SUBGROUPS, measure="gap", ordered=True, **METADATA)
    measures = measures.with_columns(pl.format("Area {}", "area_code").alias("area_name"))
    averages = setting_averages(
        SUBGROUPS, SUBGROUPS.head(0).select("area_code", "period", "value"), period="2023"
    )
    rows = compare_rows(measures, averages, period="2023", highlight="B")
    assert rows["highlighted"].to_list() == [False, True]
    assert rows["median_average"][0] == pytest.approx(21.0)
    assert rows["median_estimate"][0] == pytest.approx(8.0)


def test_the_trend_is_oldest_first_with_its_line_of_no_inequality():
    gap = inequality_measure(SUBGROUPS, measure="gap", ordered=True, **METADATA)
    rii = inequality_measure(SUBGROUPS, measure="RII", ordered=True, **METADATA)
    assert trend_rows(gap, area_code="A")["period"].to_list() == ["2022", "2023"]
    assert trend_rows(gap, area_code="A")["no_inequality"][0] == 0.0
    assert trend_rows(rii, area_code="A")["no_inequality"][0] == 1.0


def view(subgroups: pl.DataFrame, *, measure: str = "gap") -> InequalityView:
    measures = inequality_measure(subgroups, measure=measure, ordered=True, **METADATA)
    names = subgroups.select("area_code", "area_name").unique()
    return InequalityView(
        title="Smoking",
        unit="%",
        area_code="A",
        area_name="Area A",
        subgroups=subgroups,
        averages=subgroups.head(0).select("area_code", "period", "value"),
        measures=measures.join(names, on="area_code"),
        ordered=True,
        measure=measure,
        measure_name="Gap",
        subgroup_words="deprivation quintiles",
        reading="",
    )


def test_each_view_gives_its_rows_and_a_description_naming_the_area():
    shown = view(SUBGROUPS)
    equiplot, words = view_rows(shown, "equiplot")
    assert equiplot.columns[:5] == ["area_code", "area_name", "period", "order", "subgroup"]
    assert "Area A first" in words
    compare, words = view_rows(shown, "compare")
    assert compare["area_code"].to_list() == ["A", "B"]
    assert "Area A in red" in words
    trend, words = view_rows(shown, "inequality-trend")
    assert trend["period"].to_list() == ["2022", "2023"]
    assert "from 2022 to 2023" in words


def test_the_compare_view_of_a_single_area_says_what_it_needs():
    rows, why = view_rows(view(SUBGROUPS.filter(pl.col("area_code") == "A")), "compare")
    assert rows is None
    assert why == FEW_AREAS.format(subgroups="deprivation quintiles", found=1)
