"""The gradient by deprivation from an area's own rows by deprivation decile (Fingertips category
rows), when the database holds no small-area values for it.

Hand-checked values: decile values falling by a fixed step from the most deprived (30, 28, ...,
12) with equal populations lie on a straight line over the population-weighted rank midpoints
(0.05, 0.15, ..., 0.95), so the PHE weighted regression fits it exactly: slope −2 per decile,
−20 over the whole rank, so SII = 20 (positive: higher among the most deprived); the fitted
values at the ends are 31 (rank 0) and 11 (rank 1), so RII = 31 / 11. Each limit is the value
± 1, so SE = 2 / (2 × 1.96) and the gap's limits are 18 ± 1.96 × √2 × SE = 18 ± √2.
"""

import html
import re
from datetime import date

import numpy as np
import pytest
from django.urls import reverse

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.indicator_series import IndicatorUnavailableError, indicator_inequality
from marmot_monitor.web.data.models import Import, Period, Value
from marmot_monitor.web.demo import load_fairshire
from marmot_monitor.web.places.models import Area, AreaType

pytestmark = pytest.mark.django_db

COUNTY_DECILES = "County & UA deprivation deciles in England (IMD2019, 4/23 geography)"
DISTRICT_DECILES = "District & UA deprivation deciles in England (IMD2019, 4/23 geography)"
QUINTILES = "LSOA11 deprivation quintiles within area (IMD  trend)"
DECILE_NAMES = [
    "Most deprived decile",
    "Second most deprived decile",
    "Third more deprived decile",
    "Fourth more deprived decile",
    "Fifth more deprived decile",
    "Fifth less deprived decile",
    "Fourth less deprived decile",
    "Third less deprived decile",
    "Second least deprived decile",
    "Least deprived decile",
]
QUINTILE_NAMES = [
    "Most deprived quintile",
    "Second most deprived quintile",
    "Average deprived quintile",
    "Second least deprived quintile",
    "Least deprived quintile",
]


@pytest.fixture
def demo_for_this_test(small_fairshire):
    """The small demo, for the one test here that needs it: the others start empty."""
    load_fairshire(small_fairshire, label="Fairshire demo (test)")
    return small_fairshire


@pytest.fixture
def england():
    country, _ = AreaType.objects.get_or_create(code="country", defaults={"name": "Country"})
    return Area.objects.create(code="E92000001", name="England", area_type=country, vintage=2023)


@pytest.fixture
def indicator():
    return Indicator.objects.create(
        code="LE", title="Life expectancy", value_type="life expectancy", polarity="high is good"
    )


def add_rows(indicator, area, period, values, *, names, category_type, denominator=1000.0):
    """One row per quantile, most deprived first, each with limits ± 1."""
    source = Import.objects.create(kind="fingertips", file_name="extract.csv", sha256="0" * 64)
    year = int(period[:4])
    stored = Period.objects.filter(label=period).first() or Period.objects.create(
        label=period, start=date(year, 1, 1), end=date(year, 12, 31), period_type="other"
    )
    Value.objects.bulk_create(
        Value(
            indicator=indicator,
            area=area,
            period=stored,
            category_type=category_type,
            category=f"{name} (IMD2019)",
            denominator=denominator,
            value=value,
            lower_ci_95=value - 1,
            upper_ci_95=value + 1,
            source=source,
        )
        for name, value in zip(names, values, strict=True)
    )


def steps(first, step, count=10):
    return [first - step * i for i in range(count)]


def test_decile_rows_give_the_hand_checked_sii_rii_and_gap_and_say_where_they_came_from(
    england, indicator
):
    add_rows(
        indicator, england, "2022", steps(30.0, 2), names=DECILE_NAMES, category_type=COUNTY_DECILES
    )
    view = indicator_inequality("LE", area="E92000001")
    row = view.summary.row(0, named=True)
    assert view.source == f"from Fingertips' deprivation decile rows ({COUNTY_DECILES})"
    assert view.frame["quantile"].to_list() == list(range(1, 11))
    assert row["sii"] == pytest.approx(20.0)
    assert row["rii"] == pytest.approx(31 / 11)
    assert row["sii_lower_ci_95"] < 20.0 < row["sii_upper_ci_95"]
    assert row["gap"] == pytest.approx(18.0)
    assert row["gap_lower_ci_95"] == pytest.approx(18 - np.sqrt(2))
    assert row["gap_upper_ci_95"] == pytest.approx(18 + np.sqrt(2))
    assert row["inequality_note"] is None
    assert "positive SII and gap: higher values in the most deprived" in row["sign_convention"]


