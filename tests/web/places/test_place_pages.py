"""The Set the place page: only admins (and staff) use it; its answers are checked, then set."""

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.accounts.models import Membership
from marmot_monitor.web.catalogue.models import Framework, Partner
from marmot_monitor.web.places.models import Area, AreaType
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = pytest.mark.django_db
SET = reverse("places-set")
CHECK = reverse("places-check")
ANSWERS = {
    "place": "E06000049",
    "comparators": "region",
    "comparator_codes": "",
    "catalogue": "none",
}


@pytest.fixture
def areas():
    """England, the North West and three of its unitary councils (made up, no files)."""
    types = {area_type.code: area_type for area_type in AreaType.objects.all()}
    england = Area.objects.create(
        code="E92000001", name="England", area_type=types["country"], vintage=2024
    )
    region = Area.objects.create(
        code="E12000002", name="North West", area_type=types["region"], parent=england, vintage=2024
    )
    for code, name in (
        ("E06000049", "Cheshire East"),
        ("E06000050", "Cheshire West and Chester"),
        ("E06000007", "Warrington"),
    ):
        Area.objects.create(
            code=code, name=name, area_type=types["unitary"], parent=region, vintage=2024
        )


def signed_in(client, django_user_model, role=None, **fields):
    user = django_user_model.objects.create_user("someone", password="unused", **fields)
    if role is not None:
        partner = (
            Partner.objects.create(code="fire", name="Fire") if role == "partner editor" else None
        )
        Membership.objects.create(user=user, role=role, partner=partner)
    client.force_login(user)
    return user


@pytest.fixture
def admin_client(client, django_user_model):
    signed_in(client, django_user_model, "admin")
    return client


def test_an_admin_sees_the_form_and_staff_may_too(client, django_user_model):
    signed_in(client, django_user_model, "admin")
    assert "Set the place" in client.get(SET).content.decode()
    client.logout()
    django_user_model.objects.all().delete()
    signed_in(client, django_user_model, is_staff=True)
    assert client.get(SET).status_code == 200


@pytest.mark.parametrize("role", ["officer", "partner editor", "viewer"])
def test_officers_editors_and_viewers_are_refused(client, django_user_model, role):
    signed_in(client, django_user_model, role)
    assert client.get(SET).status_code == 403
    assert client.post(SET, ANSWERS).status_code == 403
    assert client.post(CHECK).status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client, settings):
    response = client.get(SET)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={SET}"


def test_an_empty_form_asks_for_a_council(admin_client, areas):
    page = admin_client.post(SET, {**ANSWERS, "place": ""}).content.decode()
    assert "There is a problem" in page
    assert "Enter the code or name of a council, e.g. E06000049 or Cheshire East" in page


def test_an_unknown_code_is_shown_at_the_field_with_the_nearest_councils(admin_client, areas):
    page = admin_client.post(SET, {**ANSWERS, "place": "E06000048"}).content.decode()
    assert 'href="#id_place"' in page
    assert (
        "is not a local authority in the loaded lookups (nearest: E06000049 Cheshire East" in page
    )
    assert Framework.objects.get(is_default=True).place is None


def test_chosen_comparators_need_codes_and_unknown_ones_are_named(admin_client, areas):
    page = admin_client.post(SET, {**ANSWERS, "comparators": "codes"}).content.decode()
    assert "Enter the comparators&#x27; codes" in page
    answers = {**ANSWERS, "comparators": "codes", "comparator_codes": "E06000050, E06000999"}
    page = admin_client.post(SET, answers).content.decode()
    assert 'href="#id_comparator_codes"' in page
    assert "code 2: &#x27;E06000999&#x27; is not a local authority" in page


def test_the_answers_are_checked_then_confirmed_and_audited(admin_client, areas):
    response = admin_client.post(SET, ANSWERS)
    assert response["Location"] == CHECK
    page = admin_client.get(CHECK).content.decode()
    assert "E06000049 Cheshire East" in page
    assert '<dd class="govuk-summary-list__value" id="benchmark">E92000001 England</dd>' in page
    assert "E06000050 Cheshire West and Chester, E06000007 Warrington" in page
    assert Framework.objects.get(is_default=True).place is None, "nothing set before confirming"
    response = admin_client.post(CHECK, follow=True)
    framework = Framework.objects.get(is_default=True)
    assert framework.place.code == "E06000049"
    assert framework.benchmark.code == "E92000001"
    assert "Cheshire East is the place, compared with England." in response.content.decode()
    assert AuditEvent.objects.get(action="place set").username == "someone"


def test_the_check_page_without_answers_goes_back_to_the_form(admin_client):
    assert admin_client.get(CHECK)["Location"] == SET


def test_the_place_pages_read_in_welsh_and_setting_the_place_stays_in_welsh(admin_client, areas):
    with translation.override("cy"):
        welsh_set, welsh_check = reverse("places-set"), reverse("places-check")
    page = admin_client.post(welsh_set, {**ANSWERS, "place": ""}).content.decode()
    assert '<h1 class="govuk-heading-xl">Gosod y lle</h1>' in page
    assert "Rhowch god neu enw cyngor, e.e. E06000049 neu Cheshire East" in page
    assert admin_client.post(welsh_set, ANSWERS)["Location"] == welsh_check
    page = admin_client.get(welsh_check).content.decode()
    assert "Gwirio’r lle cyn ei osod" in page
    assert ">Cadarnhau a gosod y lle</button>" in page
    response = admin_client.post(welsh_check)
    assert response["Location"] == welsh_set
    page = admin_client.get(welsh_set).content.decode()
    assert "Cheshire East yw’r lle, o’i gymharu â England." in page
