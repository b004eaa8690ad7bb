"""POST /api/v1/programme/returns: a partner's system sends its return with a token, by the
return page's rules and audit, all or nothing; bad bodies and tokens get 4xx with the body."""

import json

import pytest
from django.contrib.auth.models import User

from marmot_monitor.web.api.tokens import READ_PROGRAMME, WRITE_RETURNS, create_token
from marmot_monitor.web.programme.models import (
    AuditEvent,
    PartnerReturn,
    ProgrammeActual,
    ReturnPeriod,
)

URL = "/api/v1/programme/returns"


@pytest.fixture
def open_quarter(demo) -> str:
    return ReturnPeriod.objects.get(status=ReturnPeriod.Status.OPEN).period.label


def post(client, body, *, user="safe-editor", scopes=(WRITE_RETURNS,)):
    made = create_token(User.objects.get(username=user), name="CRM", scopes=list(scopes), days=1)
    return client.post(
        URL,
        body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {made.secret}"},
    )


def pi7(label: str) -> ProgrammeActual:
    return ProgrammeActual.objects.get(indicator__code="PI7", period__label=label)


def test_a_partner_system_corrects_and_submits_its_sent_back_return(open_quarter, client):
    audited = AuditEvent.objects.count()
    body = {"period": open_quarter, "partner": "safe-fairshire", "figures": {"PI7": {"value": 41}}}
    response = post(client, {**body, "submit": True})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "period": open_quarter,
        "partner": "safe-fairshire",
        "status": PartnerReturn.Status.SUBMITTED,
        "changed": 1,
    }
    assert pi7(open_quarter).value == 41
    assert AuditEvent.objects.count() > audited


def test_a_refused_figure_changes_nothing(open_quarter, client):
    before = pi7(open_quarter).value
    body = {"period": open_quarter, "partner": "safe-fairshire", "submit": True}
    response = post(client, {**body, "figures": {"PI7": {"value": -3}}})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "return_refused"
    assert "PI7" in response.json()["error"]["message"]
    assert pi7(open_quarter).value == before
    assert PartnerReturn.objects.get(partner__code="safe-fairshire", period__status="open").status
    assert (
        PartnerReturn.objects.get(partner__code="safe-fairshire", period__status="open").status
        == PartnerReturn.Status.SENT_BACK
    )


def test_bad_sends_get_4xx_with_the_error_body(open_quarter, client):
    good = {"period": open_quarter, "partner": "safe-fairshire"}
    cases = [
        ("{not json", {}, 400, None),
        ({"partner": "safe-fairshire"}, {}, 400, "invalid"),
        ({**good, "period": "2026"}, {}, 400, "bad_period"),
        ({**good, "partner": "nobody"}, {}, 404, "no_return"),
        ({**good, "figures": {"PI7": {"value": "lots"}}}, {}, 400, "invalid"),
        (good, {"user": "youth-editor"}, 404, "not_found"),
        (good, {"scopes": (READ_PROGRAMME,)}, 403, "wrong_scope"),
    ]
    for body, options, status, code in cases:
        response = post(client, body, **options)
        assert response.status_code == status, (body, response.content)
        error = response.json()["error"]
        assert code is None or error["code"] == code, (body, error)


def test_without_a_token_or_session_nothing_is_sent(open_quarter, client):
    body = {"period": open_quarter, "partner": "safe-fairshire"}
    response = client.post(URL, json.dumps(body), content_type="application/json")
    assert response.status_code == 401


def test_a_submit_refused_as_incomplete_saves_none_of_the_figures_sent(open_quarter, client):
    waiting = PartnerReturn.objects.filter(
        period__status="open", status=PartnerReturn.Status.PENDING
    ).select_related("partner")
    partner_return = next(r for r in waiting if r.partner.programme_indicators.count() > 1)
    indicator = partner_return.partner.programme_indicators.order_by("id").first()
    body = {
        "period": open_quarter,
        "partner": partner_return.partner.code,
        "figures": {indicator.code: {"value": 7}},
        "submit": True,
    }
    response = post(client, body, user="officer")
    assert response.status_code == 400
    assert "a value or a note for" in response.json()["error"]["message"]
    saved = ProgrammeActual.objects.filter(indicator=indicator, period__label=open_quarter)
    assert not saved.filter(value=7).exists()
