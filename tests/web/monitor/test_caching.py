"""Cached page parts last until the data changes: imports, deleted imports, admin edits."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.catalogue.models import Framework, Indicator
from marmot_monitor.web.data.history import delete_import
from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.monitor.caching import (
    bump_data_version,
    cache_key,
    cached,
    cached_on_data,
    data_version,
)
from marmot_monitor.web.monitor.models import DataVersion

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
REVISED = "indicator,area_code,period,sex,age,value,lower_ci_95,upper_ci_95\n"


@pytest.fixture
def revision(tmp_path):
    """A tidy file revising Fairshire's latest school readiness to 12.3% (12.0 to 12.6)."""
    path = tmp_path / "revision.csv"
    path.write_text(REVISED + "P1-01,X10000001,2024/25,Persons,5 yrs,12.3,12.0,12.6\n")
    return path


def fairshire_school_readiness(client) -> str:
    page = client.get(reverse("monitor-rug"), {"principle": 1}).content.decode()
    return re.search(r'aria-label="(Fairshire, School readiness[^"]*)"', page).group(1)


def test_the_data_version_is_made_on_first_use_and_kept():
    DataVersion.objects.all().delete()
    first = data_version()
    assert len(first) == 32
    assert data_version() == first


def test_a_bump_gives_a_new_version():
    before = data_version()
    assert bump_data_version() != before
    assert data_version() != before


def test_cached_computes_once_per_data_version():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached("test", ("a", 1), compute) == 1
    assert cached("test", ("a", 1), compute) == 1
    assert cached("test", ("a", 2), compute) == 2
    bump_data_version()
    assert cached("test", ("a", 1), compute) == 3


def test_cached_on_data_keys_by_the_arguments():
    calls = []

    @cached_on_data("test-decorated")
    def double(number: int, *, extra: int = 0) -> int:
        calls.append(number)
        return 2 * number + extra

    assert double(2) == double(2) == 4
    assert double(2, extra=1) == 5
    assert calls == [2, 2]


def test_keys_name_the_namespace_language_and_version():
    assert cache_key("rug", ("wards",), version="v1").startswith("marmot:rug:en-gb:v1:")
    with translation.override("cy"):
        assert cache_key("rug", ("wards",), version="v1").startswith("marmot:rug:cy:v1:")
    assert cache_key("rug", ("wards",), version="v1") != cache_key("rug", ("lsoas",), version="v1")
    assert cache_key("rug", ("wards",), version="v1") != cache_key("rug", ("wards",), version="v2")


def test_an_import_changes_the_rug_page(client, demo, revision):
    before = fairshire_school_readiness(client)
    assert ": 12.3%" not in before
    import_file("values", revision)
    after = fairshire_school_readiness(client)
    assert ": 12.3%, worse than England" in after


def test_deleting_the_import_brings_the_old_rug_back(client, demo, revision):
    before = fairshire_school_readiness(client)
    result = import_file("values", revision)
    assert ": 12.3%" in fairshire_school_readiness(client)
    delete_import(result.import_id)
    assert fairshire_school_readiness(client) == before


def test_a_dry_run_leaves_the_version_as_it_was(demo, revision):
    before = data_version()
    import_file("values", revision, options=ImportOptions(dry_run=True))
    assert data_version() == before


def test_admin_edits_of_the_catalogue_and_comparators_change_the_version(demo):
    before = data_version()
    indicator = Indicator.objects.get(code="P1-01")
    indicator.title = "School readiness (renamed)"
    indicator.save()
    renamed = data_version()
    assert renamed != before
    Framework.objects.get(is_default=True).comparators.clear()
    assert data_version() != renamed


def test_areas_ranked_among_the_same_peers_share_one_cached_rug(demo, monkeypatch):
    from marmot_monitor.web.data import profiles
    from marmot_monitor.web.places.models import Area

    first, second = Area.objects.filter(area_type__code="lsoa").order_by("code")[:2]
    assert profiles.area_profile(first.code).rows.height > 0

    def not_again(*args, **kwargs):
        raise AssertionError("the peers' rug was built again")

    monkeypatch.setattr(profiles, "build_rug", not_again)
    profile = profiles.area_profile(second.code)
    assert profile.rows["area_code"].unique().to_list() == [second.code]
    bump_data_version()
    with pytest.raises(AssertionError, match="built again"):
        profiles.area_profile(second.code)
