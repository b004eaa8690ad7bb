"""Charts draw analysis frames faithfully, render offline to SVG and PNG, and stay legible."""

import json
import xml.etree.ElementTree as ET

import polars as pl
import pytest

from marmot_monitor.charts import (
    COLOUR_BLIND_SAFE,
    FINGERTIPS,
    areas_chart,
    gradient_chart,
    map_chart,
    palette,
    rug_chart,
    save_chart,
    spine_chart,
    spine_positions,
    to_png,
    to_svg,
    trend_chart,
)
from tests.io.shared import shared_file

SVG = "{http://www.w3.org/2000/svg}"


def svg_text(chart) -> str:
    root = ET.fromstring(to_svg(chart))
    assert root.tag == f"{SVG}svg"
    return " ".join(element.text or "" for element in root.iter(f"{SVG}text"))


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted(map(relative_luminance, (first, second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.fixture
def rug():
    return pl.DataFrame(
        {
            "title": ["Smoking", "Smoking", "Obesity", "Obesity"],
            "area_name": ["Abbey", "Castle", "Abbey", "Castle"],
            "row": [0, 0, 1, 1],
            "column": [0, 1, 0, 1],
            "period": ["2024"] * 4,
            "value": [12.0, 19.5, 20.1, 25.0],
            "lower_ci_95": [10.0, 17.0, 18.0, 23.0],
            "upper_ci_95": [14.0, 22.0, 22.0, 27.0],
            "comparison": ["Better", "Worse", "Similar", "Not compared"],
            "recent_trend": ["No significant change"] * 4,
        }
    )


@pytest.mark.parametrize("chosen", [FINGERTIPS, COLOUR_BLIND_SAFE], ids=lambda p: p.name)
def test_cell_text_is_readable_on_every_fill_at_wcag_aa(chosen):
    for outcome, fill in chosen.fills.items():
        assert contrast(fill, chosen.text[outcome]) >= 4.5, outcome


def test_an_unknown_palette_names_the_choices():
    with pytest.raises(ValueError, match="fingertips, colour-blind-safe, not 'rainbow'"):
        palette("rainbow")


def test_the_rug_shows_every_area_indicator_and_value(rug):
    text = svg_text(rug_chart(rug, title="Wards compared with Fairshire"))
    assert "Wards compared with Fairshire" in text
    for label in ("Abbey", "Castle", "Smoking (2024)", "19.5", "Not compared"):
        assert label in text


def test_a_chart_missing_its_label_columns_says_which(rug):
    with pytest.raises(ValueError, match="rug_chart needs the columns area_name"):
        rug_chart(rug.drop("area_name"), title="Rug")


def test_spine_positions_put_england_at_the_centre_and_the_best_on_the_right():
    values = pl.DataFrame(
        {
            "indicator": ["A"] * 5 + ["B"] * 5,
            "title": ["High"] * 5 + ["Low"] * 5,
            "area_code": ["E", "P", "Q", "R", "S"] * 2,
            "value": [10.0, 8.0, 9.0, 11.0, 14.0] * 2,
            "polarity": ["High is good"] * 5 + ["Low is good"] * 5,
            "comparison": ["Not compared", "Worse", "Similar", "Better", "Better"] * 2,
        }
    )
    spine = spine_positions(values, area_code="R", england_code="E")
    high, low = spine.row(0, named=True), spine.row(1, named=True)
    # half-width max(|8 - 10|, |14 - 10|) = 4, so a unit is 1/8 of the axis
    assert (high["worst"], high["best"], high["area"], high["england"]) == (0.25, 1.0, 0.625, 0.5)
    assert (low["worst"], low["best"], low["area"]) == (0.0, 0.75, 0.375)
    assert high["q25"] == pytest.approx(0.5 + (8.75 - 10) / 8)
    # the same points unscaled, worst first: P25 of 8, 9, 11, 14 is 8.75 and P75 is 11.75
    unscaled = ["worst_value", "q25_value", "q75_value", "best_value", "area_value"]
    assert [high[name] for name in unscaled] == [8.0, 8.75, 11.75, 14.0, 11.0]
    assert [low[name] for name in unscaled] == [14.0, 11.75, 8.75, 8.0, 11.0]
    assert low["england_value"] == 10.0
    text = svg_text(spine_chart(spine, title="Spine", area_name="R"))
    assert {"Worst", "England", "Best"} <= set(text.split())


def test_the_trend_draws_the_area_and_names_the_other_areas():
    frame = pl.DataFrame(
        {
            "period": ["2021", "2022", "2023"] * 2,
            "area_name": ["Fairshire"] * 3 + ["England"] * 3,
            "value": [80.0, 80.5, 81.0, 81.0, 81.2, 81.4],
            "lower_ci_95": [79.5, 80.0, 80.5, None, None, None],
            "upper_ci_95": [80.5, 81.0, 81.5, None, None, None],
            "comparison": ["Worse", "Similar", "Similar", None, None, None],
        }
    )
    text = svg_text(
        trend_chart(frame, title="Life expectancy", area_name="Fairshire", unit="years")
    )
    assert "England" in text
    assert "years" in text


def test_compared_areas_show_the_benchmark(rug):
    frame = rug.filter(pl.col("row") == 0)
    chart = areas_chart(
        frame, title="Smoking", unit="%", benchmark_value=15.0, benchmark_name="England"
    )
    assert "dashed line: England" in svg_text(chart)


def test_the_gradient_states_the_slope_index_of_inequality():
    frame = pl.DataFrame(
        {
            "quantile": list(range(1, 11)),
            "value": [30.0 - 2 * d for d in range(10)],
            "lower_ci_95": [28.0 - 2 * d for d in range(10)],
            "upper_ci_95": [32.0 - 2 * d for d in range(10)],
            "fitted": [30.0 - 2 * d for d in range(10)],
        }
    )
    chart = gradient_chart(frame, title="Child poverty by decile", unit="%", sii=20.0)
    assert "Slope index of inequality: 20.0 %, most minus least deprived" in svg_text(chart)


def test_a_map_colours_areas_from_geojson_features():
    def square(code, x):
        ring = [[x, 52], [x + 1, 52], [x + 1, 53], [x, 53], [x, 52]]
        return {
            "type": "Feature",
            "properties": {"area_code": code},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }

    frame = pl.DataFrame(
        {
            "area_code": ["A", "B"],
            "area_name": ["Ashbury", "Coldwater"],
            "value": [10.0, 20.0],
            "comparison": ["Better", "Worse"],
        }
    )
    svg = to_svg(map_chart([square("A", 0), square("B", 1)], frame, title="Map"))
    assert FINGERTIPS.fills["Better"].lower() in svg.lower()
    assert FINGERTIPS.fills["Worse"].lower() in svg.lower()


def test_charts_save_as_svg_or_png_and_refuse_other_formats(rug, tmp_path):
    chart = rug_chart(rug, title="Rug")
    assert save_chart(chart, tmp_path / "rug.svg").read_text().startswith("<svg")
    assert save_chart(chart, tmp_path / "rug.png").read_bytes()[:4] == b"\x89PNG"
    assert to_png(chart)[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match=r"rug.pdf: charts are saved as .svg or .png"):
        save_chart(chart, tmp_path / "rug.pdf")


def test_geojson_rings_are_rewound_as_d3_expects():
    from marmot_monitor.charts.figures import _rewound

    anticlockwise = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [anticlockwise, anticlockwise]},
    }
    outer, hole = _rewound(feature)["geometry"]["coordinates"]
    assert outer == anticlockwise[::-1]
    assert hole == anticlockwise


def test_the_real_local_authority_boundaries_draw_one_shape_each():
    source = shared_file("boundaries/lad_england_wales_generalised.geojson")
    features = json.loads(source.read_text())["features"]
    frame = pl.DataFrame(
        {
            "area_code": [f["properties"]["area_code"] for f in features],
            "area_name": [f["properties"]["area_name"] for f in features],
            "value": [1.0] * len(features),
            "comparison": ["Similar"] * len(features),
        }
    )
    svg = to_svg(map_chart(features, frame, title="Local authorities"))
    shapes = ET.fromstring(svg).iter(f"{SVG}path")
    filled = [s for s in shapes if s.get("fill", "").lower() == FINGERTIPS.fills["Similar"].lower()]
    assert len(filled) == len(features) + 1  # one shape per area, and the legend's symbol


def test_the_allocation_chart_draws_spend_per_head_by_decile_with_the_average():
    from marmot_monitor.charts.allocation import allocation_chart

    by_decile = pl.DataFrame(
        {
            "imd_decile": [1, 2],
            "spend_per_head": [3.0, 1.0],
            "population": [10.0, 10.0],
            "spend": [30.0, 10.0],
        }
    )
    spec = allocation_chart(by_decile, title="Spend").to_dict()
    assert spec["title"]["subtitle"] == "Dashed line: the average, £2.00 per resident"
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "rule"]


