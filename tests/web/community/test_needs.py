"""Needs against assets: assets per 1,000 residents by ward beside IMD and chosen indicators."""

import polars as pl
import pytest
from django.urls import reverse
from django.utils.html import escape

from marmot_monitor.analysis.assets import FLAG_RULE
from marmot_monitor.reports.text import MISSING
from marmot_monitor.web.community import data
from marmot_monitor.web.data.models import AreaDeprivation, Population
from marmot_monitor.web.places.models import Area, AreaType

from .conftest import EAST, WEST

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsoas(register):
    """Two LSOAs in each ward: West's are deprived, East's not; 1,000 residents each."""
    lsoa = AreaType.objects.get(code="lsoa")
    scores = {WEST: (40.0, 20.0), EAST: (5.0, 10.0)}
    for ward_code, pair in scores.items():
        ward = Area.objects.get(code=ward_code)
        for number, score in enumerate(pair):
            area = Area.objects.create(code=f"X0100{ward_code[-1]}{number}", name=f"L{number}",
                                       area_type=lsoa, vintage=2021, parent=ward)  # fmt: skip
            AreaDeprivation.objects.create(area=area, index="IMD2025", score=score)
            AreaDeprivation.objects.create(area=area, index="IMD2019", score=99.0)
            for year, count in ((2020, 1), (2022, 500)):
                for sex in ("Male", "Female"):
                    Population.objects.create(area=area, year=year, sex=sex, age_band="0-4",
                                              count=count)  # fmt: skip


def test_a_ward_has_its_lsoas_latest_residents_and_their_weighted_latest_imd_score(lsoas):
    wards = data.ward_needs([WEST, EAST]).sort("area_code")
    assert wards.select("population", "imd_score").rows() == [(2000.0, 30.0), (2000.0, 7.5)]


def test_the_needs_page_states_the_rule_and_flags_no_ward_when_the_deprived_has_more_assets(
    client, lsoas
):
    page = client.get(reverse("community-needs")).content.decode()
    assert escape(FLAG_RULE) in page
    assert "No ward has high need and few assets by this rule." in page
    assert "0.50" in page  # West: 1 asset per 2,000 residents


def test_the_deprived_ward_with_fewer_assets_is_flagged(client, lsoas, register):
    register.ward = Area.objects.get(code=EAST)
    register.save()
    page = client.get(reverse("community-needs")).content.decode()
    assert "Wards of high need and few assets: West." in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"indicator": ["A", "B", "C", "D"]}, "Choose at most 3 indicators"),
        ({"indicator": ["<b>NOPE</b>"]}, "There is no indicator with the code &lt;b&gt;NOPE"),
    ],
)
def test_an_unknown_or_fourth_indicator_is_refused_with_a_message(client, lsoas, query, message):
    response = client.get(reverse("community-needs"), query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_chosen_indicator_stands_beside_each_ward_on_the_demo(client, demo):
    options = client.get(reverse("community-needs")).context["view"].options
    code, title = options[0]
    view = client.get(reverse("community-needs"), {"indicator": code}).context["view"]
    assert [column.label for column in view.table.columns][-2:] == [title, "Flag"]
    values = [row[-2].text for row in view.table.rows]
    assert len(values) == 9
    assert MISSING not in values
    assert pl.Series(values).n_unique() > 1


def test_a_place_without_wards_says_what_to_import(client, db):
    response = client.get(reverse("community-needs"))
    assert response.status_code == 200
    assert "import a ward lookup to see need by ward" in response.content.decode()
