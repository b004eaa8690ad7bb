"""The framework pages: who may use them, custom frameworks (County Durham's six principles in
three components, Gwent's workstreams), Coventry's own order of principles 3 and 4, and
outcome indicators' links to principles, each change audited.

The small Fairshire demo is loaded once for the module (the 8 Marmot Principles, its outcome
indicators and users ``viewer``, ``youth-editor``, ``officer``, ``admin``).
"""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from marmot_monitor.web.catalogue.models import Framework, Indicator, IndicatorPrinciple
from marmot_monitor.web.programme.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

ROLES = ("anonymous", "viewer", "youth-editor", "officer", "admin")
DURHAM = [
    ("Informed by evidence and local conversations", "Working with communities"),
    ("Informed by evidence and local conversations", "Differing needs and assets"),
    ("People and place", "Most disadvantaged and vulnerable"),
    ("People and place", "Aligned strategies"),
    ("Supporting systems", "Co-design and co-production"),
    ("Supporting systems", "Person-centred interventions"),
]


def marmot() -> Framework:
    return Framework.objects.get(is_default=True)


def url(name: str, *args) -> str:
    return reverse(f"catalogue-{name}", args=args)


URLS = {
    "frameworks": lambda: url("frameworks"),
    "framework": lambda: url("framework", marmot().pk),
    "new framework": lambda: url("framework-new"),
    "principle 3": lambda: url("principle", marmot().pk, 3),
    "move 3": lambda: url("principle-move", marmot().pk, 3),
    "indicators": lambda: url("indicators"),
    "indicator": lambda: url("indicator", Indicator.objects.order_by("code").first().code),
    "unknown framework": lambda: url("framework", 99999),
}
# (what, method, url, body, answers for: anonymous, viewer, partner editor, officer, admin)
MATRIX = [
    ("frameworks", "get", "frameworks", None, "in 403 403 ok ok"),
    ("a framework", "get", "framework", None, "in 403 403 ok ok"),
    ("add a framework", "get", "new framework", None, "in 403 403 ok ok"),
    ("a principle", "get", "principle 3", None, "in 403 403 ok ok"),
    ("move a principle", "post", "move 3", "down", "in 403 403 done done"),
    ("indicators' principles", "get", "indicators", None, "in 403 403 ok ok"),
    ("an indicator's principles", "get", "indicator", None, "in 403 403 ok ok"),
    ("no such framework", "get", "unknown framework", None, "in 403 403 404 404"),
]
CASES = [
    pytest.param(method, url, body, role, answer, id=f"{what} / {role}")
    for what, method, url, body, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


@pytest.mark.parametrize(("method", "address", "body", "role", "answer"), CASES)
def test_only_officers_and_admins_may_change_the_framework(
    client, method, address, body, role, answer
):
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    target = URLS[address]()
    data = {"direction": body} if body else {}
    response = client.post(target, data) if method == "post" else client.get(target)
    expected = {"ok": 200, "done": 302, "403": 403, "404": 404, "in": 302}[answer]
    assert response.status_code == expected
    moved = marmot().principles.get(number=3).short_name != "Fair employment and good work"
    assert moved == (answer == "done")


@pytest.fixture
def officer(client):
    client.force_login(User.objects.get(username="officer"))
    return client


def test_moving_principle_3_down_gives_coventrys_order_and_audits_it(officer):
    framework = marmot()
    third, fourth = framework.principles.get(number=3), framework.principles.get(number=4)
    response = officer.post(url("principle-move", framework.pk, 3), {"direction": "down"})
    assert response["Location"] == url("framework", framework.pk)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.number, fourth.number) == (4, 3)
    event = AuditEvent.objects.get(action="principles reordered")
    assert event.before == {str(third.pk): 3, str(fourth.pk): 4}
    assert event.after == {str(third.pk): 4, str(fourth.pk): 3}
    page = officer.get(url("framework", framework.pk)).content.decode()
    assert page.index("3. Healthy standard of living") < page.index("4. Fair employment")


def test_the_first_principle_cannot_move_up_and_nothing_changes(officer):
    framework = marmot()
    response = officer.post(
        url("principle-move", framework.pk, 1), {"direction": "up"}, follow=True
    )
    assert "is already first: there is no principle to swap it with" in response.content.decode()
    assert framework.principles.get(number=1).short_name == "Best start in life"
    assert not AuditEvent.objects.filter(action="principles reordered").exists()


def test_an_officer_builds_durhams_six_principles_in_three_components(officer):
    body = {
        "name": "County Durham Approach to Wellbeing",
        "description": "Based on evidence; built around people and places; supported by systems",
        "principle_name": "wellbeing principle",
        "step": "confirm",
    }
    assert officer.post(url("framework-new"), body).status_code == 302
    durham = Framework.objects.get(name=body["name"])
    for number, (component, short_name) in enumerate(DURHAM, start=1):
        principle = {
            "number": number,
            "title": f"Principle {number}: {short_name}",
            "short_name": short_name,
            "summary": "",
            "component": component,
            "step": "confirm",
        }
        assert officer.post(url("principle-new", durham.pk), principle).status_code == 302
    assert set(durham.principles.values_list("component", flat=True)) == {
        component for component, _ in DURHAM
    }
    assert durham.principles.count() == 6
    assert not durham.is_default
    assert AuditEvent.objects.filter(action="wellbeing principle added").count() == 6
    page = officer.get(url("framework", durham.pk)).content.decode()
    assert "Wellbeing principles in order" in page
    assert "Component: Supporting systems" in page


