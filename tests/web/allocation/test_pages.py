"""The allocation pages on the small Fairshire demo: what a run shows, what it refuses, what
a saved scenario keeps, and the comparison, downloads and public page; and the same pages in
Welsh under /cy/, where a form keeps its user in Welsh after it acts."""

import io
import zipfile

import openpyxl
import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.allocation import services
from marmot_monitor.web.allocation.models import Scenario
from marmot_monitor.web.allocation.views import SALT
from marmot_monitor.web.data.allocation_runs import AllocationSettings, run_allocation
from marmot_monitor.web.data.models import Import
from marmot_monitor.web.places.models import Area
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

RUN = {"budget": "100000", "geography": "wards", "floor_share": "50", "need": "linear",
       "gradient": "1", "uplift": "50", "strength": "0.5", "deprivation_power": "0",
       "missing": "refuse", "pace": "50", "change_floor": "5", "change_cap": "10",
       "draws": "50"}  # fmt: skip
WARDS = AllocationSettings(budget="100000", geography="wards", draws=50)


@pytest.fixture
def officer(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="officer"))
    return client


def run(client, **changes):
    return client.post(reverse("allocation-run"), {**RUN, **changes})


def test_a_run_shows_each_areas_floor_and_need_parts_the_reach_the_curve_and_a_map(officer):
    response = run(officer)
    page = response.context["page"]
    assert response.status_code == 200
    rows = page.areas.rows
    assert len(rows) == Area.objects.filter(area_type__code="ward").count()
    for row in rows:
        floor, need, amount = (float(cell.text.replace(",", "")) for cell in row[2:5])
        assert floor + need == pytest.approx(amount)
    assert sum(float(row[4].text.replace(",", "")) for row in rows) == pytest.approx(100000)
    assert page.map is not None
    html = response.content.decode()
    for part in ("chart-allocation-deciles", "chart-allocation-curve", "chart-allocation-map",
                 "Core20 share of spend", "Concentration index"):  # fmt: skip
        assert part in html


def test_a_budget_that_is_not_an_amount_is_refused_with_the_rule(officer):
    response = run(officer, budget="lots")
    assert response.context["form"].errors["budget"] == [
        "The budget must be a positive amount in pounds and pence, e.g. 250000 (got 'lots')"
    ]
    assert "page" not in response.context


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"need": "gap", "indicators": []}, "indicators", "Choose exactly one indicator"),
        ({"need": "gap"}, "target", "Enter the target every area should reach"),
        ({"need": "index"}, "indicators", "Choose at least one indicator"),
        ({"need": "weights"}, "weights", "Enter 10 weights"),
        ({"need": "weights", "weights": "1,2"}, "weights", "Enter 10 weights from 0"),
        ({"need": "weights", "weights": "1e300," * 9 + "1"}, "weights", "Enter 10 weights from"),
        ({"budget": "1e30"}, "budget", "The budget must be at most £1,000,000,000,000"),
        ({"strength": "1e300"}, "strength", "less than or equal to 10"),
        ({"floor_share": "120"}, "floor_share", "less than or equal to 100"),
    ],
)
def test_options_that_do_not_fit_the_method_are_refused_on_their_field(
    officer, changes, field, message
):
    response = run(officer, **changes)
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert f'href="#id_{field}"' in response.content.decode()


def test_a_current_allocation_with_unknown_areas_is_refused_and_a_known_one_paces(officer):
    wards = list(Area.objects.filter(area_type__code="ward").values_list("code", flat=True))
    unknown = io.BytesIO(b"area_code,current_amount\nNOPE,100\n")
    unknown.name = "current.csv"
    response = run(officer, current=unknown)
    assert "current.csv names 1 areas that are not among the wards" in " ".join(
        response.context["form"].non_field_errors()
    )
    rows = "".join(f"{code},{100000 / len(wards)}\n" for code in wards)
    known = io.BytesIO(f"area_code,current_amount\n{rows}".encode())
    known.name = "current.csv"
    response = run(officer, current=known)
    headings = [column.label for column in response.context["page"].areas.columns]
    assert headings[2:4] == ["Current (£)", "Need-based (£)"]


