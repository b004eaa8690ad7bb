"""The site selection and reach charts draw the frames their tables show."""

import polars as pl

from marmot_monitor.charts import to_svg
from marmot_monitor.charts.sites import centre, reach_chart, site_chart, site_map

RANKING = pl.DataFrame(
    {
        "name": ["Yard", "Field", "Depot"],
        "score": [90.0, 40.0, 70.0],
        "rank": [1, 3, 2],
        "chosen": [True, False, True],
        "latitude": [52.41, 52.40, 52.42],
        "longitude": [-1.51, -1.52, -1.50],
    }
)
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-1.6, 52.3], [-1.4, 52.3], [-1.4, 52.5], [-1.6, 52.5], [-1.6, 52.3]]],
}


def test_the_site_chart_colours_the_chosen_sites_and_sorts_by_rank():
    spec = site_chart(RANKING, title="Sites").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert {row["name"]: row["choice"] for row in values} == {
        "Yard": "Chosen",
        "Field": "Not chosen",
        "Depot": "Chosen",
    }
    assert spec["encoding"]["y"]["sort"] == {"field": "rank"}


def test_the_site_map_draws_each_site_on_its_areas_and_renders_offline():
    feature = {"type": "Feature", "properties": {"area_code": "W1"}, "geometry": SQUARE}
    svg = to_svg(site_map([feature], RANKING, title="Candidate sites"))
    assert svg.count('aria-roledescription="circle"') == 3
    assert all(f">{rank}</text>" in svg for rank in (1, 2, 3))


def test_an_area_is_marked_at_the_middle_of_its_corners():
    assert centre(SQUARE) == (-1.5, 52.4)


def test_the_reach_chart_shows_each_decile_with_its_interval_and_the_place_line():
    frame = pl.DataFrame(
        {
            "quantile": [1, 2, 3, 4, 5],
            "users": [60.0, 50.0, 40.0, 30.0, 20.0],
            "population": [1000.0] * 5,
            "reach": [60.0, 50.0, 40.0, 30.0, 20.0],
            "lower_ci_95": [45.0, 37.0, 28.0, 20.0, 12.0],
            "upper_ci_95": [77.0, 65.0, 54.0, 43.0, 31.0],
        }
    )
    spec = reach_chart(frame, title="Reach", by="quintile").to_dict()
    assert "the whole place, 40.0 per 1,000" in spec["title"]["subtitle"]
    assert spec["layer"][0]["encoding"]["x"]["title"] == "National IMD quintile (1 = most deprived)"
