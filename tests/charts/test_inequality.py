"""The inequality views' charts draw every area and subgroup, the medians and the limits."""

import polars as pl

from marmot_monitor.analysis.inequality_views import view_rows
from marmot_monitor.charts.inequality import view_chart
from tests.analysis.test_inequality_views import SUBGROUPS, view
from tests.charts.test_figures import svg_text


def spec_layers(chart) -> list[dict]:
    return chart.to_dict()["layer"]


def test_the_equiplot_draws_a_line_per_area_and_names_every_subgroup():
    shown = view(SUBGROUPS)
    rows, _ = view_rows(shown, "equiplot")
    chart = view_chart(shown, "equiplot", rows)
    words = svg_text(chart)
    assert "Area A" in words
    assert "Area B" in words
    assert "Quintile 1 (most deprived)" in words
    assert [layer["mark"]["type"] for layer in spec_layers(chart)] == ["rule", "point"]


def test_the_compare_view_draws_both_medians_and_names_the_chosen_area():
    shown = view(SUBGROUPS)
    rows, _ = view_rows(shown, "compare")
    chart = view_chart(shown, "compare", rows)
    rules = [layer for layer in spec_layers(chart) if layer["mark"]["type"] == "rule"]
    assert {next(iter(rule["encoding"])) for rule in rules} == {"x", "y"}
    assert "Area A in red" in chart.to_dict()["title"]["subtitle"]
    assert "Area A" in svg_text(chart)


def test_the_trend_draws_each_periods_limits_and_the_line_of_no_inequality():
    shown = view(SUBGROUPS, measure="RII")
    rows, _ = view_rows(shown, "inequality-trend")
    chart = view_chart(shown, "inequality-trend", rows)
    layers = spec_layers(chart)
    assert layers[0]["encoding"]["y"]["field"] == "no_inequality"
    assert layers[1]["encoding"]["y2"]["field"] == "upper_ci_95"
    assert {"2022", "2023"} <= set(svg_text(chart).split())
    assert rows.filter(pl.col("period") == "2023")["no_inequality"][0] == 1.0
