"""``life_expectancy``: hand-checked life tables, the reference package's suppression rules.

PHEindicatormethods' expected LE values are inline in its R test code (``testLifeExpectancy.R``)
and are not in ``../shared/reference``, so these cases are checked from the published formula
instead: Chiang's abridged life table (Chiang 1968, ch. 9) with Silcocks et al's variance for
the open last band (J Epidemiol Community Health 2001;55:38-43), as OHID's LE calculator and
``phe_life_expectancy`` apply it. The input table is the example of ``phe_life_expectancy``'s
documentation.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from marmot_monitor.methods import (
    AGE_BANDS,
    MethodsError,
    MethodsWarning,
    SmallNumberWarning,
    life_expectancy,
)

POPULATION = [7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601]
POPULATION += [50209, 56416, 46411, 39820, 37978, 37039, 33288, 23306, 11936, 11936]
DEATHS = [17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936]
DEATHS += [1937]
Z95 = 1.959963984540054


def example(**changes) -> pd.DataFrame:
    frame = pd.DataFrame({"age": list(AGE_BANDS), "pop": POPULATION, "deaths": DEATHS})
    return frame.assign(**changes)


def quiet(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MethodsWarning)
        return life_expectancy(*args, **kwargs)


def chiang_by_hand(deaths, population, ages):
    """Chiang II and Silcocks, one band at a time, written straight from the published formula."""
    bands = len(ages)
    rate = [d / p for d, p in zip(deaths, population, strict=True)]
    width = [ages[i + 1] - ages[i] for i in range(bands - 1)]
    a = [0.1 if age == 0 else 0.5 for age in ages]
    q = [width[i] * rate[i] / (1 + width[i] * rate[i] * (1 - a[i])) for i in range(bands - 1)]
    alive = [100_000.0]
    for i in range(bands - 1):
        alive.append(alive[i] * (1 - q[i]))
    lived = [width[i] * (alive[i + 1] + a[i] * (alive[i] - alive[i + 1])) for i in range(bands - 1)]
    lived.append(alive[-1] / rate[-1])
    expectancy = [sum(lived[i:]) / alive[i] for i in range(bands)]
    terms = [
        alive[i] ** 2
        * ((1 - a[i]) * width[i] + expectancy[i + 1]) ** 2
        * q[i] ** 2
        * (1 - q[i])
        / deaths[i]
        for i in range(bands - 1)
    ]
    terms.append((alive[-1] / 2) ** 2 * 4 / (deaths[-1] * rate[-1] ** 2))
    errors = [math.sqrt(sum(terms[i:]) / alive[i] ** 2) for i in range(bands)]
    return np.array(expectancy), np.array(errors)


def test_open_last_band_is_population_over_deaths_with_silcocks_error():
    # e_w = L_w / l_w = (l_w / M_w) / l_w = 1 / M_w, and SE = sqrt((l_w/2)^2 · 4/(D M^2)) / l_w
    # = 1 / (M_w sqrt(D_w)): 11936 / 1937 = 6.162106 years, SE 0.140013.
    result = life_expectancy(
        example(), deaths="deaths", population="pop", start_age="age", confidence=0.95
    )
    value = 11936 / 1937
    error = value / math.sqrt(1937)
    assert_allclose(result["value"].iloc[-1], value, rtol=1e-13)
    assert_allclose(result["value"].iloc[-1], 6.16210635, atol=5e-9)
    assert_allclose(result["lower_ci_95"].iloc[-1], value - Z95 * error, rtol=1e-13)
    assert_allclose(result["upper_ci_95"].iloc[-1], value + Z95 * error, rtol=1e-13)


def test_band_before_the_last_follows_the_closed_form():
    # Age 85-89: n = 5, a = 0.5, M = 1936/11936, q = 5M/(1 + 2.5M);
    # e_85 = 5(1 - q/2) + (1 - q) e_90, with e_90 = 11936/1937.
    result = life_expectancy(example(), deaths="deaths", population="pop", start_age="age")
    rate = 1936 / 11936
    q = 5 * rate / (1 + 2.5 * rate)
    assert_allclose(result["value"].iloc[-2], 5 * (1 - q / 2) + (1 - q) * 11936 / 1937, rtol=1e-13)


def test_whole_table_equals_a_band_by_band_computation_of_the_formula():
    expectancy, error = chiang_by_hand(DEATHS, POPULATION, list(AGE_BANDS))
    result = life_expectancy(example(), deaths="deaths", population="pop", start_age="age")
    assert_allclose(result["value"], expectancy, rtol=1e-12)
    assert_allclose(result["upper_ci_99_8"] - result["value"], 3.090232306167813 * error, rtol=1e-9)
    # The example's LE at birth, rounded to 4 dp as testLifeExpectancy.R compares.
    assert round(float(result["value"].iloc[0]), 4) == 80.1696
    assert list(result["statistic"][:2]) == ["life expectancy at 0", "life expectancy at 1"]
    assert set(result["method"]) == {"Chiang, using Silcocks et al for confidence limits"}
    assert result["value_note"].isna().all()


def test_row_order_and_band_labels_do_not_matter():
    labels = ["0", "1-4", *[f"{age} – {age + 4}" for age in range(5, 90, 5)], "90 +"]
    shuffled = example(age=labels).sample(frac=1, random_state=3)
    result = life_expectancy(shuffled, deaths="deaths", population="pop", start_age="age")
    reference = life_expectancy(example(), deaths="deaths", population="pop", start_age="age")
    assert list(result.index) == list(shuffled.index)
    assert_allclose(result["value"].sort_index(), reference["value"], rtol=1e-13)


def test_groups_are_computed_together_and_one_bad_group_leaves_the_others():
    good = example(area="good")
    small = example(area="small", pop=[250] * 20, deaths=[1] * 20)
    frame = pd.concat([good, small, example(area="also good")], ignore_index=True)
    with pytest.warns(SmallNumberWarning, match="1 of 3 life tables not calculated"):
        result = life_expectancy(
            frame, deaths="deaths", population="pop", start_age="age", group_by="area"
        )
    single = life_expectancy(example(), deaths="deaths", population="pop", start_age="age")
    assert_allclose(result["value"][:20], single["value"], rtol=1e-13)
    assert_allclose(result["value"][40:], single["value"], rtol=1e-13)
    assert result["value"][20:40].isna().all()
    assert result["lower_ci_95"][20:40].isna().all()
    assert set(result["value_note"][20:40]) == {
        "LE not calculated: total population is 5,000 or fewer"
    }


@pytest.mark.parametrize(
    ("total", "calculated"),
    # The reference code suppresses when sum(population) <= 5000 (its documentation says
    # "less than 5,000"), so exactly 5,000 person-years is not calculated.
    [(5000, False), (5020, True)],
)
def test_total_population_must_exceed_5000(total, calculated):
    population = [total // 20] * 20
    population[0] += total - sum(population)
    frame = example(pop=population, deaths=[0] * 15 + [5, 10, 20, 40, 80])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SmallNumberWarning)
        result = life_expectancy(frame, deaths="deaths", population="pop", start_age="age")
    assert np.isnan(result["lower_ci_95"]).all() != calculated
    small = result["value_note"] == "LE not calculated: total population is 5,000 or fewer"
    assert small.all() != calculated


@pytest.mark.parametrize(
    ("change", "note"),
    [
        ({"pop": [0, *POPULATION[1:]]}, "an age band has a population of 0"),
        ({"deaths": [*DEATHS[:18], 20000, DEATHS[19]]}, "more deaths than population"),
        ({"deaths": [*DEATHS[:19], 0]}, "no deaths in the last (open) age band"),
        ({"deaths": [np.nan, *DEATHS[1:]]}, "a death count or population is missing"),
    ],
)
def test_groups_the_reference_package_cannot_calculate_are_blank_with_a_reason(change, note):
    with pytest.warns(MethodsWarning, match="1 of 1 life tables not calculated"):
        result = life_expectancy(
            example(**change), deaths="deaths", population="pop", start_age="age"
        )
    assert result["value"].isna().all()
    assert result["upper_ci_95"].isna().all()
    assert result["value_note"].str.endswith(note).all()


@pytest.mark.parametrize("rows", [slice(0, 19), [*range(20), 5]])
def test_missing_or_repeated_age_bands_leave_the_group_blank(rows):
    frame = example().iloc[rows]
    result = quiet(frame, deaths="deaths", population="pop", start_age="age")
    assert result["value"].isna().all()
    assert set(result["value_note"]) == {
        "LE not calculated: the group needs exactly one row for each age band"
    }


def test_values_with_a_95_interval_wider_than_20_years_are_blank_but_keep_their_limits():
    frame = example(pop=[300] * 20, deaths=[0] * 18 + [2, 2])
    with pytest.warns(SmallNumberWarning, match="wider than 20 years"):
        result = life_expectancy(frame, deaths="deaths", population="pop", start_age="age")
    assert np.isnan(result["value"][0])
    assert (result["upper_ci_95"][:18] - result["lower_ci_95"][:18] > 20).all()
    assert result["value_note"][0] == (
        "LE suppressed: 95% confidence interval is wider than 20 years"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"deaths": [-1, *DEATHS[1:]]}, "deaths must be >= 0 (1 row is negative, first at row 0)"),
        (
            {"pop": [7060, -5, *POPULATION[2:]]},
            "pop must be >= 0 (1 row is negative, first at row 1)",
        ),
        (
            {"age": [0, 1, 3, *AGE_BANDS[3:]]},
            "age value 3 is not the start of one of the age bands 0, 1, 5, 10,",
        ),
    ],
)
def test_invalid_inputs_raise_with_column_and_row(change, message):
    with pytest.raises(MethodsError) as error:
        life_expectancy(example(**change), deaths="deaths", population="pop", start_age="age")
    assert str(error.value).startswith(message)


def test_other_age_bands_can_be_given():
    ages = [0, *range(10, 100, 10)]
    deaths = [30, 5, 10, 20, 40, 100, 300, 700, 1200, 1500]
    result = life_expectancy(
        start_age=ages, deaths=deaths, population=[60_000] * 10, age_bands=ages
    )
    expectancy, _ = chiang_by_hand(deaths, [60_000] * 10, ages)
    assert_allclose(result["value"], expectancy, rtol=1e-12)
    with pytest.raises(MethodsError, match="age_bands must be increasing whole numbers"):
        life_expectancy(start_age=[1, 2], deaths=[1, 1], population=[9e3, 9e3], age_bands=[1, 2])


tables = st.lists(
    st.tuples(st.integers(2_000, 60_000), st.floats(0.0005, 0.3)), min_size=20, max_size=20
).map(
    lambda rows: (
        [p for p, _ in rows],
        [int(p * r * (i / 20) ** 2) + (5 if i == 19 else 0) for i, (p, r) in enumerate(rows)],
    )
)


@settings(max_examples=40, deadline=None)
@given(tables)
def test_limits_contain_the_value_widen_with_confidence_and_kinds_agree(table):
    population, deaths = table
    arrays = quiet(start_age=list(AGE_BANDS), deaths=deaths, population=population)
    frame = pd.DataFrame({"age": list(AGE_BANDS), "d": deaths, "p": population})
    from_pandas = quiet(frame, deaths="d", population="p", start_age="age")
    from_polars = quiet(pl.from_pandas(frame), deaths="d", population="p", start_age="age")
    for column in ("value", "lower_ci_95", "upper_ci_99_8"):
        assert_allclose(from_pandas[column].to_numpy(), arrays[column], equal_nan=True)
        assert_allclose(
            from_polars[column].to_numpy().astype(float), arrays[column], equal_nan=True
        )
    shown = ~np.isnan(arrays["value"])
    value = arrays["value"][shown]
    assert (arrays["lower_ci_99_8"][shown] <= arrays["lower_ci_95"][shown] + 1e-9).all()
    assert (arrays["lower_ci_95"][shown] <= value + 1e-9).all()
    assert (value <= arrays["upper_ci_95"][shown] + 1e-9).all()
    assert (arrays["upper_ci_95"][shown] <= arrays["upper_ci_99_8"][shown] + 1e-9).all()
