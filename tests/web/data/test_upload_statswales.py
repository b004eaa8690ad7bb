"""StatsWales tables through the upload page: its indicator, items and measure columns, as
``marmot import values --indicator --where --column`` takes them (tests/io/statswales)."""

from pathlib import Path

import pytest

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.models import Value
from marmot_monitor.web.places.models import Area, AreaType
from tests.web.data.test_upload_page import URL, database_state, error_summary, page_text, upload

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).parents[2] / "io" / "statswales"
ODATA = EXAMPLES / "odata_smoking.csv"
SERVICE = EXAMPLES / "service_low_birth_weight.csv"
LIVE_BIRTHS = (
    "count=Number of singleton births under 2500g\r\ndenominator=Number of singleton live births"
)


@pytest.fixture
def wales():
    """Wales, Newport and Torfaen, and the indicators the two example tables are."""
    for code in ("P6-03", "P1-06"):
        Indicator.objects.create(
            code=code, title=code, value_type="proportion", polarity="low is good"
        )
    country = Area.objects.create(
        code="W92000004", name="Wales", area_type=AreaType.objects.get(code="country"), vintage=2023
    )
    unitary = AreaType.objects.get(code="unitary")
    for code, name in (("W06000022", "Newport"), ("W06000020", "Torfaen")):
        Area.objects.create(code=code, name=name, area_type=unitary, parent=country, vintage=2023)


def test_the_page_offers_the_statswales_options(staff_client):
    page = page_text(staff_client.get(URL))
    for label in ("Indicator of every value", "Items to keep", "Columns of ours"):
        assert label in page
    assert "--where" in page


def test_an_odata_table_is_imported_with_its_indicator_and_the_items_kept(staff_client, wales):
    response = upload(staff_client, ODATA, kind="values", indicator="P6-03", where="Sex=Males")
    assert response.status_code == 200
    assert "StatsWales table (OData)" in page_text(response)
    assert ">Sex=Males</textarea>" in page_text(response)  # the form keeps what was typed
    assert list(Value.objects.values_list("area__code", "sex", "value")) == [
        ("W06000022", "Male", 19.3)
    ]


def test_a_service_download_takes_its_count_and_denominator_from_the_measure_items(
    staff_client, wales
):
    upload(staff_client, SERVICE, kind="values", indicator="P1-06", columns=LIVE_BIRTHS)
    newport = Value.objects.get(area__code="W06000022")
    assert (newport.value, newport.count, newport.denominator) == (7.4, 131, 1771)


@pytest.mark.parametrize(
    ("path", "fields", "message"),
    [
        (ODATA, {}, "a StatsWales table has no indicator column"),
        (ODATA, {"indicator": "P6-03", "where": "Ward=Alway"}, "choose one of its dimensions"),
        (SERVICE, {"indicator": "P1-06"}, "several measure items could be the count"),
    ],
)
def test_a_table_the_options_do_not_fit_is_refused_with_the_commands_error(
    staff_client, wales, path, fields, message
):
    before = database_state()
    response = upload(staff_client, path, kind="values", **fields)
    assert message in page_text(response)
    assert [anchor for anchor, _ in error_summary(response)] == ["id_file"]
    assert database_state() == before


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"where": "Sex"}, "where", "'Sex' is not DIMENSION=ITEM, e.g. Measure=Percentage"),
        ({"columns": "=Number"}, "columns", "'=Number' is not OURS=THEIRS"),
        ({"kind": "lookup", "indicator": "P6-03"}, "indicator", "Only tidy values and StatsWales"),
    ],
)
def test_options_that_cannot_be_read_are_form_errors_and_nothing_is_written(
    staff_client, wales, fields, field, message
):
    before = database_state()
    response = upload(staff_client, ODATA, **{"kind": "values", "indicator": "P6-03", **fields})
    assert (f"id_{field}", message) in [
        (anchor, text[: len(message)]) for anchor, text in error_summary(response)
    ]
    assert database_state() == before
