"""The officer pages that change the programme: who may use them, check your answers, the
audit entry of every change, and clear messages for bad input.

The small Fairshire demo is loaded once for the module (its programme, partners and users:
``viewer``, ``youth-editor``, ``officer``, ``admin``).
"""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from marmot_monitor.web.catalogue.models import Partner
from marmot_monitor.web.programme.models import (
    Action,
    AuditEvent,
    Priority,
    ProgrammeIndicator,
    ProgrammeTarget,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

ROLES = ("anonymous", "viewer", "youth-editor", "officer", "admin")


def page(name: str, *args) -> str:
    return reverse(f"programme-edit{name}", args=args)


def an_indicator() -> ProgrammeIndicator:
    return ProgrammeIndicator.objects.order_by("id").first()


def a_partner_body() -> dict:
    return {"name": "Fairshire Food Bank", "code": "fairshire-food-bank", "kind": "voluntary"}


URLS = {
    "programme": lambda: page(""),
    "new partner": lambda: page("-partner-new"),
    "priority": lambda: page("-priority", Priority.objects.first().pk),
    "indicator": lambda: page("-indicator", an_indicator().code),
    "targets": lambda: page("-targets", an_indicator().code),
    "aim": lambda: page("-action", Action.objects.first().number),
    "new area": lambda: page("-area-new"),
    "unknown indicator": lambda: page("-indicator", "PI999"),
}
# (what, method, url, body, answers for: anonymous, viewer, partner editor, officer, admin)
MATRIX = [
    ("change the programme", "get", "programme", None, "in 403 403 ok ok"),
    ("add a partner: form", "get", "new partner", None, "in 403 403 ok ok"),
    ("add a partner: check", "post", "new partner", "partner", "in 403 403 ok ok"),
    ("add a partner", "post", "new partner", "partner confirmed", "in 403 403 done done"),
    ("a priority", "get", "priority", None, "in 403 403 ok ok"),
    ("an indicator", "get", "indicator", None, "in 403 403 ok ok"),
    ("its targets", "get", "targets", None, "in 403 403 ok ok"),
    ("an aim", "get", "aim", None, "in 403 403 ok ok"),
    ("an area of work", "get", "new area", None, "in 403 403 ok ok"),
    ("no such indicator", "get", "unknown indicator", None, "in 403 403 404 404"),
]
CASES = [
    pytest.param(method, url, body, role, answer, id=f"{what} / {role}")
    for what, method, url, body, row in MATRIX
    for role, answer in zip(ROLES, row.split(), strict=True)
]


@pytest.mark.parametrize(("method", "url", "body", "role", "answer"), CASES)
def test_only_officers_and_admins_may_change_the_programme(client, method, url, body, role, answer):
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    data = {
        None: {},
        "partner": a_partner_body(),
        "partner confirmed": {**a_partner_body(), "step": "confirm"},
    }[body]
    address = URLS[url]()
    response = client.post(address, data) if method == "post" else client.get(address)
    expected = {"ok": 200, "done": 302, "403": 403, "404": 404, "in": 302}[answer]
    assert response.status_code == expected
    if answer == "in":
        assert response["Location"].startswith(reverse("accounts-sign-in"))
    added = Partner.objects.filter(code="fairshire-food-bank").exists()
    assert added == (answer == "done")


@pytest.fixture
def officer(client):
    client.force_login(User.objects.get(username="officer"))
    return client


@pytest.mark.parametrize(
    ("name", "record", "heading"),
    [
        ("-priority-new", None, "Add a priority"),
        ("-priority", lambda: Priority.objects.order_by("pk").first(), "Change priority: {0.name}"),
        ("-partner-new", None, "Add a partner"),
        ("-partner", lambda: Partner.objects.order_by("code").first(), "Change partner: {0.name}"),
        ("-area-new", None, "Add an area of work"),
        ("-indicator-new", None, "Add a programme indicator"),
        ("-indicator", an_indicator, "Change {0.code}"),
        ("-action-new", None, "Add an aim to the action plan"),
        ("-action", lambda: Action.objects.order_by("number").first(), "Change aim {0.number}"),
    ],
)
def test_each_add_and_change_page_is_headed_by_what_it_adds_or_changes(
    officer, name, record, heading
):
    found = record() if record else None
    key = {"-partner": "code", "-indicator": "code", "-action": "number"}.get(name, "pk")
    response = officer.get(page(name, getattr(found, key)) if found else page(name))
    assert f'<h1 class="govuk-heading-xl">{heading.format(found)}</h1>' in response.content.decode()


def test_a_valid_form_shows_the_answers_to_check_and_saves_nothing(officer):
    response = officer.post(page("-partner-new"), a_partner_body())
    text = response.content.decode()
    assert "Check your answers" in text
    assert "Fairshire Food Bank" in text
    assert "Voluntary and community sector" in text
    assert 'name="step" value="confirm"' in text
    assert not Partner.objects.filter(code="fairshire-food-bank").exists()


def test_change_your_answers_returns_to_the_form_as_filled_in(officer):
    response = officer.post(page("-partner-new"), {**a_partner_body(), "step": "change"})
    text = response.content.decode()
    assert "Check your answers" not in text
    assert 'value="Fairshire Food Bank"' in text


def test_confirming_a_new_partner_saves_it_with_its_audit_entry(officer):
    response = officer.post(page("-partner-new"), {**a_partner_body(), "step": "confirm"})
    assert response["Location"] == page("")
    partner = Partner.objects.get(code="fairshire-food-bank")
    event = AuditEvent.objects.get(action="partner added")
    assert event.username == "officer"
    assert event.record_id == str(partner.pk)
    assert event.before is None
    assert event.after["name"] == "Fairshire Food Bank"
    assert event.description == "Partner added: Fairshire Food Bank"


def _indicator_body(indicator: ProgrammeIndicator, **changes) -> dict:
    body = {
        "code": indicator.code,
        "title": indicator.title,
        "definition": indicator.definition,
        "priority": indicator.priority_id,
        "partner": indicator.partner_id,
        "directorate": indicator.directorate,
        "contact": indicator.contact,
        "unit": indicator.unit,
        "year_to_date": indicator.year_to_date,
        "polarity": indicator.polarity,
        "baseline_year": indicator.baseline_period.label if indicator.baseline_period else "",
        "baseline_value": "" if indicator.baseline_value is None else indicator.baseline_value,
        "baseline_note": indicator.baseline_note,
        "one_year_goal": "",
        "five_year_goal": "",
        "principles": list(indicator.principles.values_list("pk", flat=True)),
        "step": "confirm",
    }
    return {**body, **changes}


def test_changing_an_indicator_audits_the_record_before_and_after(officer):
    indicator = an_indicator()
    body = _indicator_body(
        indicator, polarity="low is good", one_year_goal="450", five_year_goal="900"
    )
    response = officer.post(page("-indicator", indicator.code), body)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.polarity, indicator.one_year_goal, indicator.five_year_goal) == (
        "low is good",
        450,
        900,
    )
    event = AuditEvent.objects.get(action="programme indicator changed")
    assert event.before["polarity"] == "high is good"
    assert event.after["polarity"] == "low is good"
    assert event.after["five_year_goal"] == 900


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"baseline_value": "12%"}, "Baseline value: enter a number such as 42"),
        ({"one_year_goal": "lots"}, "1-year goal: enter a number such as 42"),
        ({"baseline_year": "last year"}, "Baseline period: enter a financial year such as 2026/27"),
        ({"title": ""}, "Enter the title"),
    ],
)
def test_bad_indicator_answers_are_named_and_change_nothing(officer, changes, message):
    indicator = an_indicator()
    before = AuditEvent.objects.count()
    response = officer.post(
        page("-indicator", indicator.code), _indicator_body(indicator, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_taken_code_is_refused_naming_the_field(officer):
    first, second = ProgrammeIndicator.objects.order_by("id")[:2]
    response = officer.post(
        page("-indicator", second.code), _indicator_body(second, code=first.code)
    )
    assert "Code: another programme indicator uses this code" in response.content.decode()


def test_targets_are_set_year_by_year_and_audited(officer):
    indicator = an_indicator()
    body = {
        "year-1": "2026/27",
        "target-1": "450",
        "note-1": "",
        "year-2": "2027/28",
        "target-2": "",
        "note-2": "To be agreed",
        "step": "confirm",
    }
    response = officer.post(page("-targets", indicator.code), body)
    assert response.status_code == 302
    targets = {
        target.period.label: (target.target, target.note)
        for target in ProgrammeTarget.objects.filter(indicator=indicator)
    }
    assert targets == {"2026/27": (450, ""), "2027/28": (None, "To be agreed")}
    event = AuditEvent.objects.get(action="targets changed")
    assert event.after == {
        "2026/27": {"target": 450, "note": ""},
        "2027/28": {"target": None, "note": "To be agreed"},
    }


def test_saving_one_target_says_one_year(officer):
    indicator = an_indicator()
    body = {"year-1": "2026/27", "target-1": "450", "note-1": "", "step": "confirm"}
    response = officer.post(page("-targets", indicator.code), body, follow=True)
    said = [str(message) for message in response.context["messages"]]
    assert said == [f"{indicator.code}'s targets saved: 1 year"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"year-1": "2026", "target-1": "4"}, "Row 1 year: enter a financial year such as 2026/27"),
        ({"year-1": "", "target-1": "4"}, "Row 1: enter the year the target is for"),
        ({"year-1": "2026/27", "target-1": "four"}, "Row 1 target: enter a number such as 42"),
        (
            {"year-1": "2026/27", "target-1": "4", "year-2": "2026/27", "target-2": "5"},
            "Row 2: 2026/27 has a target already in row 1",
        ),
    ],
)
def test_bad_targets_are_named_by_row_and_change_nothing(officer, body, message):
    indicator = an_indicator()
    stored = list(ProgrammeTarget.objects.filter(indicator=indicator).values_list("pk", "target"))
    response = officer.post(page("-targets", indicator.code), {**body, "step": "confirm"})
    assert message in response.content.decode()
    assert (
        list(ProgrammeTarget.objects.filter(indicator=indicator).values_list("pk", "target"))
        == stored
    )


