"""The tartan rug over the Fairshire demo: wards within the place, the place among comparators."""

import polars as pl

from marmot_monitor.analysis.rug import build_rug

ENGLAND, FAIRSHIRE = "X92000001", "X10000001"
ASHBURY, COLDWATER = "X07000001", "X07000003"


def indicators(demo, geography=None) -> pl.DataFrame:
    table = demo.indicators
    if geography:
        table = table.filter(pl.col("lowest_geography") == geography)
    return table.explode("principles").rename({"code": "indicator", "principles": "principle"})


def values(demo) -> pl.DataFrame:
    return demo.values.rename({"indicator_code": "indicator"})


def test_every_ward_cell_of_a_small_area_indicator_is_compared_with_fairshire(fairshire):
    wards = fairshire.areas.filter(pl.col("area_type") == "ward")
    rug = build_rug(
        values(fairshire),
        indicators(fairshire, "lsoa"),
        areas=wards["code"].to_list(),
        context=[ENGLAND, FAIRSHIRE],
        benchmark=FAIRSHIRE,
        keys=["sex"],
    )
    cells = rug.filter(pl.col("column_role") == "area")
    assert cells.height == wards.height * indicators(fairshire, "lsoa").height
    assert set(cells["comparison"]) <= {"Better", "Similar", "Worse", "Higher", "Lower"}
    assert cells["recent_trend"].is_in(["Cannot be calculated"]).mean() < 0.1


def test_the_deprived_district_s_wards_do_worse_than_the_affluent_one_s(fairshire):
    areas = fairshire.areas
    wards = areas.filter(pl.col("area_type") == "ward").select(
        pl.col("code").alias("area_code"), pl.col("parent_code").alias("district")
    )
    rug = build_rug(
        values(fairshire),
        indicators(fairshire, "lsoa"),
        areas=wards["area_code"].to_list(),
        benchmark=FAIRSHIRE,
        keys=["sex"],
    ).join(wards, on="area_code")
    worse = rug.group_by("district").agg((pl.col("comparison") == "Worse").mean())
    share = dict(worse.iter_rows())
    assert share[COLDWATER] > 2 * share[ASHBURY]


def test_fairshire_among_its_comparators_is_compared_with_england_for_every_sex(fairshire):
    comparators = fairshire.areas.filter(pl.col("is_comparator"))["code"].to_list()
    rug = build_rug(
        values(fairshire),
        indicators(fairshire),
        areas=[FAIRSHIRE, *comparators],
        context=[ENGLAND],
        benchmark=ENGLAND,
        keys=["sex"],
    )
    place = rug.filter(pl.col("area_code") == FAIRSHIRE)
    life_expectancy = place.filter(pl.col("indicator") == "OV-01")
    assert set(life_expectancy["sex"]) == {"Male", "Female"}
    not_compared = place.filter(pl.col("comparison") == "Not compared")
    assert set(not_compared["benchmark_method"]) == {"none"}
    assert rug.filter(pl.col("area_code") == ENGLAND)["comparison"].unique().to_list() == [
        "Not compared"
    ]