def test_a_principle_number_already_used_is_refused_naming_the_field(officer):
    framework = marmot()
    body = {"number": 4, "title": "Another", "short_name": "Another", "step": "confirm"}
    response = officer.post(url("principle-new", framework.pk), body)
    expected = (
        f"Principle number: {framework.name} already has a principle 4 "
        "(Ensure a healthy standard of living for all): choose another"
    )
    assert expected in response.content.decode().replace("&#x27;", "'")
    assert framework.principles.count() == 8


def test_an_indicators_principles_are_replaced_and_audited(officer):
    indicator = Indicator.objects.order_by("code").first()
    first, second = marmot().principles.order_by("number")[:2]
    body = {"principles": [first.pk, second.pk], "primary": second.pk, "step": "confirm"}
    assert officer.post(url("indicator", indicator.code), body).status_code == 302
    links = dict(
        IndicatorPrinciple.objects.filter(indicator=indicator).values_list(
            "principle_id", "is_primary"
        )
    )
    assert links == {first.pk: False, second.pk: True}
    event = AuditEvent.objects.get(action="indicator principles changed")
    assert event.after == {str(first.pk): False, str(second.pk): True}


def test_a_main_principle_not_ticked_is_refused(officer):
    indicator = Indicator.objects.order_by("code").first()
    first, second = marmot().principles.order_by("number")[:2]
    before = list(IndicatorPrinciple.objects.filter(indicator=indicator).values_list("pk"))
    body = {"principles": [first.pk], "primary": second.pk, "step": "confirm"}
    response = officer.post(url("indicator", indicator.code), body)
    assert "Main principle: tick it among the principles above" in response.content.decode()
    assert list(IndicatorPrinciple.objects.filter(indicator=indicator).values_list("pk")) == before


def test_a_principles_english_and_welsh_are_entered_side_by_side_and_saved_together(officer):
    framework = marmot()
    form = officer.get(url("principle", framework.pk, 1)).content.decode()
    halves = re.findall(
        r'<div class="govuk-grid-column-one-half">.*?<label[^>]*>(.*?)</label>', form, re.S
    )
    assert halves[1:7] == [
        "Title (English)", "Title (Welsh)", "Short name (English)", "Short name (Welsh)",
        "Summary (English)", "Summary (Welsh)",
    ]  # fmt: skip
    assert re.search(r'<input[^>]+name="title_cy"[^>]+lang="cy"', form)
    body = {
        "number": 1, "title": "Give every child the best start in life",
        "title_cy": "Rhoi’r dechrau gorau mewn bywyd i bob plentyn",
        "short_name": "Best start", "short_name_cy": "Y dechrau gorau",
        "summary": "Early years.", "summary_cy": "Y blynyddoedd cynnar.", "step": "confirm",
    }  # fmt: skip
    assert officer.post(url("principle", framework.pk, 1), body).status_code == 302
    saved = framework.principles.values("title_cy", "short_name", "short_name_cy", "summary_cy")
    assert saved.get(number=1) == {
        "title_cy": "Rhoi’r dechrau gorau mewn bywyd i bob plentyn",
        "short_name": "Best start", "short_name_cy": "Y dechrau gorau",
        "summary_cy": "Y blynyddoedd cynnar.",
    }  # fmt: skip
    event = AuditEvent.objects.get(action="principle changed")
    assert event.after["short_name_cy"] == "Y dechrau gorau"


def test_an_indicators_welsh_name_and_definition_are_saved_beside_its_english(officer):
    indicator = Indicator.objects.get(code="OV-01")
    form = officer.get(url("indicator", indicator.code)).content.decode()
    assert f'<p class="govuk-body" lang="en">{indicator.title}</p>' in form
    assert re.search(r'<textarea[^>]+name="definition_cy"[^>]+lang="cy"', form)
    principle = marmot().principles.get(number=6)
    body = {
        "title_cy": "Disgwyliad oes adeg geni",
        "definition_cy": "Nifer cyfartalog y blynyddoedd y disgwylir i faban newydd-anedig fyw.",
        "principles": [principle.pk], "primary": "", "step": "confirm",
    }  # fmt: skip
    assert officer.post(url("indicator", indicator.code), body).status_code == 302
    indicator.refresh_from_db()
    assert indicator.title_cy == "Disgwyliad oes adeg geni"
    assert indicator.title == "Life expectancy at birth"
    event = AuditEvent.objects.get(action="indicator Welsh changed")
    assert event.before["title_cy"] == ""
    assert event.after["title_cy"] == "Disgwyliad oes adeg geni"
