"""Partner pages: who a partner is, its commitments by principle with dates and progress,
the actions it leads, its programme indicators and its case studies; officers keep the
commitments, and every change is audited."""

import pytest
from django.urls import reverse

from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.programme.models import AuditEvent
from marmot_monitor.web.stories.models import Commitment

from .conftest import DRAFT, PUBLISHED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stories")]


def test_a_partner_page_shows_who_they_are_commitments_actions_indicators_and_stories(client):
    page = client.get(reverse("stories-partner", args=["fairshire-youth"])).content.decode()
    assert "A charity that coaches young people into work" in page
    assert "Keep in touch with every young person for six months" in page
    assert "Achieved" in page
    assert 'id="partner-actions"' in page
    assert "PI1: Number of young people supported by Youth Futures" in page
    assert PUBLISHED in page
    assert "Edit who" not in page


def test_a_draft_case_study_does_not_show_on_its_partners_page(client):
    page = client.get(reverse("stories-partner", args=["fairshire-police"])).content.decode()
    assert DRAFT not in page
    assert "No published case study names this partner yet." in page


def test_the_partner_list_counts_each_partners_commitments(client):
    page = client.get(reverse("stories-partners")).content.decode()
    chamber = page.split('href="/partners/fairshire-chamber/"')[1].split("</tr>")[0]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in chamber


def test_commitments_show_on_their_principles_page(client):
    page = client.get(reverse("monitor-principle", args=[4])).content.decode()
    assert "Pay the Real Living Wage to all council staff and contractors" in page
    assert "Partners' commitments" in page


def test_an_officer_adds_a_commitment_and_the_change_is_audited(client, people):
    client.force_login(people["officer"])
    eight = Principle.objects.get(number=8, framework__is_default=True)
    response = client.post(
        reverse("stories-commitment-new", args=["fairshire-cvs"]),
        {"principle": eight.pk, "text": "Green <i>every</i> community centre",
         "made": "01/04/2025", "due": "2027-03-31", "status": "not started"},
    )  # fmt: skip
    assert response.status_code == 302
    commitment = Commitment.objects.get(partner__code="fairshire-cvs")
    event = AuditEvent.objects.get(action="commitment added")
    assert event.after["text"] == "Green <i>every</i> community centre"
    assert event.partner.code == "fairshire-cvs"
    page = client.get(reverse("stories-partner", args=["fairshire-cvs"])).content.decode()
    assert "Green &lt;i&gt;every&lt;/i&gt; community centre" in page
    assert reverse("stories-commitment-edit", args=["fairshire-cvs", commitment.pk]) in page


def test_a_commitment_due_before_it_was_made_is_refused(client, people):
    client.force_login(people["officer"])
    eight = Principle.objects.get(number=8, framework__is_default=True)
    response = client.post(
        reverse("stories-commitment-new", args=["fairshire-cvs"]),
        {"principle": eight.pk, "text": "Plant trees", "made": "2025-04-01", "due": "2024-01-01",
         "status": "not started"},
    )  # fmt: skip
    assert response.status_code == 200
    assert '<a href="#id_due">The date it is due must be after the date it was made</a>' in (
        response.content.decode()
    )
    assert not Commitment.objects.filter(partner__code="fairshire-cvs").exists()


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://example.org/", "not a site"])
def test_a_partners_website_must_be_a_web_address(client, people, website):
    client.force_login(people["officer"])
    response = client.post(reverse("stories-profile-edit", args=["dwp"]),
                           {"description": "Jobcentres.", "website": website})  # fmt: skip
    assert response.status_code == 200
    assert "Enter a web address like https://example.org" in response.content.decode()
    assert not AuditEvent.objects.filter(action="partner profile changed").exists()