def test_the_change_over_time_is_measured_from_the_first_period_with_decile_rows(
    england, indicator
):
    add_rows(
        indicator, england, "2019", steps(30.0, 2), names=DECILE_NAMES, category_type=COUNTY_DECILES
    )
    add_rows(
        indicator, england, "2022", steps(30.0, 1), names=DECILE_NAMES, category_type=COUNTY_DECILES
    )
    summary = indicator_inequality("LE", area="E92000001").summary.sort("period")
    assert summary["sii"].to_list() == pytest.approx([20.0, 10.0])
    assert summary["baseline_period"].to_list() == ["2019", "2019"]
    assert summary["sii_change"].to_list() == pytest.approx([0.0, -10.0])
    assert summary["gap_change"].to_list() == pytest.approx([0.0, -9.0])
    assert summary["sii_change_upper_ci_95"][1] < 0


def test_decile_rows_without_denominators_give_the_gap_but_say_the_sii_needs_populations(
    england, indicator
):
    add_rows(
        indicator,
        england,
        "2022",
        steps(30.0, 2),
        names=DECILE_NAMES,
        category_type=COUNTY_DECILES,
        denominator=None,
    )
    row = indicator_inequality("LE", area="E92000001").summary.row(0, named=True)
    assert row["sii"] is None
    assert row["rii"] is None
    assert row["gap"] == pytest.approx(18.0)
    assert row["inequality_note"] == (
        "SII and RII not calculated: the PHE method weights each quantile by its population, "
        "and 10 of 10 quantiles have none (the gap needs no weights and is given)"
    )


def test_one_category_type_is_used_the_one_with_the_most_periods(england, indicator):
    for period in ("2019", "2022"):
        add_rows(
            indicator,
            england,
            period,
            steps(30.0, 2),
            names=DECILE_NAMES,
            category_type=DISTRICT_DECILES,
        )
    add_rows(
        indicator, england, "2022", steps(40.0, 2), names=DECILE_NAMES, category_type=COUNTY_DECILES
    )
    view = indicator_inequality("LE", area="E92000001")
    assert set(view.frame["category_type"]) == {DISTRICT_DECILES}
    assert view.summary.height == 2


def test_quintile_rows_are_used_when_asked_for_and_deciles_otherwise(england, indicator):
    add_rows(
        indicator, england, "2022", steps(30.0, 2), names=DECILE_NAMES, category_type=COUNTY_DECILES
    )
    add_rows(
        indicator, england, "2022", steps(30.0, 4, 5), names=QUINTILE_NAMES, category_type=QUINTILES
    )
    deciles = indicator_inequality("LE", area="E92000001")
    quintiles = indicator_inequality("LE", area="E92000001", quantiles=5)
    assert deciles.summary["quantiles"].to_list() == [10]
    assert quintiles.summary["quantiles"].to_list() == [5]
    assert quintiles.source == f"from Fingertips' deprivation quintile rows ({QUINTILES})"
    # Quintiles at ranks 0.1, 0.3, ... falling 4 a quintile: slope −20 over the whole rank.
    assert quintiles.summary["sii"][0] == pytest.approx(20.0)


def test_an_area_with_neither_small_areas_nor_decile_rows_says_what_to_import(england, indicator):
    with pytest.raises(IndicatorUnavailableError, match="nor rows by deprivation decile"):
        indicator_inequality("LE", area="E92000001")


def test_the_indicator_page_draws_the_gradient_from_decile_rows_and_names_their_source(
    client, demo_for_this_test
):
    # Smoking in the demo has county values only: no small areas to sum by decile.
    smoking = Indicator.objects.get(code="P6-01")
    fairshire = Area.objects.get(code="X10000001")
    period = smoking.values.filter(area=fairshire).order_by("-period__start").first().period
    add_rows(
        smoking,
        fairshire,
        period.label,
        steps(30.0, 2),
        names=DECILE_NAMES,
        category_type=COUNTY_DECILES,
    )
    response = client.get(reverse("monitor-indicator", args=["P6-01"]))
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    assert "The values by deprivation are from Fingertips' deprivation decile rows" in words
    # Values fall from 30 in the most deprived decile: higher among the most deprived.
    assert f"In {period.label}: The most deprived have" in words
    assert "percentage points higher smoking prevalence in adults (18 and over)" in words
    assert "Denominator (the SII's weight)" in words
