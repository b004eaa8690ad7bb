"""Indicators from the upload page: metadata as a kind of file, and --create-indicators."""

import pytest

from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.data.models import Value
from tests.io.files import fingertips_row, write_fingertips
from tests.web.data.test_upload_page import URL, error_summary, page_text, upload

pytestmark = pytest.mark.django_db

CI_95 = "Confidence intervals overlapping reference value (95.0)"


def test_the_page_offers_indicator_metadata_and_the_indicator_options(staff_client):
    text = page_text(staff_client.get(URL))
    assert 'name="kind" type="radio" value="indicators"' in text
    assert 'name="create_indicators"' in text
    assert 'name="update_catalogue"' in text


def test_a_metadata_file_adds_its_indicators(staff_client, tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        f"IndicatorID,Polarity,BenchmarkComparisonMethod,ValueType,IndicatorName\n"
        f"41101,Low is good,{CI_95},Proportion,Readmissions within 30 days\n"
    )
    response = upload(staff_client, path, kind="indicators")
    assert response.status_code == 200
    assert Indicator.objects.get(fingertips_id=41101).code == "FT-41101"
    assert "FT-41101" in page_text(response)


def test_a_contradicting_metadata_file_is_a_form_error(staff_client, catalogue, tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(
        f"IndicatorID,Polarity,BenchmarkComparisonMethod,ValueType,IndicatorName\n"
        f"90001,High is good,{CI_95},Proportion,Smoking\n"
    )
    response = upload(staff_client, path, kind="indicators")
    assert error_summary(response) == [
        ("id_file", "indicators.csv: 1 row breaks 1 check, so nothing was written")
    ]
    assert "SMOKING has polarity &#x27;low is good&#x27;" in response.content.decode()
    assert Indicator.objects.get(code="SMOKING").polarity == "low is good"


def test_create_indicators_adds_the_files_indicator(staff_client, catalogue, tmp_path):
    path = write_fingertips(
        tmp_path / "new.csv", [fingertips_row(**{"Indicator ID": "99999", "Indicator Name": "X"})]
    )
    response = upload(staff_client, path, create_indicators="on")
    assert Indicator.objects.get(code="FT-99999").title == "X"
    assert Value.objects.filter(indicator__code="FT-99999").count() == 1
    assert "indicators added to the catalogue, principle unassigned (1): FT-99999" in page_text(
        response
    )
