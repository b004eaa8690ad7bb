"""The outcome summary chart: a bar per principle, split by comparison with England."""

import polars as pl
import pytest

from marmot_monitor.charts import to_svg
from marmot_monitor.charts.summary import comparison_summary_chart

SUMMARY = pl.DataFrame(
    {
        "principle_title": ["1. Best start in life", "2. Capabilities and control"],
        "better": [2, 1],
        "similar": [8, 4],
        "worse": [2, 1],
        "not_compared": [0, 1],
    }
)


def test_each_principle_has_a_bar_in_the_order_given():
    chart = comparison_summary_chart(SUMMARY, title="Fairshire compared with England")
    spec = chart.to_dict()
    assert spec["encoding"]["y"]["sort"] == ["1. Best start in life", "2. Capabilities and control"]
    values = next(iter(spec["datasets"].values()))
    better = [row["indicators"] for row in values if row["comparison"] == "Better"]
    assert better == [2, 1]
    svg = to_svg(chart)
    assert "Best start in life" in svg
    assert "Compared with England" in svg


def test_missing_counts_are_named():
    with pytest.raises(ValueError, match="needs the columns not_compared"):
        comparison_summary_chart(SUMMARY.drop("not_compared"), title="x")
