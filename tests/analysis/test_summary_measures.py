"""``summary_measures_by_subgroup``: the indicator's catalogue terms turned into HEAT's inputs."""

from __future__ import annotations

import polars as pl
import pytest

from marmot_monitor.analysis import SUMMARY_COLUMNS, summary_measures_by_subgroup
from marmot_monitor.analysis.summary_measures import (
    heat_value_type,
    summary_measures_reading,
)
from marmot_monitor.methods.summary_measures import NO_POPULATION


def deciles(**columns) -> pl.DataFrame:
    frame = pl.DataFrame(
        {
            "period": ["2023"] * 5,
            "quantile": [1, 2, 3, 4, 5],
            "value": [30.0, 26.0, 22.0, 18.0, 14.0],
            "lower_ci_95": [28.0, 24, 20, 16, 12],
            "upper_ci_95": [32.0, 28, 24, 20, 16],
            "population": [1000.0] * 5,
        }
    )
    return frame.with_columns(**columns)


@pytest.mark.parametrize(
    ("value_type", "multiplier", "expected"),
    [
        ("proportion", 100, ("percentage", 100.0)),
        ("proportion", 1, ("proportion", 1.0)),
        ("crude rate", 1000, ("rate", 1000.0)),
        ("directly standardised rate", 100000, ("rate", 100000.0)),
        ("life expectancy", 1, ("mean", 1.0)),
        ("indirectly standardised ratio", 100, ("mean", 1.0)),
    ],
)
def test_catalogue_value_types_become_heats_value_type_and_scale(value_type, multiplier, expected):
    assert heat_value_type(value_type, multiplier) == expected


@pytest.mark.parametrize(
    ("polarity", "difference"), [("low is good", 16.0), ("high is good", -16.0)]
)
def test_the_polarity_decides_which_end_the_difference_starts_from(polarity, difference):
    result = summary_measures_by_subgroup(
        deciles(), value_type="proportion", multiplier=100, polarity=polarity, measures="D"
    )
    assert result.columns == ["period", *SUMMARY_COLUMNS]
    assert result["estimate"].to_list() == [difference]


def test_the_standard_error_comes_from_the_95_percent_limits():
    result = summary_measures_by_subgroup(
        deciles(), value_type="proportion", multiplier=100, polarity="low is good", measures="D"
    )
    assert result["standard_error"][0] == pytest.approx((2 * (4 / 3.919927969) ** 2) ** 0.5)


def test_a_missing_population_is_taken_from_the_denominator():
    frame = deciles(population=pl.lit(None, pl.Float64), denominator=pl.lit(500.0))
    result = summary_measures_by_subgroup(
        frame, value_type="proportion", multiplier=100, polarity="low is good", measures="SII"
    )
    assert result["estimate"][0] < 0


def test_without_a_population_the_weighted_measures_say_why_and_d_is_still_given():
    frame = deciles(population=pl.Series([1000.0, None, 1000, 1000, 1000]))
    result = summary_measures_by_subgroup(
        frame, value_type="proportion", multiplier=100, polarity="low is good",
        measures=["D", "SII"],
    )  # fmt: skip
    assert result["estimate"].to_list() == [16.0, None]
    assert result["note"][1] == NO_POPULATION.format(name="SII")


def test_unordered_subgroups_such_as_ethnic_groups_get_the_unordered_measures():
    frame = deciles(quantile=pl.Series(["Asian", "Black", "Mixed", "Other", "White"]))
    result = summary_measures_by_subgroup(
        frame,
        value_type="proportion",
        multiplier=100,
        polarity="low is good",
        ordered=False,
        measures=["D", "BGV", "SII"],
    )
    rows = {row["measure"]: row for row in result.iter_rows(named=True)}
    assert rows["D"]["estimate"] == 16.0
    assert rows["BGV"]["estimate"] == pytest.approx(32.0)
    assert rows["SII"]["note"].startswith("not calculated: SII is for ordered dimensions")


def test_the_reading_says_which_end_d_starts_from_and_how_the_sii_reads():
    reading = summary_measures_reading("high is good", ordered=True)
    assert "the least deprived minus, or over, the most deprived" in reading
    assert "positive SII" in reading
