"""The staff pages of imports: who may see them, the list, one import, and deleting it."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.data.importing import ImportOptions, import_file
from marmot_monitor.web.data.models import Import, Value, ValueRevision
from tests.io.files import fingertips_row, write_fingertips

pytestmark = pytest.mark.django_db

PAGES = [
    ("data-imports", []),
    ("data-import-new", []),
    ("data-import", [1]),
    ("data-import-delete", [1]),
    ("data-import-rejects", ["import-1"]),
]


@pytest.fixture
def imported(catalogue, staff, tmp_path):
    """Two imports: the first loads Abbey at 10, the second revises it to 11 (by staff)."""
    first = write_fingertips(tmp_path / "smoking.csv", [fingertips_row()])
    second = write_fingertips(tmp_path / "revised.csv", [fingertips_row(Value="11")])
    import_file("fingertips", first)
    import_file("fingertips", second, options=ImportOptions(user=staff))
    return Import.objects.order_by("pk")


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_signed_out_users_are_sent_to_sign_in(client, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts-sign-in')}?next={url}"


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_signed_in_users_who_are_not_staff_are_refused(member_client, name, args):
    response = member_client.get(reverse(name, args=args))
    assert response.status_code == 403
    assert "Only staff can import data." in response.content.decode()


def test_only_staff_can_upload_or_delete(client, member_client, imported, tmp_path):
    path = write_fingertips(tmp_path / "new.csv", [fingertips_row(Value="12")])
    before = list(Value.objects.values_list("value", flat=True))
    with path.open("rb") as handle:
        response = member_client.post(
            reverse("data-import-new"), {"kind": "fingertips", "file": handle}
        )
    assert response.status_code == 403
    delete = reverse("data-import-delete", args=[imported[0].pk])
    assert member_client.post(delete).status_code == 403
    member_client.logout()
    assert client.post(delete).status_code == 302
    assert list(Value.objects.values_list("value", flat=True)) == before
    assert imported.count() == 2


def test_the_list_shows_each_import_newest_first(staff_client, staff, imported):
    response = staff_client.get(reverse("data-imports"))
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    first, second = imported
    assert text.index("revised.csv") < text.index("smoking.csv")
    assert f'<code title="{first.sha256}">{first.sha256[:12]}</code>' in text
    assert ">command line<" in text
    assert f">{staff.username}<" in text
    assert f'href="{reverse("data-import", args=[second.pk])}"' in text
    assert "2 imports" in text


def test_the_list_says_when_there_are_no_imports(staff_client):
    response = staff_client.get(reverse("data-imports"))
    assert 'id="no-imports">No imports yet.' in response.content.decode()


def test_an_import_page_shows_what_imports_show_prints(staff_client, staff, imported):
    second = imported[1]
    response = staff_client.get(reverse("data-import", args=[second.pk]))
    text = html.unescape(response.content.decode())
    shown = dict(
        re.findall(
            r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*'
            r'<dd class="govuk-summary-list__value">(.*?)</dd>',
            text,
        )
    )
    assert shown["File"] == "revised.csv"
    assert shown["SHA-256"] == f"<code>{second.sha256}</code>"
    assert shown["Loaded by"] == staff.username
    assert (shown["Rows written"], shown["Values it revised"]) == ("1", "1")
    assert shown["Message"] == (
        "1 stored values revised (the old figures are kept in their history)"
    )
    assert f'href="{reverse("data-import-delete", args=[second.pk])}"' in text


def test_an_unknown_import_is_not_found(staff_client):
    response = staff_client.get(reverse("data-import", args=[99]))
    assert response.status_code == 404
    assert "There is no import 99" in response.content.decode()


def test_asking_to_delete_confirms_first_and_changes_nothing(staff_client, imported):
    second = imported[1]
    response = staff_client.get(reverse("data-import-delete", args=[second.pk]))
    text = response.content.decode()
    assert f"Delete import {second.pk}?" in text
    assert f'<form method="post" action="{reverse("data-import-delete", args=[second.pk])}"' in text
    assert imported.count() == 2
    assert Value.objects.get().value == 11.0


def test_deleting_an_import_restores_what_it_revised_and_says_so(staff_client, imported):
    first, second = imported
    response = staff_client.post(reverse("data-import-delete", args=[second.pk]), follow=True)
    assert response.redirect_chain == [(reverse("data-imports"), 302)]
    assert list(imported.values_list("pk", flat=True)) == [first.pk]
    restored = Value.objects.get()
    assert (restored.value, restored.source_id) == (10.0, first.pk)
    assert not ValueRevision.objects.exists()
    text = html.unescape(response.content.decode())
    assert "govuk-notification-banner--success" in text
    assert (
        f"Deleted import {second.pk} (revised.csv): 0 values removed, 1 earlier values restored."
    ) in text


def test_deleting_an_import_forgets_its_rejected_rows(staff_client, catalogue, tmp_path, settings):
    path = write_fingertips(
        tmp_path / "mixed.csv",
        [fingertips_row(), fingertips_row(**{"Area Code": "X05000099", "Area Name": "Castle"})],
    )
    with path.open("rb") as handle:
        staff_client.post(
            reverse("data-import-new"), {"kind": "fingertips", "file": handle, "skip_invalid": "on"}
        )
    record = Import.objects.get()
    rejects = reverse("data-import-rejects", args=[f"import-{record.pk}"])
    detail = staff_client.get(reverse("data-import", args=[record.pk])).content.decode()
    assert f'id="rejects-download" href="{rejects}"' in detail
    staff_client.post(reverse("data-import-delete", args=[record.pk]))
    assert not (settings.DATA_DIR / "rejects" / f"import-{record.pk}").exists()
    assert staff_client.get(rejects).status_code == 404


@pytest.mark.parametrize("key", ["import-7", "..", "0123", "import-1x"])
def test_rejected_rows_not_kept_are_not_found(staff_client, key):
    assert staff_client.get(reverse("data-import-rejects", args=[key])).status_code == 404


def test_the_import_pages_read_in_welsh_and_deleting_stays_in_welsh(staff_client, imported):
    second = imported[1]
    with translation.override("cy"):
        listing, delete = reverse("data-imports"), reverse("data-import-delete", args=[second.pk])
    page = staff_client.get(listing).content.decode()
    assert '<h1 class="govuk-heading-xl">Mewnforion</h1>' in page
    assert ">Mewnforio ffeil</a>" in page
    assert "Lawrlwythiad Fingertips" in page
    page = staff_client.get(delete).content.decode()
    assert f"Dileu mewnforiad {second.pk}?" in page
    response = staff_client.post(delete)
    assert response["Location"] == listing
    page = staff_client.get(listing).content.decode()
    assert f"Dilëwyd mewnforiad {second.pk} (revised.csv)" in page
