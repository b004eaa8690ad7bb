"""Importing the register and editing assets on the site: all or nothing, and audited."""

import pytest
from django.urls import reverse

from marmot_monitor.io.assets import NO_LOOKUP
from marmot_monitor.io.problems import InvalidRowsError
from marmot_monitor.web.community import services
from marmot_monitor.web.community.models import Asset
from marmot_monitor.web.programme.models import AuditEvent

from .conftest import EAST, WEST

pytestmark = pytest.mark.django_db

HEADER = "reference,name,type,postcode,latitude,longitude,ward_code,principles\n"
TWO = (
    "TS-2,Dene Library,library,,52.1,-1.2,,1;2\n"  # in East by its point
    "TS-1,Abbey Park (renamed),green space,,52.3,-1.8,,6\n"  # updates the fixture's asset
)


def file(tmp_path, body, name="assets.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body)
    return path


def test_an_import_adds_new_assets_updates_known_ones_and_finds_wards_from_points(
    register, tmp_path
):
    plan = services.plan_import(file(tmp_path, TWO))
    assert (plan.added, plan.updated) == (1, 1)
    summary = services.import_register(plan, operator="tester")
    assert summary == "1 assets added and 1 updated from assets.csv"
    assert dict(Asset.objects.values_list("name", "ward__code")) == {
        "Dene Library": EAST,
        "Abbey Park (renamed)": WEST,
    }
    library = Asset.objects.get(reference="TS-2")
    assert sorted(library.principles.values_list("number", flat=True)) == [1, 2]
    event = AuditEvent.objects.get(action="assets imported")
    assert (event.username, event.description) == ("tester", summary)


@pytest.mark.parametrize(
    ("line", "column", "rule"),
    [
        ("TS-3,Far Hall,library,,55.0,-3.0,,", "latitude", services.OUTSIDE_WARDS),
        ("TS-3,Hall,library,,52.1,-1.2,X05999999,", "ward_code", services.UNKNOWN_WARD),
        ("TS-3,Hall,library,FS1 2AB,,,,", "postcode", NO_LOOKUP),
    ],
)  # fmt: skip
def test_a_file_with_one_bad_row_changes_nothing_and_names_the_row(
    register, tmp_path, line, column, rule
):
    with pytest.raises(InvalidRowsError) as refused:
        services.plan_import(file(tmp_path, TWO + line + "\n"))
    problem = refused.value.problems.first()[0]
    assert (problem.row, problem.column, problem.rule) == (4, column, rule)
    assert list(Asset.objects.values_list("name", flat=True)) == ["Abbey Park"]


def test_the_register_exports_as_it_imports(register, tmp_path):
    unnamed = "TS-2,Dene Library,library,,52.1,-1.2,,1;2\n,Mill Hall,food,,52.2,-1.3,,\n"
    services.import_register(services.plan_import(file(tmp_path, unnamed)))
    for exported in (tmp_path / "register.json", tmp_path / "register.csv"):
        exported.write_text(services.export_register(exported.suffix[1:]))
        plan = services.plan_import(exported)
        assert (plan.added, plan.updated) == (0, 3), exported.name


def test_an_officer_adds_an_asset_whose_ward_is_found_from_its_point_and_audited(
    client, people, register
):
    client.force_login(people["officer"])
    response = client.post(
        reverse("community-asset-new"),
        {"name": "Mill Lane Food Bank", "asset_type": "food", "latitude": "52.4",
         "longitude": "-1.1", "principles": ["4"]},
    )  # fmt: skip
    asset = Asset.objects.get(name="Mill Lane Food Bank")
    assert response["Location"] == reverse("community-asset", args=[asset.pk])
    assert asset.ward.code == EAST
    assert asset.reference == f"asset-{asset.pk}"
    event = AuditEvent.objects.get(action="asset added")
    assert event.after["principles"] == [4]
    assert event.before is None


def test_a_bad_edit_shows_each_problem_by_its_field_and_changes_nothing(client, people, register):
    client.force_login(people["officer"])
    url = reverse("community-asset-edit", args=[register.pk])
    response = client.post(url, {"name": "Abbey Park", "asset_type": "green space",
                                 "latitude": "95", "longitude": "-1.5",
                                 "last_checked": "soon"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "Latitude is not a latitude in the United Kingdom (49.0 to 61.0)" in page
    assert "Last checked is not a date: write the date as 2026-03-31" in page
    assert 'href="#id_latitude"' in page
    register.refresh_from_db()
    assert register.latitude == 52.25
    assert not AuditEvent.objects.exists()


def test_an_edit_records_the_asset_before_and_after(client, people, register):
    client.force_login(people["officer"])
    client.post(
        reverse("community-asset-edit", args=[register.pk]),
        {"name": "Abbey Park", "asset_type": "green space", "latitude": "52.25",
         "longitude": "-1.75", "principles": ["8"], "opening_times": "Dawn to dusk"},
    )  # fmt: skip
    event = AuditEvent.objects.get(action="asset changed")
    assert (event.before["opening_times"], event.after["opening_times"]) == ("", "Dawn to dusk")
    assert (event.before["principles"], event.after["principles"]) == ([6, 8], [8])
    trail = client.get(reverse("programme-audit")).content.decode()
    assert "Abbey Park: changed" in trail


def test_a_retired_asset_leaves_the_public_pages_and_comes_back_when_restored(
    client, people, register
):
    client.force_login(people["officer"])
    retire = reverse("community-asset-retire", args=[register.pk])
    client.post(retire)
    client.logout()
    assert "Abbey Park" not in client.get(reverse("community-assets")).content.decode()
    assert (
        "Abbey Park" not in client.get(reverse("monitor-search"), {"q": "abbey"}).content.decode()
    )
    assert client.get(reverse("community-asset", args=[register.pk])).status_code == 404
    client.force_login(people["officer"])
    client.post(retire)
    assert "Abbey Park" in client.get(reverse("community-assets")).content.decode()
    actions = list(AuditEvent.objects.order_by("at", "id").values_list("action", flat=True))
    assert actions == ["asset retired", "asset restored"]


def test_the_list_is_filtered_by_principle_type_and_ward(client, register, tmp_path):
    services.import_register(services.plan_import(file(tmp_path, TWO)))
    page = lambda **q: client.get(reverse("community-assets"), q).content.decode()  # noqa: E731
    assert "Dene Library" in page(principle=1)
    assert "Abbey Park" not in page(principle=1)
    assert "Dene Library" not in page(type="green space")
    assert "Dene Library" in page(ward=EAST)
    assert "Abbey Park" not in page(ward=EAST)
    assert client.get(reverse("community-assets"), {"type": "castle"}).status_code == 400


def test_the_site_search_finds_assets_by_name_organisation_or_type(client, register):
    page = client.get(reverse("monitor-search"), {"q": "green"}).content.decode()
    assert reverse("community-asset", args=[register.pk]) in page


def test_hostile_names_are_escaped_on_every_page_that_shows_them(client, register):
    register.name = '<script>alert("x")</script>=HYPERLINK("http://x")'
    register.organisation = "<img src=x onerror=alert(1)>"
    register.save()
    for url in (
        reverse("community-assets"),
        reverse("community-asset", args=[register.pk]),
        reverse("monitor-search") + "?q=script",
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
        assert "&lt;script&gt;alert" in page, url
