"""A case study from draft to the public pages, the site search and the board report, with
whatever an officer types shown as text everywhere: pages, Word, PDF and HTML."""

from datetime import date

import docx
import pytest
from django.urls import reverse
from PIL import Image as Picture
from pypdf import PdfReader

from marmot_monitor.web.catalogue.models import Principle
from marmot_monitor.web.data.board import board_report, render_board_html, write_board_report
from marmot_monitor.web.programme.models import AuditEvent, ReturnPeriod
from marmot_monitor.web.stories.models import CaseStudy

from .conftest import DRAFT, PUBLISHED, a_study

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("stories")]

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"


def form(**changes) -> dict:
    eight = Principle.objects.get(number=8, framework__is_default=True)
    return {
        "title": f"Green streets {HOSTILE}",
        "summary": f"Trees planted. {HOSTILE}",
        "body": f"First paragraph\nstill first.\n\n{HOSTILE}\x0b",
        "principles": [eight.pk],
        "period_start": "01/04/2024",
        "period_end": "2025-03-31",
        "metrics-TOTAL_FORMS": "2",
        "metrics-INITIAL_FORMS": "0",
        "metrics-0-label": "Street trees [see](https://evil.example/)",
        "metrics-0-unit": "trees",
        "metrics-0-before": "40",
        "metrics-0-before_when": "2024",
        "metrics-0-after": "500",
        "metrics-0-after_when": "2025",
        "quotes-TOTAL_FORMS": "1",
        "quotes-INITIAL_FORMS": "0",
        "quotes-0-text": f"Shade at last {HOSTILE}",
        "quotes-0-attribution": "a resident",
    } | changes


def drafted(client, people) -> CaseStudy:
    client.force_login(people["officer"])
    response = client.post(reverse("stories-case-study-new"), form())
    assert response.status_code == 302, response.content.decode()[:2000]
    return CaseStudy.objects.get(title__startswith="Green streets")


def test_an_officer_drafts_a_case_study_that_only_officers_see(client, people):
    study = drafted(client, people)
    assert not study.is_published
    assert list(study.metrics.values_list("label", "before", "after")) == [
        ("Street trees [see](https://evil.example/)", 40.0, 500.0)
    ]
    assert study.body == f"First paragraph\nstill first.\n\n{HOSTILE}"
    assert AuditEvent.objects.filter(action="case study added").count() == 1
    client.logout()
    assert client.get(reverse("stories-case-study", args=[study.pk])).status_code == 404
    assert "Green streets" not in client.get(reverse("stories-case-studies")).content.decode()
    principle = client.get(reverse("monitor-principle", args=[8])).content.decode()
    assert "Green streets" not in principle


def test_a_published_case_study_shows_escaped_on_its_page_principle_and_list(client, people):
    study = drafted(client, people)
    client.post(reverse("stories-case-study-publish", args=[study.pk]))
    client.logout()
    page = client.get(reverse("stories-case-study", args=[study.pk])).content.decode()
    assert "<script>alert" not in page
    assert ESCAPED in page
    assert '<p class="govuk-body">First paragraph still first.</p>' in page
    assert "40 trees (2024)" in page
    assert "up 460 trees (1,150%)" in page
    assert "April 2024 to March 2025" in page
    for address in (reverse("stories-case-studies"), reverse("monitor-principle", args=[8])):
        shown = client.get(address).content.decode()
        assert f"Green streets {ESCAPED}" in shown
        assert "<script>alert" not in shown


