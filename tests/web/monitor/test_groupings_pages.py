"""Local groups appear as a geography of the rug, on the area pages and in the chooser."""

import polars as pl
import pytest
from django.urls import reverse

from marmot_monitor.web.data.importing import import_file
from marmot_monitor.web.monitor.rugs import RugUnavailableError, place_rug
from marmot_monitor.web.places.models import Area
from tests.web.data.test_groupings import NAME, write_groupings

KEY = "area-action-partnerships"


@pytest.fixture
def grouped(demo, tmp_path):
    import_file("groupings", write_groupings(tmp_path / "aaps.csv"), read_options={"name": NAME})


def test_the_groups_are_a_geography_of_the_rug_compared_with_the_place(grouped):
    rug = place_rug(geography=KEY)
    areas = rug.frame.filter(pl.col("column_role") == "area")
    assert set(areas["area_name"]) == {"North", "Middle", "South"}
    assert rug.title.startswith("Fairshire: Area Action Partnerships in Fairshire compared with")
    assert rug.benchmark_name == "Fairshire"


def test_an_unknown_geography_names_the_grouping_sets_among_the_choices(grouped):
    with pytest.raises(RugUnavailableError, match=f"lsoas, {KEY}, not 'aaps'"):
        place_rug(geography="aaps")


def test_the_rug_page_offers_and_shows_the_groups(grouped, client):
    page = client.get(reverse("monitor-rug"), {"geography": KEY})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Area Action Partnerships in Fairshire" in text
    assert "North" in text
    assert "Middle" in text


def test_each_group_has_an_area_profile_among_the_other_groups(grouped, client):
    north = Area.objects.get(name="North", area_type__code=KEY)
    page = client.get(reverse("monitor-area", args=[north.code]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Area Action Partnerships of Fairshire" in text
    assert "Fairshire" in text


def test_the_area_chooser_lists_the_groups(grouped, client):
    place = client.get(reverse("monitor-area", args=["X10000001"]))
    text = place.content.decode()
    assert "Area Action Partnerships" in text
    assert "South" in text