def test_the_concentration_chart_draws_the_curve_beside_the_diagonal():
    from marmot_monitor.charts.allocation import concentration_chart

    curve = pl.DataFrame(
        {
            "imd_decile": [None, 1, 10],
            "population_cumulative": [0.0, 0.5, 1.0],
            "spend_cumulative": [0.0, 0.7, 1.0],
        },
        schema_overrides={"imd_decile": pl.Int64},
    )
    spec = concentration_chart(curve, title="Curve").to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "line"]
    assert spec["title"]["subtitle"] == "Dashed line: the same spend per resident everywhere"


def test_the_allocation_map_shades_each_area_by_amount_per_resident():
    from marmot_monitor.charts.allocation import allocation_map

    features = [
        {"type": "Feature", "properties": {"area_code": code},
         "geometry": {"type": "Polygon", "coordinates": [[[x, 52], [x + 1, 52], [x + 1, 53],
                                                          [x, 53], [x, 52]]]}}
        for code, x in (("A", 0), ("B", 1))
    ]  # fmt: skip
    areas = pl.DataFrame(
        {"area_code": ["A", "B"], "area_name": ["Ash", "Birch"], "amount": [10.0, 30.0],
         "amount_per_head": [1.0, 3.0]}
    )  # fmt: skip
    spec = allocation_map(features, areas, title="Map").to_dict()
    assert spec["encoding"]["color"]["field"] == "amount_per_head"
    assert spec["mark"]["type"] == "geoshape"
    rows = [row for rows in spec["datasets"].values() for row in rows]
    assert {"area_code": "B", "area_name": "Birch", "amount": 30.0, "amount_per_head": 3.0} in rows