def test_an_aim_keeps_its_actions_one_per_line_and_its_dates(officer):
    action = Action.objects.order_by("number").first()
    body = {
        "number": action.number,
        "priority": action.priority_id,
        "aim": action.aim,
        "actions_text": "Open two youth hubs\n\n  Train 40 mentors  ",
        "lead": action.lead,
        "lead_partners": list(action.lead_partners.values_list("pk", flat=True)),
        "reporting_partner": action.reporting_partner_id or "",
        "principles": list(action.principles.values_list("pk", flat=True)),
        "starts": "1 4 2026",
        "ends": "31 3 2027",
        "step": "confirm",
    }
    assert officer.post(page("-action", action.number), body).status_code == 302
    action.refresh_from_db()
    assert action.actions == ["Open two youth hubs", "Train 40 mentors"]
    assert (action.starts.isoformat(), action.ends.isoformat()) == ("2026-04-01", "2027-03-31")
    assert AuditEvent.objects.filter(action="action changed", record_id=str(action.pk)).exists()

    body.update(starts="1 4 2027", ends="31 3 2026")
    response = officer.post(page("-action", action.number), body)
    assert (
        "End date: the aim cannot end before it starts (1 April 2027)" in response.content.decode()
    )


def test_what_an_officer_typed_is_escaped_on_the_check_page(officer):
    body = {**a_partner_body(), "name": "<script>alert(1)</script>"}
    text = officer.post(page("-partner-new"), body).content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_a_new_programme_year_rolls_targets_keeps_those_set_and_closes_chosen_aims(officer):
    with_target = ProgrammeTarget.objects.filter(period__label="2026/27").select_related(
        "indicator"
    )
    rolled = {target.indicator.code: target.target for target in with_target}
    set_already = with_target.first().indicator
    officer.post(
        page("-targets", set_already.code),
        {
            "year-1": "2026/27",
            "target-1": rolled[set_already.code],
            "year-2": "2030/31",
            "target-2": "7",
            "step": "confirm",
        },
    )
    closing = Action.objects.order_by("number").first()
    body = {"previous": "2026/27", "year": "2030/31", "close": [closing.pk], "step": "confirm"}
    response = officer.post(page("-new-year"), body, follow=True)
    count = len(rolled) - 1
    assert (
        f"2030/31 started: {count} targets rolled forward, 1 kept as already set, 1 aim closed"
        in response.content.decode()
    )
    new = {
        target.indicator.code: target.target
        for target in ProgrammeTarget.objects.filter(period__label="2030/31")
    }
    assert new == {**rolled, set_already.code: 7}
    closing.refresh_from_db()
    assert closing.is_closed
    assert AuditEvent.objects.filter(action="target rolled forward").count() == count
    assert AuditEvent.objects.filter(action="action closed", record_id=str(closing.pk)).exists()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2025/26", "New year: 2025/26 does not come after 2026/27: enter a later financial year"),
        ("2027", "New year: enter a financial year such as 2026/27"),
    ],
)
def test_a_new_year_that_is_not_later_is_refused_and_nothing_rolls(officer, year, message):
    body = {"previous": "2026/27", "year": year, "step": "confirm"}
    response = officer.post(page("-new-year"), body)
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(action="target rolled forward").exists()


def test_the_new_year_page_is_for_officers_and_admins_only(client):
    client.force_login(User.objects.get(username="viewer"))
    assert client.get(page("-new-year")).status_code == 403