def test_a_bad_row_of_the_current_allocation_is_named(officer):
    upload = io.BytesIO(b"area_code,current_amount\nE05000001,-3\n")
    upload.name = "current.csv"
    response = run(officer, current=upload)
    assert response.context["form"].errors["current"] == [
        "current.csv, row 2, column current_amount: '-3' is not an amount of zero or more; "
        "write pounds as a number, e.g. 12500.50"
    ]


def test_saving_keeps_the_parameters_the_imports_and_who_and_audits_it(officer):
    token = signing.dumps(WARDS.to_json(), salt=SALT)
    response = officer.post(reverse("allocation-run-save"), {"run": token, "name": "Saved"})
    scenario = Scenario.objects.get(name="Saved")
    assert response["Location"] == reverse("allocation-scenario", args=[scenario.pk])
    assert scenario.parameters["budget"] == "100000"
    assert scenario.imports == [Import.objects.get(kind=Import.Kind.DEMO).pk]
    assert scenario.created_by_name == "officer"
    event = AuditEvent.objects.get(action="allocation saved", record_id=str(scenario.pk))
    assert event.username == "officer"
    assert event.after["imports"] == scenario.imports


def test_a_name_already_taken_is_refused_and_nothing_is_saved(officer):
    taken = Scenario.objects.first().name
    token = signing.dumps(WARDS.to_json(), salt=SALT)
    before = Scenario.objects.count()
    response = officer.post(reverse("allocation-run-save"), {"run": token, "name": taken})
    assert response.context["form"].errors["name"] == [
        f"A scenario called {taken} already exists: choose another name"
    ]
    assert Scenario.objects.count() == before


def test_a_saved_scenario_reads_back_the_amounts_and_review_of_its_run():
    allocation = run_allocation(WARDS)
    scenario = services.save_scenario(allocation, name="Round trip", user=None, operator="test")
    saved = services.saved_allocation(scenario)
    assert saved.review.table.equals(allocation.review.table)
    assert saved.review.by_decile.equals(allocation.review.by_decile)
    assert saved.summary.findings == allocation.summary.findings
    assert saved.settings == WARDS


def test_the_comparison_shows_each_scenarios_figures_and_area_amounts(officer):
    first, second = Scenario.objects.order_by("created_at")
    response = officer.get(reverse("allocation-compare"), {"scenario": [first.pk, second.pk]})
    comparison = response.context["comparison"]
    assert [column.label for column in comparison.figures.columns] == [
        "Figure",
        first.name,
        second.name,
    ]
    labels = [row[0].text for row in comparison.figures.rows]
    assert "Core20 share of spend" in labels
    assert "Concentration index" in labels
    assert len(comparison.areas.rows) == Area.objects.filter(area_type__code="ward").count()


@pytest.mark.parametrize(("fmt", "start"), [("pdf", b"%PDF"), ("png", b"\x89PNG"),
                                             ("docx", b"PK"), ("csv", b"Area code")])  # fmt: skip
def test_a_scenario_downloads_as_the_command_writes_it(officer, fmt, start):
    scenario = Scenario.objects.first()
    response = officer.get(reverse("allocation-download", args=[scenario.pk, fmt]))
    assert response.content.lstrip(b"\xef\xbb\xbf").startswith(start)


def test_the_spreadsheet_holds_the_areas_deciles_curve_and_method(officer):
    scenario = Scenario.objects.first()
    response = officer.get(reverse("allocation-download", args=[scenario.pk, "xlsx"]))
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Areas", "By decile", "Concentration", "Method"]


def test_the_public_page_writes_the_method_out_in_plain_words(client):
    published = Scenario.objects.get(published_at__isnull=False)
    response = client.get(reverse("allocation-published", args=[published.pk]))
    words = " ".join(response.context["method_words"])
    assert "The budget of £250,000.00 is shared among the 9 wards" in words
    assert (
        "in the most deprived tenth of neighbourhoods in England each resident counts 2 times"
        in words
    )
    assert published.name in response.content.decode()