def test_a_metric_without_its_figures_is_refused_naming_the_field(client, people):
    client.force_login(people["officer"])
    response = client.post(
        reverse("stories-case-study-new"), form(**{"metrics-0-after": "", "metrics-0-before": "x"})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert '<a href="#id_metrics-0-after">Enter the after figure</a>' in page
    assert "Enter the before figure as a number, like 120 or 52.5" in page
    assert not CaseStudy.objects.filter(title__startswith="Green streets").exists()


def test_the_search_finds_published_case_studies_and_partners_but_no_draft(client):
    page = client.get(reverse("monitor-search"), {"q": "coaching"}).content.decode()
    assert PUBLISHED in page
    page = client.get(reverse("monitor-search"), {"q": "night-time"}).content.decode()
    assert DRAFT not in page
    assert "No published case study matches" in page
    page = client.get(reverse("monitor-search"), {"q": "chamber"}).content.decode()
    assert 'href="/partners/fairshire-chamber/"' in page
    page = client.get(reverse("monitor-search"), {"q": "trauma-informed"}).content.decode()
    assert "Fairshire Constabulary</a>: Train every neighbourhood officer" in page


def test_deleting_a_draft_removes_it_with_its_images_and_keeps_it_in_the_audit(
    client, people, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    client.force_login(people["officer"])
    draft = a_study(DRAFT)
    picture = tmp_path / "night.png"
    Picture.new("RGB", (20, 20)).save(picture, format="PNG")
    client.post(reverse("stories-image-new", args=[draft.pk]),
                {"image": picture.open("rb"), "alt_text": "A street at night"})  # fmt: skip
    kept = list((tmp_path / "case-study-images").iterdir())
    assert len(kept) == 1
    response = client.post(reverse("stories-case-study-delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not CaseStudy.objects.filter(pk=draft.pk).exists()
    assert not kept[0].exists()
    assert AuditEvent.objects.get(action="case study deleted").before["title"] == DRAFT


def test_the_board_report_tells_the_case_studies_an_officer_picked(tmp_path):
    report = board_report("2026/27 Q2", chart=False, today=date(2026, 11, 2))
    assert [study.title for study in report.case_studies] == [PUBLISHED]
    section = report.case_studies[0]
    assert section.metrics.rows[0][3].text == "up 120 people (100%)"
    text = [
        p.text for p in docx.Document(write_board_report(report, tmp_path / "r.docx")).paragraphs
    ]
    assert "7. Case studies" in text
    assert PUBLISHED in text
    assert any("My coach didn't give up" in line for line in text)
    pdf = PdfReader(write_board_report(report, tmp_path / "r.pdf"))
    assert "7. Case studies" in "".join(page.extract_text() for page in pdf.pages)
    assert '<h2 class="govuk-heading-m">7. Case studies</h2>' in render_board_html(report)


def test_a_period_without_picks_has_no_case_study_section():
    report = board_report("2026/27 Q3", chart=False, today=date(2026, 11, 2))
    assert report.case_studies == ()
    assert "Case studies" not in render_board_html(report)


def test_hostile_text_in_a_picked_case_study_is_only_text_in_every_format(client, people, tmp_path):
    study = drafted(client, people)
    client.post(reverse("stories-case-study-publish", args=[study.pk]))
    period = ReturnPeriod.objects.get(period__label="2026/27 Q2")
    client.post(reverse("stories-board", args=["2026/27 Q2"]),
                {"case_studies": [study.pk, a_study(PUBLISHED).pk]})  # fmt: skip
    assert set(period.case_studies.all()) == {study, a_study(PUBLISHED)}
    report = board_report("2026/27 Q2", chart=False, today=date(2026, 11, 2))
    html = render_board_html(report)
    assert "<script>alert" not in html
    assert ESCAPED in html
    text = [
        p.text for p in docx.Document(write_board_report(report, tmp_path / "r.docx")).paragraphs
    ]
    assert HOSTILE in text
    pdf = PdfReader(write_board_report(report, tmp_path / "r.pdf"))
    printed = "".join(page.extract_text() for page in pdf.pages)
    assert "<b>bold</b>" in printed
    assert "Street trees [see](https://evil.example/)" in printed
    assert not any("/Annots" in page for page in pdf.pages)


def test_a_draft_cannot_be_picked_for_the_board_report(client, people):
    client.force_login(people["officer"])
    draft = a_study(DRAFT)
    response = client.post(reverse("stories-board", args=["2026/27 Q2"]),
                           {"case_studies": [draft.pk]})  # fmt: skip
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert draft.board_periods.count() == 0
