"""One indicator for one area: trend against England, gradient by deprivation."""

import polars as pl
import pytest

from marmot_monitor.demo import build_fairshire
from marmot_monitor.web.data.demo import load_fairshire
from marmot_monitor.web.monitor.indicators import (
    IndicatorUnavailableError,
    indicator_inequality,
    indicator_trend,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def fairshire():
    return build_fairshire(scale="small")


@pytest.fixture
def loaded(fairshire):
    load_fairshire(fairshire, label="Fairshire demo (test)")


def test_the_trend_compares_every_period_with_england(loaded):
    view = indicator_trend("P1-03")
    place = view.frame.filter(pl.col("area_code") == "X10000001")
    assert place["period_label"].to_list()[0] == "2014/15"
    assert place["comparison"].is_in(["Better", "Similar", "Worse"]).all()
    assert view.summary["recent_trend"][0] != "Cannot be calculated"


def test_the_gradient_has_ten_deciles_and_a_positive_sii_for_child_poverty(loaded):
    view = indicator_inequality("P1-03", area="X10000001")
    latest = view.summary.sort("period").row(-1, named=True)
    assert latest["quantiles"] == 10 or latest["inequality_note"]
    if not latest["inequality_note"]:
        assert latest["sii"] > 0


def test_an_unknown_area_is_named(loaded):
    with pytest.raises(IndicatorUnavailableError, match="no area has the code 'X0'"):
        indicator_trend("P1-03", area="X0")
