"""Changes made in the Django admin are audited like those made through returns."""

import pytest

from marmot_monitor.web.programme.models import AuditEvent, ProgrammeActual

pytestmark = pytest.mark.django_db


def test_an_actual_changed_in_the_admin_is_audited_with_before_and_after(
    programme, admin_client, admin_user
):
    actual = ProgrammeActual.objects.get(indicator__code="PI10", period__label="2026/27 Q2")
    response = admin_client.post(
        f"/admin/programme/programmeactual/{actual.pk}/change/",
        {
            "indicator": actual.indicator_id,
            "period": actual.period_id,
            "value": "345",
            "note": "Corrected by the Job Shop",
            "regional_value": "",
            "national_value": "",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="changed in admin")
    assert event.user == admin_user
    assert (event.before["value"], event.after["value"]) == (341.0, 345.0)
    assert event.after["note"] == "Corrected by the Job Shop"


def test_the_audit_trail_cannot_be_edited_or_deleted_in_the_admin(programme, admin_client):
    event = AuditEvent.objects.first()
    assert admin_client.get(f"/admin/programme/auditevent/{event.pk}/delete/").status_code == 403
    assert admin_client.get("/admin/programme/auditevent/add/").status_code == 403