def test_a_scenario_name_is_escaped_where_shown(officer):
    scenario = Scenario.objects.first()
    scenario.name = "<script>alert(1)</script>"
    scenario.save()
    html = officer.get(reverse("allocation-scenarios")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("value", ["²", "1e3", "-1", "9" * 30])
def test_a_scenario_number_that_is_not_one_is_no_choice(officer, value):
    response = officer.get(reverse("allocation-compare"), {"scenario": [value]})
    assert response.status_code == 400
    assert "Choose two or more scenarios to compare" in response.content.decode()


@pytest.mark.parametrize(
    ("need", "extra"),
    [
        ("core20", {}),
        ("weights", {"weights": "2,1.8,1.6,1.4,1.3,1.2,1.1,1,1,1"}),
        ("empirical", {"indicators": ["P4-02"]}),
        ("index", {"indicators": ["P4-02", "P1-01"], "missing": "impute-median"}),
        ("gap", {"indicators": ["P6-09"], "target": "80"}),
    ],
)
def test_every_need_method_runs_from_the_page(officer, need, extra):
    response = run(officer, need=need, **extra)
    assert response.context["form"].errors == {}
    assert response.context["page"].areas.rows


def test_an_indicator_without_values_for_the_areas_is_named_in_the_error_summary(officer):
    response = run(officer, need="index", indicators=["P6-04"])
    assert response.context["form"].non_field_errors() == [
        "P6-04 has no value for any of the 9 areas: choose an indicator with values for these "
        "areas (marmot compare CODE --geography ... shows which do)"
    ]
    assert "page" not in response.context
    assert "There is a problem" in response.content.decode()


def welsh(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def test_the_run_page_reads_in_welsh(officer):
    page = officer.get(welsh("allocation-run")).content.decode()
    assert '<h1 class="govuk-heading-xl">Rhedeg dyraniad</h1>' in page
    assert "Rhedeg y dyraniad" in page
    assert "Pwysiadau degradd llinol" in page
    assert "Run the allocation" not in page


def test_a_run_in_welsh_shows_its_results_and_refusals_in_welsh(officer):
    page = officer.post(welsh("allocation-run"), {**RUN, "draws": "20"}).content.decode()
    assert "Pwy mae’r arian yn eu cyrraedd" in page
    assert "Fesul preswylydd (£)" in page
    assert "Cadw’r senario" in page
    refused = officer.post(welsh("allocation-run"), {**RUN, "need": "weights", "draws": "20"})
    assert "Rhowch 10 pwysiad ar gyfer y dull Eich pwysiadau degradd" in refused.content.decode()


def test_the_published_page_reads_in_welsh(client):
    published = Scenario.objects.get(published_at__isnull=False)
    page = client.get(welsh("allocation-published", published.pk)).content.decode()
    assert "Sut mae’r arian yn cael ei rannu" in page
    assert "I ble mae’r arian yn mynd" in page
    assert "Where the money goes" not in page


def test_a_viewer_is_refused_the_run_page_in_welsh(client, django_user_model):
    client.force_login(django_user_model.objects.get(username="viewer"))
    response = client.get(welsh("allocation-run"))
    assert response.status_code == 403
    assert "Dim ond swyddogion rhaglen a gweinyddwyr all redeg dyraniadau." in (
        response.content.decode()
    )


def test_publishing_in_welsh_stays_in_welsh(officer):
    private = Scenario.objects.get(published_at__isnull=True)
    response = officer.post(welsh("allocation-publish", private.pk), {"publish": "yes"})
    assert response.status_code == 302
    assert response["Location"] == welsh("allocation-scenario", private.pk)
    shown = officer.get(response["Location"]).content.decode()
    assert f"Mae {private.name} ar y wefan gyhoeddus" in shown
    assert "Tynnu oddi ar y wefan gyhoeddus" in shown
