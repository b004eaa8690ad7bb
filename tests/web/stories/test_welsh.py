"""The case study and partner pages in Welsh under /cy/: their headings, tables, buttons,
statuses and messages, and a form that keeps its user in Welsh after it saves. Their texts in
Welsh where an officer wrote them beside the English (the demo's first case study), else in
English marked lang="en" with a note in Welsh."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.programme.models import AuditEvent
from marmot_monitor.web.stories.models import CaseStudy, Commitment

from .conftest import PUBLISHED, PUBLISHED_IN_WELSH, a_study

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stories")]
IN_ENGLISH_ONLY = "Warm homes for older people in Coldwater"
HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def welsh(name: str, *args) -> str:
    with translation.override("cy"):
        return reverse(name, args=args)


def test_the_case_studies_read_in_welsh(client):
    page = client.get(welsh("stories-case-studies")).content.decode()
    assert '<h1 class="govuk-heading-xl">Astudiaethau achos</h1>' in page
    assert "Egwyddorion:" in page
    assert PUBLISHED_IN_WELSH in page
    study = client.get(welsh("stories-case-study", a_study(PUBLISHED).pk)).content.decode()
    assert "Am yr astudiaeth achos hon" in study
    assert "Beth sydd wedi newid" in study


def test_a_partners_page_reads_in_welsh_with_its_commitments_status(client):
    page = client.get(welsh("stories-partner", "fairshire-youth")).content.decode()
    assert '<h2 class="govuk-heading-l">Ymrwymiadau</h2>' in page
    assert "Wedi’i gyflawni" in page
    assert "Achieved" not in page


def test_an_officer_adding_a_commitment_in_welsh_stays_in_welsh(client, people):
    client.force_login(people["officer"])
    form = client.get(welsh("stories-commitment-new", "fairshire-cvs")).content.decode()
    assert "Cadw’r ymrwymiad" in form
    eight = Principle.objects.get(number=8, framework__is_default=True)
    response = client.post(
        welsh("stories-commitment-new", "fairshire-cvs"),
        {"principle": eight.pk, "text": "Plant trees", "made": "2025-04-01",
         "status": "not started"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == welsh("stories-partner", "fairshire-cvs")
    page = client.get(response["Location"]).content.decode()
    assert "wedi’i gadw" in page


def test_a_refused_form_says_why_in_welsh(client, people):
    client.force_login(people["officer"])
    response = client.post(welsh("stories-profile-edit", "dwp"), {"website": "not a site"})
    assert "Rhowch gyfeiriad gwe fel https://example.org" in response.content.decode()


def test_who_may_not_edit_is_told_in_welsh(client, people):
    client.force_login(people["viewer"])
    response = client.get(welsh("stories-case-study-new"))
    assert response.status_code == 403
    assert "Dim ond swyddogion rhaglen a gweinyddwyr all ychwanegu astudiaethau achos." in (
        response.content.decode()
    )


def test_a_case_study_in_welsh_shows_its_welsh_story_in_paragraphs(client):
    study = a_study(PUBLISHED)
    page = client.get(welsh("stories-case-study", study.pk)).content.decode()
    assert f'<h1 class="govuk-heading-xl">{PUBLISHED_IN_WELSH}</h1>' in page
    assert "<title>Hyfforddiant Youth Futures yn Eastfield – Astudiaethau achos" in page
    assert '<p class="govuk-body">Yn 2022 roedd un o bob wyth' in page
    assert 'lang="en"' not in page.split("<main", 1)[1].split("Am yr astudiaeth")[0]


def test_a_case_study_without_welsh_shows_its_english_marked_with_a_note(client):
    study = a_study(IN_ENGLISH_ONLY)
    page = client.get(welsh("stories-case-study", study.pk)).content.decode()
    assert f'<span lang="en">{study.title}</span> <strong class="govuk-tag' in page
    assert page.count("Nid oes fersiwn Gymraeg eto: dangosir y Saesneg.") == 2  # summary, story
    assert '<div lang="en"><p class="govuk-body">' in page


def test_the_english_case_study_page_is_unchanged(client):
    page = client.get(reverse("stories-case-study", args=[a_study(PUBLISHED).pk])).content.decode()
    assert f'<h1 class="govuk-heading-xl">{PUBLISHED}</h1>' in page
    assert PUBLISHED_IN_WELSH not in page


def test_an_officer_writes_a_case_study_in_english_and_welsh_side_by_side(client, people):
    client.force_login(people["officer"])
    form = client.get(reverse("stories-case-study-new")).content.decode()
    assert re.search(r'<textarea[^>]+name="body_cy"[^>]+lang="cy"', form)
    assert form.count('class="govuk-grid-row marmot-side-by-side"') == 3
    body = {
        "title": "Play streets", "title_cy": f"Strydoedd chwarae {HOSTILE}",
        "summary": "Streets closed so children can play.",
        "summary_cy": "Strydoedd ar gau fel y gall plant chwarae.",
        "body": "Residents asked.", "body_cy": "Gofynnodd y trigolion.",
        "metrics-TOTAL_FORMS": "0", "metrics-INITIAL_FORMS": "0",
        "quotes-TOTAL_FORMS": "0", "quotes-INITIAL_FORMS": "0",
    }  # fmt: skip
    assert client.post(reverse("stories-case-study-new"), body).status_code == 302
    study = CaseStudy.objects.get(title="Play streets")
    assert study.title_cy == f"Strydoedd chwarae {HOSTILE}"
    assert study.body_cy == "Gofynnodd y trigolion."
    assert AuditEvent.objects.get(action="case study added").after["summary_cy"] == (
        "Strydoedd ar gau fel y gall plant chwarae."
    )
    page = client.get(welsh("stories-case-study", study.pk)).content.decode()
    assert f"Strydoedd chwarae {ESCAPED}" in page
    assert HOSTILE not in page


def test_a_partners_welsh_description_and_commitment_are_saved_and_shown(client, people):
    client.force_login(people["officer"])
    body = {"description": "Jobcentres.", "description_cy": "Canolfannau gwaith.\n\nAil baragraff.",
            "website": ""}  # fmt: skip
    assert client.post(reverse("stories-profile-edit", args=["dwp"]), body).status_code == 302
    commitment = Commitment.objects.filter(partner__code="fairshire-cc").first()
    edit = reverse("stories-commitment-edit", args=["fairshire-cc", commitment.pk])
    form = client.get(edit).content.decode()
    assert re.search(r'<textarea[^>]+name="text_cy"[^>]+lang="cy"', form)
    client.post(edit, {"principle": commitment.principle_id, "text": commitment.text,
                       "text_cy": "Cadw mewn cysylltiad", "made": commitment.made.isoformat(),
                       "status": commitment.status})  # fmt: skip
    assert Commitment.objects.get(pk=commitment.pk).text_cy == "Cadw mewn cysylltiad"
    dwp = client.get(welsh("stories-partner", "dwp")).content.decode()
    assert '<p class="govuk-body">Canolfannau gwaith.</p>\n<p class="govuk-body">Ail' in dwp
    council = client.get(welsh("stories-partner", "fairshire-cc")).content.decode()
    assert '<td class="govuk-table__cell">Cadw mewn cysylltiad</td>' in council
    assert '<td class="govuk-table__cell"><span lang="en">' in council  # its other commitment
