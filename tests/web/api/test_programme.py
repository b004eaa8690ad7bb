"""/api/v1/programme/indicators: signed-in users only, approved figures only."""

from django.contrib.auth.models import User

from marmot_monitor.web.programme.models import PartnerReturn, ProgrammeActual

URL = "/api/v1/programme/indicators"


def test_programme_figures_are_not_public(demo, client):
    response = client.get(URL)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_signed_in"


def test_a_viewer_sees_every_indicator_with_approved_actuals_only(demo, client):
    client.force_login(User.objects.get(username="viewer"))
    body = client.get(URL).json()
    assert {row["code"] for row in body} >= {"PI1"}
    waiting = PartnerReturn.objects.exclude(status=PartnerReturn.Status.APPROVED)
    hidden = ProgrammeActual.objects.filter(
        indicator__partner__returns__in=waiting,
        period=waiting.values("period__period")[:1],
    ).select_related("indicator", "period")
    assert hidden.exists()
    shown = {(row["code"], actual["period"]) for row in body for actual in row["actuals"]}
    for actual in hidden:
        assert (actual.indicator.code, actual.period.label) not in shown
    assert shown


def test_a_partner_editor_sees_only_their_partners_indicators(demo, client):
    editor = User.objects.get(username="youth-editor")
    client.force_login(editor)
    body = client.get(URL).json()
    assert body
    assert {row["partner"] for row in body} == {editor.membership.partner.name}
