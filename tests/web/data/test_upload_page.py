"""The upload page /data/imports/new: the same import as ``marmot import``, from the web."""

import csv
import gzip
import html
import io
import re

import pytest
from django.urls import reverse

from marmot_monitor.web.data.models import Import, Period, Value
from marmot_monitor.web.places.models import Area
from tests.io.files import fingertips_row, write_fingertips

pytestmark = pytest.mark.django_db

URL = "/data/imports/new"


def database_state():
    return (
        list(Import.objects.values_list("id", "file_name")),
        list(Value.objects.order_by("id").values()),
        list(Area.objects.order_by("id").values_list("code", "name", "parent_id")),
        list(Period.objects.values_list("label", flat=True)),
    )


def upload(client, path, kind="fingertips", **options):
    with path.open("rb") as handle:
        return client.post(URL, {"kind": kind, "file": handle, **options})


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def error_summary(response) -> list[tuple[str, str]]:
    """The error summary's links: (target, message)."""
    summary = re.search(r'class="govuk-error-summary".*?</ul>', page_text(response), re.S)
    assert summary, "no error summary on the page"
    return re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', summary.group(0))


def table_rows(response, table_id: str) -> list[list[str]]:
    table = re.search(
        rf'<table class="govuk-table[^"]*" id="{table_id}">.*?</table>', page_text(response), re.S
    )
    assert table, f"no table {table_id}"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(0), re.S)
    return [
        [cell.strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
        for row in rows
    ]


@pytest.fixture
def two_wards(tmp_path):
    return write_fingertips(
        tmp_path / "smoking.csv",
        [
            fingertips_row(),
            fingertips_row(**{"Area Code": "X05000002", "Area Name": "Barley Fields"}),
        ],
    )


@pytest.fixture
def one_bad_row(tmp_path):
    """Abbey is fine; row 3 names a ward the database does not hold."""
    return write_fingertips(
        tmp_path / "smoking-bad.csv",
        [fingertips_row(), fingertips_row(**{"Area Code": "X05000099", "Area Name": "Castle"})],
    )


def test_the_page_offers_every_kind_of_file_and_the_commands_options(staff_client):
    response = staff_client.get(URL)
    assert response.status_code == 200
    text = page_text(response)
    for kind in ("fingertips", "values", "imd", "lookup", "population", "boundaries"):
        assert f'name="kind" type="radio" value="{kind}"' in text
    for option in ("create_areas", "skip_invalid", "dry_run", "encoding"):
        assert f'name="{option}"' in text
    assert 'enctype="multipart/form-data"' in text
    assert 'name="csrfmiddlewaretoken"' in text


def test_a_good_file_is_imported_with_the_user_and_summarised_as_the_cli_does(
    staff_client, staff, catalogue, two_wards
):
    response = upload(staff_client, two_wards)
    assert response.status_code == 200
    record = Import.objects.get()
    assert (record.file_name, record.user, record.rows_written) == ("smoking.csv", staff, 2)
    assert Value.objects.filter(source=record).count() == 2
    text = page_text(response)
    assert "govuk-notification-banner--success" in text
    assert (
        '<h2 class="govuk-notification-banner__title" id="import-banner-title">Imported</h2>'
        in text
    )
    assert f'href="{reverse("data-import", args=[record.pk])}">import {record.pk}</a>' in text
    assert table_rows(response, "import-summary") == [
        ["File", "smoking.csv"],
        ["Layout", "Fingertips download"],
        ["Read", "2"],
        ["New", "2"],
        ["Revised", "0"],
        ["Unchanged", "0"],
        ["Rejected", "0"],
        ["Areas added", "0"],
    ]
    assert "govuk-error-summary" not in text


def test_the_same_file_again_changes_nothing_and_names_the_earlier_import(
    staff_client, catalogue, two_wards
):
    upload(staff_client, two_wards)
    before = database_state()
    response = upload(staff_client, two_wards)
    first = Import.objects.get()
    assert database_state() == before
    text = page_text(response)
    assert "govuk-notification-banner--success" not in text
    assert (
        "smoking.csv: nothing changed: every row is already stored "
        f"(the same file was imported as import {first.pk}"
    ) in text
    assert ["Unchanged", "2"] in table_rows(response, "import-summary")


def test_a_revised_value_is_counted_as_revised(staff_client, catalogue, two_wards, tmp_path):
    upload(staff_client, two_wards)
    revised = write_fingertips(tmp_path / "revised.csv", [fingertips_row(Value="11")])
    response = upload(staff_client, revised)
    rows = table_rows(response, "import-summary")
    assert ["New", "0"] in rows
    assert ["Revised", "1"] in rows
    assert "1 stored values revised (the old figures are kept in their history)" in page_text(
        response
    )


def test_a_bad_row_refuses_the_file_with_form_errors_and_writes_nothing(
    staff_client, catalogue, one_bad_row
):
    before = database_state()
    response = upload(staff_client, one_bad_row)
    assert response.status_code == 200
    assert database_state() == before
    message = "smoking-bad.csv: 1 row breaks 1 check, so nothing was written"
    assert error_summary(response) == [("id_file", message)]
    text = page_text(response)
    assert 'class="govuk-form-group govuk-form-group--error"' in text
    assert '<p id="id_file-error" class="govuk-error-message">' in text
    assert table_rows(response, "problems")[1:] == [
        [
            "smoking-bad.csv",
            "3",
            "Area Code",
            "X05000099",
            "names an area the database does not hold",
            "load the area lookup first (marmot import lookup), or import with --create-areas",
        ]
    ]
    assert response.context["form"]["kind"].value() == "fingertips"


def test_a_file_that_cannot_be_read_is_refused_with_its_reason(staff_client, catalogue, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Indicator ID,Area Code\n", encoding="utf-8")
    before = database_state()
    response = upload(staff_client, path)
    assert database_state() == before
    [(target, message)] = error_summary(response)
    assert target == "id_file"
    assert message == (
        "notes.csv: the file has a header but no rows: "
        "check that you exported the data, not a template"
    )


def test_many_bad_rows_show_the_first_twenty_and_the_total(staff_client, catalogue, tmp_path):
    rows = [fingertips_row(**{"Area Code": f"X0509{n:04d}", "Value": "ten"}) for n in range(30)]
    path = write_fingertips(tmp_path / "many.csv", rows)
    response = upload(staff_client, path)
    assert len(table_rows(response, "problems")) == 1 + 20
    assert "... and 40 more problems (60 in 30 rows)." in page_text(response)
    assert Import.objects.count() == 0


def test_create_areas_adds_the_files_areas(staff_client, catalogue, one_bad_row):
    response = upload(staff_client, one_bad_row, create_areas="on")
    assert ["Areas added", "1"] in table_rows(response, "import-summary")
    assert Area.objects.get(code="X05000099").name == "Castle"


def test_a_dry_run_counts_everything_and_writes_nothing(staff_client, catalogue, two_wards):
    before = database_state()
    response = upload(staff_client, two_wards, dry_run="on")
    assert database_state() == before
    text = page_text(response)
    assert 'id="import-banner-title">Dry run: nothing was written</h2>' in text
    assert ["New", "2"] in table_rows(response, "import-summary")
    assert "govuk-notification-banner__link" not in text


def test_skip_invalid_writes_the_good_rows_and_offers_the_rejects_to_download(
    staff_client, catalogue, one_bad_row, settings
):
    response = upload(staff_client, one_bad_row, skip_invalid="on")
    record = Import.objects.get()
    assert (record.rows_written, record.rows_rejected) == (1, 1)
    assert list(Value.objects.values_list("area__code", flat=True)) == ["X05000001"]
    assert ["Rejected", "1"] in table_rows(response, "import-summary")
    assert table_rows(response, "rejected")[1][1:3] == ["3", "Area Code"]
    link = reverse("data-import-rejects", args=[f"import-{record.pk}"])
    assert f'id="rejects-download" href="{link}"' in page_text(response)
    kept = settings.DATA_DIR / "rejects" / f"import-{record.pk}" / "smoking-bad.rejects.csv"
    assert kept.exists()

    download = staff_client.get(link)
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv"
    assert 'filename="smoking-bad.rejects.csv"' in download["Content-Disposition"]
    rejected = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert [(row["row"], row["Area Code"]) for row in rejected] == [("3", "X05000099")]
    assert "names an area the database does not hold" in rejected[0]["problems"]


def test_a_dry_run_with_skip_invalid_keeps_its_rejects_and_writes_nothing(
    staff_client, catalogue, one_bad_row
):
    before = database_state()
    response = upload(staff_client, one_bad_row, skip_invalid="on", dry_run="on")
    assert database_state() == before
    key = response.context["uploaded"].rejects_key
    assert re.fullmatch("[0-9a-f]{32}", key)
    download = staff_client.get(reverse("data-import-rejects", args=[key]))
    assert b"X05000099" in b"".join(download.streaming_content)


def test_a_compressed_csv_keeps_its_name(staff_client, catalogue, two_wards, tmp_path):
    packed = tmp_path / "smoking.csv.gz"
    packed.write_bytes(gzip.compress(two_wards.read_bytes()))
    upload(staff_client, packed)
    assert Import.objects.get().file_name == "smoking.csv.gz"


def test_a_file_above_the_size_limit_is_refused_unread(
    staff_client, catalogue, two_wards, settings
):
    settings.UPLOAD_MAX_BYTES = 100
    before = database_state()
    response = upload(staff_client, two_wards)
    assert database_state() == before
    [(target, message)] = error_summary(response)
    assert target == "id_file"
    assert message.startswith("The file is larger than 100\xa0bytes")
    assert "MARMOT_UPLOAD_MAX_MB" in message
    assert response.context["form"]["kind"].value() == "fingertips"


def test_a_missing_kind_and_file_link_the_summary_to_each_field(staff_client):
    response = staff_client.post(URL, {})
    assert error_summary(response) == [
        ("id_kind_0", "Choose the kind of file"),
        ("id_file", "Choose a file to import"),
    ]
    assert Import.objects.count() == 0


def test_an_unknown_encoding_is_an_error_on_its_field(staff_client, catalogue, two_wards):
    response = upload(staff_client, two_wards, encoding="klingon")
    assert error_summary(response) == [
        (
            "id_encoding",
            "'klingon' is not a text encoding: use one such as cp1252 or latin-1, or leave empty",
        )
    ]
    assert Import.objects.count() == 0


def test_a_cp1252_file_imports_with_its_encoding(staff_client, catalogue, tmp_path):
    path = tmp_path / "accents.csv"
    rows = [fingertips_row(**{"Area Name": "Abbéy"})]
    text = write_fingertips(tmp_path / "utf8.csv", rows).read_text(encoding="utf-8-sig")
    path.write_bytes(text.encode("cp1252"))
    refused = upload(staff_client, path)
    assert error_summary(refused)[0][1].startswith("accents.csv: ")
    response = upload(staff_client, path, encoding="cp1252")
    assert ["New", "1"] in table_rows(response, "import-summary")
    assert "read as cp1252" in page_text(response)


def test_staff_see_the_imports_link_in_the_navigation_and_others_do_not(
    staff_client, client, django_user_model
):
    link = 'class="govuk-service-navigation__link" href="/data/imports"'
    assert link in page_text(staff_client.get(URL))
    staff_client.logout()
    assert link not in page_text(client.get("/search/"))
    client.force_login(django_user_model.objects.create_user("reader", password="unused"))
    assert link not in page_text(client.get("/search/"))


def test_the_upload_page_reads_in_welsh_and_its_summary_too(staff_client, catalogue, two_wards):
    page = staff_client.get("/cy" + URL).content.decode()
    assert '<h1 class="govuk-heading-xl">Mewnforio ffeil</h1>' in page
    assert "Dewiswch y math o ffeil" in staff_client.post("/cy" + URL, {}).content.decode()
    with two_wards.open("rb") as handle:
        response = staff_client.post("/cy" + URL, {"kind": "fingertips", "file": handle})
    assert ["Darllenwyd", "2"] in table_rows(response, "import-summary")
    assert "Wedi’i mewnforio" in page_text(response)


def test_a_bad_file_is_refused_in_welsh_on_the_welsh_page(staff_client, catalogue, tmp_path):
    path = write_fingertips(tmp_path / "bad.csv", [fingertips_row(Value="ten")])
    with path.open("rb") as handle:
        response = staff_client.post("/cy" + URL, {"kind": "fingertips", "file": handle})
    assert error_summary(response) == [
        ("id_file", "bad.csv: mae 1 rhes yn torri 1 gwiriad, felly ni ysgrifennwyd dim")
    ]
    assert table_rows(response, "problems")[1][4:] == [
        "nid yw’n rhif",
        "ysgrifennwch rif fel 12.5, neu gadewch y gell yn wag pan nad oes un",
    ]
