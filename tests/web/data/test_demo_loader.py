"""The Fairshire demo loads into the database whole, replaces itself, and never real data."""

import polars as pl
import pytest

from marmot_monitor.demo import build_fairshire
from marmot_monitor.web import demo as loader
from marmot_monitor.web.catalogue.models import Framework, Indicator
from marmot_monitor.web.data import demo as data_loader
from marmot_monitor.web.data.models import AreaBoundary, Import, Value
from marmot_monitor.web.places.models import Area, AreaType

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def fairshire():
    return build_fairshire(seed=7, scale="small")


def load(demo):
    return loader.load_fairshire(demo, label="Fairshire demo (test)")


def test_loading_stores_areas_indicators_and_a_successful_import(fairshire):
    source = load(fairshire)
    assert source.status == Import.Status.SUCCEEDED
    assert Area.objects.count() == fairshire.areas.height
    assert Indicator.objects.count() == fairshire.indicators.height
    assert source.rows_written == Value.objects.count() == fairshire.values.height
    assert AreaBoundary.objects.filter(source=source).count() == fairshire.boundaries.height


def test_the_place_becomes_the_default_frameworks_place(fairshire, client):
    load(fairshire)
    place = fairshire.areas.filter(pl.col("is_place")).row(0, named=True)
    assert Framework.objects.get(is_default=True).place.code == place["code"]
    assert place["name"] in client.get("/").content.decode()


def test_ward_values_are_the_sums_of_their_lsoas(fairshire):
    load(fairshire)
    ward = Area.objects.filter(area_type__code="ward").first()
    lsoas = list(ward.children.values_list("id", flat=True))
    value = Value.objects.filter(area=ward, count__isnull=False, value_note="").first()
    parts = Value.objects.filter(
        area_id__in=lsoas,
        indicator=value.indicator,
        period=value.period,
        sex=value.sex,
        age=value.age,
    )
    assert value.count == pytest.approx(sum(p.count for p in parts))
    assert value.denominator == pytest.approx(sum(p.denominator for p in parts))
    assert value.lower_ci_95 <= value.value <= value.upper_ci_95
    assert value.lower_ci_99_8 <= value.lower_ci_95


def test_suppressed_small_numbers_keep_their_note_and_no_value(fairshire):
    load(fairshire)
    suppressed = Value.objects.filter(area__area_type__code="lsoa", count__isnull=True)
    assert suppressed.exists()
    assert all(v.value is None and v.value_note for v in suppressed)


def test_loading_again_replaces_the_earlier_demo(fairshire):
    load(fairshire)
    counts = (Area.objects.count(), Value.objects.count())
    load(fairshire)
    assert (Area.objects.count(), Value.objects.count()) == counts
    assert Import.objects.count() == 1


def test_the_demo_never_overwrites_other_data(fairshire):
    Area.objects.create(
        code="E06000001",
        name="Hartlepool",
        area_type=AreaType.objects.get(code="unitary"),
        vintage=2023,
    )
    with pytest.raises(data_loader.DemoWouldOverwriteError, match="choose another file with --db"):
        load(fairshire)
    assert list(Area.objects.values_list("code", flat=True)) == ["E06000001"]


def test_the_demo_never_replaces_the_people_of_a_real_database(fairshire, django_user_model):
    django_user_model.objects.create_superuser("admin", password="their own secret")
    with pytest.raises(data_loader.DemoWouldOverwriteError, match="choose another file with --db"):
        load(fairshire)
    assert django_user_model.objects.get().check_password("their own secret")


def test_loading_again_keeps_people_added_to_the_demo_database(fairshire, django_user_model):
    load(fairshire)
    django_user_model.objects.create_user("visitor")
    load(fairshire)
    assert django_user_model.objects.filter(username="visitor").exists()
    assert django_user_model.objects.get(username="officer").membership.role == "officer"


def test_a_failure_part_way_leaves_the_database_as_it_was(fairshire, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(data_loader, "_load_values", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        load(fairshire)
    assert not Area.objects.exists()
    assert not Import.objects.exists()
